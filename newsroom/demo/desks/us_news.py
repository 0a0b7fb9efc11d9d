"""U.S. News: transit, housing and the infrastructure of American cities."""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

BUS_LINE = Topic(
    subject="the new bus line",
    stakeholders="commuters, drivers and business owners along the route",
    headlines=(
        "{place} opens its first rapid bus line, betting on faster commutes",
        "A {miles}-mile bus line aims to remake how {place} gets to work",
        "{place} riders get dedicated bus lanes after years of debate",
    ),
    variants=(
        {"miles": "9.5", "cost": "$142 million", "frequency": "10 minutes"},
        {"miles": "12", "cost": "$96 million", "frequency": "12 minutes"},
        {"miles": "7", "cost": "$180 million", "frequency": "eight minutes"},
    ),
    dek=(
        "The {cost} project runs buses every {frequency} in their own lanes, with "
        "raised platforms and pay-before-you-board stations. Businesses along the "
        "route are waiting to see whether the riders come."
    ),
    lead_subheads=("A new line opens", "Faster trips across town"),
    lead=(
        "{place}, {region}, opened its first bus rapid transit line on {weekday}, a "
        "{miles}-mile route with dedicated lanes, raised platforms and traffic signals "
        "that give buses priority at busy intersections. City officials say the {cost} "
        "project will cut the trip across town by up to a third at rush hour.",
        "Buses on the line will run every {frequency} on weekdays, with later service "
        "on Friday and Saturday nights. Riders pay at machines on the platform before "
        "boarding, which planners say will shave minutes off each trip by letting "
        "passengers use every door.",
        "The line follows one of the city's busiest corridors, linking downtown with a "
        "community college, the regional hospital and several large employers. "
        "Ridership on the old bus route it replaces had been falling for a decade.",
    ),
    detail_subheads=("Who paid, and who paid the price", "Building the corridor"),
    detail=(
        "To make room for the bus lanes, the city removed a lane of parking along much "
        "of the corridor and rebuilt sidewalks at every station. Federal "
        "transportation grants covered a little over half of the cost; the rest came "
        "from a local sales tax approved by voters four years ago.",
        "Construction took longer than promised, and several small businesses along "
        "the route say the disruption cost them customers. The city set up a relief "
        "fund during the work, though owners said payments were slow and modest.",
        "Transit officials will measure the project against a handful of targets: "
        "<strong>average trip time, on-time performance and first-year "
        "ridership</strong>. They have promised to publish the figures every quarter.",
        "Each station has real-time arrival screens, level boarding for wheelchairs "
        "and strollers, and shelters designed for the region's weather. Bike racks on "
        "every bus and secure bicycle parking at the busiest stops are meant to extend "
        "the line's reach into surrounding neighborhoods.",
    ),
    context=(
        "Bus ridership in {place} peaked decades ago and declined steadily as the city "
        "spread outward and service was cut back. By the time planning for the new "
        "line began, buses on the corridor were often stuck in the same traffic as "
        "cars, and many riders had given up.",
        "Planners studied rapid bus lines in other mid-sized American cities, several "
        "of which saw ridership rise within a few years of opening. They also studied "
        "the failures, where buses lost their lanes to parking or traffic signals were "
        "never properly adjusted.",
    ),
    next=(
        "Rides are free for the first two weeks to encourage people to try the line. "
        "The city council is due to decide next spring whether to begin planning a "
        "second route running north to south.",
        "Traffic engineers will adjust signal timing over the coming months as they "
        "see how the corridor performs, and officials have asked riders to report "
        "problems through the transit agency's app.",
    ),
    voices=(
        (
            "a community college student who rode the line on its first morning",
            "I used to leave an hour before class and still be late. Today I had time "
            "for coffee. If it stays like this, I am never driving to campus again.",
        ),
        (
            "the city's transit director",
            "We designed this so the bus is the fastest way across town, not the "
            "option of last resort. If we get that right, people will choose it.",
        ),
        (
            "a nurse who commutes to the regional hospital",
            "My shift starts at seven. If this gets me there on time without a car, it "
            "changes my whole budget.",
        ),
        (
            "who owns a hardware store on the corridor",
            "Two years of torn-up streets nearly finished us. I hope the riders come, "
            "because we paid for this too.",
        ),
    ),
    key_points=(
        "{place} opened a {miles}-mile bus rapid transit line with dedicated lanes.",
        "Buses run every {frequency} on weekdays.",
        "The {cost} project was paid for by federal grants and a local sales tax.",
        "Riders pay on the platform and can board through any door.",
        "Some businesses say construction delays cost them customers.",
        "Rides are free for the first two weeks.",
    ),
    faqs=(
        (
            "What is bus rapid transit?",
            "A bus service designed to work more like a train line: dedicated lanes, "
            "stations with raised platforms, payment before boarding and priority at "
            "traffic signals.",
        ),
        (
            "How much does it cost to ride?",
            "The standard fare is the same as on other city buses, and rides are free "
            "for the first two weeks of service.",
        ),
        (
            "Will there be more lines?",
            "The city council is expected to decide next spring whether to start "
            "planning a second route.",
        ),
    ),
    summary=(
        "{place} has opened a {miles}-mile rapid bus line with its own lanes and "
        "frequent service, a {cost} bet that faster buses will win back riders. "
        "Businesses hurt by construction are hoping it pays off."
    ),
    tags=("Transit", "Transportation", "Cities", "Infrastructure", "Commuting"),
)

ZONING = Topic(
    subject="the zoning changes",
    stakeholders="renters, homeowners and builders",
    headlines=(
        "{place} votes to allow apartments near transit in housing overhaul",
        "{place} council ends single-family-only zoning on a {vote} vote",
        "Can new zoning rules ease {place}'s housing crunch? The city will find out",
    ),
    variants=(
        {"units": "2,400", "vote": "7-2"},
        {"units": "1,800", "vote": "6-3"},
        {"units": "3,100", "vote": "5-4"},
    ),
    dek=(
        "Supporters say the changes could open the way for {units} new homes within a "
        "decade. Opponents fear traffic, parking pressure and the loss of older "
        "neighborhoods' character."
    ),
    lead_subheads=("What the council decided", "A rewrite of the rules"),
    lead=(
        "The city council in {place}, {region}, voted {vote} on {weekday} to rewrite "
        "its zoning code, allowing duplexes and small apartment buildings in "
        "neighborhoods that had been reserved for single-family homes and permitting "
        "taller buildings within a short walk of major bus routes.",
        "City planners estimate the changes could make room for about {units} "
        "additional homes over the next ten years, though they stressed that the pace "
        "would depend on interest rates, construction costs and the appetite of local "
        "builders.",
        "The vote followed more than a year of public meetings, some of which ran past "
        "midnight, and two rounds of amendments that scaled back the height limits "
        "first proposed for streets near historic districts.",
    ),
    detail_subheads=("Why the city acted", "What changes on the ground"),
    detail=(
        "Rents in {place} have risen faster than wages for most of the past decade, "
        "according to the city's own housing report, and the waiting list for "
        "subsidized apartments has grown to several thousand households. Young "
        "families and older residents hoping to downsize have been squeezed hardest.",
        "The new rules also reduce parking requirements for buildings near transit and "
        "shorten the review process for projects that include income-restricted units. "
        "Developers who set aside a share of homes for lower-income households may "
        "build <strong>an extra floor</strong>.",
        "Neighborhood associations that opposed the plan argued that the city's roads, "
        "schools and sewers were not ready for more residents, and that the changes "
        "would reward speculators rather than local families. Several said they would "
        "watch closely how the first projects are approved.",
        "The planning department will also offer pre-approved designs for duplexes and "
        "backyard cottages, which homeowners can use without hiring an architect. "
        "Officials hope the designs will let small local builders and families take "
        "part, not just large developers.",
    ),
    context=(
        "Like many American cities, {place} adopted zoning rules in the middle of the "
        "last century that set aside most residential land for detached single-family "
        "homes. Apartment buildings were confined to a few corridors, and minimum lot "
        "sizes kept smaller, cheaper homes off the market.",
        "Housing researchers have linked such rules to rising prices and longer "
        "commutes, and a growing number of cities and states have loosened them in "
        "recent years. Evidence on the results is still emerging, and both sides point "
        "to studies that favor their view.",
    ),
    next=(
        "The new code takes effect in 60 days. The planning department will publish a "
        "map showing which lots are affected, and will report to the council each year "
        "on how many homes have been permitted under the new rules.",
        "Opponents have not ruled out a petition drive to put parts of the change to "
        "voters, though organizers acknowledged that collecting enough signatures "
        "would be difficult.",
    ),
    voices=(
        (
            "a local builder who specializes in small apartment buildings",
            "For twenty years the rules said I could build one house on a lot where "
            "three families could live. Now we can build what people actually ask for.",
        ),
        (
            "a council member who voted in favor",
            "We can keep telling our kids there is no place for them here, or we can "
            "change the rules that made that true. I chose to change the rules.",
        ),
        (
            "who leads a neighborhood association on the city's east side",
            "Nobody here is against housing. We are against decisions made without a "
            "plan for the streets and schools that have to absorb it.",
        ),
        (
            "a renter who has moved three times in four years",
            "Every lease renewal has been a shock. More homes will not fix that "
            "overnight, but doing nothing certainly would not.",
        ),
    ),
    key_points=(
        "{place} voted {vote} to allow duplexes and small apartment buildings "
        "citywide.",
        "Taller buildings are permitted near major bus routes.",
        "Planners estimate room for about {units} more homes over ten years.",
        "Parking requirements are reduced near transit.",
        "Projects with income-restricted units can add an extra floor.",
        "The new code takes effect in 60 days.",
    ),
    faqs=(
        (
            "Does this mean my street will change?",
            "Possibly, but gradually. The changes allow more types of housing; they do "
            "not require anything to be built. The city will publish a map of affected "
            "lots.",
        ),
        (
            "Will rents come down?",
            "Not quickly. Planners expect more supply to slow rent increases over "
            "years rather than months, and much depends on construction costs and "
            "interest rates.",
        ),
        (
            "Can the decision be reversed?",
            "A future council could amend the code. Opponents have also discussed a "
            "petition to put parts of it to a public vote.",
        ),
    ),
    summary=(
        "{place} has voted {vote} to loosen its zoning code, allowing more kinds of "
        "housing across the city and taller buildings near transit. Planners hope for "
        "{units} new homes in a decade; neighborhood groups want a plan for roads and "
        "schools."
    ),
    tags=("Housing", "Zoning", "Local government", "Rent", "Cities"),
)

BRIDGE = Topic(
    subject="the bridge closure",
    stakeholders="commuters, delivery drivers and emergency crews",
    headlines=(
        "{place} closes aging bridge after inspectors find corrosion",
        "Commuters face {detour} detours as {place} shuts a key river crossing",
        "Inside the decision to close {place}'s busiest bridge",
    ),
    variants=(
        {
            "year_built": "1958",
            "detour": "20-minute",
            "minutes": "20 minutes",
            "vehicles": "31,000",
        },
        {
            "year_built": "1962",
            "detour": "25-minute",
            "minutes": "25 minutes",
            "vehicles": "24,000",
        },
        {
            "year_built": "1949",
            "detour": "15-minute",
            "minutes": "15 minutes",
            "vehicles": "38,000",
        },
    ),
    dek=(
        "The crossing, built in {year_built} and used by about {vehicles} vehicles a "
        "day, will stay shut while engineers decide whether it can be repaired. "
        "Businesses and emergency services are adjusting to long detours."
    ),
    lead_subheads=("Why the bridge closed", "Corrosion beneath the deck"),
    lead=(
        "State and city officials closed one of the main river crossings in {place}, "
        "{region}, on {weekday} after a routine inspection found corrosion in several "
        "of the steel supports beneath the deck. The bridge, built in {year_built}, "
        "carries about {vehicles} vehicles on a typical weekday.",
        "Engineers said there was no sign of imminent collapse, but that they could "
        "not rule out further deterioration without a closer look, which requires "
        "closing the bridge to traffic. Pedestrians and cyclists are also barred while "
        "scaffolding is installed.",
        "Drivers have been directed to two other crossings, adding {minutes} or more "
        "to many trips at rush hour. The city has retimed traffic lights along the "
        "detour routes and posted officers at the busiest intersections.",
    ),
    detail_subheads=("Repair or replace?", "Getting around in the meantime"),
    detail=(
        "The bridge had been rated in fair condition at its previous inspection two "
        "years ago, and a rehabilitation project was already in the state's long-term "
        "plan. Officials said the new findings moved that work to the top of the list.",
        "Fire and ambulance services have positioned additional crews on the far side "
        "of the river to keep response times down. School districts said some bus "
        "routes would start earlier until the bridge reopens.",
        "Engineers will spend the next several weeks taking samples and testing the "
        "steel. They will then recommend whether the bridge can be repaired and "
        "reopened, possibly with weight limits, or whether it needs to be replaced, a "
        "project that could take years.",
        "The closure has exposed how few ways there are across the river. Of the "
        "city's three crossings, the closed bridge carried nearly half of the traffic, "
        "and transportation officials acknowledge that the other two were not designed "
        "to absorb that load for long.",
    ),
    context=(
        "Much of the country's bridge network was built in the decades after the "
        "Second World War and is now reaching the end of its design life. Federal data "
        "show thousands of bridges rated in poor condition nationwide, many of them "
        "carrying heavy daily traffic.",
        "In {place}, the closed crossing had been on a list of priority repairs for "
        "several years. A request for money for a full rehabilitation was submitted to "
        "the state two budget cycles ago but was deferred in favor of other projects.",
    ),
    next=(
        "Officials promised weekly public updates and said they would publish the full "
        "inspection report once testing is complete. The state transportation "
        "department is reviewing emergency funding options.",
        "In the meantime, the transit agency is adding trips on two bus routes that "
        "use the other crossings and has asked large employers to consider staggered "
        "shifts.",
    ),
    voices=(
        (
            "a fire captain whose station sits on the far side of the river",
            "We have moved an engine across the river and worked out new routes. We "
            "are ready. But every extra minute on a call matters, and everyone here "
            "knows it.",
        ),
        (
            "the state's bridge engineer for the region",
            "Closing a bridge is never a decision we take lightly. But we will not ask "
            "people to drive over something we cannot yet vouch for.",
        ),
        (
            "a delivery driver who crosses the river several times a day",
            "What used to be a five-minute hop is now the worst part of my day. I "
            "understand why they did it. I just hope they move fast.",
        ),
        (
            "who manages a diner near the bridge",
            "Half our breakfast crowd came over that bridge. We are putting out signs "
            "for the detour and hoping people find their way back.",
        ),
    ),
    key_points=(
        "A major bridge in {place} has closed after inspectors found corrosion.",
        "The {year_built} crossing carries about {vehicles} vehicles a day.",
        "Detours add {minutes} or more to many rush-hour trips.",
        "Emergency services have moved crews to keep response times down.",
        "Engineers will decide within weeks whether to repair or replace it.",
    ),
    faqs=(
        (
            "Is the bridge in danger of collapsing?",
            "Engineers say there is no sign of imminent collapse, but they closed it "
            "as a precaution while they test the corroded steel.",
        ),
        (
            "How long will it be closed?",
            "At least several weeks while testing is done. If the bridge must be "
            "replaced rather than repaired, the closure could last much longer.",
        ),
        (
            "How else can I cross the river?",
            "Drivers are directed to two other crossings, and the transit agency is "
            "adding bus trips on routes that use them.",
        ),
    ),
    summary=(
        "A {year_built} bridge carrying {vehicles} vehicles a day in {place} is closed "
        "after inspectors found corroded supports. Detours are long, and engineers "
        "have weeks of testing ahead before deciding whether it can be saved."
    ),
    tags=("Infrastructure", "Transportation", "Bridges", "Public safety", "Commuting"),
)

DESK = Desk(
    slug="us-news",
    name="U.S. News",
    description=(
        "Across the United States: how cities and towns build, move, house and look "
        "after the people who live in them."
    ),
    palette=Palette(
        "slate blue and coral",
        dark=(28, 36, 64),
        mid=(70, 90, 140),
        accent=(236, 104, 86),
        light=(236, 238, 246),
    ),
    motif="stripes",
    reporters=("daniel-okafor", "ruth-calloway", "helena-marsh"),
    places=(
        Place("Duluth", "Minnesota"),
        Place("Tucson", "Arizona"),
        Place("Savannah", "Georgia"),
        Place("Spokane", "Washington"),
        Place("Dayton", "Ohio"),
        Place("Albuquerque", "New Mexico"),
        Place("Chattanooga", "Tennessee"),
        Place("Burlington", "Vermont"),
    ),
    names=Names(
        first=("Dana", "Marcus", "Leah", "Trevor", "Keisha", "Owen", "Rosa", "Caleb"),
        last=("Hollister", "Brannigan", "Pruitt", "Delacroix", "Whitcomb", "Sandoval"),
    ),
    background_subheads=("The national picture", "Not just a local story"),
    background=(
        "The issue reaches well beyond {region}. Cities across the country are "
        "wrestling with infrastructure, housing and transit built for a different era, "
        "and with the question of how to pay to update it while keeping everyday costs "
        "manageable for residents.",
        "Federal money has helped. Grants from recent infrastructure programs have "
        "flowed to states and cities for roads, bridges, transit and water systems, "
        "but local officials say the grants rarely cover the full cost, and "
        "competition for them is fierce.",
        "In many places, the harder work is political rather than technical. Projects "
        "that touch streets, neighborhoods and parking stir strong feelings, and "
        "public meetings have become long, sometimes bruising affairs.",
        "Residents' patience is also a factor. Surveys in several cities have found "
        "broad support for better services in principle, alongside frustration over "
        "delays, cost overruns and disruption during construction.",
        "Construction costs have added to the difficulty. Prices for materials and "
        "labor rose sharply in recent years, and many projects approved on earlier "
        "estimates have needed more money or smaller plans before they could go ahead.",
        "Mid-sized cities face particular challenges. They often lack the large "
        "engineering and planning staffs of major metropolitan areas, yet must manage "
        "aging systems that serve hundreds of thousands of people.",
    ),
    outlook_subheads=("The politics of it", "Looking ahead"),
    outlook=(
        "Local elections next year are likely to turn at least partly on how {topic} "
        "plays out, and candidates in several districts have already staked out "
        "positions.",
        "For now, officials in {place} say the focus is on communicating clearly with "
        "residents and keeping promises on timing and cost, two areas where they "
        "acknowledge the city has fallen short before.",
        "Civic groups plan to hold their own community meetings over the next month to "
        "gather questions and pass them on to city hall.",
    ),
    topics=(BUS_LINE, ZONING, BRIDGE),
)

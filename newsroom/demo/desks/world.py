"""World: coastlines, food and water, told from cities around the globe."""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

SEA_WALL = Topic(
    subject="the sea wall",
    stakeholders="fishing families, engineers and shop owners",
    headlines=(
        "{place} approves {amount} sea wall as tides reach further inland",
        "Rising seas push {place} to build a {km}-kilometer flood barrier",
        "In {place}, a sea wall plan divides the neighborhoods it is meant to protect",
    ),
    variants=(
        {
            "amount": "$240 million",
            "km": "nine",
            "lender": "a regional development bank",
        },
        {"amount": "$410 million", "km": "14", "lender": "a consortium of lenders"},
        {"amount": "$185 million", "km": "six", "lender": "an adaptation fund"},
    ),
    dek=(
        "City leaders in {place} say the barrier will shield homes and the port for "
        "decades. Fishing families worry it will cut them off from the water they "
        "live by."
    ),
    lead_subheads=("What the city approved", "A barrier against the storm surge"),
    lead=(
        "Officials in {place}, {region}, approved a {amount} plan on {weekday} to "
        "build a {km}-kilometer sea wall along the city's most exposed stretch of "
        "coast, the largest public works project the city has attempted in a "
        "generation. The barrier, financed largely by {lender}, is designed to hold "
        "back storm surges that have flooded low-lying districts three times in the "
        "past five years.",
        "Engineers presented the council with maps showing how far the sea could reach "
        "during a severe storm by the middle of the century. In the worst of those "
        "scenarios, water would cover the central market, two hospitals and much of "
        "the road to the port. Construction is expected to begin early next year and "
        "to take about four years.",
        "The vote was not unanimous. Several council members asked for more time to "
        "study alternatives, including restoring the mangroves and wetlands that once "
        "buffered the shore, before the city commits to decades of maintenance costs.",
    ),
    detail_subheads=("How the wall would work", "Who is protected, and who is not"),
    detail=(
        "The design calls for a raised concrete embankment topped with a public "
        "promenade, broken by gates that can be closed when a storm is forecast. "
        "Planners say the promenade is meant to keep the waterfront open to residents "
        "rather than turning it into a fortress, and that the gates will stay open on "
        "all but a handful of days each year.",
        "About <strong>{km} kilometers</strong> of shoreline would be covered in the "
        "first phase. A second phase, not yet funded, would extend protection to the "
        "fishing settlements further along the bay, which is where most of the "
        "objections have come from.",
        "Residents of those settlements say the first phase could push floodwater "
        "towards them. The city's engineers dispute that, but have agreed to "
        "commission an independent study of how the wall would change currents along "
        "the unprotected shore, and to publish it before construction begins.",
        "Maintenance is the part of the plan that worries budget officials most. "
        "Engineers estimate that keeping the gates, pumps and embankment in working "
        "order will cost the city several million dollars a year, money that will have "
        "to be found long after the lenders have moved on to other projects.",
    ),
    context=(
        "The sea has been edging into {place} for years. Residents of the lowest "
        "districts describe high tides that once stopped at the harbor steps now "
        "reaching front doors several times a season, and shopkeepers near the market "
        "keep sandbags stacked by their counters from one rainy season to the next.",
        "A first proposal for coastal defenses was drawn up more than a decade ago but "
        "shelved for lack of money. The plan approved this week borrows from that "
        "design, updated with newer projections of sea level rise and lessons from "
        "cities that built barriers earlier.",
    ),
    next=(
        "Public hearings on the final design are scheduled over the coming weeks, and "
        "the lenders have said they will release the first money only once an "
        "environmental assessment is complete. Fishing cooperatives have asked for a "
        "seat on the committee that will oversee construction.",
        "City officials say the mangrove restoration proposed by critics is not an "
        "alternative to the wall but could complement it, and have promised a pilot "
        "project on a stretch of the northern shore.",
    ),
    voices=(
        (
            "a shopkeeper whose stall has flooded twice since the spring",
            "I have lost stock to the water three times. If the wall keeps the sea out "
            "of the market, I will be the first to cheer. I just want them to build it "
            "quickly.",
        ),
        (
            "the city's chief engineer",
            "We are building for the sea we will have in thirty years, not the sea we "
            "had when my grandparents were fishing here.",
        ),
        (
            "a fisherman who has worked the bay for three decades",
            "Nobody asked us where our boats will go when the gates are closed. We are "
            "not against protection. We are against being an afterthought.",
        ),
        (
            "a coastal ecologist at a local university",
            "Concrete buys time. Wetlands buy time too, and they repair themselves. "
            "The best plans use both.",
        ),
    ),
    key_points=(
        "{place} approved a {amount} plan for a {km}-kilometer sea wall.",
        "Most of the money comes from {lender}.",
        "Storm surges have flooded low-lying districts three times in five years.",
        "Construction is expected to start early next year and last about four years.",
        "Fishing settlements outside the first phase fear water will be pushed their "
        "way.",
        "An independent study of currents along the unprotected shore is promised.",
    ),
    faqs=(
        (
            "Why does {place} need a sea wall now?",
            "Repeated storm surges have flooded homes, the central market and roads to "
            "the port in recent years, and city engineers expect higher sea levels to "
            "make such floods more frequent.",
        ),
        (
            "Who is paying for it?",
            "Most of the {amount} comes from {lender}. The city covers the rest, and "
            "the cost of maintenance once the wall is built.",
        ),
        (
            "Are there alternatives?",
            "Critics favor restoring mangroves and wetlands along the shore. City "
            "officials say those could complement the wall, and have promised a pilot "
            "project, but not replace it.",
        ),
    ),
    summary=(
        "{place} has approved a {amount} sea wall to protect its center and port from "
        "storm surges. Supporters call it overdue; fishing communities left outside "
        "the first phase want guarantees they will not bear the cost."
    ),
    tags=("Climate", "Coastal flooding", "Infrastructure", "Adaptation", "Fishing"),
)

GRAIN_RESERVE = Topic(
    subject="the grain reserve",
    stakeholders="farmers, traders and aid workers",
    headlines=(
        "Delegates in {place} agree shared grain reserve to cushion price shocks",
        "{nations} nations sign food reserve pact at {place} summit",
        "Food ministers meeting in {place} back emergency grain stockpile",
    ),
    variants=(
        {"nations": "Fourteen", "count": "14", "tonnes": "two million"},
        {"nations": "Seventeen", "count": "17", "tonnes": "1.5 million"},
        {"nations": "Twenty-one", "count": "21", "tonnes": "2.8 million"},
    ),
    dek=(
        "The agreement commits {count} countries to hold {tonnes} tonnes of grain in "
        "shared storage, to be released when harvests fail or prices spike. Aid groups "
        "called it a start."
    ),
    lead_subheads=("What the ministers agreed", "A deal after three days of talks"),
    lead=(
        "Agriculture ministers from {count} countries meeting in {place}, {region}, "
        "agreed on {weekday} to build a shared grain reserve of {tonnes} tonnes, to be "
        "drawn on when harvests fail or world prices jump. The deal came after three "
        "days of negotiations that at one point appeared close to collapse over how "
        "the cost would be divided.",
        "Under the agreement, each country will hold part of the reserve in its own "
        "warehouses but release it under common rules, overseen by a small "
        "secretariat. Poorer members will contribute less grain and receive technical "
        "help to build storage that keeps pests and damp out.",
        "The idea has circulated for more than a decade, but officials said a run of "
        "poor harvests and volatile shipping costs had made governments more willing "
        "to give up some control over their own stocks.",
    ),
    detail_subheads=("How the reserve would work", "The fine print"),
    detail=(
        "Releases will be triggered when the price of staple grains rises more than a "
        "set percentage above its three-year average, or when a member declares a food "
        "emergency. Negotiators spent most of the final night on the wording of that "
        "trigger, which exporting countries worried could be used to push down prices "
        "for their farmers.",
        "The reserve will be built up over <strong>five years</strong>. In the first "
        "year, members will contribute mainly rice and maize; wheat and sorghum will "
        "follow. Storage sites will be audited every six months, and the results "
        "published.",
        "Aid organizations that attended as observers welcomed the deal but noted that "
        "the reserve would cover only a few weeks of consumption in a severe crisis. "
        "They urged members to pair it with support for small farmers, who grow most "
        "of the region's food.",
        "Storage is the practical challenge. Officials estimate that about a third of "
        "the warehouses now used by member governments need repairs before they can "
        "hold grain safely for long periods, and the agreement sets aside a small fund "
        "to help the poorest members bring theirs up to standard.",
    ),
    context=(
        "Food prices across much of the developing world rose sharply in recent years "
        "as droughts, floods and disruptions to shipping collided. Governments that "
        "relied on imports found themselves bidding against each other for the same "
        "cargoes, often at the worst possible moment.",
        "Earlier attempts at regional food reserves struggled because members were "
        "reluctant to hand over control of their stocks or to pay for storage that "
        "might sit unused for years. Negotiators in {place} said they had studied "
        "those failures closely.",
    ),
    next=(
        "Each government must now ratify the agreement, a process officials expect to "
        "take up to a year. The secretariat will be based in {place}, and its first "
        "task will be an inventory of existing public storage across member states.",
        "Ministers agreed to meet again next year to review progress and to consider "
        "several countries that have asked to join.",
    ),
    voices=(
        (
            "a grain trader who has worked in the regional market for twenty years",
            "Markets hate surprises. A reserve with clear rules for release makes our "
            "job easier, because everyone knows what happens when prices run away.",
        ),
        (
            "a senior negotiator for one of the exporting countries",
            "Our farmers needed to know this would not become a tool to undercut them. "
            "The final text gives them that assurance, and it gives hungry families a "
            "floor they did not have before.",
        ),
        (
            "a regional director for an aid coalition",
            "A reserve is only as good as the roads and the rules that move it. We "
            "will judge this by how fast grain reaches people in the first real "
            "emergency.",
        ),
        (
            "a maize farmer who traveled to the summit with a growers' association",
            "When prices crash we lose, and when prices soar we cannot afford seed. "
            "Anything that makes the swings smaller helps.",
        ),
    ),
    key_points=(
        "{count} countries agreed to build a shared reserve of {tonnes} tonnes of "
        "grain.",
        "Releases are triggered by price spikes or a declared food emergency.",
        "Grain stays in national warehouses under common rules and regular audits.",
        "The reserve will be built up over five years, starting with rice and maize.",
        "A secretariat will be based in {place}.",
        "Each government must still ratify the deal.",
    ),
    faqs=(
        (
            "What is a grain reserve?",
            "A stockpile of staple grains held back from the market and released in "
            "emergencies or when prices rise sharply, to keep food affordable.",
        ),
        (
            "Which countries are involved?",
            "{count} countries signed the agreement in {place}. Others have asked to "
            "join and will be considered at next year's meeting.",
        ),
        (
            "When will it make a difference?",
            "Not immediately. The reserve will be built up over five years, and "
            "governments must first ratify the agreement.",
        ),
    ),
    summary=(
        "Ministers from {count} countries meeting in {place} agreed to build a shared "
        "{tonnes}-tonne grain reserve to soften price shocks and failed harvests. It "
        "must still be ratified, and aid groups say it will need to move fast to "
        "matter."
    ),
    tags=("Food security", "Agriculture", "Trade", "Summits", "Farming"),
)

WATER_RATIONING = Topic(
    subject="water rationing",
    stakeholders="households, hospitals and small businesses",
    headlines=(
        "{place} starts water rationing as reservoirs fall to {level}",
        "Taps run dry on schedule in {place} as drought enters a third year",
        "Drought forces {place} to ration water by neighborhood",
    ),
    variants=(
        {"level": "18 percent"},
        {"level": "23 percent"},
        {"level": "15 percent"},
    ),
    dek=(
        "Households will receive piped water on a rotating schedule while the city "
        "races to fix leaks and drill new wells. Officials say the measures could last "
        "until the rains return."
    ),
    lead_subheads=("Rationing begins", "A city on a water schedule"),
    lead=(
        "Authorities in {place}, {region}, began rationing piped water on {weekday}, "
        "with neighborhoods taking turns to receive supply on a published schedule, "
        "after the reservoirs that serve the city fell to {level} of capacity. It is "
        "the first time the city has rationed water since a severe drought more than "
        "twenty years ago.",
        "Hospitals, clinics and schools are exempt from the rotation, and the utility "
        "says it will run tanker trucks to districts where pressure is too low to "
        "reach upper floors. Businesses that use large volumes of water, including car "
        "washes and some factories, have been told to cut consumption by a third.",
        "Rainfall over the reservoirs' catchment has been well below average for two "
        "consecutive wet seasons, and forecasters have so far offered little hope of "
        "relief before the end of the year.",
    ),
    detail_subheads=("Leaks, wells and tanker trucks", "How the rotation works"),
    detail=(
        "The utility estimates that roughly <strong>a third</strong> of the water it "
        "treats is lost to leaking pipes before it reaches a tap. Crews have been "
        "redeployed to repair the worst of the mains, and the city has offered a bonus "
        "to contractors who finish sections early.",
        "Residents can check their district's supply days through a text-message "
        "service and on posters in markets and bus stations. Officials have asked "
        "people to store only what they need, warning that water kept in open "
        "containers can breed mosquitoes.",
        "The city is also drilling emergency wells on its outskirts, although "
        "hydrologists caution that groundwater is itself under strain and must be "
        "managed carefully to avoid drawing in salt water near the coast.",
        "Small businesses say the schedule is hardest on them. Laundries, restaurants "
        "and hair salons that cannot store enough water for a full day's work have cut "
        "their opening hours, and some owners say they are losing a quarter or more of "
        "their usual income.",
    ),
    context=(
        "The city's water system was designed for a population less than half its "
        "current size. New neighborhoods on the outskirts were connected to the "
        "network in a hurry, often with pipes that leak at the joints, and investment "
        "in storage has not kept pace with growth.",
        "Engineers warned more than five years ago that a long drought would push the "
        "reservoirs close to their limits. A second reservoir was approved but stalled "
        "over land disputes, and it is still years from completion.",
    ),
    next=(
        "The utility will review the schedule every two weeks and says rationing will "
        "ease in stages once reservoirs recover above 40 percent. A longer-term plan, "
        "including a wastewater recycling plant, is due before the city council next "
        "month.",
        "Meteorologists will publish their seasonal outlook in the coming weeks. "
        "Officials said they were preparing for the possibility that rationing could "
        "continue into next year.",
    ),
    voices=(
        (
            "a schoolteacher who lives in one of the first districts on the rotation",
            "The children ask why the tap is dry on some mornings. We have turned it "
            "into a lesson about where water comes from. But it is not a lesson anyone "
            "wanted.",
        ),
        (
            "the utility's operations director",
            "Every liter we save now is a liter we have in three months. We would "
            "rather ask people to adjust today than turn off the taps completely "
            "later.",
        ),
        (
            "who runs a family restaurant near the central market",
            "We fill every pot and bucket the night before our supply day. It is hard, "
            "but people here remember the last drought and they know how to manage.",
        ),
        (
            "a hydrologist who advises the regional government",
            "Rationing treats the symptom. Fixing leaks and recycling wastewater treat "
            "the cause, and both take years, so they have to start now.",
        ),
    ),
    key_points=(
        "{place} has begun rationing piped water by neighborhood.",
        "Reservoirs serving the city have fallen to {level} of capacity.",
        "Hospitals, clinics and schools are exempt from the rotation.",
        "About a third of treated water is lost to leaks before it reaches homes.",
        "Emergency wells are being drilled, though groundwater is also under strain.",
        "Rationing will ease in stages once reservoirs recover above 40 percent.",
    ),
    faqs=(
        (
            "How do residents know when they will have water?",
            "The utility publishes a schedule by district, available by text message "
            "and on posters in markets and bus stations.",
        ),
        (
            "Who is exempt?",
            "Hospitals, clinics and schools keep a continuous supply. Tanker trucks "
            "serve districts where pressure is too low.",
        ),
        (
            "How long will rationing last?",
            "It will be reviewed every two weeks and eased once reservoirs recover "
            "above 40 percent, which may not happen until the next rainy season.",
        ),
    ),
    summary=(
        "With reservoirs at {level} of capacity after two failed wet seasons, {place} "
        "is rationing water by neighborhood while it repairs leaks and drills "
        "emergency wells. Officials say restrictions could last until the rains return."
    ),
    tags=("Drought", "Water", "Climate", "Public services", "Cities"),
)

DESK = Desk(
    slug="world",
    name="World",
    description=(
        "Reporting from every continent: climate and coastlines, food and water, trade "
        "routes, and the people living through the changes."
    ),
    palette=Palette(
        "deep navy and amber",
        dark=(14, 32, 66),
        mid=(24, 92, 120),
        accent=(242, 169, 59),
        light=(226, 236, 240),
    ),
    motif="globe",
    reporters=("daniel-okafor", "tomasz-wren", "lena-osei"),
    places=(
        Place("Mombasa", "Kenya"),
        Place("Valparaíso", "Chile"),
        Place("Da Nang", "Vietnam"),
        Place("Accra", "Ghana"),
        Place("Cebu", "the Philippines"),
        Place("Recife", "Brazil"),
        Place("Chattogram", "Bangladesh"),
        Place("Durban", "South Africa"),
    ),
    names=Names(
        first=("Amina", "Rafael", "Mei", "Tendai", "Farah", "Joaquín", "Anil", "Kwame"),
        last=("Haddad", "Ferreira", "Moyo", "Rahimi", "Castillo", "Mehta", "Asante"),
    ),
    background_subheads=("The bigger picture", "Part of a wider pattern"),
    background=(
        "{region} is far from alone. Across the tropics and subtropics, cities that "
        "grew quickly over the past half century are now confronting the cost of "
        "building where water, heat and weather are becoming less predictable, often "
        "with budgets drawn up for a milder climate.",
        "International finance has begun to follow. Development lenders and climate "
        "funds have set aside growing sums for adaptation, but officials in many "
        "countries say the money is slow to arrive and comes with conditions that "
        "small municipal governments struggle to meet.",
        "Researchers who study these projects point out that the most successful ones "
        "tend to share a few features: early consultation with the people most "
        "affected, transparent accounts of where the money goes, and plans for "
        "maintenance long after the ribbon has been cut.",
        "For residents, the debate is rarely abstract. Decisions about who is "
        "protected first, who pays and who is asked to wait shape daily life for "
        "years, and they are often made far from the neighborhoods that live with the "
        "results.",
        "Climate scientists expect the pressures to grow. Projections for much of "
        "{region} point to heavier rain in short bursts, longer dry spells and higher "
        "seas, a combination that strains infrastructure built on the assumption that "
        "the weather of the past would continue.",
        "Governments are also learning from each other. Regional networks of city "
        "officials and engineers now share designs, data and mistakes, and "
        "international agencies have begun to publish guidance based on what has and "
        "has not worked in practice.",
    ),
    outlook_subheads=("What to watch", "Lessons for others"),
    outlook=(
        "Whatever happens next in {place} will be watched closely by other governments "
        "in {region} and beyond, many of which face similar choices with fewer "
        "resources.",
        "Analysts caution against expecting quick results. Projects of this kind are "
        "measured in years, and their success often depends less on the first "
        "announcement than on whether money and political attention last through the "
        "difficult middle stretch.",
        "Local journalists, civic groups and independent auditors will play a part in "
        "that, by tracking spending and pressing officials to publish progress reports "
        "on time.",
    ),
    topics=(SEA_WALL, GRAIN_RESERVE, WATER_RATIONING),
)

"""Europe News: European cities, their trains, streets and energy."""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

NIGHT_TRAIN = Topic(
    subject="the night train",
    stakeholders="travelers, rail workers and tourism businesses",
    headlines=(
        "Night train links {place} and {destination} for the first time in decades",
        "Sleeper service from {place} to {destination} sells out its first weeks",
        "The overnight train is back in {place}. Can it last?",
    ),
    variants=(
        {"destination": "Vienna"},
        {"destination": "Budapest"},
        {"destination": "Rome"},
    ),
    dek=(
        "The new sleeper leaves in the evening and arrives in time for breakfast. The "
        "operator says demand is strong; the economics are harder."
    ),
    lead_subheads=("The first run", "An old route, revived"),
    lead=(
        "A sleeper train between {place}, {region}, and {destination} made its first "
        "scheduled run on {weekday}, restoring an overnight rail link that disappeared "
        "decades ago when cheap flights and faster day trains drew passengers away.",
        "The service runs three times a week in each direction, leaving in the early "
        "evening and arriving the next morning in time for breakfast. It "
        "offers sleeping compartments, cheaper couchettes with fold-down bunks and a "
        "handful of ordinary seats.",
        "Tickets for the first weeks sold out within days of going on sale, the "
        "operator said, with particular demand from families and from travelers who "
        "had decided to fly less.",
    ),
    detail_subheads=("The cost of crossing borders", "Who runs it, and who pays"),
    detail=(
        "The route is run by a small private operator using refurbished carriages "
        "leased from a larger railway, with support from national and regional "
        "governments that agreed to cover part of the track access charges for the "
        "first three years.",
        "Those charges, paid to use each country's rail network, are among the biggest "
        "costs for cross-border night trains, and operators have long complained that "
        "the rules differ from one border to the next. Transport ministers have "
        "discussed harmonizing them, so far without agreement.",
        "Seats start at a little under the price of a budget flight, rising "
        "considerably for a private compartment. The operator says it needs trains to "
        "be <strong>at least two-thirds full</strong> year-round to break even.",
        "Each compartment has a washbasin and fresh linen, and breakfast is served "
        "before arrival. The operator has also added space for bicycles, which has "
        "proved popular with cycling tourists heading for long-distance routes at the "
        "other end of the line.",
    ),
    context=(
        "Night trains were once a fixture of European travel, carrying holidaymakers, "
        "soldiers and business travelers across the continent. Most routes were cut in "
        "the 1990s and 2000s as budget airlines expanded and high-speed lines made "
        "daytime rail faster.",
        "The revival began about a decade ago, when a handful of operators took over "
        "abandoned routes and found demand stronger than expected. Concern about the "
        "climate cost of flying has helped, as has the appeal of waking up in a city "
        "center rather than at an airport on the outskirts.",
    ),
    next=(
        "The operator plans to run daily departures next summer if demand holds, and "
        "is in talks about a second route. A review of the government support is due "
        "after the first year.",
        "Rail advocates will also be watching an upcoming vote on track access charges "
        "in the European Parliament, which could make routes like this one easier to "
        "run.",
    ),
    voices=(
        (
            "a sleeping-car attendant who worked on the route before it closed",
            "I made beds on this line thirty years ago. When they called me back, I "
            "did not believe it. The passengers are younger now, but the excitement at "
            "departure is the same.",
        ),
        (
            "the operator's managing director",
            "People told us night trains were finished. The bookings say otherwise. "
            "Our job now is to prove the numbers work in February as well as in "
            "August.",
        ),
        (
            "a teacher traveling with her two children on the first run",
            "We save a night in a hotel, the children think it is an adventure, and we "
            "arrive in the city center. I do not see why we would fly.",
        ),
        (
            "a transport economist at a university in {place}",
            "Demand is not the problem. Night trains use expensive equipment for one "
            "trip a day. Without help on access charges, most will struggle.",
        ),
    ),
    key_points=(
        "A night train now links {place} and {destination}, three times a week each "
        "way.",
        "The train leaves in the evening and arrives in time for breakfast.",
        "Tickets for the first weeks sold out within days.",
        "Governments are covering part of the track access charges for three years.",
        "The operator needs trains two-thirds full year-round to break even.",
    ),
    faqs=(
        (
            "How long does the journey take?",
            "The train leaves in the early evening and arrives the next morning in "
            "time for breakfast.",
        ),
        (
            "How much does a ticket cost?",
            "Seats start at a little under the price of a budget flight; couchettes "
            "and private compartments cost more.",
        ),
        (
            "Will the service become daily?",
            "The operator hopes to run daily from next summer if demand holds.",
        ),
    ),
    summary=(
        "A new sleeper train links {place} and {destination}, reviving an overnight "
        "route lost decades ago. Early demand is strong; whether it survives the quiet "
        "months depends on costs and continued public support."
    ),
    tags=("Rail", "Travel", "Night trains", "Transport", "Climate"),
    # Origins from which every variant's destination is a plausible overnight run.
    places=(
        Place("Ghent", "Belgium"),
        Place("Gdańsk", "Poland"),
        Place("Aarhus", "Denmark"),
        Place("Lyon", "France"),
    ),
)

TRAFFIC_PLAN = Topic(
    subject="the traffic plan",
    stakeholders="residents, shopkeepers and commuters",
    headlines=(
        "{place} closes its historic center to through traffic",
        "Car-free streets arrive in {place} as a new traffic plan takes effect",
        "Shops and cyclists take stock as {place} limits cars in the center",
    ),
    variants=({"streets": "40"}, {"streets": "65"}, {"streets": "28"}),
    dek=(
        "Drivers can still reach homes and businesses inside the zone, but not cut "
        "through it. City officials promise cleaner air and quieter streets; some "
        "shopkeepers fear losing customers."
    ),
    lead_subheads=("What changed", "Sectors, not shortcuts"),
    lead=(
        "A traffic plan that divides the historic center of {place}, {region}, into "
        "sectors that cars can enter but not drive between took effect on {weekday}, "
        "ending through traffic on about {streets} streets in the old town.",
        "Delivery vans, taxis, buses and residents' cars can still reach every address "
        "inside the zone, but must leave by the same ring road they came from. "
        "Crossing from one sector to another is possible only on foot, by bicycle or "
        "by public transport.",
        "City officials say the plan, modeled on schemes introduced elsewhere in "
        "Europe over recent decades, will cut traffic, noise and air pollution in a "
        "district where many streets were laid out centuries before the car.",
    ),
    detail_subheads=(
        "Cameras, exemptions and wider pavements",
        "The shopkeepers' view",
    ),
    detail=(
        "Cameras at sector boundaries record vehicles that cross without permission. A "
        "grace period of one month, during which drivers receive warnings rather than "
        "fines, began with the plan. Exemptions cover emergency vehicles and people "
        "with disabilities.",
        "Alongside the restrictions, the city has widened pavements, added bicycle "
        "parking and increased the frequency of two bus routes that circle the center. "
        "More trees and benches are planned for streets that no longer carry through "
        "traffic.",
        "Retailers were split during consultations. Some argued that customers would "
        "simply drive to out-of-town shopping centers; others pointed to studies from "
        "other cities suggesting that people on foot and on bicycles tend to spend "
        "more over time than drivers do.",
        "Delivery companies have been offered permits to cross sector boundaries in "
        "the early morning, and the city is opening two small depots at the edge of "
        "the center where parcels can be moved onto cargo bicycles for the final "
        "stretch.",
    ),
    context=(
        "The historic center of {place} has wrestled with traffic for decades. Its "
        "narrow streets were never designed for cars, yet they became shortcuts "
        "between the ring road and the districts beyond, carrying far more vehicles "
        "than the people who live there.",
        "Several earlier plans to limit traffic were abandoned after protests from "
        "businesses. City officials say this one is different because it keeps every "
        "address reachable by car and was shaped by two years of consultations with "
        "residents and shop owners.",
    ),
    next=(
        "The city will publish air quality and traffic measurements monthly for the "
        "first year and has promised a full review after twelve months. Any change to "
        "the sector boundaries would require a new council vote.",
        "A citizens' panel, chosen at random from residents of the center and "
        "surrounding districts, will meet every quarter to hear complaints and suggest "
        "adjustments.",
    ),
    voices=(
        (
            "a taxi driver who has worked in the city for 25 years",
            "The first day, I got lost twice in streets I have driven all my life. By "
            "the end of the week I had learned the new way around. It is slower for "
            "me, but the center is calmer.",
        ),
        (
            "the deputy mayor responsible for mobility",
            "We are not banning cars. We are asking them to stop using our oldest "
            "streets as a shortcut. Everyone who needs to get somewhere still can.",
        ),
        (
            "who runs a bakery near the cathedral",
            "My customers come on foot already. What worries me is my suppliers, who "
            "now have to go around the whole ring road twice a day.",
        ),
        (
            "a parent who cycles her children to school through the old town",
            "For the first time I let my son ride the last part on his own. That says "
            "everything.",
        ),
    ),
    key_points=(
        "Through traffic has ended on about {streets} streets in {place}'s historic "
        "center.",
        "Cars can still reach every address but cannot cross between sectors.",
        "Fines follow a one-month grace period of warnings.",
        "Bus services around the center have been increased.",
        "Air quality and traffic data will be published monthly.",
    ),
    faqs=(
        (
            "Can I still drive to my home or business in the center?",
            "Yes. Every address remains reachable by car; you just cannot drive "
            "through from one sector to another.",
        ),
        (
            "What happens if I cross a sector boundary?",
            "Cameras record the crossing. During the first month drivers get a "
            "warning; after that, a fine.",
        ),
        (
            "Who is exempt?",
            "Emergency vehicles, buses, and people with disabilities who register "
            "their vehicles.",
        ),
    ),
    summary=(
        "{place} has ended through traffic in its historic center, dividing it into "
        "sectors cars can enter but not cross. Officials expect cleaner air; some "
        "businesses worry about customers and deliveries."
    ),
    tags=("Cities", "Transport", "Air quality", "Cycling", "Urban planning"),
)

HEAT_NETWORK = Topic(
    subject="the heating network",
    stakeholders="households, energy engineers and landlords",
    headlines=(
        "{place} will heat {homes} homes with waste heat from {source}",
        "Surplus heat from {source} to warm homes in {place}",
        "{place} bets on recycled heat to cut household energy bills",
    ),
    variants=(
        {"homes": "12,000", "source": "a data center"},
        {"homes": "8,500", "source": "a steelworks"},
        {"homes": "20,000", "source": "the city's wastewater plant"},
    ),
    dek=(
        "A new pipe network will carry heat that is now released into the air to homes "
        "and public buildings. The city says bills will fall, and emissions with them."
    ),
    lead_subheads=("The plan", "Heat that was going to waste"),
    lead=(
        "{place}, {region}, announced on {weekday} that it would connect about {homes} "
        "homes to a district heating network supplied largely by surplus heat from "
        "{source}, in one of the largest projects of its kind in the country.",
        "The heat, which is currently released into the air or nearby water, will be "
        "captured using large heat pumps and piped as hot water through insulated "
        "mains under the city's streets. Schools, swimming pools and the main hospital "
        "will be among the first buildings connected.",
        "The project is being financed by the city's energy company with a "
        "low-interest loan from a European investment fund and grants for energy "
        "efficiency. Work on the first pipes is scheduled to begin next year.",
    ),
    detail_subheads=("What it means for households", "How waste heat works"),
    detail=(
        "Households that join will replace individual gas boilers with a compact heat "
        "exchanger. Connection will be free for the first three years of the program, "
        "and the city expects heating bills to fall by <strong>around a fifth</strong> "
        "compared with gas at current prices.",
        "Engineers say waste heat sources are well suited to district systems because "
        "they produce heat around the clock. A backup plant will cover cold snaps and "
        "maintenance periods.",
        "Tenant groups welcomed the plan but asked how landlords would share the "
        "savings. The city said it was preparing rules to ensure that lower costs "
        "reached the people who pay the bills rather than being absorbed into rent "
        "increases.",
        "The pipes will be laid in stages, starting with the neighborhoods closest to "
        "the heat source and with the most apartment buildings, where each meter of "
        "pipe serves the most homes. Streets will be opened section by section, with "
        "the work timed to coincide with planned repairs to water and sewer lines.",
    ),
    context=(
        "District heating has a long history in parts of northern and eastern Europe, "
        "where many cities built networks decades ago to serve apartment blocks from "
        "central plants. Elsewhere it has played a smaller role, and most homes in "
        "{place} are still heated by individual gas boilers.",
        "Interest has grown since energy prices rose sharply, exposing households to "
        "swings in the cost of gas. Governments have begun to require large sources of "
        "waste heat, such as data centers and industrial plants, to study whether "
        "their heat could be put to use.",
    ),
    next=(
        "Residents in the first neighborhoods will receive letters over the coming "
        "months explaining how to sign up. The city expects the full network to be "
        "complete within seven years.",
        "The operator of the heat source has signed a 20-year supply agreement, and "
        "the city is studying whether to add other sources, including supermarkets' "
        "refrigeration systems, in later phases.",
    ),
    voices=(
        (
            "a landlord who owns several apartment buildings in the first district",
            "If the connection is free and the tenants' bills go down, it is an easy "
            "decision. My only question is how long the streets will be dug up.",
        ),
        (
            "the director of the city's energy company",
            "This heat is already there. We have been throwing it away for years. Now "
            "we are putting it to work in people's radiators.",
        ),
        (
            "a pensioner who lives in one of the first districts to be connected",
            "My gas bill last winter was frightening. If this really costs less, I "
            "will be first in line.",
        ),
        (
            "an energy researcher at a technical university",
            "Waste heat networks work well when the source is reliable and the "
            "contract is long. Both boxes seem to be ticked here.",
        ),
    ),
    key_points=(
        "{place} plans to heat about {homes} homes with surplus heat from {source}.",
        "Heat pumps will capture heat that is now released into the air or water.",
        "Connection is free for the first three years of the program.",
        "Bills are expected to be around a fifth lower than with gas at current "
        "prices.",
        "The full network should be complete within seven years.",
    ),
    faqs=(
        (
            "What is district heating?",
            "A network of insulated pipes that carries hot water from a central source "
            "to many buildings, replacing individual boilers.",
        ),
        (
            "Do I have to join?",
            "No. Connection is voluntary, and free during the first three years.",
        ),
        (
            "Will my bills go down?",
            "The city expects bills around a fifth lower than with gas at current "
            "prices, though that depends on future energy costs.",
        ),
    ),
    summary=(
        "{place} will pipe surplus heat from {source} to about {homes} homes, "
        "replacing gas boilers and, the city says, cutting bills. Tenant groups want "
        "to make sure the savings reach renters."
    ),
    tags=("Energy", "Heating", "Climate", "Cities", "Energy bills"),
)

DESK = Desk(
    slug="europe-news",
    name="Europe News",
    description=(
        "From the Atlantic to the Baltic: how European cities travel, heat their homes "
        "and share their streets."
    ),
    palette=Palette(
        "indigo and saffron",
        dark=(22, 28, 84),
        mid=(48, 72, 160),
        accent=(246, 196, 70),
        light=(230, 234, 250),
    ),
    motif="circles",
    reporters=("tomasz-wren", "daniel-okafor"),
    places=(
        Place("Lyon", "France"),
        Place("Gdańsk", "Poland"),
        Place("Porto", "Portugal"),
        Place("Ghent", "Belgium"),
        Place("Tampere", "Finland"),
        Place("Bologna", "Italy"),
        Place("Brno", "the Czech Republic"),
        Place("Aarhus", "Denmark"),
    ),
    names=Names(
        first=(
            "Ingrid",
            "Matthieu",
            "Lucía",
            "Pieter",
            "Agnieszka",
            "Stefano",
            "Eleni",
        ),
        last=("Vollmer", "Dufresne", "Arrieta", "van Loon", "Kowalczyk", "Bellandi"),
    ),
    background_subheads=("The European context", "Part of a wider trend"),
    background=(
        "Across Europe, cities have taken on a growing share of climate and transport "
        "policy, often moving faster than national governments. Mayors trade ideas "
        "through networks that share data and lessons from what has worked elsewhere.",
        "European funding has encouraged that trend. Programs for clean transport and "
        "energy efficiency offer cities grants and cheap loans, though applications "
        "are complex and smaller municipalities often lack the staff to prepare them.",
        "Public opinion is supportive in principle but sensitive to cost. Polls in "
        "several countries show majorities in favor of cleaner air and lower "
        "emissions, alongside strong resistance to measures that raise household bills "
        "or limit car use without alternatives.",
        "In {region}, the debate has taken on extra urgency after a winter of high "
        "energy prices and a summer of heat, both of which made the costs of the old "
        "ways of doing things hard to ignore.",
        "National governments are watching too. Several have promised to copy "
        "successful local schemes, while others have warned that cities moving too "
        "fast risk a backlash among residents who feel the changes are being imposed "
        "on them.",
        "European climate targets set the direction, but much of the practical work "
        "falls to local authorities, which control streets, buildings and public "
        "transport and answer directly to residents.",
    ),
    outlook_subheads=("The road ahead", "What other cities will watch"),
    outlook=(
        "Other cities in {region} will be watching {place} closely, and several have "
        "already sent officials to study the plans. If the early results hold up, "
        "similar projects could follow within a few years.",
        "The next municipal elections will give voters a chance to deliver their "
        "verdict, and opposition council members have said they intend to make the "
        "project a campaign issue.",
        "For residents, the test is simple: whether daily life becomes easier, cheaper "
        "or healthier, and how quickly.",
    ),
    topics=(NIGHT_TRAIN, TRAFFIC_PLAN, HEAT_NETWORK),
)

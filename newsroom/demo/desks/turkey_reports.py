"""Turkey Reports: cities, farms and daily life across Turkey.

Regions here carry their own preposition ("on the Aegean coast", "in central
Anatolia"), so templates write "{place}, {region}" and never "in {region}".
"""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

RETROFITS = Topic(
    subject="the retrofit program",
    stakeholders="residents, engineers and building managers",
    headlines=(
        "{place} launches retrofit drive for {buildings} apartment blocks",
        "Engineers fan out across {place} to test buildings for earthquake risk",
        "In {place}, residents weigh the cost of making homes safer",
    ),
    variants=(
        {"buildings": "1,400", "lira": "3.2 billion lira"},
        {"buildings": "2,100", "lira": "1.8 billion lira"},
        {"buildings": "900", "lira": "4.5 billion lira"},
    ),
    dek=(
        "The municipality will subsidize structural assessments and strengthening work "
        "for older buildings. Residents welcome the help but worry about months out of "
        "their homes."
    ),
    lead_subheads=("A program for older buildings", "Testing the city's foundations"),
    lead=(
        "The municipality of {place}, {region}, launched a program on {weekday} to "
        "assess and strengthen about {buildings} older apartment buildings against "
        "earthquakes, backed by {lira} in low-interest loans and grants.",
        "Teams of engineers will take concrete samples and inspect the reinforcement "
        "in buildings constructed before modern seismic codes came into force. Blocks "
        "found to be at high risk will be prioritized for strengthening or, where "
        "repair is not feasible, rebuilding.",
        "Turkey lies across several active fault lines, and memories of deadly "
        "earthquakes remain raw across the country. Surveys by local universities have "
        "suggested that many residents of older blocks are unsure whether their homes "
        "would withstand a strong tremor.",
    ),
    detail_subheads=("Who pays for the work", "Getting every owner to agree"),
    detail=(
        "Under the program, the municipality pays for the initial assessment. If "
        "strengthening is needed, owners can apply for grants covering part of the "
        "cost and loans for the rest, repayable over ten years. Low-income households "
        "and elderly owners will receive larger grants.",
        "The most common work involves wrapping columns in steel or carbon fiber and "
        "adding reinforced concrete walls at ground level, where many buildings have "
        "open shopfronts. The work typically takes <strong>three to six "
        "months</strong>, and some residents will need temporary housing.",
        "Decisions to strengthen or rebuild require agreement from a majority of "
        "owners in each building, a threshold that can be hard to reach when some "
        "flats are rented out or owned by relatives abroad. The municipality has "
        "appointed mediators to help.",
        "Residents will be able to read the findings for their own buildings, "
        "including the quality of the concrete and the condition of the reinforcement, "
        "in plain language. Engineering groups say that kind of openness helps owners "
        "make decisions and quiets the rumors that spread after every tremor.",
    ),
    context=(
        "Much of {place}'s housing was built quickly during decades of rapid urban "
        "growth, when enforcement of building rules was uneven. Engineers say "
        "buildings from that era vary enormously in quality, even on the same street.",
        "National programs to renew at-risk buildings have existed for years, but "
        "progress has been slow, held back by costs, disputes between owners and the "
        "difficulty of rehousing families during the work. Local governments have "
        "increasingly launched their own initiatives.",
    ),
    next=(
        "Assessments will begin in the neighborhoods with the oldest buildings and the "
        "softest ground, according to a map published by the municipality. Residents "
        "can also request an inspection through an online portal.",
        "Officials aim to complete the first round of assessments within two years and "
        "to publish the results building by building, a step engineering groups have "
        "long called for.",
    ),
    voices=(
        (
            "a structural engineering professor at a local university",
            "We know how to make these buildings safe. What we need is a process "
            "people trust, with results published and decisions explained.",
        ),
        (
            "a civil engineer leading one of the inspection teams",
            "Most of these buildings can be made much safer at a reasonable cost. The "
            "hardest part is not the engineering. It is getting every owner to agree.",
        ),
        (
            "a retired teacher who has lived in the same block for 30 years",
            "We think about it every time the windows rattle. If they tell us we must "
            "move out for a few months, we will. Better that than the alternative.",
        ),
        (
            "who manages a building with a shop on the ground floor",
            "The shopkeeper worries about losing business during the work. We need a "
            "solution that works for everyone, and quickly.",
        ),
    ),
    key_points=(
        "{place} will assess about {buildings} older apartment buildings for "
        "earthquake risk.",
        "The program is backed by {lira} in grants and low-interest loans.",
        "Assessments are free; strengthening work is subsidized.",
        "Work typically takes three to six months per building.",
        "Results will be published building by building.",
    ),
    faqs=(
        (
            "How do I know if my building will be inspected?",
            "The municipality has published a priority map, and residents can request "
            "an inspection through its online portal.",
        ),
        (
            "Who pays for strengthening work?",
            "Grants cover part of the cost, with larger grants for low-income and "
            "elderly owners; low-interest loans cover the rest over ten years.",
        ),
        (
            "Will I have to leave my home?",
            "Sometimes. Work usually takes three to six months, and the municipality "
            "will help with temporary housing where needed.",
        ),
    ),
    summary=(
        "{place} has started a program to inspect and strengthen about {buildings} "
        "older apartment buildings against earthquakes, with {lira} in support. "
        "Getting every owner to agree may be harder than the engineering."
    ),
    tags=("Earthquakes", "Housing", "Urban safety", "Construction", "Turkey"),
)

HAZELNUTS = Topic(
    subject="the hazelnut harvest",
    stakeholders="farmers, seasonal pickers and traders",
    headlines=(
        "Hazelnut growers around {place} count the cost of a late frost",
        "A smaller hazelnut harvest leaves {place} farmers squeezed",
        "Hazelnut harvest begins under a cloud in {place}",
    ),
    variants=({"drop": "a fifth"}, {"drop": "a quarter"}, {"drop": "15 percent"}),
    dek=(
        "A cold snap in spring damaged blossoms across the hillsides, and farmers "
        "expect a crop down by {drop}. Higher prices may not make up the difference."
    ),
    lead_subheads=("A thin year on the hillsides", "The harvest begins"),
    lead=(
        "The hazelnut harvest began in earnest around {place}, {region}, this week, "
        "with farmers and agricultural officials saying on {weekday} that they "
        "expected the crop to be down by {drop} on last year after a late frost "
        "damaged blossoms in the spring.",
        "Hazelnuts are the backbone of the local economy on the steep hillsides above "
        "the coast, where small family orchards have been passed down for generations. "
        "Much of the world's supply comes from this region, and prices here ripple "
        "through to chocolate makers and bakers abroad.",
        "Picking is done largely by hand, often by seasonal workers who travel from "
        "other parts of the country and stay for several weeks. Farmers said labor "
        "costs had risen sharply this year.",
    ),
    detail_subheads=("Prices, costs and margins", "Adapting to the frost"),
    detail=(
        "Traders said prices had firmed in anticipation of a smaller crop, but farmers "
        "argued that higher prices would not make up for lower yields once fuel, "
        "fertilizer and wages were paid. Many said they would hold back part of their "
        "harvest in the hope of better prices later.",
        "Agricultural engineers have encouraged growers to adopt frost protection, "
        "such as orchard fans and sprinklers, and to replant older trees with "
        "varieties that flower later. The cost is beyond many small farms without "
        "government support.",
        "The regional agricultural office has opened registration for damage "
        "assessments, a step that can unlock insurance payouts for farmers enrolled in "
        "the state-backed crop insurance scheme.",
        "Seasonal pickers, many of whom travel with their families, say accommodation "
        "and conditions vary widely from orchard to orchard. Labor groups have called "
        "for better housing and an end to child labor during the harvest, and local "
        "officials have promised more inspections this year.",
    ),
    context=(
        "Hazelnut orchards have covered the hillsides of the Black Sea region for "
        "centuries, and the crop shapes everything from the local calendar to family "
        "finances. Many families still gather each summer to harvest land divided "
        "among siblings and cousins.",
        "Frost, hail and heavy rain have hit the crop several times in recent years. "
        "Farmers and agronomists say the weather has become harder to predict, with "
        "warm spells in late winter pushing trees to flower early and leaving blossoms "
        "exposed to cold snaps.",
    ),
    next=(
        "The main harvest will run for several weeks, with the first official "
        "estimates of the crop due at the end of the month. Farmers' unions have asked "
        "the state buyer to announce an early purchase price to steady the market.",
        "Officials said they would review the crop insurance scheme's frost coverage "
        "after complaints that payouts in previous years had come too late.",
    ),
    voices=(
        (
            "a trader who buys from dozens of small orchards",
            "Everyone is watching the sky and the price. When the crop is small, "
            "buyers compete, but the farmers' costs have gone up too. Nobody is "
            "celebrating.",
        ),
        (
            "who farms hazelnuts on land her grandfather planted",
            "You cannot argue with the weather. One cold night in April took a third "
            "of what we expected. We will get through, but it will be a thin year.",
        ),
        (
            "the head of a local farmers' union",
            "Growers need a price they can plan around, announced early. Every week of "
            "uncertainty pushes more families to sell too cheaply.",
        ),
        (
            "an agricultural engineer with the regional office",
            "Frost in spring is becoming a more frequent risk. The orchards that adapt "
            "now will be the ones still standing in twenty years.",
        ),
    ),
    key_points=(
        "Growers around {place} expect the hazelnut crop to be down by {drop}.",
        "A late spring frost damaged blossoms on the hillsides.",
        "Higher prices may not offset smaller yields and rising costs.",
        "Farmers can register for damage assessments to claim crop insurance.",
        "Official crop estimates are due at the end of the month.",
    ),
    faqs=(
        (
            "Why does this harvest matter abroad?",
            "The region supplies a large share of the world's hazelnuts, so the size "
            "of the crop and its price affect food makers worldwide.",
        ),
        (
            "What caused the smaller crop?",
            "A cold snap in spring damaged blossoms before the nuts could set.",
        ),
        (
            "Is there support for affected farmers?",
            "Farmers enrolled in the state-backed crop insurance scheme can register "
            "for damage assessments; unions are also seeking an early purchase price.",
        ),
    ),
    summary=(
        "A late frost has cut the hazelnut harvest around {place} by {drop}, and "
        "farmers say higher prices will not cover their costs. They want an early "
        "purchase price and faster insurance payouts."
    ),
    tags=("Agriculture", "Hazelnuts", "Black Sea", "Farming", "Weather"),
    places=(
        Place("Ordu", "on the Black Sea coast"),
        Place("Giresun", "on the Black Sea coast"),
        Place("Trabzon", "on the Black Sea coast"),
        Place("Samsun", "on the Black Sea coast"),
    ),
)

TRAM_LINE = Topic(
    subject="the tram line",
    stakeholders="students, commuters and minibus drivers",
    headlines=(
        "{place} opens new tram line linking university and city center",
        "New {km}-kilometer tram line in {place} carries its first passengers",
        "{place} commuters try out the city's newest tram route",
    ),
    variants=(
        {"km": "12", "stops": "18", "riders": "60,000"},
        {"km": "16", "stops": "24", "riders": "80,000"},
        {"km": "9.5", "stops": "14", "riders": "45,000"},
    ),
    dek=(
        "The line has {stops} stops and is expected to carry {riders} passengers a "
        "day. Minibus drivers whose routes it replaces are being offered new jobs."
    ),
    lead_subheads=("Opening day", "A new line across the city"),
    lead=(
        "A new tram line opened in {place}, {region}, on {weekday}, linking the city's "
        "main university campus, its intercity bus station and the historic center "
        "along a {km}-kilometer route with {stops} stops.",
        "Municipal officials expect the line to carry about {riders} passengers a day "
        "once it is fully running, easing congestion on a corridor where minibuses and "
        "private cars have competed for space on crowded roads for years.",
        "Rides were free for the opening weekend, and crowds of students and families "
        "turned out to try the low-floor trams, which were built by a domestic "
        "manufacturer and are air-conditioned for the hot summers.",
    ),
    detail_subheads=("Building the line", "What happens to the minibuses"),
    detail=(
        "The line was financed by the municipality with a loan from a development "
        "bank. Construction took three years and required rebuilding water and sewer "
        "pipes along much of the route.",
        "Around two hundred minibuses operated on routes the tram now replaces. The "
        "municipality has offered drivers jobs on feeder bus routes or compensation to "
        "retire their licenses, and says most have accepted one of the options, though "
        "some remain unhappy with the terms.",
        "Fares are integrated with the city's buses using the same card, and a "
        "transfer <strong>within 45 minutes is free</strong>. Students and pensioners "
        "pay reduced fares.",
        "Stops have wide platforms and level boarding for wheelchairs and strollers, "
        "and the trams announce each stop in Turkish and English. Parking near the "
        "stations has been limited to encourage people to arrive by bus, by bicycle or "
        "on foot.",
    ),
    context=(
        "{place} has grown rapidly over the past two decades, with new housing "
        "districts spreading across the land around the old center. Public transport "
        "has struggled to keep up, and the city's roads have become increasingly "
        "congested at rush hour.",
        "Many Turkish cities have built or extended tram and light rail lines in "
        "recent years, often financed by development loans. Transport planners say "
        "such lines work best when they are fed by buses and backed by limits on car "
        "traffic in city centers.",
    ),
    next=(
        "The municipality plans to extend the line to a hospital complex and new "
        "housing districts on the city's edge within four years, subject to financing. "
        "A second line is in the planning stage.",
        "Officials said they would adjust frequencies in the first months as they "
        "learned how passengers used the line, with trams every five minutes at peak "
        "times.",
    ),
    voices=(
        (
            "a shopkeeper near one of the new stops",
            "During construction the road was closed for months and I nearly shut the "
            "shop. Today there were more people on this street than I have seen in "
            "years.",
        ),
        (
            "the municipality's head of transport",
            "This line joins the places people actually travel between every day. We "
            "built it so a student or a worker does not need a car to get around this "
            "city.",
        ),
        (
            "a second-year engineering student",
            "It used to take me almost an hour to get to campus on two minibuses. "
            "Today it took 25 minutes and I had a seat.",
        ),
        (
            "a minibus driver who has worked the route for 15 years",
            "The tram is good for the city, I know that. But this was my living. The "
            "new job they offered is further from home and the pay is less.",
        ),
    ),
    key_points=(
        "A {km}-kilometer tram line with {stops} stops has opened in {place}.",
        "It is expected to carry about {riders} passengers a day.",
        "The line links the university, the bus station and the historic center.",
        "Minibus drivers are offered feeder-route jobs or compensation.",
        "Transfers to buses within 45 minutes are free.",
    ),
    faqs=(
        (
            "Where does the tram go?",
            "It links the main university campus, the intercity bus station and the "
            "historic center along a {km}-kilometer route.",
        ),
        (
            "How much is the fare?",
            "The standard city fare, paid with the same card as buses, with reduced "
            "fares for students and pensioners and free transfers within 45 minutes.",
        ),
        (
            "Will the line be extended?",
            "The municipality plans an extension to a hospital complex and new housing "
            "districts within four years, subject to financing.",
        ),
    ),
    summary=(
        "{place} has opened a {km}-kilometer tram line with {stops} stops, expected to "
        "carry {riders} people a day. Riders are delighted; some minibus drivers whose "
        "routes it replaced feel left behind."
    ),
    tags=("Transport", "Trams", "Cities", "Public transit", "Turkey"),
)

DESK = Desk(
    slug="turkey-reports",
    name="Turkey Reports",
    description=(
        "Reporting from across Turkey: earthquake readiness, cities on the move, and "
        "the farms and families behind the economy."
    ),
    palette=Palette(
        "crimson and turquoise",
        dark=(84, 16, 30),
        mid=(150, 44, 56),
        accent=(64, 200, 200),
        light=(250, 232, 226),
    ),
    motif="arches",
    reporters=("selin-arslan", "tomasz-wren"),
    places=(
        Place("İzmir", "on the Aegean coast"),
        Place("Gaziantep", "in southeastern Turkey"),
        Place("Eskişehir", "in central Anatolia"),
        Place("Bursa", "in the Marmara region"),
        Place("Antalya", "on the Mediterranean coast"),
        Place("Kayseri", "in central Anatolia"),
        Place("Konya", "in central Anatolia"),
        Place("Trabzon", "on the Black Sea coast"),
    ),
    names=Names(
        first=("Elif", "Murat", "Zeynep", "Kerem", "Derya", "Emre", "Aslı", "Burak"),
        last=("Karaca", "Özyurt", "Tekin", "Yalçınkaya", "Aksoy", "Uysal", "Bozkurt"),
    ),
    background_subheads=("The national picture", "Beyond {place}"),
    background=(
        "What is happening in {place} reflects pressures felt across Turkey. High "
        "inflation over the past few years has eroded household incomes and stretched "
        "municipal budgets, making long-term plans harder to finance and easier to "
        "postpone.",
        "Economists say the country's regions have diverged in recent years, with some "
        "cities drawing investment in manufacturing and tourism while others struggle "
        "to keep young people from moving to the largest metropolitan areas.",
        "Local governments have looked to development banks and international lenders "
        "for financing, as well as to partnerships with private companies. Critics say "
        "such arrangements need more transparency about costs and guarantees.",
        "For many residents, the daily concerns are practical: the cost of food and "
        "rent, the reliability of services and, especially in older neighborhoods, "
        "whether their homes and livelihoods are secure.",
        "Turkey's young population and growing cities create both opportunity and "
        "strain. Demand for housing, transport and jobs has outpaced the ability of "
        "many municipalities to provide them, particularly in fast-growing regional "
        "centers.",
        "Civil society groups, professional associations and universities have played "
        "a growing role in local debates, publishing independent studies and pressing "
        "for public access to data on everything from building safety to water "
        "quality.",
    ),
    outlook_subheads=("Looking ahead", "What to watch"),
    outlook=(
        "Local officials have promised regular public updates, and community groups in "
        "{place} say they intend to hold them to it, attending council meetings and "
        "publishing their own assessments.",
        "National policy will also play a part. Decisions in Ankara on interest rates, "
        "agricultural support and municipal funding will shape what is possible "
        "locally over the next few years.",
        "In the meantime, residents say they will judge the results by what they see "
        "in their own streets, fields and homes.",
    ),
    topics=(RETROFITS, HAZELNUTS, TRAM_LINE),
)

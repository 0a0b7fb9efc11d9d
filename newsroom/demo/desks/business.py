"""Business: the companies, deals and workplaces that shape regional economies."""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

BATTERY_PLANT = Topic(
    subject="the battery plant",
    stakeholders="workers, suppliers and local officials",
    headlines=(
        "{company} picks {place} for {amount} battery plant",
        "Battery maker {company} promises {jobs} jobs in {place}",
        "{place} lands a battery factory, and the hard part begins",
    ),
    variants=(
        {
            "company": "Quillmark Cells",
            "amount": "$1.2 billion",
            "jobs": "1,100",
            "incentive": "$210 million",
        },
        {
            "company": "Ardentide Energy",
            "amount": "$950 million",
            "jobs": "800",
            "incentive": "$140 million",
        },
        {
            "company": "Velloway Power",
            "amount": "$1.6 billion",
            "jobs": "1,450",
            "incentive": "$260 million",
        },
    ),
    dek=(
        "The plant will make cells for electric buses and grid storage. Local "
        "officials offered tax breaks and road upgrades to win it; some residents want "
        "to see the jobs before the subsidies."
    ),
    lead_subheads=("The announcement", "Why {company} chose {place}"),
    lead=(
        "{company}, a maker of batteries for electric buses and power grids, said on "
        "{weekday} that it would build a {amount} factory on the outskirts of {place}, "
        "{region}, creating about {jobs} jobs when it reaches full production in three "
        "years.",
        "The company chose the site over finalists in two other states after local and "
        "state officials put together a package of property tax abatements, "
        "job-training grants and upgrades to the road and rail links serving the "
        "industrial park.",
        "Construction is due to start in the spring. The first production line, making "
        "cells for grid storage, is scheduled to open about 18 months later, followed "
        "by lines for bus and truck batteries.",
    ),
    detail_subheads=("The incentives, and the strings attached", "Jobs and training"),
    detail=(
        "The incentive package is worth an estimated <strong>{incentive}</strong> over "
        "15 years, according to documents released by the county. Most of it depends "
        "on the company meeting hiring and wage targets; if it falls short, part of "
        "the tax relief must be repaid.",
        "{company} said starting wages on the production floor would be above the "
        "county median, and that it would work with the local community college to "
        "train technicians. The college plans to open a battery manufacturing course "
        "next fall.",
        "Environmental groups have asked for details about water use and how the plant "
        "will handle chemical waste. The company says it will recycle most of its "
        "process water and has applied for the necessary state permits.",
        "The plant will need large amounts of electricity, and the local utility says "
        "it is planning upgrades to substations and transmission lines to serve it. "
        "Officials said the cost of those upgrades would be covered by the company "
        "under a separate agreement, not passed on to households.",
    ),
    context=(
        "Battery manufacturing has become one of the most contested prizes in economic "
        "development, as companies build capacity for electric vehicles and power "
        "grids. States have competed with tax breaks, cheap land and fast-track "
        "permits to land plants that promise thousands of jobs.",
        "Not every promise has been kept. In several places, announced factories have "
        "been delayed, scaled back or canceled as demand forecasts shifted, leaving "
        "local governments with road upgrades and training programs for jobs that "
        "never arrived.",
    ),
    next=(
        "The county planning commission will hold a hearing on the site plan next "
        "month. {company} said it expected to begin recruiting its first managers and "
        "engineers before the end of the year.",
        "State officials said they would publish annual reports on whether the company "
        "is meeting the hiring targets attached to its incentives.",
    ),
    voices=(
        (
            "an instructor who will lead the college's new battery course",
            "We have already had calls from people who want to sign up. Some of them "
            "worked in the old plants. They are ready to learn something new.",
        ),
        (
            "the company's chief operating officer",
            "We looked for three things: people, power and a community that wanted us. "
            "{place} made the strongest case on all three.",
        ),
        (
            "who chairs the county commission",
            "These are the kind of jobs our parents had at the mills, jobs you can "
            "raise a family on. We intend to hold the company to every number it has "
            "promised.",
        ),
        (
            "a retired machinist who spoke at a public meeting on the deal",
            "I want this to work. I also remember the last plant that came with a "
            "ribbon-cutting and left with our tax money.",
        ),
    ),
    key_points=(
        "{company} will build a {amount} battery factory in {place}.",
        "The plant is expected to employ about {jobs} people at full production.",
        "Incentives worth an estimated {incentive} depend on hiring and wage targets.",
        "The first line, for grid storage cells, should open in about two years.",
        "A local college will start a battery manufacturing course.",
    ),
    faqs=(
        (
            "What will the plant make?",
            "Battery cells for grid storage first, followed by batteries for electric "
            "buses and trucks.",
        ),
        (
            "What did {place} offer to win the plant?",
            "Property tax breaks, job-training grants and transport upgrades worth an "
            "estimated {incentive} over 15 years, tied to hiring and wage targets.",
        ),
        (
            "When will hiring start?",
            "The company expects to begin recruiting managers and engineers before the "
            "end of the year, with production jobs following as lines open.",
        ),
    ),
    summary=(
        "{company} will build a {amount} battery factory in {place}, promising about "
        "{jobs} jobs. The incentives that won the project are tied to hiring targets, "
        "and residents who remember past plant closures intend to hold the company to "
        "them."
    ),
    tags=(
        "Manufacturing",
        "Jobs",
        "Energy",
        "Electric vehicles",
        "Economic development",
    ),
)

GROCERY_MERGER = Topic(
    subject="the grocery merger",
    stakeholders="shoppers, store workers and farm suppliers",
    headlines=(
        "{buyer} agrees {price} deal for regional grocer {target}",
        "{target} shoppers brace for change as {buyer} takeover is announced",
        "Grocery deal would give {buyer} {stores} more stores across the region",
    ),
    variants=(
        {
            "buyer": "Harrow and Finch Markets",
            "target": "Pennyfield Stores",
            "stores": "84",
            "price": "$620 million",
        },
        {
            "buyer": "Greenlaw Grocers",
            "target": "Lindale Family Markets",
            "stores": "112",
            "price": "$480 million",
        },
        {
            "buyer": "Corbel Foods",
            "target": "Oakhurst Provisions",
            "stores": "63",
            "price": "$910 million",
        },
    ),
    dek=(
        "The companies say shoppers will see lower prices and better stores. Unions "
        "and some suppliers want regulators to take a close look first."
    ),
    lead_subheads=("The deal", "Two grocers become one"),
    lead=(
        "{buyer} said on {weekday} that it had agreed to buy {target}, a "
        "family-controlled supermarket chain with {stores} stores, in a deal valued at "
        "{price} including debt. The combined company would be the largest grocer in "
        "the region around {place}, {region}.",
        "Executives said the deal would let them buy in larger quantities and invest "
        "in store upgrades and delivery, savings they promised to pass on to shoppers. "
        "{target} will keep its name for at least two years, and its headquarters in "
        "{place} will remain open.",
        "The agreement requires approval from competition regulators, which the "
        "companies expect to take up to nine months. Shares in {buyer} rose modestly "
        "after the announcement.",
    ),
    detail_subheads=("Competition concerns", "What workers and suppliers want"),
    detail=(
        "In several smaller towns, the two chains operate the only full-service "
        "supermarkets, a fact that has drawn attention from consumer advocates. The "
        "companies said they were prepared to sell some stores if regulators required "
        "it.",
        "The union representing store workers at both chains said it wanted written "
        "commitments on jobs and pensions before it would support the deal. About a "
        "quarter of {target}'s staff have worked for the company for more than ten "
        "years.",
        "Local farmers and food makers who supply {target} worried that a larger buyer "
        "would squeeze their margins. The company said existing supplier contracts "
        "would be honored and that it planned to expand its range of local products.",
        "Analysts said the deal makes sense on paper. Both chains have struggled to "
        "pay for new stores and technology on their own, and a combined company would "
        "have the scale to compete on price with national rivals. The harder question, "
        "they said, is whether the savings reach shoppers.",
    ),
    context=(
        "The grocery business runs on thin margins, and regional chains have been "
        "squeezed by national competitors with greater buying power, by discount "
        "stores and by online delivery. Several family-owned grocers in the region "
        "have sold or closed over the past decade.",
        "Consolidation has drawn growing scrutiny from competition authorities, who "
        "have become more willing to challenge deals that leave shoppers in smaller "
        "towns with fewer choices. Recent reviews have required merging chains to sell "
        "dozens of stores to rivals.",
    ),
    next=(
        "Regulators are expected to open a review in the coming weeks and to invite "
        "comments from the public and suppliers. The companies said they hoped to "
        "complete the deal by the end of next year.",
        "Until then, the two chains will continue to operate separately, with no "
        "changes to prices, loyalty programs or store hours.",
    ),
    voices=(
        (
            "a consumer advocate who studies grocery prices",
            "When two chains become one, the question is always what happens in the "
            "towns where they were each other's only competition. That is where "
            "regulators should look first.",
        ),
        (
            "the chief executive of {buyer}",
            "Together we can be big enough to keep prices down and local enough to "
            "know our customers by name. That is the whole point of this deal.",
        ),
        (
            "who has worked as a clerk at {target} for 14 years",
            "People are nervous. We have heard promises before. We want to see them "
            "written down.",
        ),
        (
            "who runs a dairy farm that supplies the chain",
            "A bigger customer can be good or bad. It depends on whether they still "
            "pick up the phone when you call.",
        ),
    ),
    key_points=(
        "{buyer} plans to buy {target} for {price}, including debt.",
        "The deal would add {stores} {target} stores to {buyer}'s network.",
        "Competition regulators must approve it, likely within nine months.",
        "Some stores may be sold where the chains are the only supermarkets.",
        "Unions want written guarantees on jobs and pensions.",
    ),
    faqs=(
        (
            "Will prices change?",
            "Not before the deal closes. The companies say combined buying power will "
            "lower prices afterward, but that remains to be seen.",
        ),
        (
            "Will my local store close?",
            "No closures have been announced, but the companies say they would sell "
            "stores if regulators require it in towns where they are the only options.",
        ),
        (
            "When will the deal be final?",
            "The companies hope to complete it by the end of next year, pending "
            "regulatory approval.",
        ),
    ),
    summary=(
        "{buyer} has agreed to buy {target} and its {stores} stores for {price}. The "
        "companies promise lower prices; regulators, unions and suppliers will have "
        "their say first."
    ),
    tags=("Retail", "Mergers", "Groceries", "Competition", "Jobs"),
)

FOUR_DAY_WEEK = Topic(
    subject="the four-day week",
    stakeholders="employees, managers and customers",
    headlines=(
        "{firm} makes its four-day week permanent after trial",
        "What happened when a {place} employer tried a four-day week",
        "Four-day week trial at {firm} finds output held steady",
    ),
    variants=(
        {"firm": "Tessaly Engineering", "staff": "340", "months": "six"},
        {"firm": "Cobbett and Rowe Insurance", "staff": "210", "months": "nine"},
        {"firm": "Brightwater Logistics", "staff": "520", "months": "12"},
    ),
    dek=(
        "After a {months}-month trial, the company says productivity held up and staff "
        "turnover fell. Not every team found the change easy."
    ),
    lead_subheads=("The decision", "Thirty-two hours, same pay"),
    lead=(
        "{firm}, which employs {staff} people in and around {place}, {region}, said on "
        "{weekday} that it would make a four-day working week permanent for most of "
        "its staff after a {months}-month trial in which, it said, output held steady "
        "and resignations fell sharply.",
        "Under the arrangement, employees work 32 hours over four days for the same "
        "pay. Teams choose which day they take off, with rotas to ensure that "
        "customers can reach someone every weekday.",
        "The company tracked its results against the previous year, measuring orders "
        "processed, projects delivered on time and customer complaints. Managers said "
        "none of the measures got worse, and several improved.",
    ),
    detail_subheads=("How they made it work", "The teams that struggled"),
    detail=(
        "The firm cut the length of routine meetings, set aside blocks of time without "
        "email and moved some tasks to shared checklists. Managers said the biggest "
        "gain came from <em>deciding what not to do</em>, rather than from working "
        "faster.",
        "Not every team found the change easy. Staff in customer service and dispatch, "
        "where work cannot easily be batched, reported more stress in the first months "
        "of the trial, and the company hired additional part-time workers to cover the "
        "gaps.",
        "Sick days fell by about a fifth during the trial, the company said, and the "
        "number of employees leaving dropped to its lowest level in five years. "
        "Applications for open positions roughly doubled.",
        "The company measured well-being through anonymous surveys at the start, "
        "middle and end of the trial. Reported burnout fell steadily, while the share "
        "of employees who said they had enough time for family and friends rose from "
        "under half to more than three-quarters.",
    ),
    context=(
        "Interest in shorter working weeks grew after the pandemic upended assumptions "
        "about how and where work gets done. Pilot programs in several countries "
        "reported similar results: output steady or slightly higher, and large gains "
        "in staff well-being.",
        "Skeptics point out that most trials involve office-based companies that "
        "volunteered, and that results may fade once the novelty wears off. Few "
        "studies have followed companies for more than a year or two.",
    ),
    next=(
        "{firm} will review the arrangement each year and says it could return to a "
        "five-day week for specific teams if customer service suffers. Researchers who "
        "helped design the trial plan to publish a fuller analysis of the results.",
        "Several other employers in {place} have asked the company for advice, and a "
        "regional business group is organizing a workshop on shorter working weeks "
        "next month.",
    ),
    voices=(
        (
            "a customer of the firm for more than a decade",
            "I was worried I would not be able to reach anyone on Fridays. In practice "
            "I have not noticed a difference, except that the people I deal with seem "
            "less frazzled.",
        ),
        (
            "the managing director of {firm}",
            "We expected happier staff and some loss of output. We did not expect "
            "output to hold. That changed the conversation in the boardroom.",
        ),
        (
            "a project coordinator at the firm",
            "The fifth day is when I go to appointments, see my kids' games and get my "
            "life done. On the other four days I am much more focused.",
        ),
        (
            "a labor economist who has studied similar trials",
            "The results are encouraging, but they come from companies that chose to "
            "try it. Whether it works in every industry is a different question.",
        ),
    ),
    key_points=(
        "{firm} is making its four-day, 32-hour week permanent for most staff.",
        "Pay stayed the same during the {months}-month trial.",
        "Output held steady and resignations fell, the company says.",
        "Customer service teams struggled most, and part-time staff were hired.",
        "The arrangement will be reviewed every year.",
    ),
    faqs=(
        (
            "Do employees earn less?",
            "No. Staff work 32 hours over four days for the same pay as before.",
        ),
        (
            "How did the company keep output up?",
            "Shorter meetings, protected time for focused work and dropping low-value "
            "tasks, according to managers.",
        ),
        (
            "Could other employers do this?",
            "Researchers say results from volunteer companies are encouraging but may "
            "not carry over to every industry, especially where work cannot be "
            "batched.",
        ),
    ),
    summary=(
        "After a {months}-month trial, {firm} in {place} is keeping a four-day week at "
        "full pay, saying output held steady and fewer people quit. Customer-facing "
        "teams found it hardest."
    ),
    tags=("Workplace", "Four-day week", "Productivity", "Jobs", "Employment"),
)

DESK = Desk(
    slug="business",
    name="Business",
    description=(
        "Companies, deals and workplaces: who is hiring, who is merging, and what it "
        "means for the towns around them."
    ),
    palette=Palette(
        "forest green and gold",
        dark=(12, 48, 40),
        mid=(36, 110, 84),
        accent=(232, 190, 80),
        light=(226, 240, 230),
    ),
    motif="blocks",
    reporters=("owen-castellanos", "helena-marsh"),
    places=(
        Place("Pittsburgh", "Pennsylvania"),
        Place("Grand Rapids", "Michigan"),
        Place("Tacoma", "Washington"),
        Place("Greenville", "South Carolina"),
        Place("Fort Wayne", "Indiana"),
        Place("Boise", "Idaho"),
        Place("Lexington", "Kentucky"),
        Place("Toledo", "Ohio"),
    ),
    names=Names(
        first=("Grant", "Tanya", "Hector", "Molly", "Desmond", "Priyanka", "Wade"),
        last=("Abernathy", "Quintero", "Lowell", "Stroud", "Bhattacharya", "Kimura"),
    ),
    background_subheads=(
        "The business backdrop",
        "What it means for the local economy",
    ),
    background=(
        "The news comes at a time of cautious confidence among businesses in {region}. "
        "Surveys of local employers show hiring plans holding up, even as higher "
        "borrowing costs have made executives more selective about where they invest.",
        "Economists note that regional economies built around a handful of large "
        "employers are especially sensitive to decisions like this one, for better and "
        "worse. A single announcement can lift hiring across a county, and a single "
        "closure can undo years of progress.",
        "Small businesses are often the first to feel the effects. Restaurants, "
        "contractors and suppliers near a major employer tend to see changes in demand "
        "within months, long before the official statistics catch up.",
        "Investors, for their part, have rewarded companies that can show steady cash "
        "flow and disciplined spending, and punished those that promise growth without "
        "a clear path to profit.",
        "Labor markets remain tight in many parts of {region}, and employers say "
        "finding skilled workers is often harder than finding customers. Training "
        "partnerships with community colleges have become a standard part of expansion "
        "plans.",
        "Executives say they are also paying closer attention to the communities where "
        "they operate, from local suppliers to housing for workers, as those factors "
        "increasingly shape whether projects succeed.",
    ),
    outlook_subheads=("The outlook", "What to watch"),
    outlook=(
        "Much will depend on the wider economy. If interest rates fall as many "
        "forecasters expect, companies may find it easier to finance expansion; if "
        "they stay high, plans could be scaled back.",
        "Local officials say they will publish regular updates on jobs and investment, "
        "and business groups in {place} have asked to be consulted as plans develop.",
        "For workers and customers, the practical effects are likely to unfold "
        "gradually over the next year or two rather than all at once.",
    ),
    topics=(BATTERY_PLANT, GROCERY_MERGER, FOUR_DAY_WEEK),
)

"""Finance: bonds, banks and the institutions that manage public money."""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

GREEN_BOND = Topic(
    subject="the bond sale",
    stakeholders="investors, taxpayers and city officials",
    headlines=(
        "{place} bond sale draws strong demand, lowering borrowing costs",
        "Investors snap up {place}'s {amount} green bond",
        "{place} borrows {amount} for water and transit projects as buyers line up",
    ),
    variants=(
        {"amount": "$350 million", "times": "three", "rate": "3.9 percent"},
        {"amount": "$500 million", "times": "four", "rate": "4.2 percent"},
        {"amount": "$220 million", "times": "two and a half", "rate": "3.6 percent"},
    ),
    dek=(
        "The city received orders worth {times} times the amount on offer, allowing it "
        "to cut the interest rate it pays. The money will fund water system upgrades "
        "and electric buses."
    ),
    lead_subheads=("The sale", "Strong demand, lower costs"),
    lead=(
        "{place}, {region}, sold {amount} of bonds on {weekday} to fund upgrades to "
        "its water system and the purchase of electric buses, drawing orders worth "
        "about {times} times the amount on offer from pension funds, insurers and "
        "individual investors.",
        "The strong demand allowed the city to lower the interest rate on the "
        "longest-dated bonds to {rate}, saving taxpayers an estimated several million "
        "dollars over the life of the debt compared with the initial pricing.",
        "The bonds are labeled green, meaning the proceeds must be spent on projects "
        "with environmental benefits and the city must report every year on how the "
        "money is used and what it achieves.",
    ),
    detail_subheads=("Where the money goes", "Why investors wanted in"),
    detail=(
        "About <strong>two-thirds</strong> of the money will go to replacing aging "
        "water mains and upgrading a treatment plant; the rest will buy electric buses "
        "and charging equipment for the city's transit agency.",
        "Demand for municipal debt has been strong this year as investors seek "
        "tax-exempt income and relatively safe assets. Green-labeled bonds have "
        "attracted particular interest from funds with environmental mandates.",
        "Credit rating agencies affirmed the city's rating ahead of the sale, citing a "
        "growing tax base and improved reserves, while noting pension obligations that "
        "remain high relative to revenue.",
        "An independent reviewer assessed the projects before the sale and confirmed "
        "that they met the standards the city had set for its green bonds. The review "
        "will be repeated every year, and the city has committed to publishing "
        "measures such as water lost to leaks and emissions avoided by the new buses.",
    ),
    context=(
        "Cities borrow in the bond market to pay for projects that last decades, such "
        "as water mains, bridges and buses, spreading the cost over the years in which "
        "residents use them. Most municipal bonds are bought by funds and wealthy "
        "individuals seeking steady, often tax-exempt, income.",
        "{place} last sold bonds two years ago, when demand was weaker. Since then the "
        "city has rebuilt its reserves and published a long-term capital plan, steps "
        "that rating agencies and investors had asked for.",
    ),
    next=(
        "The city plans to return to the market next year for a second sale tied to "
        "its capital plan. Its first annual report on the use of proceeds is due "
        "twelve months after the sale.",
        "Officials said the savings from the lower interest rate would be set aside "
        "for maintenance of the new infrastructure.",
    ),
    voices=(
        (
            "an engineer at the city's water department",
            "Some of the pipes we are replacing are older than anyone who works here. "
            "This money means we can stop patching and start rebuilding.",
        ),
        (
            "the city's finance director",
            "Investors looked at our books and our plans and decided to lend to us at "
            "a lower rate. That is money that stays with taxpayers.",
        ),
        (
            "a portfolio manager who specializes in municipal debt",
            "Cities with a clear plan and honest reporting are finding a deep pool of "
            "buyers. The green label helps, but the fundamentals matter more.",
        ),
        (
            "a member of a local taxpayers' association",
            "Cheap borrowing is still borrowing. We will be watching that the money is "
            "spent on what was promised.",
        ),
    ),
    key_points=(
        "{place} sold {amount} of green bonds for water and transit projects.",
        "Orders reached about {times} times the amount on offer.",
        "The longest-dated bonds pay {rate}.",
        "Two-thirds of the money goes to water mains and treatment, the rest to buses.",
        "The city must report every year on how the money is used.",
    ),
    faqs=(
        (
            "What is a green bond?",
            "A bond whose proceeds must fund projects with environmental benefits, "
            "with regular reports on how the money is spent.",
        ),
        (
            "Does this raise my taxes?",
            "The bonds are repaid from the city's existing revenues and water charges; "
            "officials say no new tax is required.",
        ),
        (
            "Can individuals buy these bonds?",
            "Part of the issue was sold to individual investors through brokers, and "
            "the bonds can be bought and sold afterward on the secondary market.",
        ),
    ),
    summary=(
        "{place} borrowed {amount} through a green bond sale that drew {times} times "
        "more orders than needed, lowering its costs. The money goes to water mains "
        "and electric buses, with annual reports promised."
    ),
    tags=("Bonds", "Municipal finance", "Green finance", "Investing", "Infrastructure"),
)

BANK_RESULTS = Topic(
    subject="the bank's results",
    stakeholders="depositors, borrowers and investors",
    headlines=(
        "{bank} profit rises {change} as deposit costs ease",
        "Regional lender {bank} sets aside more for commercial property loans",
        "{bank} results offer a window on the health of Main Street lending",
    ),
    variants=(
        {
            "bank": "Prairie Lantern Bank",
            "profit": "$84 million",
            "change": "12 percent",
        },
        {"bank": "Meadowgate Savings", "profit": "$112 million", "change": "8 percent"},
        {
            "bank": "Ironbridge Trust Bank",
            "profit": "$57 million",
            "change": "15 percent",
        },
    ),
    dek=(
        "Quarterly profit at the {place}-based lender rose to {profit}. Executives "
        "flagged caution on office loans and said small-business demand was steady."
    ),
    lead_subheads=("The quarter in numbers", "Higher profit, more caution"),
    lead=(
        "{bank}, a regional lender based in {place}, {region}, reported on {weekday} "
        "that its quarterly profit rose {change} from a year earlier to {profit}, "
        "helped by lower costs on customer deposits and steady demand for loans from "
        "small businesses.",
        "The bank also increased the money it sets aside to cover potential losses on "
        "commercial real estate loans, in particular those backed by office buildings, "
        "where vacancies have remained high since many companies adopted hybrid "
        "working.",
        "Shares in {bank} rose in early trading after the results, which were slightly "
        "better than analysts had expected.",
    ),
    detail_subheads=("The office question", "Deposits and lending"),
    detail=(
        "Office loans make up a relatively small share of the bank's lending, "
        "executives said, and most are to buildings with long-term tenants. But they "
        "said they preferred to be cautious, and had tightened terms on new lending to "
        "the sector.",
        "Deposits grew modestly during the quarter after a period in which customers "
        "moved money to higher-yielding accounts elsewhere. The bank has raised rates "
        "on some savings products and added features to its mobile app to hold on to "
        "customers.",
        "Lending to small and mid-sized businesses grew at a steady pace, led by "
        "manufacturers, health care practices and agricultural customers. Mortgage "
        "lending was flat, reflecting a quiet housing market.",
        "The bank's capital ratios, a measure of its ability to absorb losses, rose "
        "during the quarter and remain comfortably above regulatory requirements. "
        "Executives said they would keep more capital than strictly necessary while "
        "the outlook for commercial property remains uncertain.",
    ),
    context=(
        "Regional and community banks hold a large share of lending to small "
        "businesses and farms, and their health is closely watched as a gauge of "
        "conditions on Main Street. Several mid-sized lenders came under pressure in "
        "recent years when depositors moved money quickly in response to rising rates.",
        "Since then, regulators have paid closer attention to how banks manage "
        "interest rate risk and concentrations in commercial property. Banks have "
        "responded by building capital and shoring up their deposit bases.",
    ),
    next=(
        "The bank reaffirmed its forecasts for the full year and said it would "
        "consider resuming share buybacks if conditions allowed. Its next results are "
        "due in three months.",
        "Analysts will be watching whether provisions for property loans continue to "
        "rise, and whether deposit costs keep falling if interest rates come down.",
    ),
    voices=(
        (
            "a longtime depositor who runs a landscaping business",
            "I keep our payroll account there because they have always treated us "
            "fairly. I read the headlines like everyone else, but I have not seen a "
            "reason to move.",
        ),
        (
            "the bank's chief executive",
            "Our customers are steady, our deposits are growing again and our balance "
            "sheet is strong. We are being careful where caution is warranted.",
        ),
        (
            "an analyst who covers regional banks",
            "The headline number is good. The line I watch is the provision for "
            "commercial property, and that is still going up.",
        ),
        (
            "who runs a machine shop that borrows from the bank",
            "They know our business and they answer the phone. For a company like "
            "ours, that matters more than a quarter point on the rate.",
        ),
    ),
    key_points=(
        "{bank}'s quarterly profit rose {change} to {profit}.",
        "Lower deposit costs and steady business lending helped results.",
        "The bank raised provisions for office property loans.",
        "Mortgage lending was flat.",
        "Full-year forecasts were reaffirmed.",
    ),
    faqs=(
        (
            "Is my money safe at a regional bank?",
            "Deposits at insured banks are protected up to the legal limit. The bank "
            "reported capital levels well above regulatory minimums.",
        ),
        (
            "Why are office loans a concern?",
            "Many office buildings have struggled with vacancies since hybrid working "
            "became common, which can make it harder for owners to repay loans.",
        ),
        (
            "What does this mean for borrowers?",
            "Small businesses found credit available during the quarter, though terms "
            "for office property loans have tightened.",
        ),
    ),
    summary=(
        "{bank} grew its quarterly profit {change} to {profit} on lower deposit costs "
        "and steady business lending, while setting aside more for office loans. "
        "Analysts say commercial property is the thing to watch."
    ),
    tags=("Banking", "Earnings", "Commercial real estate", "Lending", "Markets"),
)

PENSION_FUND = Topic(
    subject="the pension fund's new strategy",
    stakeholders="retirees, public workers and taxpayers",
    headlines=(
        "Public pension fund in {place} shifts {share} of assets to infrastructure",
        "{place} pension trustees vote to cut stock holdings after review",
        "Why a {assets} public pension fund is changing its investment mix",
    ),
    variants=(
        {
            "fund": "the state teachers' pension fund",
            "assets": "$62 billion",
            "share": "5 percent",
        },
        {
            "fund": "the municipal employees' retirement system",
            "assets": "$24 billion",
            "share": "3 percent",
        },
        {
            "fund": "the public safety pension plan",
            "assets": "$41 billion",
            "share": "7 percent",
        },
    ),
    dek=(
        "Trustees of {fund} voted to move {share} of its {assets} portfolio into "
        "infrastructure and private credit. Members' benefits are unchanged; the aim "
        "is steadier returns."
    ),
    lead_subheads=("The vote", "A new investment mix"),
    lead=(
        "Trustees of {fund} in {place}, {region}, voted on {weekday} to move {share} "
        "of its {assets} portfolio out of publicly traded stocks and into "
        "infrastructure and private lending over the next three years, the biggest "
        "change to its investment mix in more than a decade.",
        "The decision followed an 18-month review by the fund's staff and outside "
        "consultants, who concluded that the fund could reduce the swings in its "
        "returns without giving up long-term growth by holding more assets that "
        "produce steady income.",
        "Benefits for current and future retirees are set by law and are not affected "
        "by the change. But the fund's investment results influence how much the "
        "government and employees must contribute each year.",
    ),
    detail_subheads=("What the fund will buy", "Fees, risks and the funding gap"),
    detail=(
        "Infrastructure investments could include stakes in toll roads, renewable "
        "energy projects, ports and utilities, typically held for many years. Private "
        "credit means lending directly to mid-sized companies rather than buying bonds "
        "on public markets.",
        "Critics of the shift note that private assets carry higher fees and are "
        "harder to value and sell than public stocks. Trustees said they had "
        "negotiated fee caps and would publish the costs of each investment in the "
        "fund's annual report.",
        "The fund is currently about <strong>78 percent funded</strong>, meaning it "
        "holds assets worth roughly three-quarters of the benefits it has promised. "
        "Trustees hope steadier returns will help close that gap over the next two "
        "decades.",
        "The fund will hire specialist managers for the new investments after a "
        "competitive search. Trustees agreed to cap the share of the portfolio any "
        "single manager can oversee and to require quarterly reports on performance "
        "and fees, to be posted on the fund's website.",
    ),
    context=(
        "Public pension funds manage retirement savings for teachers, police officers, "
        "firefighters and other public employees, and their investment choices affect "
        "both retirees and taxpayers. When returns fall short, governments and workers "
        "typically have to contribute more.",
        "Many large public funds have increased their holdings of private assets over "
        "the past two decades, seeking returns less tied to the swings of the stock "
        "market. The results have been mixed, and debates over fees and transparency "
        "have followed.",
    ),
    next=(
        "Staff will present a schedule for the first investments at the trustees' next "
        "quarterly meeting. The fund's annual report, due in the fall, will include "
        "the first accounting of fees and performance for the new allocation.",
        "A union representing public employees has asked for a seat on the committee "
        "that will select the fund's new managers.",
    ),
    voices=(
        (
            "a high school teacher who pays into the fund",
            "Every month a slice of my paycheck goes into this. I want the people "
            "managing it to be careful and to tell us plainly what they are doing.",
        ),
        (
            "the chair of the fund's board of trustees",
            "Our job is to pay every pension we have promised, for decades to come. A "
            "steadier ride makes that job easier.",
        ),
        (
            "a retired firefighter who attended the meeting",
            "I just want to know the money will be there. If this helps, good, but I "
            "want to see what the fees cost us.",
        ),
        (
            "a pension consultant who was not involved in the review",
            "This is a common move for public funds right now. The key is discipline "
            "on fees, and patience, because these assets do not pay off in a year.",
        ),
    ),
    key_points=(
        "Trustees voted to move {share} of a {assets} portfolio into infrastructure "
        "and private credit.",
        "The change will happen over three years.",
        "Benefits are set by law and are not affected.",
        "Trustees negotiated fee caps and will publish costs.",
        "The fund is about 78 percent funded.",
    ),
    faqs=(
        (
            "Will my pension change?",
            "No. Benefits are set by law. The change affects how the fund invests, not "
            "what it pays.",
        ),
        (
            "Why move away from stocks?",
            "Trustees want steadier returns from assets that produce regular income, "
            "reducing the swings in the fund's value.",
        ),
        (
            "What are the risks?",
            "Private investments have higher fees and are harder to value and sell. "
            "The fund says it has capped fees and will report them publicly.",
        ),
    ),
    summary=(
        "Trustees of {fund} will move {share} of its {assets} portfolio into "
        "infrastructure and private lending over three years, seeking steadier "
        "returns. Benefits are unchanged; members want transparency on fees."
    ),
    tags=("Pensions", "Investing", "Infrastructure", "Retirement", "Public finance"),
)

DESK = Desk(
    slug="finance",
    name="Finance",
    description=(
        "Markets, banks and public money: bonds, pensions and the balance sheets "
        "behind the headlines."
    ),
    palette=Palette(
        "charcoal and emerald",
        dark=(22, 26, 32),
        mid=(46, 62, 74),
        accent=(46, 204, 138),
        light=(220, 230, 236),
    ),
    motif="candles",
    reporters=("owen-castellanos", "helena-marsh"),
    places=(
        Place("Chicago", "Illinois"),
        Place("Charlotte", "North Carolina"),
        Place("Boston", "Massachusetts"),
        Place("Minneapolis", "Minnesota"),
        Place("Hartford", "Connecticut"),
        Place("Des Moines", "Iowa"),
        Place("Omaha", "Nebraska"),
        Place("St. Louis", "Missouri"),
    ),
    names=Names(
        first=(
            "Victoria",
            "Nathaniel",
            "Imani",
            "Gregory",
            "Sunita",
            "Philip",
            "Carmen",
        ),
        last=("Ashworth", "Delgado", "Rutherford", "Nakamura", "Osei-Bonsu", "Grady"),
    ),
    background_subheads=("The market backdrop", "Why it matters for investors"),
    background=(
        "Financial markets have spent much of the year trying to read the path of "
        "interest rates. Each new reading on inflation and jobs has moved bond prices, "
        "and with them the cost of borrowing for governments, companies and "
        "households.",
        "Institutions that manage public money, from city treasuries to pension funds, "
        "face particular scrutiny. Their decisions are made with other people's money "
        "and are recorded in public documents, which makes them a useful window on "
        "wider market conditions.",
        "Analysts say that transparency has become a competitive advantage. Borrowers "
        "and funds that publish clear, regular reports tend to find investors more "
        "willing to trust them, especially when markets turn volatile.",
        "For ordinary savers, the effects arrive indirectly: through the rates offered "
        "on deposits and loans, the health of retirement funds and, eventually, the "
        "taxes and fees that pay for public services.",
        "Credit conditions have tightened gradually rather than sharply. Lenders "
        "report that demand for loans remains steady, but they have become more "
        "selective, asking for more collateral and charging weaker borrowers more.",
        "Public institutions also face pressure to show that they are managing "
        "long-term risks, from climate to technology, as investors and regulators ask "
        "more detailed questions about resilience.",
    ),
    outlook_subheads=("What markets will watch", "The outlook"),
    outlook=(
        "The next few months will bring a fresh round of economic data and central "
        "bank meetings, each capable of shifting the mood in markets.",
        "Analysts in {place} said they expect investors to remain selective, rewarding "
        "issuers and institutions with strong finances and clear plans while demanding "
        "higher returns from the rest.",
        "Regulators, meanwhile, have signaled that they will keep a close eye on "
        "commercial property exposure across the financial system.",
    ),
    topics=(GREEN_BOND, BANK_RESULTS, PENSION_FUND),
)

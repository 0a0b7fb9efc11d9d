"""Money Watch: household money, explained with practical steps."""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

SAVINGS_RATES = Topic(
    subject="savings rates",
    stakeholders="savers, bank customers and financial advisers",
    headlines=(
        "Your savings could be earning more. Here's how to check",
        "Banks pay up to {rate_high} on savings. Many customers still get {rate_low}",
        "Why so many savers in {place} are leaving money on the table",
    ),
    # Each variant's figures agree: the gap between the rates on the balance
    # is the yearly difference quoted.
    variants=(
        {
            "rate_high": "4.6 percent",
            "rate_low": "0.4 percent",
            "balance": "$10,000",
            "gain": "$420",
        },
        {
            "rate_high": "4.35 percent",
            "rate_low": "0.6 percent",
            "balance": "$15,000",
            "gain": "about $560",
        },
        {
            "rate_high": "4.8 percent",
            "rate_low": "0.25 percent",
            "balance": "$8,000",
            "gain": "about $365",
        },
    ),
    dek=(
        "Online banks and credit unions are offering rates near {rate_high}, while "
        "standard accounts at big banks pay a fraction of that. Switching takes less "
        "time than most people think."
    ),
    lead_subheads=("A wide gap", "What your money could earn"),
    lead=(
        "The gap between the best and worst savings rates has rarely been wider. Many "
        "online banks and credit unions now pay around {rate_high} a year on "
        "easy-access accounts, while standard savings accounts at some of the largest "
        "banks still pay {rate_low} or less, according to rate surveys published on "
        "{weekday}.",
        "On a balance of {balance}, the difference works out to {gain} a year in "
        "interest, before taxes. Yet surveys suggest that most people keep their "
        "savings at the same bank as their checking account, often for years, without "
        "comparing rates.",
        "Financial planners in {place} and elsewhere say inertia, not loyalty, is "
        "usually to blame. Customers worry that moving money is complicated or risky, "
        "when in most cases it takes a few minutes online.",
    ),
    detail_subheads=("How to switch safely", "Before you move your money"),
    detail=(
        "Before moving money, check that the new account is at a federally insured "
        "bank or credit union, so deposits are protected up to the legal limit. Look "
        "at whether the rate is variable, and whether it includes a temporary bonus "
        "that will drop after a few months.",
        "<p>Advisers suggest a few quick checks before switching:</p><ul><li>Find your "
        "current rate: it is usually shown in your banking app or on your "
        "statement.</li><li>Compare it with the best easy-access rates from insured "
        "institutions.</li><li>Look for minimum balances, monthly fees or limits on "
        "withdrawals.</li><li>Keep enough in checking to cover bills and avoid "
        "overdrafts.</li></ul>",
        "Certificates of deposit, which lock money away for a fixed term, can pay "
        "slightly more, but they usually charge a penalty for early withdrawal. "
        "Planners recommend keeping an emergency fund in an account you can reach "
        "quickly.",
        "Be wary of accounts that advertise a high rate but pay it only on small "
        "balances, or only if you make a certain number of card purchases each month. "
        "Read the conditions carefully, and compare the rate you would actually earn "
        "on your own balance.",
    ),
    context=(
        "Savings rates rose sharply as the central bank raised its benchmark rate to "
        "fight inflation, but banks passed on the increases unevenly. Online banks, "
        "which compete nationally for deposits, moved first and furthest; many large "
        "banks left their standard accounts almost untouched.",
        "Economists say the gap reflects how banks price for customer behavior. "
        "Customers who have not compared rates in years are unlikely to move, so banks "
        "have little reason to pay them more.",
    ),
    next=(
        "Rates on savings accounts tend to follow the central bank's benchmark rate, "
        "so they may fall if it is cut in the coming months. Savers who want certainty "
        "may consider locking in part of their money for a fixed term now.",
        "Whatever the direction of rates, advisers say it is worth checking your "
        "savings rate at least once a year, the same way you would review an insurance "
        "policy or a phone plan.",
    ),
    voices=(
        (
            "a nurse who opened her first high-yield account this year",
            "I had no idea my savings were earning almost nothing. A coworker showed "
            "me her rate, and I switched that evening on my phone.",
        ),
        (
            "a certified financial planner in {place}",
            "People spend hours comparing prices on a television and never look at the "
            "rate on their savings. That is often the easiest raise they will ever "
            "get.",
        ),
        (
            "a retired bus driver who moved her savings last month",
            "It took twenty minutes on the phone with my grandson. I was nervous, but "
            "the money arrived the next day and it is earning ten times what it did.",
        ),
        (
            "a consumer finance researcher at a state university",
            "Banks know most customers will not move. That is why the gap persists, "
            "and why a little attention pays off.",
        ),
    ),
    key_points=(
        "Top easy-access savings rates are around {rate_high}.",
        "Standard accounts at some big banks pay {rate_low} or less.",
        "On {balance}, the gap is worth {gain} a year.",
        "Check that any new account is federally insured.",
        "Watch for temporary bonus rates that drop after a few months.",
        "Keep an emergency fund in an account you can reach quickly.",
    ),
    faqs=(
        (
            "Is it safe to move savings to an online bank?",
            "Yes, if the bank is federally insured: deposits are then protected up to "
            "the legal limit, just as at a bank with branches.",
        ),
        (
            "Will moving my savings affect my credit score?",
            "Opening a savings account does not usually involve a hard credit check, "
            "so it should not affect your score.",
        ),
        (
            "What if rates fall after I switch?",
            "Variable rates can fall, but the best accounts tend to stay competitive. "
            "You can always move again.",
        ),
    ),
    summary=(
        "Savers at big banks may be earning {rate_low} while insured online banks and "
        "credit unions pay around {rate_high}. On {balance} that is {gain} a year, and "
        "switching usually takes minutes."
    ),
    tags=("Savings", "Banking", "Interest rates", "Personal finance", "Consumer tips"),
)

SCAM_TEXTS = Topic(
    subject="the text message scams",
    stakeholders="consumers, police and bank fraud teams",
    headlines=(
        "Fake toll and parcel texts are surging in {place}. Here's how to spot them",
        "Scam texts have cost {place}-area residents {losses} this year, police say",
        "That unpaid toll message is probably a scam. What to do instead",
    ),
    variants=(
        {"losses": "$2.4 million", "reports": "3,800"},
        {"losses": "$1.7 million", "reports": "2,900"},
        {"losses": "$3.1 million", "reports": "5,200"},
    ),
    dek=(
        "Police received {reports} reports of fraudulent text messages in the past "
        "three months. The scams copy real companies' branding and rely on a sense of "
        "urgency."
    ),
    lead_subheads=("A wave of fake messages", "What the police are seeing"),
    lead=(
        "Police in {place}, {region}, warned on {weekday} of a sharp rise in text "
        "message scams claiming to come from toll agencies, delivery companies and "
        "banks, saying residents had reported {reports} such messages in the past "
        "three months and lost at least {losses}.",
        "The messages typically say that a toll is unpaid, a parcel cannot be "
        "delivered or an account has been locked, and include a link to a convincing "
        "copy of a real company's website. Victims who enter card details or log-in "
        "codes often see money taken within minutes.",
        "Officers said older residents were not the only targets. Younger adults, who "
        "are more likely to expect deliveries and to pay tolls by app, reported losing "
        "money at similar rates.",
    ),
    detail_subheads=("How to protect yourself", "How the scams work"),
    detail=(
        "Scammers send messages in huge volumes using lists of phone numbers, and "
        "change the wording and web addresses often to stay ahead of filters. Some "
        "messages include a small real detail, such as the name of a local road, to "
        "appear genuine.",
        "<p>Fraud investigators suggest a few rules of thumb:</p><ul><li>Do not tap "
        "links in unexpected messages about payments or deliveries.</li><li>Go to the "
        "company's official app or website yourself, or call the number on your card "
        "or bill.</li><li>Never share a one-time passcode with anyone who contacts "
        "you.</li><li>Report scam texts by forwarding them to your carrier's spam "
        "number, then delete them.</li></ul>",
        "If you have entered card details, <strong>call your bank immediately</strong> "
        "using the number on the back of your card. The sooner a transaction is "
        "reported, the better the chance of stopping or recovering it.",
        "Some scams now target people who have already been defrauded, with messages "
        "offering to recover lost money for a fee. Police say these are scams too: "
        "legitimate agencies and banks do not charge to help you report fraud or "
        "recover funds.",
    ),
    context=(
        "Text message scams have grown rapidly as more people pay bills, track parcels "
        "and manage bank accounts on their phones. Fraudsters can send millions of "
        "messages cheaply, and it takes only a small share of recipients to respond "
        "for the scheme to pay off.",
        "Law enforcement agencies say many of the operations are run from overseas, "
        "making arrests rare. The emphasis has shifted toward prevention: blocking "
        "numbers, taking down fake websites quickly and teaching people to recognize "
        "the warning signs.",
    ),
    next=(
        "Police are working with phone carriers to block known scam numbers and have "
        "asked residents to keep reporting messages, even if they did not respond. A "
        "public awareness campaign will run on buses and in libraries over the coming "
        "weeks.",
        "Consumer groups are pressing regulators to require carriers to do more to "
        "filter fraudulent texts before they reach customers.",
    ),
    voices=(
        (
            "a librarian who runs digital safety classes for older adults",
            "Our classes used to be about email. Now everyone brings their phone and "
            "shows me a message they got that morning. Almost all of them are scams.",
        ),
        (
            "a detective with the police fraud unit",
            "These messages are designed to make you act before you think. The single "
            "best defense is to slow down and go to the company directly.",
        ),
        (
            "a graduate student who lost several hundred dollars",
            "It looked exactly like the real toll site. I paid a fake fine of a few "
            "dollars, and the next morning my card had been used three times.",
        ),
        (
            "a fraud prevention manager at a regional bank",
            "We will never text you a link and ask you to log in. If a message does "
            "that, it is not us.",
        ),
    ),
    key_points=(
        "Residents reported {reports} scam texts in three months.",
        "Losses in the {place} area reached at least {losses}.",
        "Common lures: unpaid tolls, failed deliveries and locked accounts.",
        "Never tap links in unexpected payment messages; go to the company directly.",
        "Never share one-time passcodes.",
        "Call your bank at once if you entered card details.",
    ),
    faqs=(
        (
            "How can I tell if a text is a scam?",
            "Be suspicious of any unexpected message that demands payment or urgent "
            "action through a link. Real companies rarely ask you to pay or log in "
            "that way.",
        ),
        (
            "What should I do if I clicked a link?",
            "If you entered nothing, close the page. If you entered card or bank "
            "details, call your bank immediately using the number on your card.",
        ),
        (
            "Where do I report scam texts?",
            "Forward them to your carrier's spam reporting number, and report them to "
            "local police or the national fraud reporting service.",
        ),
    ),
    summary=(
        "Scam texts posing as toll agencies, delivery firms and banks have cost "
        "{place}-area residents at least {losses}. Police advise never tapping payment "
        "links and going to companies directly."
    ),
    tags=("Scams", "Fraud", "Consumer tips", "Cybersecurity", "Personal finance"),
)

RENT_RENEWAL = Topic(
    subject="rising rents",
    stakeholders="tenants, landlords and housing counselors",
    headlines=(
        "Rent going up again? What {place} tenants can do",
        "Renters in {place} face {increase} increases at renewal time",
        "A renter's guide to negotiating a lease renewal in {place}",
    ),
    variants=(
        {"increase": "7 percent", "median": "$1,480"},
        {"increase": "9 percent", "median": "$1,720"},
        {"increase": "6 percent", "median": "$1,350"},
    ),
    dek=(
        "Median asking rents in the {place} area have reached {median} a month. "
        "Tenants have more room to negotiate than many assume, especially in buildings "
        "with vacancies."
    ),
    lead_subheads=("Renewal season", "The numbers renters face"),
    lead=(
        "Tenants across {place}, {region}, are opening lease renewal letters with "
        "increases averaging about {increase}, according to a survey of local listings "
        "released on {weekday}, pushing the median asking rent for a one-bedroom "
        "apartment to {median} a month.",
        "Increases have slowed from their peak two years ago, but they still outpace "
        "wage growth for many renters. Housing counselors say they are hearing from "
        "more households who spend over half of their income on rent.",
        "Yet many tenants accept the first figure they are offered. Property managers "
        "and counselors alike say there is often room to negotiate, especially in "
        "larger buildings, where a vacant unit costs the landlord far more than a "
        "smaller increase.",
    ),
    detail_subheads=("How to negotiate", "Before you sign"),
    detail=(
        "Start by checking what similar apartments nearby are listed for. If "
        "comparable units are cheaper, or if your building has several vacancies, that "
        "is useful information to share politely with your landlord or property "
        "manager.",
        "<p>Counselors recommend a few steps before you sign:</p><ol><li>Read the "
        "renewal letter closely, including the deadline to respond.</li><li>Check your "
        "lease and local rules on notice periods and increases.</li><li>Make a written "
        "counteroffer, pointing to your record of paying on time.</li><li>Ask about a "
        "longer lease at a lower rate, which can suit both sides.</li></ol>",
        "Tenants who cannot afford the increase should seek advice early. Local "
        "housing counseling agencies offer free help, and some cities have emergency "
        "rental assistance programs for households facing hardship.",
        "Keep a record of every conversation with your landlord, and get any agreement "
        "in writing before the old lease expires. If you cannot agree, ask for time to "
        "consider your options rather than signing on the spot.",
    ),
    context=(
        "Rents in {place} climbed steeply over the past few years as demand for "
        "apartments outstripped construction. A wave of new buildings is now opening, "
        "and in some neighborhoods landlords are offering incentives such as a free "
        "month to fill units.",
        "That mix of a tight market overall and pockets of vacancy creates an opening "
        "for tenants, housing counselors say, particularly for those who have been "
        "reliable renters and are willing to stay.",
    ),
    next=(
        "The city council is due to debate a proposal next month that would require "
        "landlords to give longer notice of large rent increases. Landlord groups have "
        "said they will oppose it as unnecessary.",
        "Forecasters expect rent growth to cool further next year as new apartment "
        "buildings open, though they caution that the relief may be uneven across "
        "neighborhoods.",
    ),
    voices=(
        (
            "a landlord who owns a handful of rental homes",
            "I would rather keep a tenant who pays on time than raise the rent and "
            "risk a vacancy. Most small landlords feel the same way, whether or not "
            "they say so.",
        ),
        (
            "a housing counselor at a nonprofit agency in {place}",
            "The worst thing a tenant can do is say nothing and hope. A short, polite "
            "letter can save hundreds of dollars a year.",
        ),
        (
            "a property manager who oversees several apartment buildings",
            "An empty unit costs us a month or two of rent plus cleaning and "
            "advertising. A good tenant who asks reasonably will often get something.",
        ),
        (
            "a restaurant cook who negotiated his renewal down",
            "They asked for an increase I could not manage. I showed them three "
            "listings down the street and we met in the middle. I wish I had known to "
            "do that years ago.",
        ),
    ),
    key_points=(
        "Renewal increases in {place} average about {increase}.",
        "The median one-bedroom asking rent is {median} a month.",
        "Tenants can often negotiate, especially where buildings have vacancies.",
        "Compare listings for similar nearby apartments before responding.",
        "A longer lease at a lower rate can suit both sides.",
        "Free housing counseling is available for tenants facing hardship.",
    ),
    faqs=(
        (
            "Can my landlord raise the rent as much as they like?",
            "That depends on local law and your lease. Some places limit increases or "
            "require longer notice, so check both.",
        ),
        (
            "Is it risky to negotiate?",
            "A polite, written request is common and rarely harms a tenancy, "
            "especially for tenants who pay on time.",
        ),
        (
            "Where can I get help?",
            "Local housing counseling agencies offer free advice, and some cities run "
            "emergency rental assistance programs.",
        ),
    ),
    summary=(
        "{place} renters face renewal increases of about {increase}, with median "
        "one-bedroom rents at {median}. Tenants who compare listings and make a "
        "written counteroffer often get a better deal."
    ),
    tags=("Rent", "Housing", "Renters", "Personal finance", "Consumer tips"),
)

DESK = Desk(
    slug="money-watch",
    name="Money Watch",
    description=(
        "Your money, explained: savings, bills, rent and scams, with practical steps "
        "you can take this week."
    ),
    palette=Palette(
        "teal and copper",
        dark=(10, 52, 60),
        mid=(24, 110, 118),
        accent=(222, 140, 80),
        light=(228, 244, 242),
    ),
    motif="coins",
    reporters=("owen-castellanos", "nadia-ferrante"),
    places=(
        Place("Portland", "Oregon"),
        Place("Milwaukee", "Wisconsin"),
        Place("Richmond", "Virginia"),
        Place("Kansas City", "Missouri"),
        Place("Tampa", "Florida"),
        Place("Salt Lake City", "Utah"),
        Place("Providence", "Rhode Island"),
        Place("Louisville", "Kentucky"),
    ),
    names=Names(
        first=("Brenda", "Luis", "Tamika", "Howard", "Yesenia", "Darnell", "Colleen"),
        last=("Whitaker", "Barajas", "Lindgren", "McAllister", "Oyelaran", "Pham"),
    ),
    background_subheads=("Household budgets under pressure", "The bigger picture"),
    background=(
        "Household finances have been under steady pressure. Prices for everyday "
        "essentials rose sharply over the past few years, and while inflation has "
        "eased, many families say their budgets have not caught up.",
        "Surveys suggest a growing share of Americans are checking their spending more "
        "closely, canceling subscriptions and looking for better deals on services "
        "they previously left on autopilot.",
        "Consumer advocates argue that companies often rely on that autopilot, "
        "offering their best terms to new customers while existing ones pay more. "
        "Regulators have begun to scrutinize such practices in several industries.",
        "Financial counselors say small, regular reviews of bills and accounts tend to "
        "do more good than occasional drastic changes, and reduce the stress that "
        "comes with money worries.",
        "Many households are also carrying more debt. Credit card balances have "
        "climbed to record levels, and interest rates on those balances remain high, "
        "making it expensive to carry a balance from month to month.",
        "Experts say the most effective steps are often the least glamorous: knowing "
        "what you pay for each service, checking statements regularly and setting "
        "aside even small amounts for emergencies.",
    ),
    outlook_subheads=("The outlook for households", "What to watch"),
    outlook=(
        "Interest rates, prices and wages will all shape household budgets in the "
        "months ahead, and economists remain divided on how quickly conditions will "
        "improve.",
        "In the meantime, advisers recommend setting a calendar reminder to review "
        "major bills and accounts once or twice a year.",
        "Readers with questions about their own finances can send them to Money Watch "
        "at money@meridianledger.example.com; we answer a selection in our regular "
        "reader Q&amp;A.",
    ),
    topics=(SAVINGS_RATES, SCAM_TEXTS, RENT_RENEWAL),
)

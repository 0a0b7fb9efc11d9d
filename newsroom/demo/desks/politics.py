"""Politics: statehouses, elections and the machinery of government.

No real parties or politicians: the people quoted are described by their roles.
"""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

REDISTRICTING = Topic(
    subject="the draft map",
    stakeholders="voters, local officials and community groups",
    headlines=(
        "{region} redistricting commission unveils draft map after {hearings} hearings",
        "New district lines in {region} would reshape several competitive seats",
        "Citizen commission's draft map puts {region}'s political future up for debate",
    ),
    variants=(
        {"districts": "33", "hearings": "14"},
        {"districts": "40", "hearings": "20"},
        {"districts": "35", "hearings": "11"},
    ),
    dek=(
        "The independent commission's proposal for {districts} state Senate districts "
        "keeps most cities whole but splits two fast-growing suburbs. Public comment "
        "opens next week."
    ),
    lead_subheads=("The draft map", "Lines drawn by citizens"),
    lead=(
        "{region}'s independent redistricting commission released its draft map of "
        "{districts} state Senate districts in {place} on {weekday}, opening the final "
        "phase of a process that has drawn unusually wide public participation.",
        "The commission, made up of members chosen by lottery from a pool of "
        "volunteers, held {hearings} public hearings around the state before drawing "
        "the map. Commissioners said they had tried to keep cities and counties whole "
        "wherever population figures allowed.",
        "Early analyses by academics and advocacy groups suggested the proposal would "
        "create more competitive districts than the current map, though they cautioned "
        "that results would depend heavily on turnout and candidates.",
    ),
    detail_subheads=("Where the lines fall", "An open process"),
    detail=(
        "The draft keeps all but two of the state's largest cities within single "
        "districts. The exceptions are fast-growing suburbs whose populations now "
        "exceed the size of one district, which the commission split along major "
        "roads.",
        "Residents of those suburbs were among the most vocal at the hearings, and "
        "several local officials said the splits would dilute their communities' "
        "voice. The commission said it would consider alternatives submitted during "
        "the comment period.",
        "The commission also published the data and software it used, allowing anyone "
        "to draw and submit their own maps. <strong>More than 200 public maps</strong> "
        "were submitted before the draft was released.",
        "Civil rights groups are studying whether the draft gives minority communities "
        "a fair chance to elect candidates of their choice, as federal law requires. "
        "Early reviews were broadly positive, though several groups raised concerns "
        "about how communities in one metropolitan area had been divided.",
    ),
    context=(
        "Redistricting happens after every census, and for most of the state's history "
        "the lines were drawn by the legislature itself. Critics long complained that "
        "the process let lawmakers choose their voters rather than the other way "
        "round.",
        "Voters approved the constitutional amendment that created the commission "
        "after a campaign backed by a coalition of civic groups. Supporters said an "
        "open process would produce fairer districts; opponents warned that unelected "
        "commissioners would answer to no one.",
    ),
    next=(
        "A 30-day public comment period opens next week, with additional hearings "
        "scheduled in each region of the state. The final map must be approved by a "
        "vote that includes commissioners of every political affiliation on the panel.",
        "Any legal challenge to the final map would go directly to the state Supreme "
        "Court under the amendment that created the commission.",
    ),
    voices=(
        (
            "a retiree who testified at three of the commission's hearings",
            "I drove two hours to tell them my town belongs with the valley, not the "
            "city. On the draft, it does. So somebody was listening.",
        ),
        (
            "the commission's chair, a retired schoolteacher",
            "We listened to people tell us what their community is. Sometimes the "
            "answers conflicted. That is why this is a draft, and why we need to hear "
            "from everyone again.",
        ),
        (
            "the mayor of one of the suburbs split by the draft",
            "Our town has grown up. Cutting it in half just as it finds its feet sends "
            "the wrong message. We will bring the commission a better option.",
        ),
        (
            "a political scientist who studies redistricting",
            "The fact that anyone can download the data and check the commission's "
            "work is a big change. Whatever you think of the lines, the process is far "
            "more open.",
        ),
    ),
    key_points=(
        "A citizen commission has proposed {districts} new state Senate districts for "
        "{region}.",
        "The panel held {hearings} public hearings before drawing the map.",
        "Most cities are kept whole; two fast-growing suburbs are split.",
        "The data and mapping software are public, and anyone can submit a map.",
        "A 30-day comment period opens next week.",
    ),
    faqs=(
        (
            "Who drew the map?",
            "An independent commission of citizens chosen by lottery from volunteers, "
            "rather than state lawmakers.",
        ),
        (
            "Can I comment on it?",
            "Yes. A 30-day public comment period opens next week, with hearings in "
            "each region and an online form.",
        ),
        (
            "When will the new districts be used?",
            "Once the commission approves a final map, the districts will apply from "
            "the next state Senate elections.",
        ),
    ),
    summary=(
        "{region}'s citizen redistricting commission has published a draft map of "
        "{districts} state Senate districts. It keeps most cities whole and may make "
        "more seats competitive; two split suburbs are pushing back."
    ),
    tags=("Redistricting", "Elections", "State government", "Democracy", "Voting"),
)

LOBBYING = Topic(
    subject="the lobbying law",
    stakeholders="lawmakers, lobbyists and watchdog groups",
    headlines=(
        "{region} lawmakers pass lobbying disclosure bill after late compromise",
        "New {region} law will put lobbyists' meetings online within {days} days",
        "Lobbying bill clears {region} legislature with rare cross-party support",
    ),
    variants=(
        {"threshold": "$500", "days": "five"},
        {"threshold": "$250", "days": "ten"},
        {"threshold": "$1,000", "days": "three"},
    ),
    dek=(
        "Lobbyists will have to report meetings with lawmakers and senior officials, "
        "and gifts worth more than {threshold}, on a public website. Critics say "
        "enforcement remains weak."
    ),
    lead_subheads=("What the bill does", "Final approval"),
    lead=(
        "The {region} legislature in {place} gave final approval on {weekday} to a "
        "bill requiring lobbyists to disclose their meetings with lawmakers and senior "
        "state officials within {days} business days, and to report any gift or "
        "hospitality worth more than {threshold}.",
        "The bill passed both chambers with support from members of both parties, "
        "after negotiators agreed to drop a provision that would have extended the "
        "rules to local governments. The governor's office has said it will sign the "
        "measure.",
        "Disclosures will be published on a searchable public website run by the state "
        "ethics commission, which will also gain the power to issue fines for late or "
        "incomplete reports.",
    ),
    detail_subheads=("From twice a year to every meeting", "The loophole critics see"),
    detail=(
        "Under current law, lobbyists in {region} report only their total spending "
        "twice a year, with no detail of whom they met or what they discussed. "
        "Watchdog groups have long argued that the system tells the public almost "
        "nothing useful.",
        "The new reports must list the date of each meeting, the officials present and "
        "the bills or regulations discussed. Purely social contact is exempt, a "
        "carve-out that critics said could become a loophole.",
        "The ethics commission will receive additional staff to run the website and "
        "review reports, though its budget remains smaller than those of similar "
        "bodies in neighboring states.",
        "Violations will be punishable by fines that rise with repeated offenses, and "
        "lobbyists who fail to file for several months in a row could have their "
        "registration suspended. The ethics commission will also publish an annual "
        "report on the most frequent contacts between lobbyists and officials.",
    ),
    context=(
        "Efforts to tighten lobbying rules in {region} have failed several times over "
        "the past decade, usually in committee. This year's bill gained momentum after "
        "reports of undisclosed dinners and trips for lawmakers prompted calls for "
        "change from members of both chambers.",
        "The state is one of a shrinking number that require only periodic spending "
        "totals from lobbyists. Neighboring states adopted meeting-level disclosure "
        "years ago, and supporters of the bill often pointed to them as evidence that "
        "the rules are workable.",
    ),
    next=(
        "The law takes effect at the start of next year, giving the ethics commission "
        "time to build the disclosure system. Lobbyists will be offered training "
        "sessions in the fall.",
        "Supporters said they would return next session with a bill to extend the "
        "rules to large cities and counties, the provision dropped in the final "
        "negotiations.",
    ),
    voices=(
        (
            "a first-term lawmaker who co-sponsored the bill",
            "When I knocked on doors, people asked me who really writes the laws. I "
            "could not give them a good answer. Now they will be able to look it up.",
        ),
        (
            "the bill's lead sponsor in the state Senate",
            "People deserve to know who is in the room when their laws are written. "
            "This does not ban anything; it just turns the lights on.",
        ),
        (
            "director of a government watchdog group",
            "It is a real step forward. But a disclosure law is only as strong as the "
            "people enforcing it, and the ethics commission has been underfunded for "
            "years.",
        ),
        (
            "a lobbyist who represents several hospital groups",
            "Most of us already keep these records. Publishing them is fine, as long "
            "as the rules are clear and the same for everyone.",
        ),
    ),
    key_points=(
        "Lobbyists in {region} must disclose meetings with lawmakers within {days} "
        "business days.",
        "Gifts worth more than {threshold} must be reported.",
        "Reports will appear on a public, searchable website.",
        "The ethics commission gains power to fine late or incomplete filers.",
        "Local governments were dropped from the final bill.",
        "The law takes effect at the start of next year.",
    ),
    faqs=(
        (
            "What changes for the public?",
            "Anyone will be able to search online for which lobbyists met which "
            "officials, when, and about which bills.",
        ),
        (
            "Does the law ban gifts?",
            "No. It requires gifts and hospitality worth more than {threshold} to be "
            "reported.",
        ),
        (
            "Why were local governments left out?",
            "Negotiators dropped them to secure enough votes. Supporters plan to try "
            "again next session.",
        ),
    ),
    summary=(
        "{region} has passed a law making lobbyists publish their meetings with "
        "lawmakers within {days} days and report gifts over {threshold}. Watchdogs "
        "welcome it but question whether enforcement will keep up."
    ),
    tags=("Lobbying", "Ethics", "State government", "Transparency", "Legislation"),
)

STOPGAP_BUDGET = Topic(
    subject="the budget standoff",
    stakeholders="state workers, school districts and city governments",
    headlines=(
        "{region} averts shutdown with {days}-day stopgap budget",
        "Budget deadlock in {place} ends, for now, with a short-term deal",
        "What the {region} budget standoff means for schools and state workers",
    ),
    variants=(
        {"days": "45", "budget": "$38 billion"},
        {"days": "30", "budget": "$24 billion"},
        {"days": "60", "budget": "$52 billion"},
    ),
    dek=(
        "Lawmakers approved a temporary spending measure hours before the deadline, "
        "keeping state offices open while talks continue over a {budget} budget. "
        "Schools and cities still do not know what they will get."
    ),
    lead_subheads=("A deal before the deadline", "What the stopgap does"),
    lead=(
        "Lawmakers in {place} approved a {days}-day stopgap spending measure late on "
        "{weekday}, hours before the start of the fiscal year, averting a partial "
        "shutdown of {region} government while negotiations continue over a full "
        "{budget} budget.",
        "The temporary measure keeps state agencies running at last year's spending "
        "levels. It does not include the increases in school funding and road "
        "maintenance that both chambers had proposed in different forms, which remain "
        "at the heart of the dispute.",
        "Leaders of the two chambers said they had narrowed their differences to a "
        "handful of issues, chief among them how much of the state's reserve fund to "
        "spend and whether to extend a temporary tax credit for families with young "
        "children.",
    ),
    detail_subheads=("Who feels the uncertainty", "What was at stake"),
    detail=(
        "Without the stopgap, thousands of state employees would have faced furloughs, "
        "and some services, including vehicle registration offices and state parks, "
        "would have closed. Payments for health programs and pensions would have "
        "continued under existing law.",
        "School districts, which set their own budgets months in advance, say the "
        "uncertainty is already causing problems. Several have delayed hiring teachers "
        "and support staff until they know how much state aid to expect.",
        "Cities and counties are in a similar position, waiting to learn whether a "
        "promised increase in revenue sharing will survive the final deal. Some have "
        "drawn up contingency budgets with cuts to parks and libraries.",
        "The stopgap also delays several new programs that lawmakers had promised, "
        "including grants for rural broadband and more money for child care providers. "
        "Advocates for those programs said every week without a budget left families "
        "and businesses waiting.",
    ),
    context=(
        "Late budgets have become more common in {region} over the past decade, as the "
        "two chambers have drifted apart on spending priorities. This is the third "
        "year in five that lawmakers have needed a temporary measure to keep the "
        "government running.",
        "The state entered the year with healthy reserves built up during a period of "
        "strong tax collections. Much of the disagreement concerns how much of that "
        "cushion to spend now, and how much to keep in case the economy slows.",
    ),
    next=(
        "Negotiators are due to resume talks early next week. If no full budget is "
        "approved before the stopgap expires, lawmakers will face another deadline "
        "with the same choices.",
        "The state's credit rating agencies have said they are monitoring the "
        "situation but that a short delay is unlikely, on its own, to affect the "
        "state's rating.",
    ),
    voices=(
        (
            "a county administrator who has drawn up two versions of next year's "
            "budget",
            "We have a plan with the money and a plan without it. I would very much "
            "like to throw one of them away.",
        ),
        (
            "the chair of the House budget committee",
            "This buys time, and we intend to use it. Nobody wants to be back here in "
            "{days} days having the same argument.",
        ),
        (
            "superintendent of a mid-sized school district",
            "We cannot hire teachers on a maybe. Every week of delay makes it harder "
            "to fill classrooms by the fall.",
        ),
        (
            "a state employee who works at a vehicle registration office",
            "We came in expecting to be sent home. Everyone is relieved, but it is "
            "hard to plan your life one deadline at a time.",
        ),
    ),
    key_points=(
        "{region} lawmakers approved a {days}-day stopgap budget.",
        "State offices stay open at last year's spending levels.",
        "Disputes over school funding, reserves and a family tax credit remain.",
        "School districts and cities are delaying decisions until a full budget "
        "passes.",
        "Talks resume early next week.",
    ),
    faqs=(
        (
            "Is the state government shut down?",
            "No. The stopgap measure keeps state offices and services running for "
            "{days} days.",
        ),
        (
            "What is the disagreement about?",
            "Mainly how much of the reserve fund to spend, school funding levels and "
            "whether to extend a tax credit for families with young children.",
        ),
        (
            "What happens if there is no deal when the stopgap expires?",
            "Lawmakers would need another temporary measure or face a partial "
            "shutdown.",
        ),
    ),
    summary=(
        "{region} has avoided a shutdown with a {days}-day stopgap budget, but the "
        "fight over a {budget} spending plan continues. Schools and cities are holding "
        "off on hiring and spending until it ends."
    ),
    tags=("Budget", "State government", "Schools", "Legislature", "Taxes"),
)

DESK = Desk(
    slug="politics",
    name="Politics",
    description=(
        "Statehouses, elections and the rules of the game: how decisions are made, and "
        "who gets a say."
    ),
    palette=Palette(
        "plum and teal",
        dark=(46, 20, 56),
        mid=(98, 50, 110),
        accent=(64, 196, 180),
        light=(240, 230, 244),
    ),
    motif="hemicycle",
    reporters=("ruth-calloway", "helena-marsh"),
    # State capitals: the region is the state the legislature governs.
    places=(
        Place("Sacramento", "California"),
        Place("Columbus", "Ohio"),
        Place("Raleigh", "North Carolina"),
        Place("Madison", "Wisconsin"),
        Place("Denver", "Colorado"),
        Place("Harrisburg", "Pennsylvania"),
        Place("Lansing", "Michigan"),
        Place("Phoenix", "Arizona"),
    ),
    names=Names(
        first=("Maureen", "Julian", "Adaeze", "Curtis", "Renata", "Elliot", "Simone"),
        last=("Fairbanks", "Okonkwo", "Lindqvist", "Marchetti", "Dunleavy", "Ortega"),
    ),
    background_subheads=("Statehouse politics", "Why it matters"),
    background=(
        "The debate is part of a pattern. Statehouses across the country have become "
        "more central to policy on everything from elections to schools, and the "
        "stakes of routine legislative decisions have risen accordingly.",
        "Turnout in state legislative elections has historically been lower than in "
        "national contests, which means that relatively small numbers of voters can "
        "shape the chambers that make these decisions.",
        "Reform advocates argue that more transparency and independent processes can "
        "rebuild trust in state government. Skeptics counter that procedural changes "
        "do little if voters are not paying attention.",
        "Polling in {region} suggests voters are frustrated with gridlock but divided "
        "on the solutions, with many saying they simply want their representatives to "
        "get the basics done on time.",
        "Trust in government institutions has declined over several decades, according "
        "to long-running surveys, and state governments have not been immune. "
        "Reformers argue that visible changes to how decisions are made are one of the "
        "few tools available to reverse that trend.",
        "Legislative staff and outside experts note that many important decisions "
        "happen in committee rooms and closed negotiations, far from public view. "
        "Rules that open those stages to scrutiny can matter as much as the final "
        "votes.",
    ),
    outlook_subheads=("Next session", "Looking ahead"),
    outlook=(
        "The next legislative session will test whether the lessons of this one stick. "
        "Several members have said privately that they expect the same fault lines to "
        "reopen.",
        "For voters, the practical effects will show up in the months ahead, in school "
        "budgets, public services and the choices on next year's ballot.",
        "Advocacy groups on all sides have promised to keep up the pressure on "
        "lawmakers, and several are planning town hall meetings around the state.",
    ),
    topics=(REDISTRICTING, LOBBYING, STOPGAP_BUDGET),
)

"""Health: access to care, public health and the people who provide it."""

from newsroom.demo.phrasebook import Desk, Names, Palette, Place, Topic

MOBILE_CLINICS = Topic(
    subject="the clinic expansion",
    stakeholders="patients, nurses and community health workers",
    headlines=(
        "Mobile clinics bring checkups to {place} neighborhoods without a doctor",
        "{place} health center adds evening hours and {vans} mobile clinics",
        "How {place} is trying to close its primary care gap",
    ),
    variants=(
        {"patients": "9,000", "vans": "two"},
        {"patients": "12,000", "vans": "three"},
        {"patients": "6,500", "vans": "four"},
    ),
    dek=(
        "The expansion is aimed at {patients} residents who have no regular doctor. "
        "Health workers say prevention is cheaper than emergency care, but staffing "
        "remains the hardest part."
    ),
    lead_subheads=("Care on wheels", "Longer hours, more places"),
    lead=(
        "A community health center in {place}, {region}, began offering evening and "
        "weekend appointments on {weekday} and will put {vans} mobile clinics on the "
        "road next month, in an effort to reach an estimated {patients} residents who "
        "have no regular source of primary care.",
        "The mobile clinics, converted vans with an exam room and basic lab equipment, "
        "will visit neighborhoods, workplaces and schools on a published schedule. "
        "Nurse practitioners will offer checkups, vaccinations, blood pressure and "
        "diabetes screening, and referrals for follow-up care.",
        "The expansion is funded by a combination of state grants, a local foundation "
        "and the health center's own revenue. Services are available regardless of "
        "insurance, with fees on a sliding scale based on income.",
    ),
    detail_subheads=("Why primary care matters", "The staffing challenge"),
    detail=(
        "Emergency departments in {place} have reported rising numbers of patients "
        "whose conditions could have been treated earlier by a primary care "
        "clinician. Hospital administrators say the pattern strains their staff and "
        "costs the health system far more than prevention would.",
        "Recruiting clinicians has been the biggest obstacle. The center has offered "
        "student loan repayment and flexible schedules to attract nurse practitioners "
        "and physicians, and has partnered with a nursing school to host students on "
        "the mobile clinics.",
        "<strong>Community health workers</strong>, who often live in the "
        "neighborhoods they serve, will travel with the vans to help patients sign up "
        "for insurance, book follow-up appointments and find transportation.",
        "Each van will carry a small pharmacy stocked with common medications, so "
        "patients can leave with prescriptions filled instead of making another trip. "
        "Video links will let nurse practitioners consult physicians and specialists "
        "while the patient is still in the exam room.",
    ),
    context=(
        "Large parts of {place} are designated as short of primary care providers, "
        "according to federal data, and several clinics have closed in recent years as "
        "doctors retired. Residents in those areas often rely on urgent care centers "
        "or emergency rooms for routine problems.",
        "Mobile clinics have been used for decades in rural areas, and more cities are "
        "turning to them to reach neighborhoods where clinics are scarce or where "
        "people struggle to take time off work. Studies suggest they can improve "
        "screening rates and reduce avoidable emergency visits.",
    ),
    next=(
        "The health center will track how many patients are seen, how many return for "
        "follow-up care and whether emergency visits from the neighborhoods served "
        "begin to fall. It plans to publish those figures after the first year.",
        "If the model works, officials hope to add dental and mental health services "
        "to the vans in a second phase.",
    ),
    voices=(
        (
            "a retired bus mechanic who lives with diabetes",
            "My last doctor retired and I never found another. I have been managing my "
            "sugar on my own. I would like someone to look at me properly.",
        ),
        (
            "the health center's chief executive",
            "If people cannot come to us, we will go to them. A blood pressure check "
            "in a church parking lot can prevent a stroke five years from now.",
        ),
        (
            "a nurse practitioner who will work on one of the vans",
            "Many of the people we will see have put off care for years because of "
            "cost, time or distrust. Showing up, again and again, is how you earn that "
            "trust.",
        ),
        (
            "a warehouse worker who has not seen a doctor in several years",
            "My shifts never match clinic hours. If they are parked outside at the end "
            "of my shift, I will go.",
        ),
    ),
    key_points=(
        "A {place} health center has added evening and weekend appointments.",
        "The center will run {vans} mobile clinics in neighborhoods, workplaces and "
        "schools.",
        "About {patients} residents have no regular source of primary care.",
        "Care is available regardless of insurance, on a sliding fee scale.",
        "Recruiting clinicians remains the hardest part.",
    ),
    faqs=(
        (
            "Do I need insurance to use the mobile clinics?",
            "No. Care is available regardless of insurance, with fees based on income.",
        ),
        (
            "What services are offered?",
            "Checkups, vaccinations, blood pressure and diabetes screening, and "
            "referrals for follow-up care.",
        ),
        (
            "Where will the vans stop?",
            "The health center will publish a schedule of neighborhood, workplace and "
            "school stops.",
        ),
    ),
    summary=(
        "A {place} health center is extending its hours and sending {vans} mobile "
        "clinics into neighborhoods to reach about {patients} people without a regular "
        "doctor. Staffing is the challenge."
    ),
    tags=("Primary care", "Health care access", "Clinics", "Public health", "Nursing"),
)

HEAT_PLAN = Topic(
    subject="the heat plan",
    stakeholders="older residents, outdoor workers and doctors",
    headlines=(
        "{place} unveils heat plan as doctors warn of rising heat illness",
        "Cooling centers and check-in calls: inside {place}'s new heat plan",
        "Doctors in {place} call heat a health emergency. The city agrees",
    ),
    variants=(
        {"temp": "100°F", "centers": "35"},
        {"temp": "104°F", "centers": "22"},
        {"temp": "98°F", "centers": "48"},
    ),
    dek=(
        "The plan sets out {centers} cooling centers, alerts when temperatures "
        "approach {temp} and phone checks on vulnerable residents. Emergency rooms saw "
        "a rise in heat-related visits last summer."
    ),
    lead_subheads=("The plan", "Preparing for the hottest days"),
    lead=(
        "Health officials in {place}, {region}, released a heat action plan on "
        "{weekday} that will open {centers} cooling centers during extreme heat, send "
        "alerts when forecasts approach {temp}, and organize volunteers to check on "
        "older and isolated residents by phone.",
        "The plan follows a summer in which local emergency departments recorded a "
        "marked rise in visits for heat exhaustion, dehydration and heat-related "
        "complications of heart and lung disease, according to figures presented to "
        "the city's board of health.",
        "Doctors have increasingly described extreme heat as a health hazard on a par "
        "with severe storms. Unlike storms, they note, heat does its damage quietly, "
        "often to people alone at home.",
    ),
    detail_subheads=("Staying safe in the heat", "Cooling centers and free transit"),
    detail=(
        "Cooling centers will be located in libraries, recreation centers and places "
        "of worship, chosen so that most residents live within a short walk or bus "
        "ride of one. Transit will be free on days when a heat emergency is declared.",
        "<p>Public health doctors recommend these precautions on hot days:</p><ul><li>"
        "Drink water regularly, before you feel thirsty.</li><li>Avoid strenuous "
        "activity in the hottest part of the day.</li><li>Check on neighbors and "
        "relatives who live alone.</li><li>Know the warning signs: dizziness, "
        "confusion, nausea and a racing heartbeat.</li></ul>",
        "The plan also includes guidance for employers of outdoor workers, "
        "recommending rest breaks, shade and water, and a gradual build-up of working "
        "hours for new staff while their bodies adjust to the heat.",
        "Landlords will be reminded of their duty to keep cooling equipment in working "
        "order where it is provided, and the city is expanding a program that gives "
        "free air conditioners and fans to low-income residents with medical "
        "conditions that make heat especially dangerous.",
    ),
    context=(
        "Summers in {place} have grown hotter over recent decades, with more days "
        "above the thresholds at which heat becomes dangerous for vulnerable people. "
        "Nights have warmed too, giving bodies less chance to recover between hot "
        "days.",
        "Heat affects health unequally. Older adults, young children, people with "
        "chronic illnesses, outdoor workers and those without air conditioning face "
        "the greatest risks, and neighborhoods with few trees and much asphalt can be "
        "several degrees hotter than leafier areas nearby.",
    ),
    next=(
        "The city will test its alert system before summer and is recruiting "
        "volunteers for the check-in call program. Residents can sign up older "
        "relatives or neighbors through the health department's phone line.",
        "Officials said they would report after the summer on how many people used the "
        "cooling centers and whether heat-related emergency visits declined.",
    ),
    voices=(
        (
            "who volunteers with a neighborhood association for older residents",
            "Last summer I knocked on doors with bottles of water. Some people had not "
            "spoken to anyone for days. A phone call is a small thing, but it can make "
            "all the difference.",
        ),
        (
            "an emergency physician at one of the city's hospitals",
            "The patients who worry me most are the ones who never make it to us: "
            "older people living alone with no air conditioning. A phone call can save "
            "a life.",
        ),
        (
            "the city's health commissioner",
            "We plan for snowstorms every year. Heat now deserves the same "
            "seriousness, and the same level of preparation.",
        ),
        (
            "a roofer who has worked outdoors for two decades",
            "The heat has changed. We start at dawn now and stop by early afternoon. "
            "Bosses who fight that are putting people at risk.",
        ),
    ),
    key_points=(
        "{place} will open {centers} cooling centers during extreme heat.",
        "Alerts will go out when forecasts approach {temp}.",
        "Volunteers will call older and isolated residents on hot days.",
        "Transit will be free on declared heat emergency days.",
        "Employers of outdoor workers are urged to provide rest, shade and water.",
    ),
    faqs=(
        (
            "Where are the cooling centers?",
            "In libraries, recreation centers and places of worship across the city. A "
            "full list will be published before summer.",
        ),
        (
            "How do I get heat alerts?",
            "Sign up through the city's alert service by text or email; alerts will "
            "also go out on local radio and television.",
        ),
        (
            "What are the signs of heat illness?",
            "Dizziness, confusion, nausea, headache and a racing heartbeat. Move to a "
            "cool place, drink water and seek medical help if symptoms are severe.",
        ),
    ),
    summary=(
        "{place}'s new heat plan opens {centers} cooling centers, sends alerts near "
        "{temp} and organizes calls to vulnerable residents after a rise in "
        "heat-related emergency visits. Doctors call heat a quiet emergency."
    ),
    tags=(
        "Extreme heat",
        "Public health",
        "Climate",
        "Emergency medicine",
        "Workplace safety",
    ),
)

SCHOOL_COUNSELORS = Topic(
    subject="the counseling expansion",
    stakeholders="students, parents and teachers",
    headlines=(
        "{place} schools add {counselors} counselors as student anxiety rises",
        "Inside the push to bring mental health care into {place} classrooms",
        "Students in {place} get more help as schools expand counseling",
    ),
    variants=(
        {"schools": "42", "counselors": "30"},
        {"schools": "28", "counselors": "18"},
        {"schools": "57", "counselors": "45"},
    ),
    dek=(
        "The district will hire {counselors} more counselors and social workers for "
        "its {schools} schools. Teachers say the need is clear; keeping the money "
        "flowing is the worry."
    ),
    lead_subheads=("The board's decision", "More help in every hallway"),
    lead=(
        "The school board in {place}, {region}, approved a plan on {weekday} to hire "
        "{counselors} additional counselors and social workers across the district's "
        "{schools} schools, the largest expansion of student mental health support in "
        "its history.",
        "The new staff will be placed first in middle and high schools, where surveys "
        "of students have shown rising rates of anxiety and low mood. Each school will "
        "also get a designated quiet room and a clearer process for referring students "
        "to outside care.",
        "The expansion will be funded for three years through a state grant and the "
        "district's operating budget. District leaders said they would seek permanent "
        "funding before the grant ends.",
    ),
    detail_subheads=("Why the district acted", "What students will notice"),
    detail=(
        "National guidance recommends one school counselor for every 250 students. "
        "Before the expansion, the district had <strong>roughly one for every "
        "500</strong>, and counselors said much of their time went to scheduling and "
        "testing rather than to students who needed help.",
        "Under the plan, counselors will be relieved of some administrative work, and "
        "social workers will connect families with services outside school, including "
        "pediatric therapists and community mental health centers, where waiting lists "
        "can stretch for months.",
        "Teachers will receive training in recognizing signs of distress and in how to "
        "talk with students about it. Parents will be offered evening information "
        "sessions, and students will be able to request an appointment through a "
        "simple online form.",
        "Counselors will also work with teachers to spot students whose attendance or "
        "grades drop suddenly, often an early sign of trouble at home or with mental "
        "health. The district plans to track those referrals and how quickly students "
        "are seen.",
    ),
    context=(
        "Surveys of young people nationwide have recorded rising levels of anxiety and "
        "depressive symptoms over the past decade, a trend that accelerated during the "
        "pandemic. Schools have become the front line, as the place where struggling "
        "students are most likely to be noticed.",
        "Districts across the country have used temporary federal and state money to "
        "hire counselors and social workers, but much of that funding is expiring. "
        "Administrators warn that positions created in recent years could be cut "
        "unless new money is found.",
    ),
    next=(
        "Hiring begins immediately, with the first new staff expected in schools by "
        "the start of the next semester. The district will report to the board each "
        "term on how many students are seen and how long referrals take.",
        "Student representatives asked to be involved in how the quiet rooms are "
        "designed and run, and the board agreed to include them.",
    ),
    voices=(
        (
            "a middle school teacher who has taught in the district for a decade",
            "Some mornings a student comes in and you can see straight away that "
            "something is wrong. Until now I had nobody to send them to who had time "
            "that day.",
        ),
        (
            "a high school counselor with 15 years in the district",
            "Right now I spend my days putting out fires. With more of us, we can get "
            "to students before things become a crisis.",
        ),
        (
            "the parent of a ninth-grader",
            "When my daughter was struggling, we waited four months for an outside "
            "appointment. Having someone at school she can see this week makes all the "
            "difference.",
        ),
        (
            "a senior who sits on the district's student advisory council",
            "Students talk about this more openly than our parents did. What we need "
            "is for someone to have time to listen.",
        ),
    ),
    key_points=(
        "{place} schools will hire {counselors} more counselors and social workers.",
        "The district has {schools} schools; middle and high schools come first.",
        "Funding is secured for three years through a state grant and local budget.",
        "The district had about one counselor for every 500 students.",
        "Teachers will be trained to recognize signs of distress.",
    ),
    faqs=(
        (
            "How can my child see a counselor?",
            "Students can ask a teacher, visit the counseling office or use an online "
            "request form; parents can also contact the school directly.",
        ),
        (
            "Is the service confidential?",
            "Conversations with counselors are confidential, with legal exceptions "
            "when a student's safety is at risk.",
        ),
        (
            "What happens after the three-year grant?",
            "District leaders say they will seek permanent funding before the grant "
            "expires.",
        ),
    ),
    summary=(
        "{place}'s school district will add {counselors} counselors and social workers "
        "across {schools} schools to meet rising student anxiety. The money is secure "
        "for three years; permanent funding is the next fight."
    ),
    tags=(
        "Mental health",
        "Schools",
        "Children's health",
        "Education",
        "Public health",
    ),
)

DESK = Desk(
    slug="health",
    name="Health",
    description=(
        "Access to care, public health and the people who provide it: what changes in "
        "medicine and policy mean for patients."
    ),
    palette=Palette(
        "ocean blue and rose",
        dark=(18, 44, 86),
        mid=(40, 120, 170),
        accent=(244, 120, 140),
        light=(232, 244, 250),
    ),
    motif="pulse",
    reporters=("priya-raman", "helena-marsh"),
    places=(
        Place("Baltimore", "Maryland"),
        Place("Tulsa", "Oklahoma"),
        Place("Fresno", "California"),
        Place("Knoxville", "Tennessee"),
        Place("Worcester", "Massachusetts"),
        Place("Wichita", "Kansas"),
        Place("Syracuse", "New York"),
        Place("Reno", "Nevada"),
    ),
    names=Names(
        first=("Gloria", "Terrence", "Anjali", "Russell", "Marisol", "Dwayne", "Heidi"),
        last=("Brewster", "Achebe", "Salazar", "Kowalski", "Fenwick", "Iyer", "Lund"),
    ),
    background_subheads=("A strained system", "Why it matters for public health"),
    background=(
        "Health systems across the country are stretched. Workforce shortages, an "
        "aging population and the lingering effects of the pandemic have lengthened "
        "waits for appointments and put pressure on emergency departments.",
        "Public health experts have long argued that prevention and early care are "
        "cheaper and more humane than treating illness once it has become severe. "
        "Funding, however, has tended to follow crises rather than anticipate them.",
        "Research on programs like this one suggests that results depend heavily on "
        "trust. Services that are easy to reach, free or low cost, and delivered by "
        "people familiar to the community tend to see the highest use.",
        "Local data can help show what works. Health departments that publish regular "
        "figures on the use and outcomes of their programs make it easier for "
        "residents and officials to judge whether money is well spent.",
        "Workforce shortages affect almost every part of the system. Nursing schools "
        "turn away qualified applicants for lack of teaching staff, and many primary "
        "care doctors are nearing retirement, with fewer young physicians choosing the "
        "field.",
        "Health inequalities persist across neighborhoods. Life expectancy can differ "
        "by a decade or more between areas only a few miles apart, driven by "
        "differences in income, housing, environment and access to care.",
    ),
    outlook_subheads=("Looking ahead", "What to watch"),
    outlook=(
        "The coming months will show whether {topic} reaches the people it is meant "
        "for. Health officials say they will adjust as they learn, and have invited "
        "residents to give feedback.",
        "State and federal health funding decisions expected later this year could "
        "affect how far programs like this can grow, or whether they continue at all.",
        "Readers who want to know how these changes affect them can ask their doctor, "
        "their local health department or the Ledger's health desk.",
    ),
    topics=(MOBILE_CLINICS, HEAT_PLAN, SCHOOL_COUNSELORS),
)

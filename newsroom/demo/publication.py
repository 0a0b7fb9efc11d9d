"""The demo publication itself: its identity, its staff, its logins and its pages.

Everything here is fictional. The publication says so on its About page, so nobody
mistakes a demo install for a real newsroom.
"""

from dataclasses import dataclass

SITE_NAME = "The Meridian Ledger"
HERO_CREDIT = "Illustration: The Meridian Ledger"

SITE = {
    "name": SITE_NAME,
    "tagline": "Steady reporting for unsteady times",
    "description": (
        "The Meridian Ledger is a fictional, independent newsroom that ships with this "
        "CMS as demo content: world and U.S. news, business, politics, Europe, "
        "finance, Turkey, personal money and health."
    ),
    "facebook_url": "https://www.facebook.com/meridianledger.example",
    "x_url": "https://x.com/meridianledger_example",
    "instagram_url": "https://www.instagram.com/meridianledger.example",
    "contact_email": "newsroom@meridianledger.example.com",
}


@dataclass(frozen=True)
class Staffer:
    name: str
    slug: str
    job_title: str
    bio: str
    website: str
    avatar_color: tuple[int, int, int]
    x_handle: str = ""
    linkedin_url: str = ""
    is_guest: bool = False


AUTHORS = (
    Staffer(
        name="Helena Marsh",
        slug="helena-marsh",
        job_title="News Director",
        bio=(
            "Helena Marsh leads the Ledger's newsroom and oversees coverage from all "
            "nine desks. She spent fifteen years as a reporter and editor at regional "
            "papers, where she ran investigations into public contracting and hospital "
            "safety. She believes every story should answer the reader's first "
            "question in its first paragraph."
        ),
        website="https://helenamarsh.example.com",
        x_handle="helenamarsh_ml",
        linkedin_url="https://www.linkedin.com/in/helena-marsh-example",
        avatar_color=(44, 62, 120),
    ),
    Staffer(
        name="Daniel Okafor",
        slug="daniel-okafor",
        job_title="Senior Correspondent",
        bio=(
            "Daniel Okafor covers cities, transport and infrastructure, from bridge "
            "inspections to bus lanes to night trains. Before joining the Ledger he "
            "reported on local government for a public radio station and taught data "
            "journalism at a community college. He is happiest with a stack of public "
            "records and a long train ride."
        ),
        website="https://danielokafor.example.com",
        x_handle="dokafor_reports",
        avatar_color=(178, 74, 52),
    ),
    Staffer(
        name="Priya Raman",
        slug="priya-raman",
        job_title="Health Editor",
        bio=(
            "Priya Raman edits the Ledger's health coverage, with a focus on access to "
            "care, public health and the workforce that holds the system together. She "
            "trained as a pharmacist before moving into journalism and still reads "
            "clinical trial results for fun. She leads the desk's explainers on how "
            "health policy reaches patients."
        ),
        website="https://priyaraman.example.com",
        x_handle="priyaraman_health",
        avatar_color=(32, 120, 112),
    ),
    Staffer(
        name="Tomasz Wren",
        slug="tomasz-wren",
        job_title="Europe Correspondent",
        bio=(
            "Tomasz Wren reports on European cities, energy and transport from a base "
            "that moves with the story. He grew up between Kraków and Manchester, "
            "speaks four languages with varying confidence, and has covered elections, "
            "floods and football finals. He writes the Ledger's weekly Europe briefing."
        ),
        website="https://tomaszwren.example.com",
        x_handle="tomaszwren",
        avatar_color=(92, 58, 140),
    ),
    Staffer(
        name="Selin Arslan",
        slug="selin-arslan",
        job_title="Turkey Correspondent",
        bio=(
            "Selin Arslan covers Turkey for the Ledger, from earthquake preparedness "
            "and city transport to farming on the Black Sea coast. Based in İzmir, she "
            "previously worked as a producer for an international broadcaster. Her "
            "reporting follows how national decisions land in ordinary households."
        ),
        website="https://selinarslan.example.com",
        x_handle="selinarslan_tr",
        avatar_color=(160, 40, 60),
    ),
    Staffer(
        name="Owen Castellanos",
        slug="owen-castellanos",
        job_title="Business Editor",
        bio=(
            "Owen Castellanos leads the Ledger's business and finance coverage, with a "
            "particular interest in regional economies, banking and the companies that "
            "anchor small cities. He spent a decade at a financial newswire covering "
            "markets and municipal debt, and now edits the Money Watch column. He "
            "believes a good business story starts on the shop floor, not in the "
            "boardroom."
        ),
        website="https://owencastellanos.example.com",
        linkedin_url="https://www.linkedin.com/in/owen-castellanos-example",
        avatar_color=(40, 96, 60),
    ),
    Staffer(
        name="Ruth Calloway",
        slug="ruth-calloway",
        job_title="Political Editor",
        bio=(
            "Ruth Calloway covers statehouses, elections and the machinery of "
            "government. She has reported from more than a dozen legislatures and "
            "moderated candidate debates for local public television. In the newsroom "
            "she is known for reading every bill before writing about it."
        ),
        website="https://ruthcalloway.example.com",
        x_handle="ruthcalloway",
        avatar_color=(120, 70, 30),
    ),
    Staffer(
        name="Nadia Ferrante",
        slug="nadia-ferrante",
        job_title="Guest Contributor, Personal Finance",
        bio=(
            "Nadia Ferrante is a certified financial planner who writes occasional "
            "guest columns for Money Watch. She runs a small practice advising "
            "first-time homebuyers and young families, and volunteers at a free tax "
            "clinic each spring. Her columns reflect her own views."
        ),
        website="https://nadiaferrante.example.com",
        avatar_color=(150, 100, 20),
        is_guest=True,
    ),
    Staffer(
        name="Lena Osei",
        slug="lena-osei",
        job_title="Contributing Writer, Climate",
        bio=(
            "Lena Osei is a freelance journalist who writes about climate adaptation, "
            "water and food for the Ledger's World desk. She has reported from coastal "
            "cities on four continents and previously worked for a development "
            "research institute. She contributes to the Ledger on a freelance basis."
        ),
        website="https://lenaosei.example.com",
        x_handle="lenaosei_writes",
        avatar_color=(20, 90, 140),
        is_guest=True,
    ),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    group: str  # "" for none
    author_slug: str  # "" for none
    is_superuser: bool = False


# Development-only passwords, printed by the command on purpose: the demo is for
# a laptop and the README tells people never to load it on a public server.
DEMO_LOGINS = (
    DemoLogin("journalist", "journalist-demo", "Journalists", "daniel-okafor"),  # noqa: S106
    DemoLogin("editor", "editor-demo", "Editors", "helena-marsh"),  # noqa: S106
    DemoLogin("admin", "admin-demo", "", "", is_superuser=True),  # noqa: S106
)
JOURNALIST_AUTHOR = "daniel-okafor"
EDITOR_AUTHOR = "helena-marsh"


SITE_PAGES = {
    "about": {
        "title": "About Us",
        "intro": (
            "The Meridian Ledger is an independent newsroom that reports on the world, "
            "the nation and the places in between, for readers who want the facts "
            "first and the noise last."
        ),
        "body": (
            "<p><strong>A note before anything else:</strong> The Meridian Ledger is a "
            "fictional publication. It ships with this content management system as "
            "demonstration content. Its journalists, the people they quote and the "
            "events they report are invented, even where the places are real.</p>"
            "<p>We started the Ledger with a simple idea: that a good news story "
            "answers the questions a reader actually has, in the order they have "
            "them. What happened? Why does it matter? What happens next? Every article "
            "we publish is built around those questions, with a summary, the key "
            "points and answers to the questions readers ask us most.</p>"
            "<p>Our reporters work across nine desks:</p>"
            "<ul><li><strong>World</strong>, <strong>U.S. News</strong> and "
            "<strong>Europe News</strong>, covering how cities and countries cope with "
            "change;</li><li><strong>Business</strong>, <strong>Finance</strong> and "
            "<strong>Money Watch</strong>, from company deals to the rate on your "
            "savings account;</li><li><strong>Politics</strong>, with a focus on "
            "statehouses and how decisions are made;</li><li><strong>Turkey "
            "Reports</strong>, from our correspondent in İzmir;</li><li>and "
            "<strong>Health</strong>, on access to care and public health.</li></ul>"
            "<p>We are funded by our readers. We do not accept money from the people "
            "and organizations we cover, and our editors decide what we publish "
            "without reference to advertisers.</p>"
            "<p><strong>Our standards.</strong> We name our sources wherever we can "
            "and explain why when we cannot. We contact the people we write about "
            "before publication. When we get something wrong, we correct it promptly "
            "and say so at the foot of the article, with the date of the "
            "correction.</p>"
            "<blockquote><p>Report what you can verify, say how you know it, and fix "
            "what you get wrong in public.</p></blockquote>"
            "<p>That line hangs above the news desk. It is the closest thing we have "
            "to a mission statement.</p>"
        ),
    },
    "contact": {
        "title": "Get In Touch",
        "intro": (
            "We read everything that reaches us. Here is how to get your message to "
            "the right person."
        ),
        "body": (
            "<p><strong>News tips.</strong> If you know something we should be "
            "reporting, write to tips@meridianledger.example.com. Tell us what you "
            "know, how you know it and how we can reach you. We treat every tip in "
            "confidence, and we will never name a source without their "
            "agreement.</p>"
            "<p><strong>Corrections.</strong> If you think we have made a mistake, "
            "write to corrections@meridianledger.example.com with a link to the "
            "article and what you believe is wrong. An editor who was not involved in "
            "the story reviews every request.</p>"
            "<p><strong>Reader questions.</strong> Questions for Money Watch go to "
            "money@meridianledger.example.com. Questions for our health desk go to "
            "health@meridianledger.example.com. We answer a selection in print and "
            "reply to as many as we can directly.</p>"
            "<p><strong>Everything else.</strong> For general inquiries, "
            "partnerships and feedback about the site, write to "
            "newsroom@meridianledger.example.com.</p>"
            "<p>Our newsroom is staffed from early morning until late evening, seven "
            "days a week. We aim to reply to every message within two working "
            "days.</p>"
            "<p><em>The Meridian Ledger is fictional, and so are these addresses: the "
            "example.com domain is reserved for documentation and never delivers "
            "mail.</em></p>"
        ),
    },
    "privacy": {
        "title": "Privacy Policy",
        "intro": (
            "We collect as little about you as we can, keep it only as long as we need "
            "it, and never sell it. This page explains the details."
        ),
        "body": (
            "<p><strong>What we collect when you read.</strong> Reading the Ledger "
            "does not require an account, and we do not use advertising trackers or "
            "third-party analytics on our pages. Our servers keep short-lived logs of "
            "requests, including IP addresses, to keep the site secure and working. "
            "Those logs are deleted after 30 days.</p>"
            "<p><strong>Cookies.</strong> Readers do not receive cookies from us. "
            "Staff who sign in to our editing tools receive a session cookie and a "
            "security cookie that protects forms; both are strictly necessary and "
            "expire when the session ends or shortly after.</p>"
            "<p><strong>Newsletters.</strong> If you subscribe to a newsletter, we "
            "store your e-mail address and the date you confirmed your subscription. "
            "We ask you to confirm by clicking a link, so nobody can sign you up "
            "without your knowledge. Every newsletter includes a link to unsubscribe, "
            "and unsubscribing stops every mailing at once; we keep only a record of "
            "when you left, and erase the address entirely on request.</p>"
            "<p><strong>When you write to us.</strong> Messages sent to our newsroom "
            "are kept as long as they are useful for our reporting or to answer you, "
            "and are never shared outside the newsroom without your permission.</p>"
            "<p><strong>Your rights.</strong> You may ask us what we hold about you, "
            "ask us to correct it or ask us to delete it. We will respond within one "
            "month. Write to privacy@meridianledger.example.com.</p>"
            "<p><strong>Changes.</strong> If we change this policy, we will update "
            "this page and note the date of the change at the top.</p>"
        ),
    },
    "accessibility": {
        "title": "Accessibility",
        "intro": (
            "Everyone should be able to read the news. We design and test the Ledger "
            "so that it works for readers of all abilities, on any device."
        ),
        "body": (
            '<p>We aim to meet the <a href="https://www.w3.org/TR/WCAG22/">Web '
            "Content Accessibility Guidelines (WCAG) 2.2</a> at level AA across the "
            "site. We check our pages with automated tools on every change and with "
            "keyboard and screen reader testing before major releases.</p>"
            "<p>What that means in practice:</p>"
            "<ul><li>Every page can be used with a keyboard alone, with a visible "
            "focus indicator and a link to skip straight to the content.</li><li>Every "
            "image that carries meaning has a text description, written by the "
            "journalist or editor who published it.</li><li>Headings, lists and "
            "tables are marked up so that assistive technology can navigate "
            "them.</li><li>Text and background colors meet contrast requirements, "
            "and the site respects your device's settings for larger text and reduced "
            "motion.</li><li>Articles show an estimated reading time and a table of "
            "contents, so you can decide how to approach a long piece.</li></ul>"
            "<p><strong>Known limitations.</strong> Some older articles may have "
            "images with brief descriptions. We are reviewing them and improving the "
            "descriptions as we go.</p>"
            "<p><strong>Tell us.</strong> If something on the site does not work for "
            "you, please write to accessibility@meridianledger.example.com and tell "
            "us the page, the problem and the device or assistive technology you use. "
            "We will reply within five working days and fix what we can.</p>"
        ),
    },
    "terms": {
        "title": "Terms and Conditions",
        "intro": (
            "These terms explain what you can expect from us and what we ask of you "
            "when you use the Meridian Ledger's website and newsletters."
        ),
        "body": (
            "<p><strong>Using the site.</strong> You are welcome to read, share and "
            "link to our articles. Please do not copy whole articles to other "
            "websites or publications without permission; quoting a short passage "
            "with a link back to the original is fine.</p>"
            "<p><strong>Our content.</strong> Articles, illustrations and other "
            "material on the site belong to the Meridian Ledger or to the "
            "contributors who created them, unless stated otherwise. Guest "
            "contributors' views are their own.</p>"
            "<p><strong>Accuracy.</strong> We work hard to get things right and "
            "correct our mistakes openly. Our journalism is not professional advice: "
            "articles in Money Watch and Health explain general principles and do not "
            "replace advice from a qualified adviser or clinician who knows your "
            "circumstances.</p>"
            "<p><strong>Links.</strong> We link to other websites where it helps "
            "readers. We are not responsible for their content or their privacy "
            "practices.</p>"
            "<p><strong>Newsletters.</strong> If you subscribe, we will send you the "
            "newsletters you chose and nothing else. You can unsubscribe at any "
            "time.</p>"
            "<p><strong>Changes to these terms.</strong> We may update these terms "
            "from time to time. The current version is always on this page.</p>"
            "<p><em>The Meridian Ledger is a fictional publication used to demonstrate "
            "this software, and these terms are sample text, not legal advice.</em></p>"
        ),
    },
}

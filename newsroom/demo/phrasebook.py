"""The shapes of the demo's phrase banks, and the phrases every desk shares.

A *desk* (one per category) holds the places it reports from, names for the people
it quotes, paragraphs of context that fit any of its stories, and a few *topics*.
A topic is one kind of story written once as templates with slots (``{place}``,
``{amount}``…) plus a few *variants*, each a consistent set of figures for those
slots, so the same kind of story can be told in several cities with its own numbers.

Slots every template may use: ``{place}``, ``{region}``, ``{weekday}``, ``{topic}``
(the topic's subject, "the sea wall") and ``{stakeholders}``; plus the keys of the
topic's variants. Templates are plain text unless they are section paragraphs,
which may carry the allowed body markup (see ``articles/richtext.py``).

Spelling follows the site language (American English). Apostrophes are typed
straight and set as typographic ones by ``writing.typeset``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Place:
    name: str
    # Reads after a comma: "Mombasa, Kenya", "Tucson, Arizona",
    # "İzmir, on the Aegean coast". Each desk's templates know which kind it has.
    region: str


@dataclass(frozen=True)
class Names:
    """First names and surnames combined at random for the people quoted."""

    first: tuple[str, ...]
    last: tuple[str, ...]


@dataclass(frozen=True)
class Palette:
    # Words for the hero image's alt text: "deep navy and amber".
    name: str
    dark: RGB
    mid: RGB
    accent: RGB
    light: RGB


@dataclass(frozen=True)
class Topic:
    subject: str
    stakeholders: str
    # One headline per variant: the n-th telling of a topic uses the n-th of each,
    # so two tellings never share a headline (or a slug).
    headlines: tuple[str, ...]
    variants: tuple[Mapping[str, str], ...]
    dek: str
    lead_subheads: tuple[str, ...]
    # The first paragraph is the news lede and is always used; the others are
    # picked from, in order.
    lead: tuple[str, ...]
    detail_subheads: tuple[str, ...]
    detail: tuple[str, ...]
    # How the story came to be: history particular to this kind of story.
    context: tuple[str, ...]
    next: tuple[str, ...]
    # (role, quote): the role reads after the person's name, "…, {role}, said".
    voices: tuple[tuple[str, str], ...]
    key_points: tuple[str, ...]
    faqs: tuple[tuple[str, str], ...]
    summary: str
    tags: tuple[str, ...]
    # Where this kind of story happens, when only some of the desk's places fit.
    places: tuple[Place, ...] = ()


@dataclass(frozen=True)
class Desk:
    slug: str
    name: str
    description: str
    palette: Palette
    motif: str  # a drawing in images.MOTIFS
    reporters: tuple[str, ...]  # author slugs, by how often they write here
    places: tuple[Place, ...]
    names: Names
    background_subheads: tuple[str, ...]
    background: tuple[str, ...]
    outlook_subheads: tuple[str, ...]
    outlook: tuple[str, ...]
    topics: tuple[Topic, ...] = field(default=())


# --- Shared by every desk ---------------------------------------------------

REACTION_SUBHEADS = (
    "How people reacted",
    "Reaction in {place}",
    "What people are saying",
    "Voices from {place}",
    "Hopes and worries",
)

REACTION_OPENERS = (
    "Reaction in {place} was quick, and far from uniform. Among {stakeholders} who "
    "spoke to the Ledger, hopes and worries came in roughly equal measure.",
    "Not everyone in {place} sees {topic} the same way. Conversations this week with "
    "{stakeholders} turned up a wide range of views, from open enthusiasm to deep "
    "skepticism about whether the promises will hold.",
    "For {stakeholders}, the first questions were practical ones: what changes, for "
    "whom, and when.",
    "The news landed in a place already used to arguing about {topic}, and the "
    "responses reflected that history.",
)

# The first voice closes the lede section, tied to the day of the news.
LEAD_VOICE_LINES = (
    "“{quote}” said {name}, {role}, on {weekday}.",
    "“{quote}” {name}, {role}, told the Ledger on {weekday}.",
    "{name}, {role}, said on {weekday} that the moment had been a long time coming. "
    "“{quote}”",
)

VOICE_LINES = (
    "“{quote}” said {name}, {role}.",
    "{name}, {role}, was blunt. “{quote}”",
    "“{quote}” {name}, {role}, told the Ledger.",
    "For {name}, {role}, the issue is personal as much as professional. “{quote}” "
    "{surname} said.",
    "{name}, {role}, struck a more cautious note. “{quote}”",
    "<blockquote><p>“{quote}”</p></blockquote><p>That was the view of {name}, "
    "{role}.</p>",
)

CONTEXT_SUBHEADS = ("How we got here", "The backstory", "Years in the making")

NEXT_SUBHEADS = ("What happens next", "Next steps", "What comes next", "The timeline")

CLOSERS = (
    "The Ledger will continue to follow {topic} in {place}. Readers with first-hand "
    "experience can reach the newsroom through our "
    '<a href="https://meridianledger.example.com/contact/">contact page</a>.',
    "<em>This article will be updated as new information becomes available.</em>",
    "Have a question about {topic} that this article does not answer? "
    '<a href="https://meridianledger.example.com/contact/">Tell us</a>, and we will '
    "try to find out.",
)

EXTRA_FAQS = (
    (
        "How did the Ledger report this story?",
        "This article draws on interviews in {place} and by phone, public documents "
        "and official statements. We contacted the people and organizations named "
        "for comment before publication.",
    ),
    (
        "Will this article be updated?",
        "Yes. If the situation changes materially we will update the article and note "
        "the change at the foot of the page, along with any correction.",
    ),
)

CAPTIONS = (
    "An illustration for our report on {topic} in {place}.",
    "Illustration for the Ledger's coverage of {topic} in {place}.",
)

# What an editor writes when sending a story back to its reporter.
REVIEW_NOTES = (
    "Strong reporting, nearly there. Before this runs: attribute the figures in the "
    "second section to their source, get a response from the city, and tighten the "
    "lede to two sentences.",
    "Good story. Please add a voice from someone directly affected, check the spelling "
    "of every name against your notes, and cut the background section by a third.",
)

# (kind, text): kinds are articles.models.Correction.Kind values.
CORRECTIONS = (
    (
        "correction",
        "An earlier version of this article gave an incorrect job title for one of "
        "the people quoted. It has been corrected.",
    ),
    (
        "clarification",
        "This article has been updated to make clear that the figures cited are "
        "official estimates and have not been independently verified.",
    ),
    (
        "update",
        "This article was updated after publication with further comment from local "
        "officials.",
    ),
    (
        "correction",
        "An earlier version of this article misspelled the name of a neighborhood. "
        "We regret the error.",
    ),
    (
        "update",
        "This article has been updated with the date of the next public hearing.",
    ),
)

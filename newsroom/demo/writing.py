"""Turns the desks' phrase banks into article plans: text, dates, statuses, bylines.

Nothing here touches the database. Three separate random streams keep each
decision independent of the others, so re-running on another day (or after an
editor deleted something) never changes which stories exist:

- *casting* (seeded by the seed alone) picks each story's topic, variant and
  place, and so its headline and slug;
- *dates* (seed + "dates") spreads the live stories over the last four weeks,
  relative to ``now``;
- *text* (seed + slug) writes each story.
"""

import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from articles.models import Article
from newsroom.demo import phrasebook
from newsroom.demo.desks import DESKS
from newsroom.demo.phrasebook import Desk, Place, Topic
from newsroom.demo.publication import EDITOR_AUTHOR, JOURNALIST_AUTHOR

DEFAULT_SEED = 1719
STORIES_PER_DESK = 8
# Which of a desk's reporters leads each of its stories, by position: the first
# reporter writes half of them, and everyone on the desk gets live bylines.
BYLINE_ROTATION = (0, 1, 0, 2, 0, 1, 0, 2)
# Live stories are spread over this many days before now.
SPREAD_DAYS = 27
FEATURED = 4
CORRECTED = 5

Status = Article.Status

# Section layouts, short to long. Every story opens with the news and closes with
# what comes next; longer ones add history, wider context and more voices.
LAYOUTS = (
    ("lead", "detail", "next"),
    ("lead", "detail", "reaction", "next"),
    ("lead", "context", "detail", "next"),
    ("lead", "context", "detail", "reaction", "next"),
    ("lead", "detail", "background", "reaction", "next"),
    ("lead", "context", "detail", "background", "reaction", "next"),
)


# The stories that are not live, taken from the end of each desk's list: who owns
# them matters, because journalists may edit only their own drafts.
NOT_LIVE = (
    # (desk, status, goes live after now, bylined to the demo journalist)
    ("world", Status.DRAFT, None, True),
    ("us-news", Status.DRAFT, None, True),
    ("health", Status.DRAFT, None, False),
    ("europe-news", Status.IN_REVIEW, None, True),
    ("politics", Status.IN_REVIEW, None, False),
    ("us-news", Status.CHANGES_REQUESTED, None, True),
    # Scheduled: published, with a go-live time in the future.
    ("business", Status.PUBLISHED, timedelta(hours=5), False),
    ("turkey-reports", Status.PUBLISHED, timedelta(days=1, hours=3), False),
    ("finance", Status.PUBLISHED, timedelta(days=3, hours=2), False),
)


@dataclass(frozen=True)
class SectionPlan:
    subheading: str
    body: str  # HTML, allowed markup only


@dataclass(frozen=True)
class CorrectionPlan:
    created_at: datetime
    kind: str
    text: str


@dataclass(frozen=True)
class EventPlan:
    """A step of the article's way through the desk (an ArticleEvent)."""

    action: str
    author_slug: str  # whose login did it; the name is kept if there is none
    from_status: str
    to_status: str
    created_at: datetime
    note: str = ""


@dataclass(frozen=True)
class ArticlePlan:
    slug: str
    headline: str
    dek: str
    desk: Desk
    status: str
    published_at: datetime | None
    is_live: bool  # published and its time has come, at the `now` planned for
    is_featured: bool
    sections: tuple[SectionPlan, ...]
    key_points: tuple[str, ...]
    faqs: tuple[tuple[str, str], ...]
    summary: str
    tags: tuple[str, ...]
    author_slugs: tuple[str, ...]
    hero_caption: str
    hero_seed: str
    corrections: tuple[CorrectionPlan, ...]
    history: tuple[EventPlan, ...]


@dataclass(frozen=True)
class _Casting:
    desk: Desk
    topic: Topic
    variant: int
    place: Place
    lead_author: str = ""

    def slots(self):
        return {
            "place": self.place.name,
            "region": self.place.region,
            "topic": self.topic.subject,
            "stakeholders": self.topic.stakeholders,
            **self.topic.variants[self.variant],
        }

    @property
    def headline(self):
        template = self.topic.headlines[self.variant]
        return typeset(_sentence_start(template.format_map(self.slots())))

    @property
    def slug(self):
        return slugify(self.headline)[:200]


@dataclass(frozen=True)
class _Slot:
    status: str
    published_at: datetime | None
    is_live: bool = False
    is_featured: bool = False
    by_journalist: bool = False
    corrections: tuple[CorrectionPlan, ...] = ()


def plan_articles(*, now, seed=DEFAULT_SEED):
    """Every demo article, newest live story first, then the ones not yet live."""
    castings = _cast(seed)
    slots = _schedule(castings, now=now, seed=seed)
    plans = [
        _write(casting, slots[casting.slug], now=now, seed=seed) for casting in castings
    ]
    live = sorted((p for p in plans if p.is_live), key=lambda p: p.published_at)
    return live[::-1] + [p for p in plans if not p.is_live]


def typeset(text):
    """Straight apostrophes become typographic ones. Templates quote their HTML
    attributes with double quotes, so only prose is touched."""
    return text.replace("'", "\u2019")


# --- Casting: which stories exist -------------------------------------------


def _cast(seed):
    rng = random.Random(seed)
    castings = []
    for desk in DESKS:
        desk_castings = []
        # Deal the desk's stories out over its topics as evenly as possible.
        for index, topic in enumerate(desk.topics):
            count = len(range(index, STORIES_PER_DESK, len(desk.topics)))
            variants = rng.sample(range(len(topic.variants)), count)
            places = rng.sample(topic.places or desk.places, count)
            desk_castings += [
                _Casting(desk, topic, variant, place)
                for variant, place in zip(variants, places, strict=True)
            ]
        rng.shuffle(desk_castings)
        reporters = desk.reporters
        castings += [
            replace(casting, lead_author=reporters[turn % len(reporters)])
            for casting, turn in zip(desk_castings, BYLINE_ROTATION, strict=True)
        ]
    slugs = Counter(casting.slug for casting in castings)
    if repeated := [slug for slug, n in slugs.items() if n > 1]:
        # Articles are found again by slug: two stories must never share one.
        raise ValueError(f"Demo headlines must be unique: {repeated}")
    return castings


# --- Scheduling: status, dates, featured, corrections -----------------------


def _schedule(castings, *, now, seed):
    rng = random.Random(f"{seed}:dates")
    slots = {}
    remaining = list(castings)
    for desk_slug, status, after_now, by_journalist in NOT_LIVE:
        casting = next(c for c in reversed(remaining) if c.desk.slug == desk_slug)
        remaining.remove(casting)
        published_at = None
        if after_now is not None:
            # Editors schedule on the hour.
            published_at = (now + after_now).replace(minute=0, second=0, microsecond=0)
        slots[casting.slug] = _Slot(status, published_at, by_journalist=by_journalist)

    rng.shuffle(remaining)
    times = _spread(len(remaining), now=now, rng=rng)
    featured = _pick_featured(remaining)
    corrected = set(rng.sample(range(FEATURED, len(remaining)), CORRECTED))
    for index, (casting, published_at) in enumerate(zip(remaining, times, strict=True)):
        corrections = ()
        if index in corrected:
            kind, text = rng.choice(phrasebook.CORRECTIONS)
            hours_later = rng.uniform(2, 30)
            created_at = min(published_at + timedelta(hours=hours_later), now)
            corrections = (CorrectionPlan(created_at, kind, text),)
        slots[casting.slug] = _Slot(
            Status.PUBLISHED,
            published_at,
            is_live=True,
            is_featured=index in featured,
            corrections=corrections,
        )
    return slots


def _spread(count, *, now, rng):
    """``count`` past publication times, newest first, about one every ten hours,
    all within the newsroom's working day (07:00 to 21:59 local time)."""
    times = []
    step = SPREAD_DAYS / max(count - 1, 1)
    for index in range(count):
        # Draw every number whatever the branch taken below, so the sequence (and
        # so every other date) does not depend on the time of day of `now`.
        jitter = timedelta(hours=rng.uniform(-3, 3))
        hour, minute = rng.randint(7, 21), rng.randint(0, 59)
        when = now - timedelta(hours=1, days=index * step) + jitter
        local = timezone.localtime(when)
        if not 7 <= local.hour <= 21:
            local = local.replace(hour=hour, minute=minute)
        latest = now - timedelta(minutes=20 + index)
        times.append(min(local, timezone.localtime(latest)))
    return times


def _pick_featured(castings):
    """Indices of the newest stories from different desks, up to FEATURED."""
    featured, desks = set(), set()
    for index, casting in enumerate(castings):
        if casting.desk.slug not in desks:
            featured.add(index)
            desks.add(casting.desk.slug)
        if len(featured) == FEATURED:
            break
    return featured


# --- Writing: the text of one story -----------------------------------------


def _write(casting, slot, *, now, seed):
    rng = random.Random(f"{seed}:{casting.slug}")
    topic, desk = casting.topic, casting.desk
    when = timezone.localtime(slot.published_at or now)
    slots = {**casting.slots(), "weekday": when.strftime("%A")}
    text = _Filler(slots)

    people = _people(desk, len(topic.voices), rng)
    voices = list(zip(people, rng.sample(topic.voices, len(topic.voices)), strict=True))
    sections = _sections(casting, voices, text, rng)

    key_points = _ordered_pick(topic.key_points, rng.randint(3, 6), rng)
    faq_count = rng.randint(2, 4)
    faqs = list(_ordered_pick(topic.faqs, min(faq_count, len(topic.faqs)), rng))
    if faq_count > len(faqs):
        faqs.append(rng.choice(phrasebook.EXTRA_FAQS))
    tags = tuple(rng.sample(topic.tags, rng.randint(2, 4)))

    authors = _bylines(casting, rng)
    if slot.by_journalist:
        authors = (JOURNALIST_AUTHOR,)

    return ArticlePlan(
        slug=casting.slug,
        headline=casting.headline,
        dek=text.plain(topic.dek),
        desk=desk,
        status=slot.status,
        published_at=slot.published_at,
        is_live=slot.is_live,
        is_featured=slot.is_featured,
        sections=tuple(sections),
        key_points=tuple(text.plain(point) for point in key_points),
        faqs=tuple((text.plain(q), text.plain(a)) for q, a in faqs),
        summary=text.plain(topic.summary),
        tags=tags,
        author_slugs=authors,
        hero_caption=text.plain(rng.choice(phrasebook.CAPTIONS)),
        hero_seed=f"{seed}:{casting.slug}",
        corrections=slot.corrections,
        history=_history(slot.status, authors, now=now, rng=rng),
    )


def _history(status, authors, *, now, rng):
    """Submitted by its reporter and, for one story, sent back by the editor:
    what the desk shows against stories waiting for someone."""
    if status not in (Status.IN_REVIEW, Status.CHANGES_REQUESTED):
        return ()
    submitted = now - timedelta(hours=rng.randint(18, 30))
    history = [
        EventPlan("submit", authors[0], Status.DRAFT, Status.IN_REVIEW, submitted)
    ]
    if status == Status.CHANGES_REQUESTED:
        history.append(
            EventPlan(
                "request_changes",
                EDITOR_AUTHOR,
                Status.IN_REVIEW,
                Status.CHANGES_REQUESTED,
                submitted + timedelta(hours=rng.randint(3, 12)),
                note=rng.choice(phrasebook.REVIEW_NOTES),
            )
        )
    return tuple(history)


def _sections(casting, voices, text, rng):
    topic, desk = casting.topic, casting.desk
    kinds = rng.choice(LAYOUTS)
    # Long stories go deep too: more sections, and more paragraphs in each.
    fullness = (len(kinds) - 3) / 3

    def count(low, high):
        return min(high, low + rng.randint(0, 1) + round((high - low) * fullness))

    lead_voice, *other_voices = voices
    other_voices = other_voices[: 2 + round(fullness)]
    used_subheads = set()

    def subhead(options):
        fresh = [s for s in (text.plain(o) for o in options) if s not in used_subheads]
        chosen = rng.choice(fresh)
        used_subheads.add(chosen)
        return chosen

    sections = []
    for kind in kinds:
        if kind == "lead":
            paragraphs = list(topic.lead)
            person, (role, quote) = lead_voice
            line = rng.choice(phrasebook.LEAD_VOICE_LINES)
            paragraphs.insert(
                rng.randint(1, len(paragraphs)), text.voice(line, person, role, quote)
            )
            options = topic.lead_subheads
        elif kind == "context":
            paragraphs = list(topic.context)
            options = phrasebook.CONTEXT_SUBHEADS
        elif kind == "detail":
            paragraphs = _ordered_pick(topic.detail, count(3, 4), rng)
            options = topic.detail_subheads
        elif kind == "background":
            paragraphs = _ordered_pick(desk.background, count(2, 6), rng)
            options = desk.background_subheads
        elif kind == "reaction":
            lines = rng.sample(phrasebook.VOICE_LINES, len(other_voices))
            paragraphs = [rng.choice(phrasebook.REACTION_OPENERS)] + [
                text.voice(line, person, role, quote)
                for line, (person, (role, quote)) in zip(
                    lines, other_voices, strict=True
                )
            ]
            options = phrasebook.REACTION_SUBHEADS
        else:  # next: the story's own next steps, then the desk's wider outlook
            paragraphs = list(topic.next)
            outlook = round(3 * fullness)
            if outlook:
                picked = sorted(rng.sample(range(len(desk.outlook)), outlook))
                paragraphs += [desk.outlook[i] for i in picked]
            # Short stories always close with a line to the reader: it also
            # keeps them clear of a two-minute read.
            if not fullness or rng.random() < 0.5:
                paragraphs.append(rng.choice(phrasebook.CLOSERS))
            options = phrasebook.NEXT_SUBHEADS + (
                desk.outlook_subheads if outlook else ()
            )
        body = "".join(text.html(p) for p in paragraphs)
        sections.append(SectionPlan(subhead(options), body))
    return sections


def _people(desk, count, rng):
    """``count`` distinct (full name, surname) pairs for the people quoted."""
    firsts = rng.sample(desk.names.first, count)
    lasts = rng.sample(desk.names.last, count)
    return [
        (f"{first} {last}", last) for first, last in zip(firsts, lasts, strict=True)
    ]


def _bylines(casting, rng):
    """The casting's lead author, now and then with a colleague from the desk."""
    lead = casting.lead_author
    others = [slug for slug in casting.desk.reporters if slug != lead]
    if others and rng.random() < 0.25:
        return (lead, rng.choice(others))
    return (lead,)


def _ordered_pick(items, count, rng):
    """``count`` of ``items``, always the first, the rest at random, in order."""
    count = max(1, min(count, len(items)))
    rest = sorted(rng.sample(range(1, len(items)), count - 1))
    return [items[0], *(items[i] for i in rest)]


def _sentence_start(text):
    return text[:1].upper() + text[1:]


class _Html(str):
    """A paragraph that is finished HTML, not a template."""


class _Filler:
    """Fills templates with one story's slots: as plain text, or as HTML with the
    slot values escaped (the templates' own markup is trusted)."""

    def __init__(self, slots):
        self.slots = {key: typeset(value) for key, value in slots.items()}
        self.html_slots = {key: escape(value) for key, value in self.slots.items()}

    def fill(self, template):
        return typeset(template).format_map(self.slots)

    def plain(self, template):
        return _sentence_start(self.fill(template))

    def html(self, template):
        if isinstance(template, _Html):
            return template
        text = _sentence_start(typeset(template).format_map(self.html_slots))
        return text if text.startswith("<") else f"<p>{text}</p>"

    def voice(self, line, person, role, quote):
        """A quoted person's paragraph, as finished HTML."""
        values = {
            "name": escape(person[0]),
            "surname": escape(person[1]),
            "role": escape(self.fill(role)),
            "quote": escape(self.fill(quote)),
            "weekday": self.html_slots["weekday"],
        }
        text = _sentence_start(typeset(line).format_map(values))
        return _Html(text if text.startswith("<") else f"<p>{text}</p>")

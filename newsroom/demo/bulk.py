"""An archive for the demo newsroom: ``manage.py seed_demo --articles N``.

Adds N published articles spread over the last ten years, so the site can be
tried at the size of a newsroom with a long history (100,000 articles and
more). They are told from the same phrase banks as the demo's own stories
(``phrasebook``, ``desks``), cast and filled by ``writing``, and have every part
the article page shows.

Speed shapes the code (100,000 articles take a few minutes, not hours):

- Rows go in by the batch, a few thousand articles per transaction, with no
  ``save()`` and no signals; what those would do is done here: bodies are
  sanitised, the reading time is counted as ``Article.compute_reading_time``
  counts it, the created and updated times are set, the search index is
  written by ``articles.search`` from what the database holds (one statement
  per few hundred articles), and the public edition moves on.
- Text is assembled from pieces filled, sanitised and counted once each: a
  topic's paragraphs recur in every story told from it.
- Hero images are the demo's own files (or a few drawn once), with their
  sizes and renditions recorded, so no page needs to open one and no
  article needs a file of its own.
- The next batch is written while the database takes in the last one.

Each run adds another N, with new slugs; for a given database and N the
articles are always the same (one seeded random stream).
"""

import random
import string
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.db import connections, reset_queries, router, transaction
from django.db.models import (
    BooleanField,
    CharField,
    ForeignKey,
    IntegerField,
    Max,
    Q,
    TextField,
)
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles.models import (
    FAQ,
    Article,
    Byline,
    Category,
    Correction,
    KeyPoint,
    Section,
    count_words,
    minutes_to_read,
)
from articles.richtext import sanitize_body
from articles.search import update_search_documents
from authors.models import Author
from newsroom import editions
from newsroom.demo import images, phrasebook
from newsroom.demo.desks import DESKS
from newsroom.demo.publication import HERO_CREDIT
from newsroom.demo.writing import (
    DEFAULT_SEED,
    LAYOUTS,
    _Casting,
    _Filler,
    _ordered_pick,
    typeset,
)
from newsroom.renditions import HERO_WIDTHS, make_renditions

# Articles per transaction: large enough that per-statement and per-commit
# costs vanish, small enough that memory stays flat and progress shows.
BATCH_SIZE = 5000
ARCHIVE_DAYS = 3652  # about ten years
# One archive story in this many carries a correction.
CORRECTED_ONE_IN = 40
# Hero images reused per desk, and drawn when its category has none.
HEROES_PER_DESK = 8
DRAWN_HEROES = 3

Status = Article.Status
# Fields whose values (text, numbers, ids) are stored as they are.
_PLAIN_FIELDS = (CharField, TextField, IntegerField, BooleanField, ForeignKey)


def seed_archive(
    count,
    *,
    now=None,
    seed=DEFAULT_SEED,
    batch_size=BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
):
    """Adds ``count`` published articles, dated over the last ten years, to the
    demo newsroom (which must be loaded: its categories and authors are used);
    returns how many were added. ``progress(done, count)`` is called before
    the first batch and after each."""
    now = now or timezone.now()
    # Past every existing article's id: a second run never reuses a slug
    # suffix, and the same database state gives the same archive.
    first_serial = (Article.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    rng = random.Random(f"{seed}:archive:{first_serial}")
    newsroom = _Newsroom.load()
    writer = _Writer(newsroom, rng, now=now)
    dates = _archive_dates(count, now=now, rng=rng)

    def write(start):
        stop = min(start + batch_size, count)
        return [
            writer.story(serial=first_serial + index, published_at=dates[index])
            for index in range(start, stop)
        ]

    done = 0
    if progress:
        progress(done, count)
    # Writing stories is Python; storing them is mostly the database's work,
    # during which the driver lets other threads run: one thread writes the
    # next batch meanwhile. It never touches the database.
    with ThreadPoolExecutor(max_workers=1) as pool:
        starts = range(0, count, batch_size)
        upcoming = pool.submit(write, starts[0]) if starts else None
        for start in starts:
            stories = upcoming.result()
            if start + batch_size < count:
                upcoming = pool.submit(write, start + batch_size)
            with transaction.atomic():
                _store(stories, newsroom)
            # With DEBUG on, every statement is kept: not a batch's worth of text.
            reset_queries()
            done += len(stories)
            if progress:
                progress(done, count)
    # Fresh statistics for the query planner: without them SQLite reads a
    # handful of articles by primary key along the whole live index instead
    # (a search page, tens of milliseconds); PostgreSQL's autovacuum would
    # get there, a while after the load.
    with connections[router.db_for_write(Article)].cursor() as cursor:
        cursor.execute("ANALYZE")
    return done


def _archive_dates(count, *, now, rng):
    """``count`` publication times over the last ten years, oldest first (so
    ids grow with time, as in a real archive), in the newsroom's working day."""
    latest = timezone.localtime(now - timedelta(minutes=30))
    times = []
    for _ in range(count):
        when = timezone.localtime(now - timedelta(days=rng.uniform(0, ARCHIVE_DAYS)))
        hour, minute = rng.randint(7, 21), rng.randint(0, 59)
        if not 7 <= when.hour <= 21:
            when = when.replace(hour=hour, minute=minute)
        times.append(min(when, latest))
    return sorted(times)


# --- What the archive is filed under ---------------------------------------------


@dataclass(frozen=True)
class _Newsroom:
    """The demo newsroom's rows the archive refers to, by desk."""

    categories: dict  # {desk slug: category pk}
    reporters: dict  # {desk slug: [author pk]}
    tags: dict  # {lower-case tag name: tag pk}
    heroes: dict  # {desk slug: [(file name, width, height, renditions, alt)]}
    article_type: int  # taggit's content type for articles

    @classmethod
    def load(cls):
        categories = _categories()
        return cls(
            categories=categories,
            reporters=_reporters(),
            tags=_tags(),
            heroes=_heroes(categories),
            article_type=ContentType.objects.get_for_model(Article).pk,
        )


def _categories():
    """Found as ``build`` made (or reused) them: by slug or by name."""
    categories = {}
    for desk in DESKS:
        pk = (
            Category.objects.filter(Q(slug=desk.slug) | Q(name__iexact=desk.name))
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            raise LookupError(f"No category for the {desk.name} desk: seed the demo.")
        categories[desk.slug] = pk
    return categories


def _reporters():
    """The desk's reporters still on file; every author for a desk with none."""
    slugs = {slug for desk in DESKS for slug in desk.reporters}
    found = dict(Author.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    everyone = list(Author.objects.order_by("pk").values_list("pk", flat=True))
    if not everyone:
        raise LookupError("No authors to byline the archive: seed the demo.")
    return {
        desk.slug: [found[s] for s in desk.reporters if s in found] or everyone
        for desk in DESKS
    }


def _tags():
    """Every topic's tags, made where missing."""
    names = {name for desk in DESKS for topic in desk.topics for name in topic.tags}
    # Tag names match case-insensitively (TAGGIT_CASE_INSENSITIVE).
    tags = {name.lower(): pk for name, pk in Tag.objects.values_list("name", "pk")}
    for name in sorted(names):
        if name.lower() not in tags:
            tags[name.lower()] = Tag.objects.create(name=name).pk
    return tags


def _heroes(categories):
    """The hero images of each category's demo stories, to share: no archive
    story needs a picture of its own."""
    heroes = {}
    for desk in DESKS:
        found = (
            Article.objects.filter(category=categories[desk.slug])
            .exclude(Q(hero_image="") | Q(hero_alt=""))
            .order_by("pk")
            .values_list(
                "hero_image", "hero_width", "hero_height", "hero_renditions", "hero_alt"
            )
        )
        reused = []
        for name, width, height, renditions, alt in found[:HEROES_PER_DESK]:
            if not (width and height):
                width, height = _dimensions(name)
            if width and height:
                # Its renditions are shared too, as recorded on its story
                # (seed_demo makes any missing first): no file per article.
                reused.append((name, width, height, renditions or [], alt))
        heroes[desk.slug] = reused or _drawn_heroes(desk)
    return heroes


def _dimensions(name):
    """(width, height) from the image's header; (None, None) if it is gone."""
    try:
        with default_storage.open(name) as file:
            return get_image_dimensions(file)
    except OSError:
        return None, None


def _drawn_heroes(desk):
    heroes = []
    for number in range(DRAWN_HEROES):
        jpeg, alt = images.hero_image(
            motif=desk.motif, palette=desk.palette, seed=f"archive:{desk.slug}:{number}"
        )
        name = f"articles/archive/{desk.slug}-{number}.jpg"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(jpeg))
        renditions, size = make_renditions(
            name, HERO_WIDTHS, storage=default_storage, source=ContentFile(jpeg)
        )
        heroes.append((name, *size, renditions, alt))
    return heroes


# --- Writing: the text of one story ----------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """Finished text (plain, or sanitised HTML) and its words as the reading
    time counts them."""

    text: str
    words: int


@dataclass
class _Story:
    article: Article  # not saved yet
    sections: list  # [(subheading, body HTML)]
    key_points: list
    faqs: list  # [(question, answer)]
    tags: list  # tag pks
    authors: list  # author pks, in byline order
    correction: tuple | None  # (created at, kind, text)


class _Writer:
    """Writes archive stories the way ``writing`` writes the demo's own, from
    pieces filled, sanitised and counted only the first time they occur."""

    def __init__(self, newsroom, rng, *, now):
        self.newsroom = newsroom
        self.rng = rng
        self.now = now
        # Every (desk, topic, variant, place) the demo's phrase banks can tell.
        self.castings = {
            desk.slug: [
                _Casting(desk, topic, variant, place)
                for topic in desk.topics
                for variant in range(len(topic.variants))
                for place in topic.places or desk.places
            ]
            for desk in DESKS
        }
        self._kits = {}
        self._pieces = {}

    def story(self, *, serial, published_at):
        rng, newsroom = self.rng, self.newsroom
        desk = rng.choice(DESKS)
        number = rng.randrange(len(self.castings[desk.slug]))
        kit = self._kit(desk.slug, number, published_at.strftime("%A"))

        sections = self._sections(kit)
        key_points = _ordered_pick(kit.key_points, rng.randint(3, 6), rng)
        faq_count = rng.randint(2, 4)
        faqs = _ordered_pick(kit.faqs, min(faq_count, len(kit.faqs)), rng)
        if faq_count > len(faqs):
            faqs.append(rng.choice(kit.extra_faqs))
        tags = rng.sample(kit.tags, rng.randint(2, 4))
        reporters = newsroom.reporters[desk.slug]
        authors = [rng.choice(reporters)]
        others = [pk for pk in reporters if pk != authors[0]]
        if others and rng.random() < 0.25:
            authors.append(rng.choice(others))
        correction = None
        if rng.randrange(CORRECTED_ONE_IN) == 0:
            kind, note = rng.choice(phrasebook.CORRECTIONS)
            when = min(published_at + timedelta(hours=rng.uniform(2, 30)), self.now)
            correction = (when, kind, note)
        hero_name, hero_width, hero_height, hero_renditions, hero_alt = rng.choice(
            newsroom.heroes[desk.slug]
        )

        words = (
            kit.headline.words
            + kit.dek.words
            + kit.summary.words
            + sum(subheading.words + body.words for subheading, body in sections)
            + sum(point.words for point in key_points)
            + sum(question.words + answer.words for question, answer in faqs)
        )
        article = Article(
            headline=kit.headline.text,
            # The id-like suffix keeps slugs unique however often a headline
            # recurs over ten years.
            slug=f"{kit.slug[:180]}-{serial}",
            dek=kit.dek.text,
            hero_image=hero_name,
            hero_width=hero_width,
            hero_height=hero_height,
            hero_renditions=hero_renditions,
            hero_alt=hero_alt,
            hero_caption=rng.choice(kit.captions).text,
            hero_credit=HERO_CREDIT,
            category_id=newsroom.categories[desk.slug],
            status=Status.PUBLISHED,
            published_at=published_at,
            first_published_at=published_at,
            # It went live long ago: no go-live effects (notifications, cache
            # purges) are due, or `publish_scheduled` would run them all.
            live_effects_at=published_at,
            # Filed a few hours before it went live; last touched then, or
            # when it was corrected.
            created_at=published_at - timedelta(hours=rng.uniform(1, 8)),
            updated_at=correction[0] if correction else published_at,
            summary=kit.summary.text,
            reading_time=minutes_to_read(words),
        )
        return _Story(
            article=article,
            sections=[(subheading.text, body.text) for subheading, body in sections],
            key_points=[point.text for point in key_points],
            faqs=[(question.text, answer.text) for question, answer in faqs],
            tags=[newsroom.tags[name.lower()] for name in tags],
            authors=authors,
            correction=correction,
        )

    def _sections(self, kit):
        """[(subheading, body)], laid out as ``writing._sections`` lays out a
        demo story: the news, then context, detail, background and voices,
        then what comes next."""
        rng = self.rng
        kinds = rng.choice(LAYOUTS)
        fullness = (len(kinds) - 3) / 3

        def count(low, high):
            return min(high, low + rng.randint(0, 1) + round((high - low) * fullness))

        speakers = len(kit.voices)
        people = zip(
            rng.sample(kit.first_names, speakers),
            rng.sample(kit.last_names, speakers),
            strict=True,
        )
        voices = list(zip(people, rng.sample(kit.voices, speakers), strict=True))
        lead_voice, other_voices = voices[0], voices[1 : 3 + round(fullness)]
        used = set()

        def subheading(options):
            chosen = rng.choice([s for s in options if s.text not in used])
            used.add(chosen.text)
            return chosen

        sections = []
        for kind in kinds:
            if kind == "lead":
                paragraphs = list(kit.lead)
                line = rng.choice(phrasebook.LEAD_VOICE_LINES)
                paragraphs.insert(
                    rng.randint(1, len(paragraphs)), self._voice(kit, line, *lead_voice)
                )
                options = kit.lead_subheads
            elif kind == "context":
                paragraphs, options = kit.context, kit.context_subheads
            elif kind == "detail":
                paragraphs = _ordered_pick(kit.detail, count(3, 4), rng)
                options = kit.detail_subheads
            elif kind == "background":
                paragraphs = _ordered_pick(kit.background, count(2, 6), rng)
                options = kit.background_subheads
            elif kind == "reaction":
                lines = rng.sample(phrasebook.VOICE_LINES, len(other_voices))
                paragraphs = [rng.choice(kit.reaction_openers)] + [
                    self._voice(kit, line, *voice)
                    for line, voice in zip(lines, other_voices, strict=True)
                ]
                options = kit.reaction_subheads
            else:  # next steps, the desk's outlook, now and then a closing line
                paragraphs = list(kit.next)
                outlook = round(3 * fullness)
                if outlook:
                    picked = sorted(rng.sample(range(len(kit.outlook)), outlook))
                    paragraphs += [kit.outlook[i] for i in picked]
                if not fullness or rng.random() < 0.5:
                    paragraphs.append(rng.choice(kit.closers))
                options = kit.next_subheads + (kit.outlook_subheads if outlook else [])
            # Whole sanitised paragraphs side by side are what sanitising the
            # body would give, and its words are theirs.
            body = _Piece(
                "".join(p.text for p in paragraphs), sum(p.words for p in paragraphs)
            )
            sections.append((subheading(options), body))
        return sections

    def _voice(self, kit, line, person, voice):
        """A quoted person's paragraph, as ``writing._Filler.voice`` writes it:
        the sanitised line with each slot's sanitised text put in. No slot's
        text holds markup, so that is what sanitising the whole would give,
        and its words are the line's plus the slots'."""
        first, last = person
        role, quote = voice
        values = {
            "name": self._text(f"{first} {last}"),
            "surname": self._text(last),
            "role": role,
            "quote": quote,
            "weekday": kit.weekday,
        }
        html, words, slots = self._line(line)
        return _Piece(
            html.format_map({slot: piece.text for slot, piece in values.items()}),
            words + sum(values[slot].words for slot in slots),
        )

    # The slow steps, each done once per distinct piece of text.

    def _kit(self, desk_slug, number, weekday):
        key = (desk_slug, number, weekday)
        kit = self._kits.get(key)
        if kit is None:
            casting = self.castings[desk_slug][number]
            # Castings hold dicts (the variants): pieces name one by its place.
            kit = self._kits[key] = _Kit(self, casting, (desk_slug, number), weekday)
        return kit

    def piece(self, key, make, *, is_html):
        """The piece for ``key``; ``make()`` gives its text the first time."""
        piece = self._pieces.get(key)
        if piece is None:
            text = sanitize_body(make()) if is_html else make()
            piece = self._pieces[key] = _Piece(text, count_words(text))
        return piece

    def _text(self, value):
        """Plain text as it reads inside sanitised HTML."""
        return self.piece(("text", value), lambda: escape(value), is_html=True)

    def _line(self, line):
        """(HTML, words, slots) of a line quoting someone: sanitised with its
        slots left in, the words around them, and the slots it names, once
        each per naming."""
        key = ("line", line)
        if key not in self._pieces:
            line = typeset(line)
            html = sanitize_body(line if line.startswith("<") else f"<p>{line}</p>")
            slots = [name for _, name, _, _ in string.Formatter().parse(line) if name]
            words = count_words(html.format_map(dict.fromkeys(slots, " ")))
            self._pieces[key] = (html, words, slots)
        return self._pieces[key]


class _Kit:
    """Everything one casting can say on one weekday, as pieces to pick from."""

    def __init__(self, writer, casting, key, weekday):
        self._writer, self._key, self._weekday = writer, key, weekday
        self._filler = _Filler({**casting.slots(), "weekday": weekday})
        topic, desk = casting.topic, casting.desk
        plain, html = self._plain, self._html

        self.headline = writer.piece(
            ("headline", key), lambda: casting.headline, is_html=False
        )
        self.slug = slugify(self.headline.text)
        self.dek, self.summary = plain(topic.dek), plain(topic.summary)
        self.key_points = [plain(point) for point in topic.key_points]
        self.faqs = [(plain(q), plain(a)) for q, a in topic.faqs]
        self.extra_faqs = [(plain(q), plain(a)) for q, a in phrasebook.EXTRA_FAQS]
        self.tags = topic.tags
        self.captions = [plain(caption) for caption in phrasebook.CAPTIONS]

        self.lead = [html(p) for p in topic.lead]
        self.context = [html(p) for p in topic.context]
        self.detail = [html(p) for p in topic.detail]
        self.background = [html(p) for p in desk.background]
        self.reaction_openers = [html(p) for p in phrasebook.REACTION_OPENERS]
        self.next = [html(p) for p in topic.next]
        self.outlook = [html(p) for p in desk.outlook]
        self.closers = [html(p) for p in phrasebook.CLOSERS]

        self.lead_subheads = [plain(s) for s in topic.lead_subheads]
        self.context_subheads = [plain(s) for s in phrasebook.CONTEXT_SUBHEADS]
        self.detail_subheads = [plain(s) for s in topic.detail_subheads]
        self.background_subheads = [plain(s) for s in desk.background_subheads]
        self.reaction_subheads = [plain(s) for s in phrasebook.REACTION_SUBHEADS]
        self.next_subheads = [plain(s) for s in phrasebook.NEXT_SUBHEADS]
        self.outlook_subheads = [plain(s) for s in desk.outlook_subheads]

        # The people quoted: (role, quote) as text inside HTML, and names.
        text = writer._text
        self.voices = [
            (text(self._filler.fill(role)), text(self._filler.fill(quote)))
            for role, quote in topic.voices
        ]
        self.first_names, self.last_names = desk.names.first, desk.names.last
        self.weekday = text(typeset(weekday))

    def _piece_key(self, kind, template):
        # Most templates leave the weekday out: one piece serves every day.
        weekday = self._weekday if "{weekday}" in template else None
        return (kind, self._key, weekday, template)

    def _plain(self, template):
        return self._writer.piece(
            self._piece_key("plain", template),
            lambda: self._filler.plain(template),
            is_html=False,
        )

    def _html(self, template):
        return self._writer.piece(
            self._piece_key("html", template),
            lambda: self._filler.html(template),
            is_html=True,
        )


# --- Storing ------------------------------------------------------------------------


def _store(stories, newsroom):
    articles = [story.article for story in stories]
    taken = set(
        Article.objects.filter(slug__in=[a.slug for a in articles]).values_list(
            "slug", flat=True
        )
    )
    for article in articles:
        # Only an article someone else named "<headline>-<number>" can be in
        # the way: the archive's own suffixes never repeat.
        while article.slug in taken:
            article.slug += "-archive"
    pks = _insert_articles(articles)
    stored = list(zip(pks, stories, strict=True))
    _insert(
        Byline,
        ["article", "author", "position"],
        (
            (pk, author, position)
            for pk, story in stored
            for position, author in enumerate(story.authors)
        ),
    )
    _insert(
        Section,
        ["article", "position", "subheading", "body"],
        (
            (pk, position, subheading, body)
            for pk, story in stored
            for position, (subheading, body) in enumerate(story.sections)
        ),
    )
    _insert(
        KeyPoint,
        ["article", "position", "text"],
        (
            (pk, position, text)
            for pk, story in stored
            for position, text in enumerate(story.key_points)
        ),
    )
    _insert(
        FAQ,
        ["article", "position", "question", "answer"],
        (
            (pk, position, question, answer)
            for pk, story in stored
            for position, (question, answer) in enumerate(story.faqs)
        ),
    )
    _insert(
        TaggedItem,
        ["content_type", "object_id", "tag"],
        (
            (newsroom.article_type, pk, tag)
            for pk, story in stored
            for tag in story.tags
        ),
    )
    Correction.objects.bulk_create(
        Correction(article_id=pk, created_at=when, kind=kind, text=text)
        for pk, story in stored
        if story.correction
        for when, kind, text in [story.correction]
    )
    update_search_documents(pks)
    editions.advance()


def _insert_articles(articles):
    """Inserts unsaved ``articles`` exactly as they are (times included: no
    auto_now); returns their new pks, in order."""
    connection = connections[router.db_for_write(Article)]
    fields = [field for field in Article._meta.concrete_fields if not field.primary_key]
    # Text, numbers and ids reach the database as they are; anything else
    # (times, files, search vectors) as the field prepares it.
    prepare = [
        None if isinstance(field, _PLAIN_FIELDS) else field.get_db_prep_save
        for field in fields
    ]
    rows = [
        tuple(
            value if to_db is None or value is None else to_db(value, connection)
            for to_db, value in zip(
                prepare, (getattr(article, f.attname) for f in fields), strict=True
            )
        )
        for article in articles
    ]
    _insert(Article, [field.name for field in fields], rows)
    found = Article.objects.filter(slug__in=[article.slug for article in articles])
    pks = dict(found.values_list("slug", "pk"))
    return [pks[article.slug] for article in articles]


def _insert(model, fields, rows):
    """Inserts ``rows``, tuples of values for ``fields`` (field names, values
    as stored), into ``model``'s table in one executemany: bulk_create makes
    an instance of every row and prepares each value through its field,
    several times the cost of the insert itself, for ~17 rows an article."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    values = ", ".join(["%s"] * len(fields))
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            # Names from the model's own _meta; every value a parameter.
            f"INSERT INTO {table} ({columns}) VALUES ({values})",  # noqa: S608
            list(rows),
        )

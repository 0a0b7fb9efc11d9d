"""An archive for load tests: ``python -m bench.archive N [--quiet]``.

Adds N published articles spread over the last ten years to a database the
demo newsroom is loaded in (``manage.py seed_demo``), so the site can be
measured at the size of a newsroom with a long history. Each archive story
retells one of the demo's own (``demo/newsroom.json``): its headline, and a
selection of its sections, key points and FAQs, with tags from its desk and
a byline from the people who write there, and the desk's stored hero image
(renditions included) rather than a file of its own.

Speed shapes the code (100,000 articles take a few minutes, not hours): rows
go in by the batch with one ``executemany`` per table, no ``save()`` and no
signals, so what those would do is done here, once per batch and explicitly:
the reading time is counted from words counted once per piece of text, the
search index is written from what the database holds, and the cache
generation moves on. The next batch is written while the database takes in
the last one. Each run adds another N with new slugs; for a given database
and N the articles are always the same (one seeded random stream).
"""

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

if __name__ == "__main__":  # run as a script: Django first
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connections, reset_queries, router, transaction  # noqa: E402
from django.db.models import (  # noqa: E402
    BooleanField,
    CharField,
    ForeignKey,
    IntegerField,
    Max,
    TextField,
)
from django.utils import timezone  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from articles.models import (  # noqa: E402
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
from articles.search import update_search_documents  # noqa: E402
from authors.models import Author  # noqa: E402
from demo.management.commands.seed_demo import read_fixture  # noqa: E402
from newsroom import generations  # noqa: E402

BATCH_SIZE = 5000  # articles per transaction: flat memory, visible progress
ARCHIVE_DAYS = 3652  # about ten years
CORRECTED_ONE_IN = 40  # one archive story in this many carries a correction


def seed_archive(count, *, now=None, batch_size=BATCH_SIZE, progress=None):
    """Adds ``count`` published articles dated over the last ten years; returns
    how many. ``progress(done, count)`` is called before the first batch and
    after each."""
    now = now or timezone.now()
    # Past every existing id: a second run never reuses a slug suffix, and the
    # same database gives the same archive.
    first_serial = (Article.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    rng = random.Random(f"archive:{first_serial}")
    writer = _Writer(rng, now=now)
    dates = _archive_dates(count, now=now, rng=rng)

    def write(start):
        return [
            writer.story(serial=first_serial + index, published_at=dates[index])
            for index in range(start, min(start + batch_size, count))
        ]

    done = 0
    if progress:
        progress(done, count)
    # Writing is Python, storing mostly the database's work, during which the
    # driver lets another thread run: it writes the next batch meanwhile.
    with ThreadPoolExecutor(max_workers=1) as pool:
        starts = range(0, count, batch_size)
        upcoming = pool.submit(write, starts[0]) if starts else None
        for start in starts:
            stories = upcoming.result()
            if start + batch_size < count:
                upcoming = pool.submit(write, start + batch_size)
            with transaction.atomic():
                _store(stories, writer.article_type)
            reset_queries()  # with DEBUG on, not a batch's worth of SQL kept
            done += len(stories)
            if progress:
                progress(done, count)
    # Fresh planner statistics: without them SQLite walks the whole live index
    # to read a page's articles by primary key (docs/performance.md).
    with connections[router.db_for_write(Article)].cursor() as cursor:
        cursor.execute("ANALYZE")
    return done


def _archive_dates(count, *, now, rng):
    """Publication times over ten years, oldest first (ids grow with time, as
    in a real archive), in the newsroom's working day."""
    latest = timezone.localtime(now - timedelta(minutes=30))
    times = []
    for _ in range(count):
        when = timezone.localtime(now - timedelta(days=rng.uniform(0, ARCHIVE_DAYS)))
        hour, minute = rng.randint(7, 21), rng.randint(0, 59)
        if not 7 <= when.hour <= 21:
            when = when.replace(hour=hour, minute=minute)
        times.append(min(when, latest))
    return sorted(times)


class _Writer:
    """Archive stories told from the demo's own, as unsaved rows."""

    def __init__(self, rng, *, now):
        self.rng, self.now = rng, now
        data = read_fixture()
        self.heroes = _stored_heroes()
        self.stories = [s for s in data["articles"] if s["category"] in self.heroes]
        if not self.stories:
            raise LookupError("No demo categories with pictures: run seed_demo.")
        self.corrections = [
            (c["kind"], c["text"]) for s in data["articles"] for c in s["corrections"]
        ]
        self.categories = dict(Category.objects.values_list("slug", "pk"))
        self.authors = dict(Author.objects.values_list("slug", "pk"))
        desk_tags, self.desk_authors = defaultdict(dict), defaultdict(dict)
        for story in self.stories:
            desk_tags[story["category"]].update(dict.fromkeys(story["tags"]))
            self.desk_authors[story["category"]].update(
                dict.fromkeys(a for a in story["authors"] if a in self.authors)
            )
        # Tag names match case-insensitively (TAGGIT_CASE_INSENSITIVE).
        tags = {name.lower(): pk for name, pk in Tag.objects.values_list("name", "pk")}
        for name in dict.fromkeys(n for names in desk_tags.values() for n in names):
            if name.lower() not in tags:
                tags[name.lower()] = Tag.objects.create(name=name).pk
        self.desk_tags = {
            desk: [tags[name.lower()] for name in names]
            for desk, names in desk_tags.items()
        }
        self.article_type = ContentType.objects.get_for_model(Article).pk
        self._words = {}

    def words(self, text):
        """Words as the reading time counts them, counted once per text: a
        weekday filled in later is one word, as ``{weekday}`` is."""
        if text not in self._words:
            self._words[text] = count_words(text)
        return self._words[text]

    def story(self, *, serial, published_at):
        rng, source = self.rng, self.rng.choice(self.stories)
        desk = source["category"]
        weekday = published_at.strftime("%A")

        def pick(items, low, high):
            """``low``–``high`` of ``items``, always the first, in order."""
            size = min(rng.randint(low, high), len(items))
            rest = sorted(rng.sample(range(1, len(items)), size - 1))
            return [items[0], *(items[i] for i in rest)]

        sections = pick(source["sections"], 3, 6)
        key_points = pick(source["key_points"], 3, 6)
        faqs = pick(source["faqs"], 2, 4)
        texts = [source["headline"], source["dek"], source["summary"]]
        texts += [
            value for part in sections + key_points + faqs for value in part.values()
        ]
        tags = rng.sample(
            self.desk_tags[desk], min(rng.randint(2, 4), len(self.desk_tags[desk]))
        )
        writers = [self.authors[a] for a in self.desk_authors[desk]] or list(
            self.authors.values()
        )
        authors = rng.sample(
            writers, 2 if len(writers) > 1 and rng.random() < 0.25 else 1
        )
        correction = None
        if self.corrections and rng.randrange(CORRECTED_ONE_IN) == 0:
            when = min(published_at + timedelta(hours=rng.uniform(2, 30)), self.now)
            correction = (when, *rng.choice(self.corrections))
        image_id = rng.choice(self.heroes[desk])
        article = Article(
            headline=source["headline"],
            # The id-like suffix keeps slugs unique however often a story recurs.
            slug=f"{source['slug'][:180]}-{serial}",
            dek=source["dek"],
            summary=source["summary"],
            # The demo's library images, shared; each story's own caption.
            hero_image_id=image_id,
            hero_caption=source["hero_caption"],
            category_id=self.categories[desk],
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            first_published_at=published_at,
            # Long gone live: no go-live effects are due for `publish_scheduled`.
            live_effects_at=published_at,
            created_at=published_at - timedelta(hours=rng.uniform(1, 8)),
            updated_at=correction[0] if correction else published_at,
            reading_time=minutes_to_read(sum(map(self.words, texts))),
        )

        def filled(parts):
            return [
                [value.replace("{weekday}", weekday) for value in part.values()]
                for part in parts
            ]

        return (
            article,
            filled(sections),
            filled(key_points),
            filled(faqs),
            tags,
            authors,
            correction,
        )


def _stored_heroes():
    """{category slug: [library image id]}: the demo stories' pictures in
    the image library, which the archive shares."""
    heroes = defaultdict(list)
    rows = (
        Article.objects.exclude(hero_image=None)
        .exclude(hero_image__alt="")
        .order_by("pk")
        .values_list("category__slug", "hero_image")
    )
    for desk, hero in rows[:2000]:
        if hero not in heroes[desk]:
            heroes[desk].append(hero)
    return heroes


def _store(stories, article_type):
    pks = _insert_articles([story[0] for story in stories])
    stored = list(zip(pks, stories, strict=True))
    for model, fields, index in (
        (Section, ["subheading", "body"], 1),
        (KeyPoint, ["text"], 2),
        (FAQ, ["question", "answer"], 3),
    ):
        _insert(
            model,
            ["article", "position", *fields],
            (
                (pk, position, *values)
                for pk, story in stored
                for position, values in enumerate(story[index])
            ),
        )
    _insert(
        TaggedItem,
        ["content_type", "object_id", "tag"],
        ((article_type, pk, tag) for pk, story in stored for tag in story[4]),
    )
    _insert(
        Byline,
        ["article", "author", "position"],
        (
            (pk, author, position)
            for pk, story in stored
            for position, author in enumerate(story[5])
        ),
    )
    Correction.objects.bulk_create(
        Correction(article_id=pk, created_at=when, kind=kind, text=text)
        for pk, story in stored
        if story[6]
        for when, kind, text in [story[6]]
    )
    update_search_documents(pks)
    generations.advance()


def _insert_articles(articles):
    """Inserts unsaved ``articles`` as they are (times included: no auto_now);
    returns their new pks, in order."""
    connection = connections[router.db_for_write(Article)]
    plain = (CharField, TextField, IntegerField, BooleanField, ForeignKey)
    fields = [field for field in Article._meta.concrete_fields if not field.primary_key]
    # Text, numbers and ids go in as they are; times, files and search
    # vectors as the field prepares them.
    prepare = [
        None if isinstance(field, plain) else field.get_db_prep_save for field in fields
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
    """One executemany of ``rows`` (values as stored) into ``model``'s table:
    bulk_create would build and prepare an instance per row, several times
    the cost of the insert, for ~17 rows an article."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    values = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            # Names from the model's own _meta; every value a parameter.
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})",  # noqa: S608
            list(rows),
        )


class ProgressBar:
    """``[#####.....] 40,000/100,000 articles  12 s``, redrawn in place."""

    width = 30

    def __init__(self, stdout, *, noun):
        self.stdout, self.noun, self.started = stdout, noun, time.monotonic()

    def __call__(self, done, total):
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        seconds = time.monotonic() - self.started
        self.stdout.write(f"\r[{bar}] {done:,}/{total:,} {self.noun}  {seconds:.0f} s")
        self.stdout.flush()


def run(count, *, stdout=sys.stdout, quiet=False):
    """Seeds ``count`` archive articles, with a progress bar unless ``quiet``."""
    started = time.monotonic()
    bar = None if quiet else ProgressBar(stdout, noun="articles")
    added = seed_archive(count, progress=bar)
    if bar:
        seconds = time.monotonic() - started
        stdout.write(f"\nAdded {added:,} archive articles in {seconds:.0f} s.\n")
    return added


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.archive")
    parser.add_argument("articles", type=int, help="how many to add (0 or more)")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    options = parser.parse_args(argv)
    if options.articles < 0:
        parser.error("the number of articles must be zero or more")
    run(options.articles, quiet=options.quiet)


if __name__ == "__main__":
    main()

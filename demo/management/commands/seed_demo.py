"""``manage.py seed_demo``: loads the demo newsroom from ``demo/`` in a checkout.

The demo is data: ``demo/newsroom.json`` (site, categories, authors, logins,
pages and every article with its parts) and its pictures in ``demo/images/``.
It sits beside the code, not in the installed package: it is for trying the
CMS out (its logins have published passwords), and a deployed site never
needs it. Times in the file are minutes from now, so the demo always looks
fresh; ``{weekday}`` in a story reads as the day it is dated.

Each object is found by its natural key (slug, username) and made only when
missing, never updated: a second run adds nothing and keeps what people
changed. Statuses and the desk's trail are written as the file records them,
not through ``articles.workflow``, whose steps happen now and mail the desk:
these stories went live weeks ago. Nothing relies on a save() side effect:
the search index and the cache generation are brought up to date once, at
the end.
"""

import json
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from articles import services
from articles.models import (
    FAQ,
    Article,
    ArticleEvent,
    Byline,
    Category,
    Correction,
    KeyPoint,
    LiveEntry,
    LiveEntryCorrection,
    Section,
)
from authors import logins
from authors.models import Author
from library.adding import add_once
from newsroom.models import SitePage, SiteSettings
from newsroom.renditions import backfill

DEMO_DIR = Path(__file__).resolve().parents[2]  # the demo app: data beside code
# Bodies in the file are sanitised already, as Section.save() would leave them.
PARTS = {"sections": Section, "key_points": KeyPoint, "faqs": FAQ}


def read_fixture():
    return json.loads((DEMO_DIR / "newsroom.json").read_text(encoding="utf-8"))


def read_image(name):
    return (DEMO_DIR / "images" / name).read_bytes()


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (demo/ in a checkout): a fictional publication "
        "with categories, authors, demo logins, site pages and articles in every "
        "state. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args, quiet=False, verbosity=1, **options):
        if not (DEMO_DIR / "newsroom.json").is_file():
            raise CommandError(f"No demo data in {DEMO_DIR}: it comes with a checkout.")
        started, data, now = time.monotonic(), read_fixture(), timezone.now()
        created = Counter()
        # One write (articles.services): each article's save reports it, so
        # at the end, with every part inserted, the demo is indexed by one
        # task and the page cache's generation moves once.
        with services.writing():
            site = seed_site(data, created)
            users, authors = seed_users(data, created), seed_authors(data, created)
            link_logins_to_authors(data["logins"], users, authors)
            categories = seed_categories(data, created)
            seed_articles(data, categories, authors, created, now=now)
        backfill()  # renditions for images stored before they existed
        if not (quiet or verbosity == 0):
            self.report(data, site, users, created, now, time.monotonic() - started)

    def report(self, data, site, users, created, now, seconds):
        added = ", ".join(f"{n} {what}" for what, n in created.items())
        articles, Status = Article.objects, Article.Status  # noqa: N806
        states = {
            "live": articles.published(),
            "scheduled": articles.scheduled(now),
            "drafts": articles.filter(status=Status.DRAFT),
            "in review": articles.filter(status=Status.IN_REVIEW),
            "changes requested": articles.filter(status=Status.CHANGES_REQUESTED),
        }
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demo newsroom “{site}” ready ({seconds:.1f} s)."))
        write(f"  Added this run: {added or 'nothing, it was all there'}.")
        write(
            "  Articles now: "
            + ", ".join(f"{q.count()} {s}" for s, q in states.items())
        )
        write(
            self.style.WARNING(
                "\nDemo logins, for DEVELOPMENT ONLY: never load "
                "the demo on a server that faces the internet."
            )
        )
        names = {author["slug"]: author["name"] for author in data["authors"]}
        for login in data["logins"]:
            role = "superuser" if login["is_superuser"] else login["group"]
            role += f", byline {names[login['author']]}" if login["author"] else ""
            password = (
                login["password"]
                if users[login["username"]][1]
                else ("(existing user, unchanged)")
            )
            write(f"  {login['username']:<11} {password:<27} {role}")


def seed_site(data, created):
    row, _ = SiteSettings.objects.get_or_create(pk=1)
    # The row appears, blank, the first time a page renders: "missing" means
    # the default name and nothing else filled in.
    default = SiteSettings._meta.get_field("name").default
    others = [field for field in data["site"] if field != "name"]
    if row.name == default and not any(getattr(row, field) for field in others):
        for name, value in data["site"].items():
            setattr(row, name, value)
        row.save()
        created["site settings"] += 1
    for slug, page in data["pages"].items():
        if SitePage.objects.get_or_create(slug=slug, defaults=page)[1]:
            created["site pages"] += 1
    return row.name


def seed_categories(data, created):
    """{slug in the file: category}; one already made under the same name is
    reused."""
    categories = {}
    for desk in data["categories"]:
        same = Q(slug=desk["slug"]) | Q(name__iexact=desk["name"])
        categories[desk["slug"]] = Category.objects.filter(same).first()
        if categories[desk["slug"]] is None:
            categories[desk["slug"]] = Category.objects.create(**desk)
            created["categories"] += 1
    return categories


def seed_users(data, created):
    """{username: (user, was created)}; an existing user is left as it is."""
    users = {}
    for login in data["logins"]:
        user = get_user_model().objects.filter(username=login["username"]).first()
        users[login["username"]] = (user, user is None)
        if user is None:
            fields = {k: v for k, v in login.items() if k not in ("group", "author")}
            user = get_user_model().objects.create_user(**fields, is_staff=True)
            if login["group"]:  # its permissions come from the roles migration
                user.groups.add(Group.objects.get_or_create(name=login["group"])[0])
            created["users"] += 1
            users[login["username"]] = (user, True)
    return users


def seed_authors(data, created):
    authors = {}
    for fields in data["authors"]:
        author = Author.objects.filter(slug=fields["slug"]).first()
        if author is None:
            author = Author(**{k: v for k, v in fields.items() if k != "avatar"})
            author.avatar = library_image(
                fields["avatar"], alt=f"Portrait of {fields['name']}"
            )
            author.save()
            created["authors"] += 1
        authors[fields["slug"]] = author
    return authors


def library_image(picture, **texts):
    """The library image of ``picture`` (in demo/images), added once."""
    return add_once(
        f"Demo newsroom: {picture}",
        lambda: ContentFile(read_image(picture), name=picture),
        **texts,
    )


def link_logins_to_authors(demo_logins, users, authors):
    """Gives each demo login its byline, unless either side has a link."""
    for login in demo_logins:
        user, author = users[login["username"]][0], authors.get(login["author"])
        free = author and author.user_id is None
        if free and not Author.objects.filter(user=user).exists():
            logins.link(author, user, by=None)  # recorded: four-eyes reads it


def seed_articles(data, categories, authors, created, *, now):
    slugs = [story["slug"] for story in data["articles"]]
    existing = set(
        Article.objects.filter(slug__in=slugs).values_list("slug", flat=True)
    )
    heroes = {}  # {picture in demo/images: its library image}
    for story in data["articles"]:
        if story["slug"] not in existing:
            add_article(story, data, categories, authors, heroes, now=now)
            created["articles"] += 1


def add_article(story, data, categories, authors, heroes, *, now):
    def at(minutes):
        return None if minutes is None else now + timedelta(minutes=minutes)

    published_at = at(story["published"])
    if published_at and published_at > now:  # editors schedule on the hour
        published_at = published_at.replace(minute=0, second=0, microsecond=0)
    is_live = published_at is not None and published_at <= now
    weekday = timezone.localtime(published_at or now).strftime("%A")
    story = json.loads(json.dumps(story).replace("{weekday}", weekday))
    own = {f.name for f in Article._meta.concrete_fields} - {"category"}
    article = Article(
        **{field: value for field, value in story.items() if field in own},
        category=categories[story["category"]],
        published_at=published_at,
        first_published_at=published_at,
        # Stories live before the demo was loaded have had their go-live
        # effects; scheduled ones keep theirs due for `publish_scheduled`.
        live_effects_at=published_at if is_live else None,
    )
    # A desk's stories share its picture: one library image, described once
    # (alt text, credit); each story's caption is its own.
    if story["hero"] not in heroes:
        heroes[story["hero"]] = library_image(
            story["hero"],
            alt=data["heroes"][story["hero"]],
            credit=data["hero_credit"],
        )
    article.hero_image = heroes[story["hero"]]
    article.save()
    for key, model in PARTS.items():
        model.objects.bulk_create(
            model(article=article, position=position, **fields)
            for position, fields in enumerate(story[key])
        )
    Byline.objects.bulk_create(
        Byline(article=article, author=authors[slug], position=position)
        for position, slug in enumerate(story["authors"])
    )
    for part in story["corrections"] + story["events"]:
        part["created_at"] = at(part["created_at"])
    Correction.objects.bulk_create(
        Correction(article=article, **fields) for fields in story["corrections"]
    )
    for fields in story["events"]:  # by a login, or by a name kept
        author = authors[fields.pop("by")]
        fields.update(actor=author.user, actor_name=author.name)
    ArticleEvent.objects.bulk_create(
        ArticleEvent(article=article, **fields) for fields in story["events"]
    )
    article.tags.add(*story["tags"])
    add_live_entries(article, story.get("live_entries", []), authors, at)
    article.refresh_reading_time()
    # Started a few hours before its first step, last touched by its latest;
    # auto_now fields ignore what the constructor is given, hence the update.
    steps = [published_at if is_live else now]
    steps += [part["created_at"] for part in story["corrections"] + story["events"]]
    Article.objects.filter(pk=article.pk).update(
        created_at=min(steps) - timedelta(hours=3), updated_at=max(steps)
    )


def add_live_entries(article, entries, authors, at):
    """A live blog's stream, as the file records it (bodies sanitised
    already), each entry posted and last changed at its minute, with its
    correction if it has one."""
    rows = LiveEntry.objects.bulk_create(
        LiveEntry(
            article=article,
            posted_at=at(entry["minutes"]).replace(microsecond=0),
            updated_at=at(entry["minutes"]).replace(microsecond=0),
            title=entry["title"],
            body=entry["body"],
            is_pinned=entry["is_pinned"],
            is_key_event=entry["is_key_event"],
        )
        for entry in entries
    )
    LiveEntry.authors.through.objects.bulk_create(
        LiveEntry.authors.through(liveentry_id=row.pk, author_id=authors[slug].pk)
        for row, entry in zip(rows, entries, strict=True)
        for slug in entry["authors"]
    )
    LiveEntryCorrection.objects.bulk_create(
        LiveEntryCorrection(
            entry=row, text=entry["correction"], created_at=row.posted_at
        )
        for row, entry in zip(rows, entries, strict=True)
        if entry.get("correction")
    )

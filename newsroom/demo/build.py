"""Writes the demo newsroom to the database: creates what is missing, nothing else.

Each object is looked up by its natural key (slug, username, page kind) and created
only when absent; an existing one is never updated. So running the command again
changes nothing, and an editor's changes to a demo article, a password changed
after the first run or a renamed site all survive it.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    FAQ,
    Article,
    ArticleEvent,
    Byline,
    Category,
    Correction,
    KeyPoint,
    Section,
)
from articles.richtext import sanitize_body
from articles.search import update_search_documents
from authors import logins
from authors.models import Author
from newsroom.demo import images
from newsroom.demo.desks import DESKS
from newsroom.demo.publication import (
    AUTHORS,
    DEMO_LOGINS,
    HERO_CREDIT,
    SITE,
    SITE_PAGES,
)
from newsroom.demo.writing import DEFAULT_SEED, plan_articles
from newsroom.models import SitePage, SiteSettings
from newsroom.renditions import make_renditions

# Pillow releases the GIL while it resizes and encodes, so a few threads draw
# hero images and their renditions in parallel while the main thread writes to
# the database.
IMAGE_THREADS = 4


@dataclass
class SeedReport:
    site_name: str
    created: Counter = field(default_factory=Counter)
    # (login, was created by this run)
    logins: list = field(default_factory=list)
    # Totals in the database afterwards, whoever created them.
    articles_by_state: dict = field(default_factory=dict)
    tags: int = 0


def seed_demo(*, now=None, seed=DEFAULT_SEED):
    """Loads whatever part of the demo newsroom is missing; returns a SeedReport."""
    now = now or timezone.now()
    plans = plan_articles(now=now, seed=seed)
    created = Counter()
    # One transaction: a failure leaves the database as it was (image files
    # already written stay in storage, unreferenced and harmless).
    with transaction.atomic():
        site_name = _seed_site_settings(created)
        categories = _seed_categories(created)
        users = _seed_users(created)
        authors = _seed_authors(created)
        _link_logins_to_authors(users, authors)
        _seed_site_pages(created)
        _seed_articles(plans, categories, authors, created, now=now)
        # The articles' parts went in by bulk_create, which skips the signals
        # that keep the search index fresh. The demo's own articles only, new
        # or not (so a database seeded before search existed finds them too):
        # reindexing everything would cost minutes on every run once an
        # archive (`--articles`) is loaded; `rebuild_search_index` does that.
        demo = Article.objects.filter(slug__in=[plan.slug for plan in plans])
        update_search_documents(demo.values_list("pk", flat=True))
    return SeedReport(
        site_name=site_name,
        created=created,
        logins=[(login, users[login.username][1]) for login in DEMO_LOGINS],
        articles_by_state=_articles_by_state(now),
        tags=Tag.objects.count(),
    )


def _seed_site_settings(created):
    row, _ = SiteSettings.objects.get_or_create(pk=1)
    # The row also appears, blank, the first time any page is rendered, so
    # "missing" means "never configured": the default name and nothing else.
    default_name = SiteSettings._meta.get_field("name").default
    others = [name for name in SITE if name != "name"]
    if row.name == default_name and not any(getattr(row, name) for name in others):
        for name, value in SITE.items():
            setattr(row, name, value)
        row.save()
        created["site settings"] += 1
    return row.name


def _seed_categories(created):
    categories = {}
    for menu_order, desk in enumerate(DESKS, start=1):
        # A category someone already made under the same name is reused, not
        # duplicated (names are unique too).
        category = Category.objects.filter(
            Q(slug=desk.slug) | Q(name__iexact=desk.name)
        ).first()
        if category is None:
            category = Category.objects.create(
                name=desk.name,
                slug=desk.slug,
                description=desk.description,
                menu_order=menu_order,
                is_in_menu=True,
            )
            created["categories"] += 1
        categories[desk.slug] = category
    return categories


def _seed_users(created):
    """{username: (user, was created)}; an existing user is left exactly as is."""
    User = get_user_model()  # noqa: N806 - a class, named like one
    names = {staffer.slug: staffer.name for staffer in AUTHORS}
    users = {}
    for login in DEMO_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is not None:
            users[login.username] = (user, False)
            continue
        first_name, _, last_name = names.get(login.author_slug, "").partition(" ")
        details = {
            "email": f"{login.username}@meridianledger.example.com",
            "first_name": first_name,
            "last_name": last_name,
        }
        if login.is_superuser:
            user = User.objects.create_superuser(
                login.username, password=login.password, **details
            )
        else:
            user = User.objects.create_user(
                login.username, password=login.password, is_staff=True, **details
            )
        if login.group:
            # The roles migration owns the groups' permissions; this only makes
            # sure the group exists, so the demo also loads without it.
            group, _ = Group.objects.get_or_create(name=login.group)
            user.groups.add(group)
        users[login.username] = (user, True)
        created["users"] += 1
    return users


def _seed_authors(created):
    authors = {}
    for staffer in AUTHORS:
        author = Author.objects.filter(slug=staffer.slug).first()
        if author is None:
            author = Author(
                name=staffer.name,
                slug=staffer.slug,
                job_title=staffer.job_title,
                bio=staffer.bio,
                website=staffer.website,
                x_handle=staffer.x_handle,
                linkedin_url=staffer.linkedin_url,
                email="" if staffer.is_guest else f"{staffer.slug}@example.com",
            )
            picture = images.avatar(
                initials=author.initials,
                background=staffer.avatar_color,
                seed=staffer.slug,
            )
            author.avatar.save(f"{staffer.slug}.png", ContentFile(picture), save=False)
            author.save()
            created["authors"] += 1
        authors[staffer.slug] = author
    return authors


def _link_logins_to_authors(users, authors):
    """Gives each demo login its byline, unless either side already has a link."""
    for login in DEMO_LOGINS:
        if not login.author_slug:
            continue
        user, _ = users[login.username]
        author = authors[login.author_slug]
        if author.user_id is None and not Author.objects.filter(user=user).exists():
            # Recorded, as every link is (the four-eyes rule reads the trail).
            logins.link(author, user, by=None)


def _seed_site_pages(created):
    for slug, page in SITE_PAGES.items():
        _, was_created = SitePage.objects.get_or_create(slug=slug, defaults=page)
        if was_created:
            created["site pages"] += 1


def _seed_articles(plans, categories, authors, created, *, now):
    existing = set(
        Article.objects.filter(slug__in=[plan.slug for plan in plans]).values_list(
            "slug", flat=True
        )
    )
    missing = [plan for plan in plans if plan.slug not in existing]
    with ThreadPoolExecutor(max_workers=IMAGE_THREADS) as pool:
        heroes = pool.map(_stored_hero, missing)
        for plan, hero in zip(missing, heroes, strict=True):
            _create_article(plan, hero, categories, authors, now=now)
            created["articles"] += 1


@dataclass(frozen=True)
class _StoredHero:
    name: str
    width: int
    height: int
    renditions: list
    alt: str


def _stored_hero(plan):
    """Draws the plan's hero image and stores it with its renditions, as the
    hero image field would on save. Runs in the image threads: Pillow and
    storage, never the database."""
    jpeg, alt = images.hero_image(
        motif=plan.desk.motif, palette=plan.desk.palette, seed=plan.hero_seed
    )
    image_field = Article._meta.get_field("hero_image")
    # A short name: the slug can be longer than the file field allows.
    stem = plan.slug if len(plan.slug) <= 60 else plan.slug[:60].rsplit("-", 1)[0]
    name = image_field.storage.save(
        image_field.generate_filename(None, f"{stem}.jpg"),
        ContentFile(jpeg),
        max_length=image_field.max_length,
    )
    renditions, (width, height) = make_renditions(
        name,
        image_field.rendition_widths,
        storage=image_field.storage,
        source=ContentFile(jpeg),
    )
    return _StoredHero(name, width, height, renditions, alt)


def _create_article(plan, hero, categories, authors, *, now):
    article = Article(
        headline=plan.headline,
        slug=plan.slug,
        dek=plan.dek,
        hero_image=hero.name,
        hero_width=hero.width,
        hero_height=hero.height,
        hero_renditions=hero.renditions,
        hero_alt=hero.alt,
        hero_caption=plan.hero_caption,
        hero_credit=HERO_CREDIT,
        category=categories[plan.desk.slug],
        status=plan.status,
        published_at=plan.published_at,
        # As workflow.approve() leaves a published (or scheduled) article.
        first_published_at=plan.published_at,
        # Stories that went live before the demo was loaded have had their
        # go-live effects: without this, the first `publish_scheduled` would
        # send notifications for every one of them. Scheduled stories keep
        # theirs due, so the command has real work when their time comes.
        live_effects_at=plan.published_at if plan.is_live else None,
        summary=plan.summary,
        is_featured=plan.is_featured,
    )
    article.save()

    Byline.objects.bulk_create(
        Byline(article=article, author=authors[slug], position=position)
        for position, slug in enumerate(plan.author_slugs)
    )
    # bulk_create skips Section.save(), which sanitises: do it here instead.
    Section.objects.bulk_create(
        Section(
            article=article,
            position=position,
            subheading=section.subheading,
            body=sanitize_body(section.body),
        )
        for position, section in enumerate(plan.sections)
    )
    KeyPoint.objects.bulk_create(
        KeyPoint(article=article, position=position, text=text)
        for position, text in enumerate(plan.key_points)
    )
    FAQ.objects.bulk_create(
        FAQ(article=article, position=position, question=question, answer=answer)
        for position, (question, answer) in enumerate(plan.faqs)
    )
    Correction.objects.bulk_create(
        Correction(
            article=article,
            created_at=correction.created_at,
            kind=correction.kind,
            text=correction.text,
        )
        for correction in plan.corrections
    )
    ArticleEvent.objects.bulk_create(
        ArticleEvent(
            article=article,
            action=event.action,
            actor=authors[event.author_slug].user,
            actor_name=authors[event.author_slug].name,
            from_status=event.from_status,
            to_status=event.to_status,
            note=event.note,
            created_at=event.created_at,
        )
        for event in plan.history
    )
    article.tags.add(*plan.tags)
    article.refresh_reading_time()

    # Timestamps a newsroom would have: started a few hours before its first
    # step (going live, or being submitted), last touched by its latest step.
    # auto_now fields ignore what the constructor is given, hence the update.
    steps = [
        plan.published_at if plan.is_live else now,
        *(correction.created_at for correction in plan.corrections),
        *(event.created_at for event in plan.history),
    ]
    Article.objects.filter(pk=article.pk).update(
        created_at=min(steps) - timedelta(hours=3), updated_at=max(steps)
    )


def _articles_by_state(now):
    articles = Article.objects.all()
    published = articles.filter(status=Article.Status.PUBLISHED)
    return {
        "live": Article.objects.published().count(),
        "scheduled": published.filter(published_at__gt=now).count(),
        "drafts": articles.filter(status=Article.Status.DRAFT).count(),
        "in review": articles.filter(status=Article.Status.IN_REVIEW).count(),
        "changes requested": articles.filter(
            status=Article.Status.CHANGES_REQUESTED
        ).count(),
    }

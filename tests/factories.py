"""Factories: each test states only what matters to it (and ``client_for``, a
test client logged in as whoever a test made)."""

import functools
import importlib
import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone
from PIL import Image

from articles.models import FAQ, Article, Byline, Category, KeyPoint, Section
from authors.models import Author
from library.models import Image as LibraryImage
from newsroom.models import SiteSettings


def png_upload(name="image.png", size=(64, 48), color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# The publication's accounts elsewhere, as the reader pages' tests set them.
SOCIAL_LINKS = {
    "facebook_url": "https://facebook.example/ledger",
    "x_url": "https://x.example/ledger",
    "instagram_url": "https://instagram.example/ledger",
}


def site_settings(**fields):
    """The site's one settings row (made on first use), ``fields`` saved on it."""
    site = SiteSettings.load()
    for name, value in fields.items():
        setattr(site, name, value)
    site.save()
    return site


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")
    is_staff = True


def library_image(upload=None, **fields):
    """A library image of ``upload`` (a small PNG by default), stored as the
    desk stores one (renditions drawn), with ``fields``."""
    image = LibraryImage(**{"alt": "A picture from the library", **fields})
    upload = upload or png_upload()
    image.file.save(upload.name, upload, save=False)
    image.save()
    return image


LIBRARY_FIELDS = {Article: ("hero_image",), Author: ("avatar",)}


class _LibraryImages:
    """Lets a test give an upload where a library image goes (``hero_image``,
    ``avatar``): it becomes a library image first, as the desk's chooser
    would have made it."""

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        for name in LIBRARY_FIELDS.get(cls._meta.model, ()):
            value = kwargs.get(name)
            if isinstance(value, File):
                # Described in the library as the test describes it.
                texts = {
                    field: kwargs[f"hero_{field}"]
                    for field in ("alt", "caption", "credit")
                    if f"hero_{field}" in kwargs
                }
                kwargs[name] = library_image(value, **texts)
            elif value == "":  # "no picture", as a file field said it
                kwargs[name] = None
        return super()._adjust_kwargs(**kwargs)


class AuthorFactory(_LibraryImages, factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    job_title = "Staff Writer"
    bio = "Covers the city desk."


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    menu_order = factory.Sequence(lambda n: n)


class ArticleFactory(_LibraryImages, factory.django.DjangoModelFactory):
    """A live article with a byline and no parts; pass ``status``/``published_at``
    for anything else, or use the ``with_parts`` trait for the full anatomy."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Council approves budget number {n}")
    slug = factory.Sequence(lambda n: f"council-approves-budget-{n}")
    dek = "The vote ends a month of argument over the city's spending."
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    summary = "The council passed the budget after a long debate."

    @factory.post_generation
    def bylines(self, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        for position, author in enumerate(authors):
            Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    class Params:
        with_parts = factory.Trait(
            parts=factory.PostGeneration(
                lambda article, create, extracted: add_parts(article)
            )
        )


def harbour_wall_story(*, ada=None, **fields):
    """The reader pages' model story: "Harbour wall rebuilt after storm", live
    in World (``/world/harbour-wall-rebuilt/``), by Ada Lovelace and Ben Okri,
    with a hero image, two tags and every part. ``ada`` adds to Ada's
    profile; ``fields`` override the article's."""
    world = CategoryFactory(name="World", slug="world")
    authors = [
        AuthorFactory(
            name="Ada Lovelace", slug="ada", job_title="News Director", **(ada or {})
        ),
        AuthorFactory(name="Ben Okri", slug="ben", website="https://ben.example"),
    ]
    return ArticleFactory(
        **{
            "headline": "Harbour wall rebuilt after storm",
            "slug": "harbour-wall-rebuilt",
            "category": world,
            "bylines": authors,
            "dek": "The intro paragraph that sets the scene.",
            "hero_image": png_upload("harbour.png"),
            "hero_alt": "Cranes lifting stone onto the harbour wall",
            "hero_caption": "Work on the wall.",
            "hero_credit": "Photo: Ledger staff",
            "tag_names": ["Storms", "Harbour"],
            "with_parts": True,
            **fields,
        }
    )


def add_parts(article, sections=3, key_points=3, faqs=2):
    for i in range(sections):
        Section.objects.create(
            article=article,
            position=i,
            subheading=f"Subheading {i + 1}",
            body=f"<p>Body text of section {i + 1}, with <strong>detail</strong>.</p>",
        )
    for i in range(key_points):
        KeyPoint.objects.create(article=article, position=i, text=f"Key point {i + 1}")
    for i in range(faqs):
        FAQ.objects.create(
            article=article, position=i, question=f"Question {i + 1}?", answer="Yes."
        )
    article.refresh_reading_time()
    return article


@functools.cache
def role_grants():
    """Group name -> [(app label, model, actions)], as the migrations grant:
    the groups ``articles/migrations/0002_roles.py`` makes, widened by every
    ``grant_to_group`` operation in any app's migrations (``contact``'s
    inbox for the Editors, for one). Read from the migrations themselves, so
    a new role migration in any app is seen without being listed here."""
    roles = importlib.import_module("articles.migrations.0002_roles")
    grants = {name: list(rules) for name, rules in roles.GROUP_PERMISSIONS.items()}
    migrations = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for migration in migrations.values():
        for operation in migration.operations:
            grant = getattr(operation, "code", None)
            if hasattr(grant, "grants"):
                grants.setdefault(grant.group_name, []).extend(grant.grants)
    return grants


def role_group(name):
    """The role's group. A transactional test empties every table when it
    ends, the migrations' groups included; the next test gets them back, with
    the same permissions, instead of failing on a missing group."""
    group = Group.objects.filter(name=name).first()
    if group is not None:
        return group
    group = Group.objects.create(name=name)
    for app_label, model, actions in role_grants()[name]:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )
    return group


def _join_group(name):
    """A post-generation hook putting the user in a role group (``role_group``)."""

    def join(user, create, extracted, **kwargs):
        if create:
            user.groups.add(role_group(name))

    return factory.PostGeneration(join)


class JournalistFactory(UserFactory):
    """A desk login in the Journalists group, with its own author profile."""

    class Meta:
        skip_postgeneration_save = True

    role = _join_group("Journalists")
    author_profile = factory.RelatedFactory(AuthorFactory, factory_related_name="user")


class EditorFactory(UserFactory):
    """A desk login in the Editors group (no author profile unless given one)."""

    class Meta:
        skip_postgeneration_save = True

    role = _join_group("Editors")


def client_for(user, *, csrf=False):
    """A test client of its own, logged in as ``user`` (anonymous for ``None``);
    ``csrf`` makes it check CSRF tokens as a browser's request would be."""
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user)
    return client


# Each inline of the admin's article form: its prefix and the fields it posts.
ARTICLE_INLINES = {
    "bylines": ("author", "position"),
    "sections": ("subheading", "body", "position"),
    "key_points": ("text", "position"),
    "faqs": ("question", "answer", "position"),
    "corrections": ("created_at", "kind", "text"),
}


def _form_value(value):
    if hasattr(value, "pk"):
        return value.pk
    return "" if value is None else value


def _split_datetime(name, value):
    """The admin posts a date-time as two fields, in the newsroom's zone."""
    if value is None:
        return {f"{name}_0": "", f"{name}_1": ""}
    local = timezone.localtime(value)
    return {f"{name}_0": f"{local:%Y-%m-%d}", f"{name}_1": f"{local:%H:%M:%S}"}


def admin_article_data(article=None, inlines=None, **fields):
    """What the admin's article form posts: the article's fields (its current
    values and version, or a minimal new draft), each inline's management form and rows
    for the existing parts, then ``inlines`` (new rows, by prefix) and
    ``fields`` (overrides; ``None`` leaves a field out)."""
    if article is None:
        data = {
            "headline": "Harbour bridge reopens after repairs",
            "slug": "harbour-bridge-reopens",
            "dek": "",
            "hero_image": "",
            "hero_alt": "",
            "hero_caption": "",
            "hero_credit": "",
            "category": "",
            "tags": "",
            "summary": "",
            "status": Article.Status.DRAFT,
            **_split_datetime("published_at", None),
        }
    else:
        data = {
            name: _form_value(getattr(article, name))
            for name in (
                "headline",
                "slug",
                "dek",
                "hero_image",
                "hero_alt",
                "hero_caption",
                "hero_credit",
                "category",
                "summary",
                "status",
            )
        }
        data["tags"] = ", ".join(tag.name for tag in article.tags.all())
        data.update(_split_datetime("published_at", article.published_at))
        # The version the form was loaded at: a save from an older one is
        # refused as a conflict.
        data["loaded_version"] = Article.objects.get(pk=article.pk).version
        if article.is_featured:
            data["is_featured"] = "on"

    for prefix, names in ARTICLE_INLINES.items():
        existing = list(getattr(article, prefix).all()) if article else []
        new_rows = (inlines or {}).get(prefix, [])
        for index, part in enumerate(existing):
            data[f"{prefix}-{index}-id"] = part.pk
            data[f"{prefix}-{index}-article"] = article.pk
            for name in names:
                value = getattr(part, name)
                if name == "created_at":
                    for key, text in _split_datetime(name, value).items():
                        data[f"{prefix}-{index}-{key}"] = text
                else:
                    data[f"{prefix}-{index}-{name}"] = _form_value(value)
        for index, row in enumerate(new_rows, start=len(existing)):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = _form_value(value)
        data[f"{prefix}-TOTAL_FORMS"] = len(existing) + len(new_rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(existing)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000

    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}

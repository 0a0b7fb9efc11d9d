import functools
import itertools
import math
import operator
import re
import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from authors.models import Author
from newsroom.renditions import HERO_WIDTHS, ImageWithRenditionsField
from newsroom.richtext import RichTextField, sanitize_body
from newsroom.routes import RESERVED_SLUGS, slug_path
from newsroom.text import look_alikes


def validate_category_slug(value):
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the site itself (/%(slug)s/); choose another."),
            code="reserved",
            params={"slug": value},
        )


# The second segments a category's own pages use: /<category>/feed/.
ARTICLE_RESERVED_SLUGS = frozenset({"feed"})

# An article's slug as its address carries it, each letter outside ASCII
# percent-encoded (a Japanese character takes nine): kept short enough that
# the whole path, category included, fits where old addresses are kept
# (``Redirect.old_path``, 500 characters).
ARTICLE_SLUG_MAX_ADDRESS_LENGTH = 400

# The slug of a headline with no letter or digit in any script ("!!!").
FALLBACK_ARTICLE_SLUG = "article"


def address_length(slug):
    return len(iri_to_uri(slug))


def validate_article_slug(value):
    if value.lower() in ARTICLE_RESERVED_SLUGS:
        raise ValidationError(
            _(
                "“%(slug)s” is used by each category's own pages "
                "(/<category>/%(slug)s/); choose another."
            ),
            code="reserved",
            params={"slug": value},
        )
    if address_length(value) > ARTICLE_SLUG_MAX_ADDRESS_LENGTH:
        raise ValidationError(
            _(
                "This slug is too long for an address (letters outside A–Z "
                "count several times there); shorten it."
            ),
            code="address_too_long",
        )


def headline_slug(headline):
    """The headline's words as a slug: in ASCII when that loses no more than
    accents ("Café reopens" is ``cafe-reopens``), in the headline's own
    script otherwise ("Київ відкриває міст" is ``київ-відкриває-міст``, not
    an empty slug). Empty when the headline has no letter or digit at all."""
    slug = slugify(headline, allow_unicode=True)
    decomposed = unicodedata.normalize("NFKD", slug)
    if "".join(c for c in decomposed if not unicodedata.combining(c)).isascii():
        return slugify(headline)
    return slug


def fit_slug(slug, suffix=""):
    """``slug`` cut to the field's length and the address's, ``suffix`` kept
    whole, never ending in a hyphen before it."""
    slug = slug[: Article._meta.get_field("slug").max_length - len(suffix)]
    room = ARTICLE_SLUG_MAX_ADDRESS_LENGTH - address_length(suffix)
    while address_length(slug) > room:
        slug = slug[:-1]
    return slug.rstrip("-") + suffix


class CategoryQuerySet(models.QuerySet):
    def in_menu(self):
        return self.filter(is_in_menu=True).order_by("menu_order", "name")


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, validators=[validate_category_slug]
    )
    description = models.TextField(blank=True)
    menu_order = models.PositiveSmallIntegerField(default=0)
    is_in_menu = models.BooleanField("shown in menu", default=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["menu_order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("articles:category", self.slug)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the one definition, used by every surface."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def scheduled(self, now=None):
        """Approved to go live at a time still to come: the other side of
        ``published()``, and the query of ``Article.is_scheduled()``."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def next_go_live(self):
        """When the next scheduled article goes live, or None."""
        return (
            self.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def tagged(self, tag):
        """Articles carrying ``tag``, as a semi-join on taggit's items.

        ``filter(tags=tag)`` joins on ``object_id::bigint`` (taggit's
        object_id is an integer, our keys are big), and the cast leaves no
        index to find one article's items with: a listing then reads every
        item of the tag, or every article. Compared this way, the database
        may walk the live articles newest first and probe the tag's items.
        """
        # The content type by id (taggit reads it the same way, from
        # Django's per-process cache): a join to the content types would hide
        # from the planner how many items the tag has.
        items = Article.tags.through.objects.filter(
            tag=tag, content_type=ContentType.objects.get_for_model(Article)
        )
        return self.filter(pk__in=items.values("object_id"))

    def with_page_parts(self):
        """Everything the article page shows, in a fixed number of queries."""
        return (
            self.for_reading()
            .select_related("category")
            .prefetch_related(
                bylines_with_authors(),
                "sections",
                "key_points",
                "faqs",
                "corrections",
                "tags",
            )
        )

    def for_reading(self):
        """Without the search vector: as long as the text, and no page shows it."""
        return self.defer("search_vector")

    def for_listing(self):
        """What a card in a list needs, in a constant number of queries."""
        return (
            self.for_reading()
            .select_related("category")
            .prefetch_related(bylines_with_authors())
            .order_by("-published_at", "-id")
        )


def bylines_with_authors():
    """A prefetch of articles' bylines in order, each with its author: one
    query for any number of articles."""
    return models.Prefetch("bylines", queryset=Byline.objects.select_related("author"))


def shown_authors():
    """Authors with a public page: active, with at least one live article.
    A profile made ahead of a first story, or taken off the site, is not
    revealed (as a tag seen only on unpublished work is not)."""
    live = Article.objects.published().filter(bylines__author=models.OuterRef("pk"))
    return Author.objects.active().filter(models.Exists(live))


WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


def count_words(*texts):
    return sum(len(WORD_RE.findall(strip_tags(text or ""))) for text in texts)


def minutes_to_read(words):
    return max(1, math.ceil(words / settings.NEWSROOM_WORDS_PER_MINUTE))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        validators=[validate_article_slug],
    )
    dek = models.TextField(
        "intro", blank=True, help_text=_("The standfirst shown under the headline.")
    )
    hero_image = ImageWithRenditionsField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        renditions_field="hero_renditions",
        rendition_widths=HERO_WIDTHS,
    )
    # Kept so pages can reserve the image's space without opening the file.
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The widths of the smaller copies stored beside it (newsroom.renditions),
    # so a page's srcset needs neither a query nor a look at the storage.
    hero_renditions = models.JSONField(default=list, blank=True, editable=False)
    hero_alt = models.CharField(
        "hero alt text",
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_credit = models.CharField(
        max_length=150,
        blank=True,
        help_text=_("Shown as written, e.g. “Photo: Ana Ruiz” or “Illustration: …”."),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
    )
    tags = TaggableManager(blank=True)
    authors = models.ManyToManyField(
        "authors.Author", through="Byline", related_name="articles"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it goes, or went, live.")
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    summary = models.TextField(blank=True)
    reading_time = models.PositiveSmallIntegerField(
        "reading time (minutes)", default=1, editable=False
    )
    is_featured = models.BooleanField("featured", default=False)
    # When the go-live side effects (notifications, cache purges) ran for the
    # current publication; empty until `publish_scheduled` claims the article.
    live_effects_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Counts the desk's saves (the admin and restoring a revision), so a form
    # loaded before someone else's save is refused instead of overwriting it.
    # Workflow steps leave it alone: they never touch what the form edits.
    version = models.PositiveIntegerField(default=0, editable=False)
    # The words search finds the article by, weighted (PostgreSQL only; NULL
    # elsewhere). Written by ``articles.search`` whenever the article, its
    # parts or its tags change; GIN-indexed by migration 0009.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        # Each public ordering and filter, and the desk's, is read from an
        # index: checked with EXPLAIN at 100,000 articles by
        # ``manage.py explain_queries``. The id closes each ordering, as every
        # listing does, so a page is read off the index in order.
        indexes = [
            # Live articles newest first (home, feeds, sitemaps, the headlines
            # strip, search's tie-break), and the next scheduled go-live
            # (status = published AND published_at > now, oldest first).
            models.Index(
                fields=["status", "published_at", "id"], name="article_live_idx"
            ),
            # A category's listing and feeds, Keep Reading, the home blocks.
            models.Index(
                fields=["category", "status", "published_at", "id"],
                name="article_category_live_idx",
            ),
            # The desk's article list: last edited first, on its own or
            # filtered by status or category.
            models.Index(fields=["updated_at", "id"], name="article_updated_idx"),
            models.Index(
                fields=["status", "updated_at", "id"],
                name="article_status_updated_idx",
            ),
            models.Index(
                fields=["category", "updated_at", "id"],
                name="article_category_updated_idx",
            ),
            # Go-live effects still to run (``publish_scheduled`` and the
            # desk's warning): a handful of rows, however big the archive.
            models.Index(
                fields=["status", "published_at"],
                condition=models.Q(status="published", live_effects_at__isnull=True),
                name="article_effects_due_idx",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.slug_for(self.headline, exclude_pk=self.pk)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "reading_time" in update_fields:
            self.reading_time = self.compute_reading_time()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.category_id is None:
            return ""  # a draft not yet filed under a category has no address
        # /<category>/<slug>/ (articles/urls.py; tests/test_routes.py checks
        # it against reverse()): built on the category's remembered address.
        # A slug in another script is percent-encoded, as reverse() does.
        slug = self.slug if self.slug.isascii() else iri_to_uri(self.slug)
        return f"{self.category.get_absolute_url()}{slug}/"

    @classmethod
    def slug_for(cls, headline, *, exclude_pk=None):
        """The slug an article gets when the desk leaves it empty: never empty,
        and not another article's (``exclude_pk``: the article's own, which it
        may keep). A taken one is numbered: ``live-updates-2``, and so is one
        that would look the same as another's (``newsroom.text``)."""
        base = headline_slug(headline) or FALLBACK_ARTICLE_SLUG
        if base in ARTICLE_RESERVED_SLUGS:
            base = f"{base}-story"
        # Every candidate begins with the base as cut for the longest suffix
        # tried: one query finds those taken.
        attempts = 10_000
        longest_suffix = f"-{attempts}"
        prefix = fit_slug(base, longest_suffix)[: -len(longest_suffix)]
        taken = set(
            cls.objects.filter(slug__startswith=prefix)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        )
        numbered = (fit_slug(base, f"-{n}") for n in range(2, attempts + 1))
        others = cls.objects.exclude(pk=exclude_pk)
        for candidate in itertools.chain([fit_slug(base)], numbered):
            if candidate not in taken and not look_alikes(candidate, others):
                return candidate
        raise ValueError(f"No free slug for {headline!r}.")  # 10,000 namesakes

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.category_id is None:
            # Its address is /<category>/<slug>/: a live article needs one.
            raise ValidationError(
                {"category": _("A published article must stay in a category.")}
            )
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError(
                {
                    "hero_alt": _(
                        "Describe the hero image for readers who cannot see it."
                    )
                }
            )

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def is_scheduled(self, now=None):
        """Approved to go live at a time still to come: the row-level twin
        of ``Article.objects.scheduled()``."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > (now or timezone.now())
        )

    def publication_problems(self, *, bylines=None, sections=None):
        """What stops this article from going live, as messages for its editor.

        ``bylines`` and ``sections`` are how many it has: by default those
        saved; a form about to save others gives its own counts.
        """
        if bylines is None:
            bylines = self.pk is not None and self.bylines.exists()
        if sections is None:
            sections = self.pk is not None and self.sections.exists()
        problems = []
        if not self.headline.strip():
            problems.append(_("a headline"))
        if not self.slug.strip():
            problems.append(_("an address (slug)"))
        if not self.dek.strip():
            problems.append(_("an intro"))
        if self.category_id is None:
            problems.append(_("a category"))
        if not bylines:
            problems.append(_("at least one byline"))
        if not sections:
            problems.append(_("at least one section"))
        if self.hero_image:
            if not self.hero_alt.strip():
                problems.append(_("alt text for the hero image"))
            if not self.hero_credit.strip():
                problems.append(_("a credit for the hero image"))
        return problems

    def compute_reading_time(self):
        """Minutes to read everything a reader sees, parts included."""
        texts = [self.headline, self.dek, self.summary]
        if self.pk:
            for section in self.sections.all():
                texts += [section.subheading, section.body]
            texts += [point.text for point in self.key_points.all()]
            for faq in self.faqs.all():
                texts += [faq.question, faq.answer]
        return minutes_to_read(count_words(*texts))

    def refresh_reading_time(self):
        """Recount after the parts changed (they are saved after the article)."""
        minutes = self.compute_reading_time()
        if minutes != self.reading_time:
            self.reading_time = minutes
            Article.objects.filter(pk=self.pk).update(reading_time=minutes)

    @property
    def byline_authors(self):
        """Authors in byline order; reads the prefetch when there is one."""
        return [byline.author for byline in self.bylines.all()]


class Byline(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        "authors.Author", on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="unique_byline_per_article"
            )
        ]
        # An author's page and feed: their articles, from the index alone.
        indexes = [
            models.Index(fields=["author", "article"], name="byline_author_article_idx")
        ]

    def __str__(self):
        return str(self.author)


class ArticlePart(models.Model):
    """An ordered piece of an article, edited inline with it."""

    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class Section(ArticlePart):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="sections"
    )
    subheading = models.CharField(max_length=200)
    body = RichTextField(blank=True)

    class Meta(ArticlePart.Meta):
        pass

    def __str__(self):
        return self.subheading

    def save(self, *args, **kwargs):
        # Sanitised here too, not only in forms: nothing reaches the database
        # unsanitised, whichever code path wrote it.
        self.body = sanitize_body(self.body or "")
        super().save(*args, **kwargs)


class KeyPoint(ArticlePart):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="key_points"
    )
    text = models.CharField(max_length=400)

    class Meta(ArticlePart.Meta):
        verbose_name = "key point"

    def __str__(self):
        return self.text


class FAQ(ArticlePart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = models.TextField()

    class Meta(ArticlePart.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    created_at = models.DateTimeField("date", default=timezone.now)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]
        # The newest correction of any live article: the articles sitemap's
        # last change.
        indexes = [models.Index(fields=["created_at"], name="correction_created_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.created_at:%Y-%m-%d}"


class ArticleEvent(models.Model):
    """One step of an article's way through the desk: the audit trail."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        WITHDRAW = "withdraw", _("Withdrawn from review")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        APPROVE = "approve", _("Approved")
        RESCHEDULE = "reschedule", _("Rescheduled")
        GO_LIVE = "go_live", _("Went live")
        UNPUBLISH = "unpublish", _("Unpublished")
        REOPEN = "reopen", _("Reopened")
        DELETE = "delete", _("Deleted")
        RECOVER = "recover", _("Recovered")

    # The trail outlives its article: deleting an article leaves its events
    # (and a "deleted" one) where they are, without a database constraint to
    # stop it, and recovering it (``articles.revisions.recover``, same id)
    # finds them again. Ids are never reused, so no other article inherits
    # them. ``article`` raises ``Article.DoesNotExist`` while it is deleted.
    article = models.ForeignKey(
        Article,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="events",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_events",
    )
    # Kept as text too, so the trail still names people whose login is gone.
    actor_name = models.CharField(max_length=150, blank=True)
    # Empty where there is no article: before a recovery, after a deletion.
    from_status = models.CharField(
        max_length=20, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField(
        max_length=20, choices=Article.Status.choices, blank=True
    )
    note = models.TextField(blank=True)
    publish_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    notified = models.JSONField(default=list, blank=True)
    notification_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        try:
            article = str(self.article)
        except Article.DoesNotExist:
            article = _("deleted article #%(pk)s") % {"pk": self.article_id}
        return f"{self.get_action_display()}: {article}"


def new_preview_key():
    return secrets.token_urlsafe(24)


def default_preview_expiry():
    return timezone.now() + timedelta(days=settings.NEWSROOM_PREVIEW_DAYS)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """The links that open their article now: ``PreviewLink.is_active``
        as a filter, for lists (no query per link). The join to the creator
        leaves out a link whose login was deleted."""
        return self.filter(
            created_by__is_active=True,
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )


class PreviewLink(models.Model):
    """A shareable, expiring, revocable link to an unpublished article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    key = models.CharField(max_length=64, unique=True, default=new_preview_key)
    # Every link is made by a login (the desk's "make a link"). Empty only
    # once that login is deleted: the link stays on the record, stopped.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_preview_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview of {self.article}"

    def is_active(self, now=None):
        """Whether the link opens its article: not revoked (by hand, or by
        unpublishing the article), not expired, and made by a login that
        still exists and is active; a link outlives neither the trust in
        whoever shared it nor the article's takedown. A link whose login was
        deleted (``created_by`` emptied) has no one vouching for it and stops,
        as a deactivated login's does. Read ``created_by`` with
        ``select_related`` (``PreviewLinkQuerySet.active`` is the same rule
        for lists)."""
        return (
            self.revoked_at is None
            and self.expires_at > (now or timezone.now())
            and self.created_by is not None
            and self.created_by.is_active
        )


class SchedulerHeartbeat(models.Model):
    """When ``manage.py publish_scheduled`` last finished a run: one row, so
    the desk can tell a scheduler that is not running from one that is."""

    SINGLETON_PK = 1

    last_run_at = models.DateTimeField()
    last_run_handled = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "scheduler heartbeat"

    def __str__(self):
        return f"publish_scheduled last ran at {self.last_run_at:%Y-%m-%d %H:%M %Z}"

    @classmethod
    def record(cls, *, at, handled):
        """Note a finished run. Safe when two runs finish at once: the row is
        updated in place, and a lost race to create it becomes an update."""
        values = {"last_run_at": at, "last_run_handled": handled}
        if cls.objects.filter(pk=cls.SINGLETON_PK).update(**values):
            return
        try:
            with transaction.atomic():
                cls.objects.create(pk=cls.SINGLETON_PK, **values)
        except IntegrityError:
            cls.objects.filter(pk=cls.SINGLETON_PK).update(**values)

    @classmethod
    def last_run_at_or_none(cls):
        return (
            cls.objects.filter(pk=cls.SINGLETON_PK)
            .values_list("last_run_at", flat=True)
            .first()
        )


class ArticleRevisionTags(models.Model):
    """An article's tag names as they were in one revision.

    django-reversion cannot follow taggit's generic tagged items in a way that
    restores cleanly (a tag deleted since would break the restore), so the
    names ride along as the revision's meta data and are set again by name.
    """

    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.CASCADE, related_name="article_tags"
    )
    # Not a foreign key: the revision outlives a deleted article.
    article_pk = models.BigIntegerField(db_index=True)
    names = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "article revision tags"
        verbose_name_plural = "article revision tags"

    def __str__(self):
        return ", ".join(self.names)


# The fields of a Redirect naming what an old address leads to.
REDIRECT_TARGETS = ("article", "category", "author", "tag")


def exactly_one_set(fields):
    """A condition: one of the nullable ``fields`` is set, the others null."""
    return functools.reduce(
        operator.or_,
        (
            models.Q(**{f"{field}__isnull": field != chosen for field in fields})
            for chosen in fields
        ),
    )


class Redirect(models.Model):
    """An address a live article, a category, an author or a tag had before
    its slug (or an article's category) changed, kept so old links and feed
    subscriptions still arrive.

    It names the article, category, author or tag, not a path: the target's
    *current* address is worked out when a reader asks, so a chain of renames
    is one hop and a move back simply deletes the row (``articles.redirects``).
    """

    old_path = models.CharField(max_length=500, unique=True)
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    tag = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_set(REDIRECT_TARGETS),
                name="redirect_has_one_target",
            )
        ]

    def __str__(self):
        return self.old_path

    @property
    def target(self):
        return self.article or self.category or self.author or self.tag


class FullTextMatch(models.Lookup):
    """``column MATCH query``: a full-text query on SQLite's FTS5."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextColumn(models.TextField):
    """FTS5's hidden column named after its table: what ``match`` searches."""


FullTextColumn.register_lookup(FullTextMatch)


class ArticleSearchEntry(models.Model):
    """A row of SQLite's full-text index of articles (an FTS5 virtual table,
    made by migration 0009 only on SQLite; ``articles.search`` writes it).

    Not managed by Django: the model is here only so a search can join the
    index to its articles. Its columns hold the headline, the dek, the
    "notes" (subheadings, key points, FAQ questions, tags) and the "body"
    (section bodies as text, FAQ answers, summary).
    """

    article = models.OneToOneField(
        Article,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
    )
    document = FullTextColumn(db_column="articles_article_fts")
    # bm25() with the column weights the migration configured.
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "articles_article_fts"
        # Nobody edits the index by hand: no admin permissions for it.
        default_permissions = ()

    def __str__(self):
        return f"Search entry of article {self.pk}"

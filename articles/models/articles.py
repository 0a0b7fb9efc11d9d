"""The article: its queryset (what the public may see, what each page
reads), its slug and reading time, and its bylines.

``Byline`` lives here rather than with the other parts: it is the article's
way to its authors (``Article.authors`` goes through it) and the queryset's
prefetches read it, so the two are defined together.
"""

import itertools
import math
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag

from articles.models.categories import Category
from articles.models.live_blogs import LiveCoverage
from articles.models.slugs import (
    ARTICLE_RESERVED_SLUGS,
    ARTICLE_SLUG_MAX_ADDRESS_LENGTH,
    FALLBACK_ARTICLE_SLUG,
    address_length,
    headline_slug,
    validate_article_slug,
)
from authors.models import Author
from newsroom.richtext import plain_text
from newsroom.text import look_alikes


def fit_slug(slug, suffix=""):
    """``slug`` cut to the field's length and the address's, ``suffix`` kept
    whole, never ending in a hyphen before it."""
    slug = slug[: Article._meta.get_field("slug").max_length - len(suffix)]
    room = ARTICLE_SLUG_MAX_ADDRESS_LENGTH - address_length(suffix)
    while address_length(slug) > room:
        slug = slug[:-1]
    return slug.rstrip("-") + suffix


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: the one definition, used by every surface
        (at ``now``, by default the present: a prepared query passes its own)."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def scheduled(self, now=None):
        """Approved to go live at a time still to come: the other side of
        ``published()``, and the query of ``Article.is_scheduled()``."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def next_go_live(self, now=None):
        """When the next scheduled article goes live (after ``now``), or None."""
        return (
            self.scheduled(now)
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

    def for_page(self):
        """The article page's row: the article with its category and picture.
        Its other parts are loaded after it (``articles.page_parts``)."""
        return self.for_reading().select_related("category", "hero_image")

    def for_reading(self):
        """Without the search vector: as long as the text, and no page shows it."""
        return self.defer("search_vector")

    def for_listing(self):
        """What a card in a list needs, in a constant number of queries."""
        return (
            self.for_reading()
            .select_related("category", "hero_image")
            .prefetch_related(bylines_with_authors())
            .order_by("-published_at", "-id")
        )


def bylines_with_authors():
    """A prefetch of articles' bylines in order, each with its author: one
    query for any number of articles (their portraits included)."""
    return models.Prefetch(
        "bylines", queryset=Byline.objects.select_related("author__avatar")
    )


def shown_authors():
    """Authors with a public page: active, with at least one live article.
    A profile made ahead of a first story, or taken off the site, is not
    revealed (as a tag seen only on unpublished work is not)."""
    live = Article.objects.published().filter(bylines__author=models.OuterRef("pk"))
    return Author.objects.active().filter(models.Exists(live))


def shown_tags():
    """Tags with a public page and feeds: carried by at least one live
    article. A tag seen only on unpublished work must not reveal that it
    exists. (``tagged`` compares inside a subquery of its own: the tag is
    two levels out.)"""
    carried = Article.objects.published().tagged(models.OuterRef(models.OuterRef("pk")))
    return Tag.objects.filter(models.Exists(carried))


WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


def count_words(*texts):
    return sum(len(WORD_RE.findall(plain_text(text or ""))) for text in texts)


def minutes_to_read(words):
    return max(1, math.ceil(words / settings.NEWSROOM_WORDS_PER_MINUTE))


class Article(LiveCoverage, models.Model):
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
    # Chosen from the image library (library.Image), which holds the file,
    # its renditions and what is known of it; the three fields below say it
    # another way for this article only, when filled in.
    hero_image = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hero_of",
        verbose_name=_("hero image"),
        help_text=_("Choose a picture from the library, or upload a new one to it."),
    )
    hero_alt = models.CharField(
        "hero alt text",
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. Leave empty "
            "to use the library's alt text."
        ),
    )
    hero_caption = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the library's caption."),
    )
    hero_credit = models.CharField(
        max_length=150,
        blank=True,
        help_text=_(
            "Shown as written, e.g. “Photo: Ana Ruiz”. Leave empty to use the "
            "library's credit."
        ),
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
    # What search engines and share cards show instead of the headline and
    # intro, when the desk wants them to differ (a shorter title that fits a
    # results page, a description that sells the story). Optional: empty,
    # the page falls back to the headline and intro (``search_title`` and
    # ``search_description``). The desk advises 60 and 160 characters
    # (articles/templatetags/desk_writing.py) and refuses past these caps:
    # 100 is about as much as any share card shows of a title (Facebook's
    # and LinkedIn's cut near 88 to 100), 200 is where the page's own share
    # card cuts a description (templates/includes/meta_share.html), so
    # nothing typed within them is cut by us.
    seo_title = models.CharField(
        "SEO title",
        max_length=100,
        blank=True,
        help_text=_(
            "The title search engines and shares show, if it should differ "
            "from the headline. About 60 characters show whole in search "
            "results. Empty: the headline."
        ),
    )
    seo_description = models.CharField(
        "SEO description",
        max_length=200,
        blank=True,
        help_text=_(
            "The sentence or two search engines and shares show under the "
            "title. About 160 characters show whole. Empty: the intro."
        ),
    )
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
        if self.hero_image_id and not self.hero_alt_text.strip():
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
        if not (sections or self.is_live_blog):  # a live blog's are entries
            problems.append(_("at least one section"))
        if self.hero_image_id:
            if not self.hero_alt_text.strip():
                problems.append(_("alt text for the hero image"))
            if not self.hero_credit_text.strip():
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
            texts += self.live_entries.shown().values_list("body", flat=True)
        return minutes_to_read(count_words(*texts))

    def refresh_reading_time(self):
        """Recount after the parts changed (they are saved after the article)."""
        minutes = self.compute_reading_time()
        if minutes != self.reading_time:
            self.reading_time = minutes
            Article.objects.filter(pk=self.pk).update(reading_time=minutes)

    # The hero's texts as readers see them: this article's own where it has
    # them, else the library's.
    @property
    def hero_alt_text(self):
        return self._hero_text("hero_alt", "alt")

    @property
    def hero_caption_text(self):
        return self._hero_text("hero_caption", "caption")

    @property
    def hero_credit_text(self):
        return self._hero_text("hero_credit", "credit")

    def _hero_text(self, own, library):
        if getattr(self, own).strip() or self.hero_image_id is None:
            return getattr(self, own)
        return getattr(self.hero_image, library)

    @property
    def search_title(self):
        """The title the page gives search engines and shares: the SEO title
        when the desk set one, else the headline."""
        return self.seo_title or self.headline

    @property
    def search_description(self):
        """The description the page gives search engines and shares: the SEO
        description when the desk set one, else the intro, else the summary."""
        return self.seo_description or self.dek or self.summary

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

"""Sitemaps for search engines and news aggregators.

``/sitemap.xml`` is an index of sections (articles, categories, authors, site
pages), each paginated by Django's sitemap framework as the archive grows.
``/news-sitemap.xml`` follows the Google News format: the live articles first
published in the last 48 hours. Everything starts from
``Article.objects.published()``.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category, Correction
from articles.update_times import article_modified_at, with_last_correction
from authors.models import Author
from newsroom.models import SitePage, SiteSettings

# Google News reads only what was published in the last two days, and at
# most a thousand addresses per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


def newest_live(**filters):
    """A subquery: when the newest live article matching ``filters`` went live."""
    return Subquery(
        Article.objects.published()
        .filter(**filters)
        .order_by("-published_at")
        .values("published_at")[:1]
    )


def newest_value(rows, field):
    """A subquery: the newest ``field`` among ``rows``."""
    return Subquery(rows.order_by(f"-{field}").values(field)[:1])


class ArticleSitemap(Sitemap):
    # Far smaller than the protocol's 50,000, so each page renders quickly
    # (measured at 100,000 articles: 5,000 a page took most of a second); the
    # index lists as many pages as the archive needs.
    limit = 1000

    def items(self):
        # Oldest first, so the pages of an old archive keep their content
        # (and their caches) as new articles arrive on the last page.
        return (
            with_last_correction(Article.objects.published())
            .select_related("category")
            .only("slug", "published_at", "updated_at", "category__slug")
            .order_by("published_at", "id")
        )

    def lastmod(self, article):
        return article_modified_at(article)

    def get_latest_lastmod(self):
        # One query, rather than Django's default of reading every item: the
        # newest live article, with the newest edit and correction of any
        # live article beside it. Each is the first row of an index walk
        # (an aggregate over a join with the corrections reads the archive).
        live = Article.objects.published()
        newest = (
            live.order_by("-published_at", "-id")
            .annotate(
                edited=newest_value(live, "updated_at"),
                corrected=newest_value(
                    Correction.objects.filter(
                        Exists(live.filter(pk=OuterRef("article_id")))
                    ),
                    "created_at",
                ),
            )
            .values_list("published_at", "edited", "corrected")
            .first()
        )
        times = [value for value in newest or () if value is not None]
        return min(max(times), timezone.now()) if times else None


class CategorySitemap(Sitemap):
    """Categories with something live in them: an empty section is a thin
    page search engines are better not sent to."""

    def items(self):
        return (
            Category.objects.annotate(latest=newest_live(category=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("menu_order", "name", "pk")
        )

    def lastmod(self, category):
        return category.latest


class AuthorSitemap(Sitemap):
    """Authors with live articles."""

    def items(self):
        return (
            Author.objects.active()
            .annotate(latest=newest_live(bylines__author=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("name", "pk")
        )

    def lastmod(self, author):
        return max(author.latest, author.updated_at)


class PageSitemap(Sitemap):
    """The home page and the site pages (About, Contact, …) that exist."""

    HOME = "home"

    def items(self):
        # Read once per request: the index asks for the items twice (for the
        # newest change and for the count of pages).
        if not hasattr(self, "_items_cache"):
            self._items_cache = [self.HOME, *SitePage.objects.order_by("slug")]
        return self._items_cache

    def location(self, item):
        if item == self.HOME:
            return reverse("articles:home")
        return item.get_absolute_url()

    def lastmod(self, item):
        if item == self.HOME:
            return Article.objects.published().aggregate(Max("published_at"))[
                "published_at__max"
            ]
        return item.updated_at


SECTIONS = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}


class NewsSitemap(Sitemap):
    limit = NEWS_LIMIT

    def items(self):
        # First publication, not the latest: an article republished after a
        # correction or an unpublish is not news again.
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .annotate(first_live=Coalesce("first_published_at", "published_at"))
            # A publication never starts before the first one, so this bound
            # on published_at changes nothing in the result; it lets the
            # database read the last two days off the index, not the archive.
            .filter(published_at__gte=since, first_live__gte=since)
            .select_related("category")
            .only(
                "headline",
                "slug",
                "first_published_at",
                "published_at",
                "category__slug",
            )
            .order_by("-first_live", "-id")
        )


def news_language(code=None):
    """The language as Google News wants it: ISO 639 (``en``), except the two
    Chinese scripts it names in full."""
    code = (code or settings.LANGUAGE_CODE).lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


def news_sitemap(request):
    response = sitemap_views.sitemap(
        request, {"news": NewsSitemap}, template_name="sitemaps/news.xml"
    )
    response.context_data["publication"] = {
        "name": SiteSettings.load().name,
        "language": news_language(),
    }
    return response

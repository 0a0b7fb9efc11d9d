"""The reader's pages: the home page, section, tag and author listings,
search and the article page.

A view that finds nothing to show raises ``Http404`` and is done: an address
something had before it moved is answered, with a 301 to where it is now, by
``articles.redirects.MovedAddressMiddleware``.
"""

import copy

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from articles import live_pages, search
from articles.card_rows import cards_with_bylines, menu_sections, without_bylines
from articles.cards import for_cards
from articles.headlines import HEADLINES_IN_STRIP
from articles.models import (
    Article,
    Category,
    shown_authors,
    shown_tags,
)
from articles.page_parts import attach_page_parts
from articles.pagination import NearestPageMixin
from newsroom import page_keys
from newsroom.prepared import PreparedQuery

LATEST_ON_HOME = 8
PER_CATEGORY_ON_HOME = 4
# The newest stories the home page shows: the strip's, the lead, the latest.
NEWEST_ON_HOME = max(HEADLINES_IN_STRIP, LATEST_ON_HOME + 1)
KEEP_READING = 4


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        # The menu's categories, read once for the header and the blocks.
        menu = menu_sections()
        # Every card in one query, newest first: the newest stories (the
        # headlines strip, the lead and the latest list) and the newest few
        # of each menu category. Of those, a category's first few are its
        # newest: the rows hold its newest and, above them, newer stories.
        rows = home_cards(menu)
        newest = rows[:NEWEST_ON_HOME]
        on_top = newest[: LATEST_ON_HOME + 1]
        lead = next((a for a in on_top if a.is_featured), on_top[0] if on_top else None)
        latest = [a for a in on_top if a is not lead][:LATEST_ON_HOME]

        by_category = {category.pk: [] for category in menu}
        for article in rows:
            block = by_category.get(article.category_id)
            if block is not None and len(block) < PER_CATEGORY_ON_HOME:
                # The lead's second card is an object of its own: only the
                # first may claim the picture's priority (first_picture).
                block.append(copy.copy(article) if article is lead else article)
        category_blocks = [
            (category, by_category[category.pk])
            for category in menu
            if by_category[category.pk]
        ]
        blocks = [a for _category, block in category_blocks for a in block]
        # The cards in the page's order (the latest list's show no picture).
        cards = [lead, *blocks]
        page_keys.record(page_keys.HOME)
        page_keys.record_articles([*on_top, *blocks])
        return super().get_context_data(
            lead=lead,
            latest=latest,
            category_blocks=category_blocks,
            first_picture=first_picture(cards) if lead else None,
            menu_categories=menu,
            latest_headlines=newest[:HEADLINES_IN_STRIP],
            **kwargs,
        )


def home_cards(menu):
    """The home page's cards, newest first: the newest ``NEWEST_ON_HOME``
    live stories and the newest ``PER_CATEGORY_ON_HOME`` of each category
    of ``menu``, with their bylines."""
    rows = HOME_CARDS.rows([category.pk for category in menu], timezone.now())
    return cards_with_bylines(rows)


def newest_cards(categories, now):
    live = Article.objects.published(now)
    newest = newest_in_each(live, categories, NEWEST_ON_HOME)
    return for_cards(Article.objects.filter(pk__in=newest))


# Built and compiled once for each number of menu sections: a UNION of a
# part per section took longer to make into SQL than all else on the page.
HOME_CARDS = PreparedQuery(Article, newest_cards, uses_moment=True)


def first_picture(articles):
    """The first of ``articles`` (the page's cards, in order) with a picture,
    or None. Its image is the first a reader sees and usually the largest
    paint: its card fetches it at once and before the others, which load
    lazily (templates/includes/article_card.html). Marking the first card
    instead would leave every picture lazy when the top story has none.

    The very object, not just the story: a story can have two cards on a
    page (the home page's lead is in its section's block too, as a copy of
    its own), and only the first may claim the priority."""
    return next((article for article in articles if article.hero_image), None)


def newest_in_each(live, categories, newest, count=PER_CATEGORY_ON_HOME):
    """The pks of the ``newest`` of ``live``, and of the newest ``count`` in
    each of ``categories``, as one subquery: a short index range each
    (``article_category_live_idx`` for a category's) under UNION ALL.
    Ranking every live article with a window function instead reads the
    whole archive on each uncached home page, and so does an OR of one IN
    per category."""
    # Each sliced part sits inside an IN of its own: SQLite refuses LIMIT on
    # the members of a compound query themselves.
    ordered = live.order_by("-published_at", "-id").values("pk")
    parts = [ordered[:newest]] + [
        ordered.filter(category=category)[:count] for category in categories
    ]
    parts = [
        Article.objects.filter(pk__in=part).order_by().values("pk") for part in parts
    ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


class ArticleListView(NearestPageMixin, ListView):
    """A paginated list of live articles, newest first."""

    context_object_name = "articles"

    def get_queryset(self):
        return for_cards(self.filter_articles(Article.objects.published()))

    def filter_articles(self, articles):
        return articles

    def list_key(self):
        """The page key of which articles this list holds (newsroom.page_keys)."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["first_picture"] = first_picture(context["articles"])
        page_keys.record(self.list_key())
        page_keys.record_articles(context["articles"])
        return context


class CategoryView(ArticleListView):
    template_name = "articles/category_detail.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(category=self.category)

    def list_key(self):
        return page_keys.category_list(self.category.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, current_category=self.category, **kwargs
        )


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(shown_tags(), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.tagged(self.tag)

    def list_key(self):
        return page_keys.tag_list(self.tag.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(ArticleListView):
    """Live articles matching ``?q=``, best first (``articles.search``)."""

    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.query = search.clean_query(request.GET.get("q", ""))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return search.search(self.query)

    def list_key(self):
        return page_keys.SEARCH

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return live_pages.keep_results_fresh(response, context["articles"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        context["articles"] = search.with_snippets(context["articles"], self.query)
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_page()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.category is None:
            # The address is built from the category: without one there is none.
            raise Http404("This article has no category.")
        if kwargs["category"] != self.object.category.slug:
            # An old or mistyped category in the path: send readers (and
            # search engines) to the one address of the article.
            return redirect(self.object, permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        return live_pages.keep_page_fresh(response, self.object)

    def get_context_data(self, **kwargs):
        # The cards' bylines come with the article's, by one query.
        more = without_bylines(keep_reading(self.object))
        attach_page_parts(self.object, cards=more)
        page_keys.record(page_keys.category_list(self.object.category_id))
        page_keys.record_articles([self.object, *more])
        if self.object.is_live_blog:
            # Older updates: ?updates=N, a plain link (the page's script
            # loads the next page in place).
            kwargs["live"] = live_pages.stream(
                self.object, self.request.GET.get("updates")
            )
        return super().get_context_data(
            keep_reading=more, current_category=self.object.category, **kwargs
        )


def keep_reading(article):
    """The Keep Reading list under an article (or its preview): the newest
    other live stories of its category."""
    return for_cards(
        Article.objects.published()
        .filter(category=article.category_id)
        .exclude(pk=article.pk)
    )[:KEEP_READING]


class AuthorDetailView(ArticleListView):
    """An author's page: their live articles, newest first."""

    template_name = "authors/author_detail.html"

    def get(self, request, *args, **kwargs):
        self.author = get_object_or_404(
            shown_authors().select_related("avatar"), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(bylines__author=self.author)

    def list_key(self):
        return page_keys.author_list(self.author.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

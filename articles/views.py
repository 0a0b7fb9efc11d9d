from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import redirects, search
from articles.models import Article, Category
from articles.pagination import NearestPageMixin

LATEST_ON_HOME = 8
PER_CATEGORY_ON_HOME = 4
KEEP_READING = 4


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        live = Article.objects.published()
        newest = list(live.for_listing()[: LATEST_ON_HOME + 1])
        lead = next((a for a in newest if a.is_featured), newest[0] if newest else None)
        latest = [a for a in newest if a != lead][:LATEST_ON_HOME]

        # The newest few of every menu category in one query, whatever the
        # number of categories: rank within each category, keep the top rows.
        ranked = (
            live.filter(category__is_in_menu=True)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("category_id"),
                    order_by=[F("published_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=PER_CATEGORY_ON_HOME)
            .for_listing()
        )
        by_category = {}
        for article in ranked:
            by_category.setdefault(article.category_id, []).append(article)
        category_blocks = [
            (category, by_category[category.pk])
            for category in Category.objects.in_menu()
            if category.pk in by_category
        ]
        return super().get_context_data(
            lead=lead, latest=latest, category_blocks=category_blocks, **kwargs
        )


class ArticleListView(NearestPageMixin, ListView):
    """A paginated list of live articles, newest first."""

    context_object_name = "articles"

    def get_queryset(self):
        return self.filter_articles(Article.objects.published()).for_listing()

    def filter_articles(self, articles):
        return articles


class CategoryView(ArticleListView):
    template_name = "articles/category_detail.html"

    def get(self, request, *args, **kwargs):
        self.category = Category.objects.filter(slug=kwargs["slug"]).first()
        if self.category is None:
            # A renamed category's old address still leads to it.
            target = redirects.find(redirects.category_path(kwargs["slug"]))
            return redirects.redirect_or_404(request, target)
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, current_category=self.category, **kwargs
        )


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        # A tag used only on unpublished work must not reveal that it exists.
        if not context["paginator"].count:
            raise Http404("No live articles carry this tag.")
        return context


class SearchView(ArticleListView):
    """Live articles matching ``?q=``, best first (``articles.search``)."""

    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.query = search.clean_query(request.GET.get("q", ""))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return search.search(Article.objects.published().for_listing(), self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        context["articles"] = search.with_snippets(context["articles"], self.query)
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().with_page_parts()

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # An address the article had before its slug changed.
            target = redirects.find_article(kwargs["category"], kwargs["slug"])
            return redirects.redirect_or_404(request, target)
        if self.object.category is None:
            # The address is built from the category: without one there is none.
            raise Http404("This article has no category.")
        if kwargs["category"] != self.object.category.slug:
            # An old or mistyped category in the path: send readers (and
            # search engines) to the one address of the article.
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        keep_reading = (
            Article.objects.published()
            .filter(category=self.object.category_id)
            .exclude(pk=self.object.pk)
            .for_listing()[:KEEP_READING]
        )
        return super().get_context_data(
            keep_reading=keep_reading,
            current_category=self.object.category,
            **kwargs,
        )

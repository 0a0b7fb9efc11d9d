from django.urls import path, register_converter

from articles import feeds, live_pages, views


class WordSlugConverter:
    """A slug in any script, not ASCII alone as <slug:> takes: taggit keeps a
    tag's letters ("Türkiye" is "türkiye"), and an article's slug may be its
    headline's own words ("київ-відкриває-міст", "東京の新しい橋")."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(WordSlugConverter, "word")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.SiteFeed(), name="feed"),
    path("feed/atom/", feeds.SiteFeed(atom=True), name="feed-atom"),
    path("tag/<word:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<word:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<word:slug>/feed/atom/", feeds.TagFeed(atom=True), name="tag-feed-atom"),
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
    # Before the article pattern, which would otherwise take "feed" as a slug.
    path("<slug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path(
        "<slug:slug>/feed/atom/",
        feeds.CategoryFeed(atom=True),
        name="category-feed-atom",
    ),
    path(
        "<slug:category>/<word:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    # A live blog's updates and its entries' feed (articles.live_pages).
    path(
        "<slug:category>/<word:slug>/updates/",
        live_pages.updates,
        name="live-updates",
    ),
    path(
        "<slug:category>/<word:slug>/feed/",
        live_pages.LiveBlogFeed(),
        name="live-feed",
    ),
]

# Under author/ with the "authors" namespace (newsroom.urls): an author's
# page is a listing of their articles.
author_patterns = [
    path("<slug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", feeds.AuthorFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", feeds.AuthorFeed(atom=True), name="feed-atom"),
]

from django.urls import path

from articles import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.SiteFeed(), name="feed"),
    path("feed/atom/", feeds.SiteFeed(atom=True), name="feed-atom"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<slug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<slug:slug>/feed/atom/", feeds.TagFeed(atom=True), name="tag-feed-atom"),
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
    # Before the article pattern, which would otherwise take "feed" as a slug.
    path("<slug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path(
        "<slug:slug>/feed/atom/",
        feeds.CategoryFeed(atom=True),
        name="category-feed-atom",
    ),
    path(
        "<slug:category>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
]

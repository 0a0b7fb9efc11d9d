from django.urls import path

from articles import feeds
from authors import views

app_name = "authors"

urlpatterns = [
    path("<slug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", feeds.AuthorFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", feeds.AuthorFeed(atom=True), name="feed-atom"),
]

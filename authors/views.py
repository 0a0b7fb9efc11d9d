from django.shortcuts import get_object_or_404

from articles.views import ArticleListView
from authors.models import Author


class AuthorDetailView(ArticleListView):
    template_name = "authors/author_detail.html"

    def get(self, request, *args, **kwargs):
        self.author = get_object_or_404(Author, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

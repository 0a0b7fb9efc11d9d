from articles import redirects
from articles.views import ArticleListView
from authors.models import Author


class AuthorDetailView(ArticleListView):
    template_name = "authors/author_detail.html"

    def get(self, request, *args, **kwargs):
        self.author = Author.objects.shown().filter(slug=kwargs["slug"]).first()
        if self.author is None:
            # A renamed author's old address still leads to them.
            return redirects.moved_or_404(
                request, redirects.author_path(kwargs["slug"])
            )
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Both keep derived data in step with every save, whichever code
        # path made it (see each module's docstring).
        from articles import redirects, search

        search.connect_signals()
        redirects.connect_signals()

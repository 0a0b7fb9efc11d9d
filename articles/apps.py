from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Saves made outside a service still report what they changed, so
        # the search index, redirects and the page cache's edition follow
        # (see articles.services).
        from articles import services

        services.connect()

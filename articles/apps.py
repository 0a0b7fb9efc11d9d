from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Saves made outside a service still report what they changed, so
        # the search index, redirects and the page cache's generation follow
        # (see articles.services).
        from articles import headlines, services, stale_pages
        from articles.models import Article
        from newsroom import generations

        services.connect()
        # A scheduled article goes live with nobody saving: the page cache's
        # generation must know when, and which pages that makes stale.
        generations.scheduled_changes_from(
            next_at=Article.objects.next_go_live,
            keys_going_live=stale_pages.keys_going_live,
        )
        headlines.register()

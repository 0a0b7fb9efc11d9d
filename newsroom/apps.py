from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        # The page cache's edition moves on with every change a reader sees.
        from newsroom import checks, editions  # noqa: F401 (checks registers)

        editions.connect()

from django.core.management.base import BaseCommand

from articles.workflow import run_go_live_effects


class Command(BaseCommand):
    help = (
        "Run go-live side effects (notifications, cache purges) for articles whose "
        "time has come. Idempotent and safe to run concurrently: cron it every minute."
    )

    def handle(self, *args, **options):
        handled = run_go_live_effects()
        for article in handled:
            self.stdout.write(f"live: {article.headline}")
        self.stdout.write(f"{len(handled)} article(s) went live.")

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.go_live import run_go_live_effects
from articles.models import SchedulerHeartbeat


class Command(BaseCommand):
    help = (
        "Queue the go-live side effects (notifications, hooks) of articles whose "
        "time has come, one task each. Idempotent and safe to run concurrently: "
        "cron it every minute."
    )

    def handle(self, *args, **options):
        handled = run_go_live_effects()
        # Recorded after the run, so the desk's "last ran" means a run that
        # finished: one that fails every minute still shows as not running.
        SchedulerHeartbeat.record(at=timezone.now(), handled=len(handled))
        for article in handled:
            self.stdout.write(f"live: {article.headline}")
        self.stdout.write(f"{len(handled)} article(s) went live.")

from django.core.management.base import BaseCommand

from newsletter.digests import send_digest


class Command(BaseCommand):
    help = (
        "Queue this week's digest of live articles for each confirmed subscriber; "
        "the task worker sends the copies. Safe to rerun: copies already sent are "
        "never sent again, failed ones are retried."
    )

    def handle(self, *args, **options):
        outcome = send_digest()
        if outcome.digest is None:
            self.stdout.write("No live articles in the last 7 days: nothing to send.")
            return
        report = (
            f"Digest {outcome.digest.period} "
            f"({len(outcome.digest.article_ids)} articles): "
            f"sent {outcome.sent}, failed {outcome.failed}, "
            f"already sent before {outcome.already_sent}."
        )
        if outcome.queued:
            report += f" {outcome.queued} copies queued for the task worker."
        self.stdout.write(report)
        if outcome.failed:
            # On stderr too, where cron's mail and log monitors look.
            self.stderr.write(
                self.style.WARNING(
                    f"{outcome.failed} copies failed; the errors are on the desk "
                    "(Newsletter > Deliveries). The next run retries them."
                )
            )

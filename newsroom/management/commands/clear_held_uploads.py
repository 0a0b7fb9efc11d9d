from django.core.management.base import BaseCommand

from newsroom.held_uploads import clear_expired


class Command(BaseCommand):
    help = (
        "Delete uploads held for a form that came back with an error once they "
        "are a day old (newsroom/held_uploads.py). Each new hold also clears "
        "them; cron this daily so a quiet desk leaves none behind."
    )

    def handle(self, *args, verbosity=1, **options):
        cleared = clear_expired()
        if verbosity:
            self.stdout.write(f"{cleared} held upload(s) older than a day deleted.")

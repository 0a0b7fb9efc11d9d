from django.core.management.base import BaseCommand

from newsroom.renditions import backfill


class Command(BaseCommand):
    help = (
        "Make the smaller copies (renditions) of every image in the library "
        "that lacks them, and record them so pages offer them in srcset. "
        "Run once after upgrading; safe to run again: an image whose renditions "
        "are recorded is not opened."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Make every image's renditions afresh, even those already stored.",
        )

    def handle(self, *args, replace=False, verbosity=1, **options):
        report = backfill(replace=replace)
        if verbosity == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Renditions: {report.checked:,} images checked, "
                f"{report.updated:,} given renditions."
            )
        )
        for name in report.missing:
            self.stdout.write(self.style.WARNING(f"  Missing from storage: {name}"))
        for name in report.unreadable:
            self.stdout.write(self.style.WARNING(f"  Cannot be read: {name}"))

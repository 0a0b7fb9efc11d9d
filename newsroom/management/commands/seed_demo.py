import time

from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.build import seed_demo
from newsroom.demo.bulk import seed_archive
from newsroom.demo.publication import AUTHORS
from newsroom.renditions import backfill


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: a fictional publication with categories, authors, "
        "demo logins, site pages and articles in every state. Safe to run again: it "
        "only adds what is missing and never changes what is there. With "
        "--articles N it then adds N more published articles, an archive spread "
        "over the last ten years; that part is not idempotent: every run with "
        "--articles adds another N."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Print nothing unless it fails."
        )
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Also add N published articles dated over the last ten years, to "
                "try the site at the size of a long-running newsroom (100,000 "
                "take a few minutes). Each run adds N more, with new slugs."
            ),
        )

    def handle(self, *args, quiet=False, verbosity=1, articles=0, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        quiet = quiet or verbosity == 0
        started = time.monotonic()
        report = seed_demo()
        if not quiet:
            self._report(report, seconds=time.monotonic() - started)
        # A demo loaded before renditions existed gets them now, before the
        # archive shares its hero images (renditions included).
        renditions = backfill()
        if not quiet and renditions.updated:
            self.stdout.write(
                f"  Renditions made for {renditions.updated} stored images."
            )
        if articles:
            self._seed_archive(articles, quiet=quiet)

    def _seed_archive(self, count, *, quiet):
        bar = None if quiet else ProgressBar(self.stdout, noun="articles")
        started = time.monotonic()
        added = seed_archive(count, progress=bar)
        if bar:
            bar.finish()
            seconds = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {added:,} archive articles in {seconds:.0f} s."
                )
            )

    def _report(self, report, *, seconds):
        created = ", ".join(f"{n} {what}" for what, n in report.created.items())
        states = ", ".join(
            f"{n} {state}" for state, n in report.articles_by_state.items()
        )
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Demo newsroom “{report.site_name}” ready ({seconds:.1f} s)."
            )
        )
        write(f"  Added this run: {created or 'nothing, it was all there'}.")
        write(f"  Articles now: {states}; {report.tags} tags.")
        write("")
        write(
            self.style.WARNING(
                "Demo logins, for DEVELOPMENT ONLY: never load the demo on a server "
                "that faces the internet."
            )
        )
        bylines = {staffer.slug: staffer.name for staffer in AUTHORS}
        for login, was_created in report.logins:
            role = "superuser" if login.is_superuser else login.group
            if login.author_slug:
                role += f", byline {bylines[login.author_slug]}"
            password = login.password if was_created else "(existing user, unchanged)"
            write(f"  {login.username:<11} {password:<27} {role}")


class ProgressBar:
    """``[#####.....] 40,000/100,000 articles  12 s``, redrawn in place."""

    width = 30

    def __init__(self, stdout, *, noun):
        self.stdout = stdout
        self.noun = noun
        self.started = time.monotonic()

    def __call__(self, done, total):
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        seconds = time.monotonic() - self.started
        self.stdout.write(
            f"\r[{bar}] {done:,}/{total:,} {self.noun}  {seconds:.0f} s", ending=""
        )
        self.stdout.flush()

    def finish(self):
        self.stdout.write("")

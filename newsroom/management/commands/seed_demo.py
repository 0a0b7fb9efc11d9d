import time

from django.core.management.base import BaseCommand

from newsroom.demo.build import seed_demo
from newsroom.demo.publication import AUTHORS


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: a fictional publication with categories, authors, "
        "demo logins, site pages and articles in every state. Safe to run again: it "
        "only adds what is missing and never changes what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Print nothing unless it fails."
        )

    def handle(self, *args, quiet=False, verbosity=1, **options):
        started = time.monotonic()
        report = seed_demo()
        if quiet or verbosity == 0:
            return
        seconds = time.monotonic() - started
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

"""What ``import_wordpress`` and ``import_ghost`` share: their options, the
progress bar, the report on the terminal and in a file.

A file that cannot be read stops the command at once with one line
(``CommandError``, exit status 1); anything wrong with single items is in
the report, and the run goes on.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Category
from imports.importer import Importer
from imports.records import ExportError

BAR_WIDTH = 30


class ImportCommand(BaseCommand):
    system = ""  # "wordpress" or "ghost"
    parse = None  # the parser: a path -> records.Export

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export file.")
        parser.add_argument(
            "--media-dir",
            help="The copied uploads folder (wp-content/uploads, or Ghost's "
            "content/images): images are taken from it by their path, never "
            "from the network.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, then roll it back: the report of a real run, "
            "nothing saved.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace articles edited at the desk since they were imported.",
        )
        parser.add_argument(
            "--default-category",
            metavar="SLUG",
            help="The category of posts filed under none (or only under "
            "WordPress's Uncategorized).",
        )
        parser.add_argument(
            "--report",
            metavar="FILE",
            help="Where to write the report (default: "
            "import-report-<system>-<time>.txt in the current folder).",
        )

    def handle(self, *args, export, media_dir=None, dry_run=False, overwrite=False,
               default_category=None, report=None, verbosity=1, **options):  # fmt: skip
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        category = None
        if default_category:
            category = Category.objects.filter(slug=default_category).first()
            if category is None:
                known = (
                    ", ".join(Category.objects.values_list("slug", flat=True))
                    or "none yet"
                )
                raise CommandError(
                    f"No category “{default_category}” (the site's: {known})."
                )
        try:
            parsed = type(self).parse(export)
        except ExportError as error:
            raise CommandError(str(error)) from error
        importer = Importer(
            parsed,
            media_dir=media_dir,
            dry_run=dry_run,
            overwrite=overwrite,
            default_category=category,
            progress=self.draw_progress if verbosity else None,
        )
        result = importer.run()
        text = result.text()
        if verbosity:
            self.stdout.write(text)
        path = Path(
            report or f"import-report-{self.system}-{timezone.now():%Y%m%d-%H%M%S}.txt"
        )
        path.write_text(text + "\n", encoding="utf-8")
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Report written to {path}"))

    def draw_progress(self, done, total, report):
        """A bar redrawn in place on a terminal; elsewhere (a log, CI) a
        line at each tenth."""
        stream = self.stderr
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"[{bar}] {done}/{total}  {report.summary()}"
        if getattr(sys.stderr, "isatty", lambda: False)():
            stream.write("\r" + line, ending="\n" if done == total else "")
            stream.flush()
        elif done == total or done % max(total // 10, 1) == 0:
            stream.write(line)

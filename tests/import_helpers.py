"""What the import tests share: where the exports are, running a command and
reading its report, and removing what a module-wide import made."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from taggit.models import Tag

from articles.models import Article, Category, Redirect
from authors.models import Author
from imports.models import ImportedItem
from newsletter.models import Subscriber
from newsroom.models import CacheGeneration, SitePage

OWN_EXPORTS = Path(__file__).resolve().parent / "import_exports"
# The shared test data beside the clone (CI lays ../shared beside it).
SHARED_EXPORTS = Path(settings.BASE_DIR).parent / "shared" / "data" / "imports"
BLOCK_TEST_DATA = SHARED_EXPORTS / "wordpress-block-test-data.xml"


def shared_export(path):
    """``path``, which CI must have: missing there fails, elsewhere skips."""
    if not path.is_file():
        message = f"Missing shared test data: {path}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def run_import(command, export, tmp_path, *args):
    """Runs ``manage.py <command> export *args``; returns its report's text,
    as written to the report file."""
    report = Path(tmp_path) / f"report-{len(list(Path(tmp_path).iterdir()))}.txt"
    call_command(command, str(export), *args, "--report", str(report), verbosity=0)
    return report.read_text()


def imported_article(source_id):
    """The article a post of the export (by its id there) became."""
    return ImportedItem.objects.get(kind="post", source_id=source_id).article


def count(report, what):
    """The number the report gives for ``what`` (a counts line or the summary)."""
    found = re.search(rf"^\s*{re.escape(what)}: (\d+)$", report, re.M)
    if found:
        return int(found.group(1))
    found = re.search(rf"(\d+) {re.escape(what)}\b", report)
    return int(found.group(1)) if found else 0


def remove_everything_imported():
    """What a module-wide import committed, removed (articles first: their
    bylines and categories protect the rest)."""
    items = ImportedItem.objects.all()
    Article.objects.filter(pk__in=items.values("article")).delete()
    Author.objects.filter(pk__in=items.values("author")).delete()
    Tag.objects.filter(pk__in=items.values("tag")).delete()
    Category.objects.filter(pk__in=items.values("category")).delete()
    Category.objects.filter(slug="archive").delete()
    Subscriber.objects.filter(pk__in=items.values("subscriber")).delete()
    SitePage.objects.filter(pk__in=items.values("site_page")).delete()
    Redirect.objects.all().delete()
    items.delete()
    CacheGeneration.objects.all().delete()

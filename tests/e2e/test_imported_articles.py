"""Imported articles in a real browser: a story brought in from WordPress
(classic HTML with shortcodes, captions, an embed) and one from Ghost read
as well as any story written at the desk: axe finds nothing, a phone never
scrolls sideways, and the reader's old link still arrives."""

from urllib.parse import quote

import pytest
from django.core.management import call_command

from imports.models import ImportedItem
from tests.e2e import audit
from tests.import_helpers import OWN_EXPORTS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def imported(tmp_path):
    for command, export in (
        ("import_wordpress", "harbour-gazette.xml"),
        ("import_ghost", "the-tide-ghost.json"),
    ):
        report = tmp_path / f"{command}.txt"
        call_command(
            command, str(OWN_EXPORTS / export), "--report", str(report), verbosity=0
        )
    return {
        item.source_id: item.article
        for item in ImportedItem.objects.filter(kind="post").select_related(
            "article__category"
        )
    }


@pytest.mark.parametrize("source_id", ["101", "107", "p1"])
def test_an_imported_article_passes_axe(imported, axe_violations, source_id):
    violations = axe_violations(imported[source_id].get_absolute_url())
    assert violations == [], audit.describe_violations(violations)


def test_an_imported_article_fits_a_phone(imported, new_page):
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(imported["101"].get_absolute_url())
    assert page.get_by_role("heading", name="What happens next").is_visible()
    sideways = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert sideways[0] <= sideways[1], f"the article scrolls sideways: {sideways}"


def test_a_readers_old_link_lands_on_the_imported_article(imported, page):
    kyiv = imported["107"]
    page.goto(f"/2023/05/01/{quote(kyiv.slug)}/")
    assert page.get_by_role("heading", level=1).inner_text() == kyiv.headline
    page.goto("/lighthouse-keeper-retires/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Lighthouse keeper retires"
    )

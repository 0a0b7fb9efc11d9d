"""Imported articles are valid HTML as readers get them: every live story
of WordPress's block test export, and of our own WordPress and Ghost
exports, passes the Nu HTML Checker (tests/test_html_validity.py's)."""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.import_helpers import BLOCK_TEST_DATA, OWN_EXPORTS, shared_export
from tests.test_html_validity import validate, vnu  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_every_imported_live_article_is_valid_html(vnu, client, tmp_path):  # noqa: F811
    exports = [
        ("import_wordpress", shared_export(BLOCK_TEST_DATA)),
        ("import_wordpress", OWN_EXPORTS / "harbour-gazette.xml"),
        ("import_ghost", OWN_EXPORTS / "the-tide-ghost.json"),
    ]
    for number, (command, export) in enumerate(exports):
        report = tmp_path / f"report-{number}.txt"
        call_command(command, str(export), "--report", str(report), verbosity=0)
    documents = {}
    for article in Article.objects.published().select_related("category"):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.headline
        documents[article.headline] = response.content.decode()
    assert len(documents) > 61
    pages = tmp_path / "pages"
    pages.mkdir()
    errors = {
        name: found for name, found in validate(vnu, documents, pages).items() if found
    }
    assert errors == {}

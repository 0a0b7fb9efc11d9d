"""The desk's article search: the list's search box finds a story by a word of
its headline, intro or slug, whatever the case typed, and on PostgreSQL the
trigram indexes (migration 0027) serve it rather than a read of the whole
archive.
"""

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:articles_article_changelist")
ON_POSTGRESQL = connection.vendor == "postgresql"
TRIGRAM_INDEXES = {
    "article_headline_trgm_idx",
    "article_dek_trgm_idx",
    "article_slug_trgm_idx",
}


def listed(client, query):
    response = client.get(CHANGELIST_URL, {"q": query})
    assert response.status_code == 200
    return {article.headline for article in response.context["cl"].result_list}


@pytest.mark.parametrize("typed", ["harbour", "HARBOUR", "hArBoUr", "arbou"])
def test_desk_search_finds_a_headline_word_whatever_its_case(editor_client, typed):
    ArticleFactory(headline="Harbour wall repaired")
    ArticleFactory(headline="Council sets budget")

    assert listed(editor_client, typed) == {"Harbour wall repaired"}


def test_desk_search_finds_a_story_by_its_intro_or_its_slug(editor_client):
    ArticleFactory(headline="Wall repaired", dek="Crews worked on the Lighthouse.")
    ArticleFactory(headline="Storm damage", slug="quayside-storm-damage")
    ArticleFactory(headline="Council sets budget")

    assert listed(editor_client, "LIGHTHOUSE") == {"Wall repaired"}
    assert listed(editor_client, "Quayside") == {"Storm damage"}


def test_desk_search_finds_accented_headlines_whatever_the_case(editor_client):
    ArticleFactory(headline="Élan returns to the Café")

    assert listed(editor_client, "café") == {"Élan returns to the Café"}
    assert listed(editor_client, "ÉLAN") == {"Élan returns to the Café"}


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's trigram indexes")
def test_desk_search_is_served_by_the_trigram_indexes():
    # The plan the desk's own search gets, with a read of the whole table
    # made as costly as the planner allows: an index that does not match the
    # expression Django writes (UPPER(column::text) LIKE ...) leaves the plan
    # a sequential scan, however small the table.
    ArticleFactory(headline="Harbour wall repaired")
    request = RequestFactory().get(CHANGELIST_URL, {"q": "harbour"})
    request.user = EditorFactory()
    model_admin = admin.site._registry[Article]
    found, _ = model_admin.get_search_results(request, Article.objects.all(), "harbour")
    sql, params = found.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Seq Scan on articles_article" not in plan
    assert {name for name in TRIGRAM_INDEXES if name in plan} == TRIGRAM_INDEXES

"""Search: what it finds an article by, in what order, what it shows of the
match, and what it never shows.

Every test runs on the database's own full-text search: PostgreSQL's, or
SQLite's FTS5 index.
"""

import html
import io
import re
from datetime import timedelta

import pytest
from django.core import checks
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import revisions, search, workflow
from articles.models import FAQ, Article, KeyPoint, Section
from articles.search import sqlite as search_on_sqlite
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    add_parts,
    admin_article_data,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
ON_POSTGRESQL = connection.vendor == "postgresql"


def results_page(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200, query
    page = response.content.decode()
    start = page.index('class="listing__main"')
    # Up to the latest-news column beside the results, when there is one.
    end = page.find("<aside", start)
    return page[start : end if end != -1 else page.index("</main>", start)]


def found(client, query, **params):
    """The headlines listed for ``query``, in the page's order."""
    listing = results_page(client, query, **params)
    return [
        html.unescape(headline)
        for headline in re.findall(
            r'class="card__link" href="[^"]*">([^<]*)</a>', listing
        )
    ]


def snippets(client, query):
    listing = results_page(client, query)
    return re.findall(r'<p class="card__dek card__snippet">(.*?)</p>', listing, re.S)


# --- What an article is found by --------------------------------------------------


def with_part(part, word):
    """A live article whose only mention of ``word`` is in ``part``."""
    headline = f"The {word} story" if part == "headline" else "Council meets"
    article = ArticleFactory(headline=headline)
    if part == "dek":
        article.dek = f"An intro about the {word}."
        article.save()
    elif part == "section subheading":
        Section.objects.create(article=article, subheading=f"The {word}", body="")
    elif part == "section body":
        Section.objects.create(
            article=article,
            subheading="Background",
            body=f"<p>Crews worked on the <strong>{word}</strong> all night.</p>",
        )
    elif part == "key point":
        KeyPoint.objects.create(article=article, text=f"The {word} is closed")
    elif part == "FAQ question":
        FAQ.objects.create(article=article, question=f"Why the {word}?", answer="No.")
    elif part == "FAQ answer":
        FAQ.objects.create(article=article, question="Why?", answer=f"The {word}.")
    elif part == "tag":
        article.tags.add(word.capitalize())
    return article


PARTS = [
    "headline",
    "dek",
    "section subheading",
    "section body",
    "key point",
    "FAQ question",
    "FAQ answer",
    "tag",
]


@pytest.mark.parametrize("part", PARTS)
def test_search_finds_an_article_by_a_word_in_any_part(client, part):
    article = with_part(part, "lighthouse")
    ArticleFactory(headline="Unrelated sports story")

    assert found(client, "lighthouse") == [Article.objects.get(pk=article.pk).headline]


def test_search_finds_body_text_but_not_the_markup_around_it(client):
    ArticleFactory(headline="Council meets", with_parts=True)  # bodies hold <strong>

    assert found(client, "strong") == []
    assert found(client, "detail") == ["Council meets"]


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's own index")
def test_sqlite_index_holds_sections_as_text(client):
    article = with_part("section body", "lighthouse")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body FROM articles_article_fts WHERE rowid = %s", [article.pk]
        )
        (body,) = cursor.fetchone()
    assert "lighthouse" in body
    assert "<strong>" not in body


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's own index")
def test_an_sqlite_without_fts5_is_refused_before_anything_runs(monkeypatch):
    def errors():
        return [error.id for error in checks.run_checks() if error.is_serious()]

    assert "articles.E001" not in errors()

    monkeypatch.setattr(search_on_sqlite, "fts5_available", lambda: False)

    assert "articles.E001" in errors()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's own index")
def test_postgresql_keeps_a_gin_indexed_weighted_vector():
    article = ArticleFactory(headline="Lighthouse keeper retires", dek="Harbour news.")
    Section.objects.create(article=article, subheading="Sea", body="<p>Storm.</p>")

    vector = Article.objects.values_list("search_vector", flat=True).get(pk=article.pk)
    weights = dict(re.findall(r"'(\w+)':\d+([A-C]?)", vector))
    # Headline A, dek B, subheadings C, bodies D (which PostgreSQL leaves
    # unlabelled).
    assert weights["lighthous"] == "A"
    assert weights["harbour"] == "B"
    assert weights["sea"] == "C"
    assert weights["storm"] == ""
    indexes = connection.introspection.get_constraints(
        connection.cursor(), "articles_article"
    )
    assert any(
        index.get("type") == "gin" and index["columns"] == ["search_vector"]
        for index in indexes.values()
    )


# --- Only live articles --------------------------------------------------------


STATES = {
    "draft": (Status.DRAFT, -2),
    "in review": (Status.IN_REVIEW, -2),
    "changes requested": (Status.CHANGES_REQUESTED, -2),
    "scheduled": (Status.PUBLISHED, +2),
    "unpublished": (Status.UNPUBLISHED, -2),
    "live": (Status.PUBLISHED, -2),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("part", ["headline", "section body", "tag"])
def test_only_a_live_article_ever_matches(client, state, part):
    status, hours = STATES[state]
    article = with_part(part, "lighthouse")
    Article.objects.filter(pk=article.pk).update(
        status=status, published_at=timezone.now() + timedelta(hours=hours)
    )

    shown = found(client, "lighthouse")

    assert shown == (
        [Article.objects.get(pk=article.pk).headline] if state == "live" else []
    )


def test_a_scheduled_article_is_found_once_its_time_comes(client):
    article = with_part("section body", "lighthouse")
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() + timedelta(hours=1)
    )
    assert found(client, "lighthouse") == []

    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )

    assert found(client, "lighthouse") == [article.headline]


# --- Order -----------------------------------------------------------------------


def test_a_headline_match_outranks_a_body_only_match(client):
    # The body-only match is newer: date order alone would put it first.
    in_headline = ArticleFactory(
        headline="Lighthouse keeper retires",
        published_at=timezone.now() - timedelta(days=3),
    )
    in_body = ArticleFactory(headline="Coastal towns count the cost")
    Section.objects.create(
        article=in_body, subheading="Damage", body="<p>The lighthouse lost power.</p>"
    )

    assert found(client, "lighthouse") == [in_headline.headline, in_body.headline]


def test_a_dek_match_outranks_a_body_only_match(client):
    in_dek = ArticleFactory(
        headline="Keeper retires",
        dek="The lighthouse keeper steps down.",
        published_at=timezone.now() - timedelta(days=3),
    )
    in_body = ArticleFactory(headline="Coastal towns count the cost")
    Section.objects.create(
        article=in_body, subheading="Damage", body="<p>The lighthouse lost power.</p>"
    )

    assert found(client, "lighthouse") == [in_dek.headline, in_body.headline]


def test_words_are_matched_by_their_stem(client):
    ArticleFactory(headline="Council approves budgets")

    assert found(client, "budget") == ["Council approves budgets"]
    assert found(client, "approving") == ["Council approves budgets"]


def test_quotes_or_and_minus_work_as_on_a_web_search_engine(client):
    ArticleFactory(headline="Harbour wall repaired")
    ArticleFactory(headline="Wall of the harbour museum")
    ArticleFactory(headline="Ferry timetable changes")

    assert found(client, '"harbour wall"') == ["Harbour wall repaired"]
    assert sorted(found(client, "ferry or museum")) == [
        "Ferry timetable changes",
        "Wall of the harbour museum",
    ]
    assert found(client, "harbour -museum") == ["Harbour wall repaired"]


def test_a_query_means_on_sqlite_what_it_means_on_postgresql(client):
    # AND binds before OR, as in websearch_to_tsquery; a minus excludes
    # wherever it is typed.
    ArticleFactory(headline="Harbour wall repaired")
    ArticleFactory(headline="Harbour museum opens")
    ArticleFactory(headline="Ferry timetable changes")

    assert sorted(found(client, "harbour wall or ferry")) == [
        "Ferry timetable changes",
        "Harbour wall repaired",
    ]
    assert found(client, "-museum harbour") == ["Harbour wall repaired"]
    assert found(client, 'harbour "wall') == ["Harbour wall repaired"]


def test_every_word_must_match(client):
    ArticleFactory(headline="Harbour wall repaired")
    ArticleFactory(headline="Harbour museum opens")

    assert found(client, "harbour wall") == ["Harbour wall repaired"]


# --- Snippets ------------------------------------------------------------------


def test_snippet_shows_the_passage_around_the_match_highlighted(client):
    article = ArticleFactory(
        headline="Coastal towns count the cost",
        dek="Lighthouse crews worked through the night.",
    )
    Section.objects.create(
        article=article,
        subheading="Damage",
        body="<p>Roofs were torn off and the lighthouse lost power.</p>",
    )

    (snippet,) = snippets(client, "lighthouse")

    assert re.search(r"<mark>lighthouse</mark>", snippet, re.IGNORECASE)


def test_snippet_is_escaped_and_only_the_match_is_markup(client):
    attack = '<script>alert("x")</script>'
    article = ArticleFactory(
        headline="Coastal towns count the cost",
        dek=f"Lighthouse crews wrote {attack} on the wall.",
    )
    Section.objects.create(
        article=article,
        subheading=f"Also {attack}",
        # As the sanitiser stores a body that shows the text "<script>".
        body="<p>The lighthouse page said &lt;script&gt;alert(1)&lt;/script&gt;.</p>",
    )

    for query in ["lighthouse", "lighthouse <script>", attack]:
        page = client.get("/search/", {"q": query}).content.decode()
        assert "<script>alert" not in page, query
        for snippet in snippets(client, query):
            # Markup in a snippet is <mark> and nothing else.
            assert "<" not in re.sub(r"</?mark>", "", snippet), query

    (snippet,) = snippets(client, "lighthouse")
    assert "<mark>" in snippet
    assert "&lt;script&gt;" in snippet


def test_a_headline_only_match_shows_the_intro(client):
    ArticleFactory(headline="Lighthouse keeper retires", dek="After forty years.")

    (snippet,) = snippets(client, "lighthouse")

    assert "After forty years." in snippet


def long_article(body_text, *, dek="Crews worked through the night."):
    """A live article with one section holding ``body_text`` as paragraphs,
    stored as it is: past the desk's cap on a section, as an import or a
    save from before the cap could leave it."""
    article = ArticleFactory(headline="Storm night", dek=dek)
    Section.objects.create(article=article, subheading="Night", body=body_text)
    return article


def repeated(sentence, chars):
    """``sentence`` again and again, in paragraphs, to about ``chars``."""
    paragraph = f"<p>{sentence * 20}</p>"
    return paragraph * (chars // len(paragraph) + 1)


def test_a_two_megabyte_article_still_gets_a_results_page_with_a_snippet(
    client,
):
    # 70,000 mentions of the word: FTS5's snippet() over all of it held a
    # worker for minutes.
    long_article(
        repeated("The harbour walls held fast. ", 2_000_000),
        dek="The harbour was closed all night.",
    )

    (snippet,) = snippets(client, "harbour")

    assert "<mark>harbour</mark>" in snippet


def snippet_sources(article):
    """The texts the database's snippet function is given for ``article``."""
    backend = search.get_backend()
    if ON_POSTGRESQL:
        source = (
            Article.objects.filter(pk=article.pk)
            .annotate(source=backend.snippet_source())
            .values_list("source", flat=True)
            .get()
        )
        return [source]
    return backend.snippet_sources([article.pk])[article.pk]


def test_snippets_are_cut_from_a_bounded_opening_of_each_text(client):
    article = long_article(repeated("The harbour walls held fast. ", 300_000))
    FAQ.objects.create(article=article, question="Why?", answer="Tides. " * 50_000)
    KeyPoint.objects.create(article=article, text="Walls held")

    sources = snippet_sources(article)

    assert sources
    assert all(len(text) <= search.SNIPPET_SOURCE_CHARS for text in sources)
    assert any("harbour" in text for text in sources)


def test_a_match_past_the_opening_of_a_long_article_shows_its_intro(client):
    # Found, as every match is; its snippet comes from the opening only.
    filler = repeated("The walls held fast. ", search.SNIPPET_SOURCE_CHARS * 2)
    long_article(f"{filler}<p>The lighthouse went dark.</p>")

    (snippet,) = snippets(client, "lighthouse")

    assert found(client, "lighthouse") == ["Storm night"]
    assert "Crews worked through the night." in snippet
    assert "<mark>" not in snippet


# --- Hostile and odd queries ---------------------------------------------------


HOSTILE = [
    '"',
    '""',
    '"lighthouse',
    "AND OR NOT",
    "lighthouse AND",
    "OR lighthouse",
    "lighthouse OR",
    "NOT lighthouse",
    "*",
    "lighthouse*",
    "-",
    "-lighthouse",
    "--lighthouse",
    ":",
    "lighthouse:",
    "body:lighthouse",
    "(",
    "(lighthouse",
    ")",
    "NEAR(lighthouse keeper)",
    "lighthouse & keeper | !x",
    "lighthouse:* <-> keeper",
    "'; DROP TABLE articles_article; --",
    "\\",
    "^lighthouse",
    "{lighthouse}",
    "%",
    "_",
    "\x00",
    "light\x00house",
    "\ue000lighthouse\ue001",
    "🚢 lighthouse",
    "a" * 10_000,
    "lighthouse " * 2_000,
    "the",
    'harbour"wall',
    '"" OR "',
    "or",
    "OR OR lighthouse OR",
    "lighthouse or -keeper",
    "-lighthouse -keeper",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_results_page(client, query):
    ArticleFactory(headline="Lighthouse keeper retires")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Search" in page
    assert "\x00" not in page


def test_a_very_long_query_is_cut_not_refused(client):
    ArticleFactory(headline="Lighthouse keeper retires")

    shown = found(client, "lighthouse " * 2_000)

    assert shown == ["Lighthouse keeper retires"]
    page = client.get("/search/", {"q": "lighthouse " * 2_000}).content.decode()
    assert f'value="{search.clean_query("lighthouse " * 2_000)}"' in page
    assert len(search.clean_query("x" * 10_000)) == search.MAX_QUERY_LENGTH


def test_punctuation_only_finds_nothing_and_says_so(client):
    ArticleFactory(headline="Lighthouse keeper retires")

    for query in ['"', "*", "-", ":", "(", "!!!"]:
        assert found(client, query) == [], query


# --- Pages and queries -----------------------------------------------------------


def test_results_are_paginated_best_first(client, settings):
    size = settings.NEWSROOM_PAGE_SIZE
    for number in range(size + 2):
        ArticleFactory(
            headline=f"Story {number}",
            dek="A lighthouse story.",
            published_at=timezone.now() - timedelta(hours=number),
        )

    first = found(client, "lighthouse")
    second = found(client, "lighthouse", page=2)
    page = results_page(client, "lighthouse")

    assert len(first) == size
    assert len(second) == 2
    assert set(first) | set(second) == {f"Story {n}" for n in range(size + 2)}
    assert f"{size + 2} results for “lighthouse”" in page
    assert found(client, "lighthouse", page="junk") == first


def test_search_queries_do_not_grow_with_the_results(client, django_assert_num_queries):
    def grow(total):
        for number in range(total):
            article = ArticleFactory(
                headline=f"Lighthouse story {number}", tag_names=["Sea", "Coast"]
            )
            add_parts(article)
        client.get("/search/", {"q": "lighthouse"})  # the site settings row

    grow(2)
    with CaptureQueriesContext(connection) as small:
        client.get("/search/", {"q": "lighthouse"})
    expected = len(small)  # read now: the next request empties the log
    grow(13)
    with django_assert_num_queries(expected):
        shown = found(client, "lighthouse")
    assert len(shown) == 12


# --- Keeping the index fresh -----------------------------------------------------


def test_editing_a_section_on_the_desk_updates_results(editor_client, client):
    article = ArticleFactory(headline="Council meets", with_parts=True)
    data = admin_article_data(article)
    data["sections-0-body"] = "<p>Talk turned to the lighthouse.</p>"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    assert found(client, "lighthouse") == ["Council meets"]
    assert found(client, "detail") == ["Council meets"]  # sections 2 and 3

    # A live article keeps at least one section: the first one goes.
    data = admin_article_data(Article.objects.get(pk=article.pk))
    data["sections-0-DELETE"] = "on"
    assert editor_client.post(change_url(article), data).status_code == 302

    assert found(client, "lighthouse") == []
    assert found(client, "detail") == ["Council meets"]


def test_editing_headline_and_tags_on_the_desk_updates_results(editor_client, client):
    article = ArticleFactory(headline="Council meets", tag_names=["Regatta"])

    editor_client.post(
        change_url(article),
        admin_article_data(article, headline="Lighthouse sold", tags="Harbour"),
    )

    assert found(client, "lighthouse") == ["Lighthouse sold"]
    assert found(client, "harbour") == ["Lighthouse sold"]
    assert found(client, "regatta") == []


def test_restoring_a_revision_updates_results(editor_client, client):
    editor = EditorFactory()
    article = ArticleFactory(headline="Council meets", with_parts=True)
    data = admin_article_data(article)
    data["sections-0-body"] = "<p>Talk turned to the lighthouse.</p>"
    editor_client.post(change_url(article), data)
    data = admin_article_data(Article.objects.get(pk=article.pk))
    data["sections-0-body"] = "<p>Talk turned to the ferry.</p>"
    editor_client.post(change_url(article), data)
    assert found(client, "lighthouse") == []
    with_lighthouse = revisions.versions_of(article)[1]

    revisions.restore(Article.objects.get(pk=article.pk), with_lighthouse, by=editor)

    assert found(client, "lighthouse") == ["Council meets"]
    assert found(client, "ferry") == []


def test_a_renamed_or_deleted_tag_updates_results(client):
    ArticleFactory(headline="Council meets", tag_names=["Regatta"])
    tag = Tag.objects.get(name="Regatta")

    tag.name = "Lighthouse"
    tag.save()
    assert found(client, "lighthouse") == ["Council meets"]
    assert found(client, "regatta") == []

    tag.delete()
    assert found(client, "lighthouse") == []


def test_workflow_publication_makes_an_indexed_draft_findable(client):
    editor = EditorFactory()
    article = ArticleFactory(
        headline="Lighthouse keeper retires",
        status=Status.IN_REVIEW,
        published_at=None,
        with_parts=True,
    )
    assert found(client, "lighthouse") == []

    workflow.approve(article, by=editor)

    assert found(client, "lighthouse") == ["Lighthouse keeper retires"]


def test_a_deleted_article_leaves_the_index(client):
    article = ArticleFactory(headline="Lighthouse keeper retires", with_parts=True)

    article.delete()

    assert found(client, "lighthouse") == []
    if not ON_POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM articles_article_fts")
            assert cursor.fetchone() == (0,)


def test_rebuild_command_indexes_what_bulk_writes_left_out(client):
    article = ArticleFactory(headline="Council meets")
    Section.objects.bulk_create(
        [Section(article=article, subheading="Sea", body="<p>The lighthouse.</p>")]
    )
    assert found(client, "lighthouse") == []

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert found(client, "lighthouse") == ["Council meets"]


def test_search_form_is_the_page_heading_and_keeps_the_query(client):
    ArticleFactory(headline="Lighthouse keeper retires")

    page = client.get(reverse("articles:search"), {"q": "lighthouse"}).content.decode()

    assert 'value="lighthouse"' in page
    assert "1 result for “lighthouse”" in page


def test_only_the_newest_matches_are_ranked_and_listed(client, settings):
    # Ranking every match of a common word in a ten-year archive would cost
    # each search hundreds of milliseconds: the newest few are ranked.
    settings.NEWSROOM_SEARCH_CANDIDATES = 3
    # Written and published in turn, as a newsroom does.
    for hours in reversed(range(5)):
        ArticleFactory(
            headline=f"Lighthouse {hours} hours ago",
            published_at=timezone.now() - timedelta(hours=hours + 1),
        )
    # Newer still, and not live: they take no live match's place.
    for status in [Article.Status.DRAFT, Article.Status.IN_REVIEW]:
        ArticleFactory(headline=f"Lighthouse {status}", status=status)
    ArticleFactory(
        headline="Lighthouse scheduled",
        published_at=timezone.now() + timedelta(hours=1),
    )

    listed = found(client, "lighthouse")

    assert sorted(listed) == [f"Lighthouse {hours} hours ago" for hours in range(3)]
    assert "3 results for “lighthouse”" in results_page(client, "lighthouse")


def test_a_rare_word_in_an_old_article_is_found_past_the_newest_matches(
    client, settings
):
    # A rare word's only match is older than many newer articles that hold
    # a common word: it is found, counted and listed, whichever way the
    # database reaches it; the common word still lists the newest matches.
    settings.NEWSROOM_SEARCH_CANDIDATES = 3
    ArticleFactory(
        headline="Lighthouse keeper retires",
        dek="The shipwright's last season.",
        published_at=timezone.now() - timedelta(days=400),
    )
    # Written and published in turn, as a newsroom does.
    for hours in reversed(range(6)):
        ArticleFactory(
            headline=f"Lighthouse {hours} hours ago",
            published_at=timezone.now() - timedelta(hours=hours + 1),
        )

    assert found(client, "shipwright") == ["Lighthouse keeper retires"]
    assert "1 result for “shipwright”" in results_page(client, "shipwright")
    assert sorted(found(client, "lighthouse")) == [
        f"Lighthouse {hours} hours ago" for hours in range(3)
    ]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's plans")
@pytest.mark.parametrize(
    "plan",
    [
        # The GIN index first (a rare word's plan), then the newest first.
        "SET LOCAL enable_indexscan = off",
        # The live index newest first, testing each vector (a common word's).
        "SET LOCAL enable_bitmapscan = off",
    ],
)
def test_search_lists_the_same_results_whichever_index_is_read(client, settings, plan):
    settings.NEWSROOM_SEARCH_CANDIDATES = 4
    for hours in reversed(range(8)):
        ArticleFactory(
            headline=f"Harbour story {hours}",
            dek="A lighthouse story." if hours % 2 else "Another day.",
            published_at=timezone.now() - timedelta(hours=hours + 1),
        )
    expected = {
        "harbour": [f"Harbour story {hours}" for hours in range(4)],
        "lighthouse": [f"Harbour story {hours}" for hours in (1, 3, 5, 7)],
    }

    for word, headlines in expected.items():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(plan)
            listed = found(client, word)
        assert sorted(listed) == headlines, word

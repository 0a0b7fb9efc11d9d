"""Readable history (``articles.comparison``): two versions compared word by
word, per field and per part, markup never shown, typed text escaped; and
the compare page over HTTP."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from articles import comparison, revisions
from articles.comparison import ADDED, GAP, KEPT, REMOVED, Run
from articles.models import Article, KeyPoint, Section
from tests.admin_urls import change_url
from tests.factories import ArticleFactory, EditorFactory, admin_article_data

pytestmark = pytest.mark.django_db


def state(parts=None, **fields):
    article = Article(
        headline=fields.pop("headline", "Harbour bridge reopens"),
        slug="harbour-bridge-reopens",
        **fields,
    )
    return revisions.ArticleState(article=article, parts=parts or {}, tags=[])


def section(pk, body, subheading="The repairs", position=0):
    return Section(pk=pk, subheading=subheading, body=body, position=position)


def key_points(*texts_by_id):
    return [
        KeyPoint(pk=pk, text=text, position=place)
        for place, (pk, text) in enumerate(texts_by_id)
    ]


def group(result, label):
    return next(group for group in result.groups if group.label == label)


def rendered(result):
    return render_to_string(
        "admin/articles/article/includes/comparison.html",
        {"comparison": result, "old_label": "then", "new_label": "now"},
    )


def test_a_word_changed_in_a_section_body_is_that_word_removed_and_the_new_added():
    old = state(
        {"sections": [section(7, "<p>The bridge reopens on <b>Monday</b>.</p>")]}
    )
    new = state(
        {"sections": [section(7, "<p>The bridge reopens on <b>Tuesday</b>.</p>")]}
    )

    result = comparison.compare(old, new)

    sections = group(result, "Sections")
    [part] = sections.changes
    assert part.label == "Section 1: “The repairs”"
    assert part.status == KEPT and not part.moved
    [body] = part.fields
    assert body.label == "Body"
    assert body.runs == [
        Run(KEPT, "The bridge reopens on"),
        Run(REMOVED, "Monday."),
        Run(ADDED, "Tuesday."),
    ]
    assert not result.fields  # the article's own fields did not change
    assert result.unchanged_fields == len(revisions.COMPARED_FIELDS) + 1  # and tags


def test_markup_is_never_shown_blocks_become_paragraphs_and_entities_are_read():
    text = comparison.readable_text(
        "<p>Tolls &amp; fares</p><ul><li>One</li><li>Two<br>lines</li></ul>"
        "<blockquote><p>“Open”</p></blockquote>"
    )
    assert comparison.words(text) == [
        "Tolls",
        "&",
        "fares",
        "\n",
        "One",
        "\n",
        "Two",
        "\n",
        "lines",
        "\n",
        "“Open”",
    ]
    old = state({"sections": [section(1, "<p>Before <em>now</em></p>")]})
    new = state({"sections": [section(1, "<p>Before <strong>then</strong></p>")]})

    page = rendered(comparison.compare(old, new))

    assert "<em>" not in page and "&lt;em&gt;" not in page
    assert "<strong>" not in page and "&lt;strong&gt;" not in page
    assert "</span>now<span" in page and "</span>then<span" in page


def test_hostile_text_is_escaped_in_every_run():
    hostile = '<img src=x onerror="alert(1)">'
    old = state(
        {
            "sections": [
                section(1, "<p>&lt;script&gt;alert(1)&lt;/script&gt; stays</p>")
            ]
        },
        dek="Calm intro",
    )
    new = state(
        {
            "sections": [
                section(1, "<p>&lt;script&gt;alert(2)&lt;/script&gt; stays</p>")
            ]
        },
        dek=f"Calm {hostile}",
        headline=f"Bridge {hostile}",
    )

    page = rendered(comparison.compare(old, new))

    assert "<script" not in page and "<img" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_parts_added_removed_and_moved_are_named_and_the_unchanged_counted():
    old = state(
        {
            "key_points": key_points(
                (1, "Tolls"), (2, "Lanes"), (3, "Ferry"), (4, "Dates")
            )
        }
    )
    new = state(
        {
            "key_points": key_points(
                (3, "Ferry"), (1, "Tolls"), (2, "Lanes"), (5, "Cycle lane opens")
            )
        }
    )

    result = comparison.compare(old, new)

    points = group(result, "Key points")
    named = {change.label: change for change in points.changes}
    assert set(named) == {
        "Key point 1: “Ferry”",
        "Key point 4: “Cycle lane opens”",
        "Key point 4: “Dates”",
    }
    moved = named["Key point 1: “Ferry”"]
    assert (moved.status, moved.moved, moved.old_number, moved.fields) == (
        KEPT,
        True,
        3,
        [],
    )
    added = named["Key point 4: “Cycle lane opens”"]
    assert added.status == ADDED
    assert added.fields[0].runs == [Run(ADDED, "Cycle lane opens")]
    removed = named["Key point 4: “Dates”"]
    assert removed.status == REMOVED
    assert removed.fields[0].runs == [Run(REMOVED, "Dates")]
    assert points.unchanged == 2
    assert points.unchanged_label == "2 key points unchanged"
    assert group(result, "Sections").changes == []

    page = rendered(result)
    assert "(moved from place 3)" in page
    assert "(added)" in page and "(removed)" in page
    assert "2 key points unchanged" in page


def test_a_long_unchanged_stretch_keeps_a_few_words_of_context_either_side():
    words = [f"w{number}" for number in range(60)]
    old = " ".join(words)
    new = " ".join([*words[:30], "NEW", *words[30:]])

    runs = comparison.word_runs(old, new, context=3)

    assert runs == [
        Run(GAP, skipped=27),
        Run(KEPT, "w27 w28 w29"),
        Run(ADDED, "NEW"),
        Run(KEPT, "w30 w31 w32"),
        Run(GAP, skipped=27),
    ]
    middle = comparison.word_runs(old, " ".join(["X", *words[1:59], "Y"]), context=3)
    assert middle[2:5] == [
        Run(KEPT, "w1 w2 w3"),
        Run(GAP, skipped=52),
        Run(KEPT, "w56 w57 w58"),
    ]


def test_the_same_words_spaced_differently_are_unchanged():
    assert comparison.word_runs("One  two\nthree", "One two\n\n three") == []


def test_the_compare_page_marks_the_changed_word_and_names_the_rest_unchanged(client):
    editor = EditorFactory()
    client.force_login(editor)
    article = ArticleFactory(with_parts=True, headline="Harbour bridge reopens")
    data = admin_article_data(article)
    data["sections-1-body"] = (
        "<p>Body text of section 2, with <strong>colour</strong>.</p>"
    )
    assert client.post(change_url(article), data).status_code == 302
    newer, older = revisions.versions_of(article)

    response = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"from": older.pk, "to": newer.pk},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Section 2: “Subheading 2”" in page
    assert '<del><span class="visually-hidden">removed: </span>detail.<' in page
    assert '<ins><span class="visually-hidden">added: </span>colour.<' in page
    assert "&lt;strong&gt;" not in page and "<strong>colour" not in page
    assert "2 sections unchanged" in page
    assert "3 key points unchanged" in page
    assert "How to read it:" in page


def test_the_restore_page_shows_word_by_word_what_restoring_would_change(client):
    editor = EditorFactory()
    client.force_login(editor)
    article = ArticleFactory(with_parts=True, headline="Harbour bridge reopens")
    data = admin_article_data(article, headline="Harbour <b>bridge</b> closes")
    data["sections-1-body"] = (
        "<p>Body text of section 2, with <strong>colour</strong>.</p>"
    )
    assert client.post(change_url(article), data).status_code == 302
    _newer, older = revisions.versions_of(article)

    response = client.get(
        reverse("admin:articles_article_revision", args=[article.pk, older.pk])
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "from the article as it is now to this version" in page
    # From now back to the older version: its words come back.
    assert '<del><span class="visually-hidden">removed: </span>colour.<' in page
    assert '<ins><span class="visually-hidden">added: </span>detail.<' in page
    assert "&lt;b&gt;bridge&lt;/b&gt; closes" in page
    assert "<b>bridge" not in page
    assert "2 sections unchanged" in page
    assert "desk-compare__table" not in page  # the old table of whole texts
    assert "Restore this version" in page

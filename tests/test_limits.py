"""How much one article may hold: past each limit the desk refuses the save
with a message naming it, keeps everything typed in the form, and creates
nothing (no tag, no part)."""

import html

import pytest
import reversion
from django.urls import reverse
from taggit.models import Tag

from articles import limits, revisions
from articles.models import FAQ, Article, Byline, Correction, KeyPoint, Section
from tests.admin_urls import change_url, history_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    admin_article_data,
)

pytestmark = pytest.mark.django_db


def page_text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def draft():
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, headline="As filed"
    )


def save(client, article, data):
    return client.post(change_url(article), data)


# --- Tags -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [limits.MAX_TAGS + 1, 3000])
def test_more_tags_than_the_limit_are_refused_before_any_tag_is_made(
    editor_client, draft, count, django_assert_max_num_queries
):
    typed = ", ".join(f"topic {number}" for number in range(count))

    # Refused at once: not a query (or more) per tag. The ceiling is the
    # re-shown desk page's own cost (its panels: notes, presence, history),
    # the same for 31 tags as for 3,000.
    with django_assert_max_num_queries(70):
        response = save(editor_client, draft, admin_article_data(draft, tags=typed))

    assert response.status_code == 200
    assert (
        f"An article may have at most {limits.MAX_TAGS} tags; these are {count}."
        in page_text(response)
    )
    assert typed in page_text(response)  # kept as typed
    assert not Tag.objects.exists()
    assert not draft.tags.exists()


def test_as_many_tags_as_the_limit_are_saved(editor_client, draft):
    typed = ", ".join(f"topic {number}" for number in range(limits.MAX_TAGS))

    response = save(editor_client, draft, admin_article_data(draft, tags=typed))

    assert response.status_code == 302
    assert draft.tags.count() == limits.MAX_TAGS


# --- Parts ------------------------------------------------------------------------


def new_rows(prefix, count):
    """``count`` new rows of the inline ``prefix``, as the desk posts them."""
    if prefix == "bylines":
        return [
            {"author": AuthorFactory(), "position": number + 1}
            for number in range(count)
        ]
    if prefix == "sections":
        return [
            {"subheading": f"Part {n}", "body": f"<p>Text {n}.</p>", "position": n}
            for n in range(count)
        ]
    if prefix == "key_points":
        return [{"text": f"Point {n}", "position": n} for n in range(count)]
    if prefix == "faqs":
        return [
            {"question": f"Question {n}?", "answer": "Yes.", "position": n}
            for n in range(count)
        ]
    return [
        {
            "created_at_0": "2026-01-02",
            "created_at_1": "10:00:00",
            "kind": "correction",
            "text": f"Fixed {n}.",
        }
        for n in range(count)
    ]


PARTS = [
    # (inline prefix, model, limit, how the message names them)
    ("bylines", Byline, limits.MAX_BYLINES, "bylines"),
    ("sections", Section, limits.MAX_SECTIONS, "sections"),
    ("key_points", KeyPoint, limits.MAX_KEY_POINTS, "key points"),
    ("faqs", FAQ, limits.MAX_FAQS, "FAQs"),
    ("corrections", Correction, limits.MAX_CORRECTIONS, "corrections"),
]


@pytest.mark.parametrize(("prefix", "model", "limit", "name"), PARTS)
def test_more_parts_than_the_limit_are_refused_with_everything_typed_kept(
    editor_client, draft, prefix, model, limit, name
):
    before = model.objects.count()
    existing = getattr(draft, prefix).count()
    rows = new_rows(prefix, limit + 1 - existing)
    data = admin_article_data(draft, inlines={prefix: rows}, headline="Typed")

    response = save(editor_client, draft, data)

    assert response.status_code == 200
    assert f"An article may have at most {limit} {name}." in page_text(response)
    assert 'value="Typed"' in page_text(response)
    # The last row typed is still in the form.
    last = f'name="{prefix}-{limit}-'
    assert last in page_text(response)
    assert model.objects.count() == before
    assert Article.objects.get(pk=draft.pk).headline == "As filed"


@pytest.mark.parametrize(("prefix", "model", "limit", "name"), PARTS)
def test_as_many_parts_as_the_limit_are_saved(
    editor_client, draft, prefix, model, limit, name
):
    existing = getattr(draft, prefix).count()
    rows = new_rows(prefix, limit - existing)

    response = save(
        editor_client, draft, admin_article_data(draft, inlines={prefix: rows})
    )

    assert response.status_code == 302
    assert getattr(draft, prefix).count() == limit


@pytest.mark.parametrize(("prefix", "model", "limit", "name"), PARTS)
def test_the_form_offers_no_row_past_the_limit(
    editor_client, draft, prefix, model, limit, name
):
    page = editor_client.get(change_url(draft)).content.decode()

    assert f'name="{prefix}-MAX_NUM_FORMS" value="{limit}"' in page


# --- A section's size -------------------------------------------------------------


def test_a_section_longer_than_the_limit_is_refused_saying_how_long_it_is(
    editor_client, draft
):
    body = "<p>" + "The harbour walls held fast. " * 4000 + "</p>"  # ~113 KB
    data = admin_article_data(
        draft,
        inlines={"sections": [{"subheading": "Night", "body": body, "position": 0}]},
    )

    response = save(editor_client, draft, data)

    assert response.status_code == 200
    text = page_text(response)
    assert "This section is 114 KB of text and markup" in text
    assert f"at most {limits.MAX_SECTION_BODY_KB} KB" in text
    assert "Split it into two or more sections" in text
    assert "The harbour walls held fast. " * 10 in text  # still in the editor
    assert not draft.sections.exists()


def test_a_section_as_long_as_the_limit_is_saved(editor_client, draft):
    sentence = "The harbour walls held fast. "
    body = (
        "<p>"
        + sentence * (limits.MAX_SECTION_BODY_KB * 1024 // len(sentence) - 1)
        + "</p>"
    )
    data = admin_article_data(
        draft,
        inlines={"sections": [{"subheading": "Night", "body": body, "position": 0}]},
    )

    response = save(editor_client, draft, data)

    assert response.status_code == 302
    assert draft.sections.get().body == body


# --- The shorter texts ------------------------------------------------------------

# (where the text goes, its limit, how the message names it)
TEXTS = [
    ("dek", limits.MAX_DEK_CHARS, "This intro is {count} characters long; an intro"),
    (
        "summary",
        limits.MAX_SUMMARY_CHARS,
        "This summary is {count} characters long; a summary",
    ),
    (
        "answer",
        limits.MAX_FAQ_ANSWER_CHARS,
        "This answer is {count} characters long; an answer",
    ),
    (
        "correction",
        limits.MAX_CORRECTION_CHARS,
        "This correction is {count} characters long; a correction",
    ),
]


def with_text(article, where, text):
    """What the desk posts with ``text`` typed as ``where``."""
    if where in ("dek", "summary"):
        return admin_article_data(article, **{where: text})
    if where == "answer":
        row = {"question": "Why now?", "answer": text, "position": 0}
        return admin_article_data(article, inlines={"faqs": [row]})
    row = {**new_rows("corrections", 1)[0], "text": text}
    return admin_article_data(article, inlines={"corrections": [row]})


def saved_texts(article, where):
    if where in ("dek", "summary"):
        return [getattr(Article.objects.get(pk=article.pk), where)]
    if where == "answer":
        return list(article.faqs.values_list("answer", flat=True))
    return list(article.corrections.values_list("text", flat=True))


def at_limit(limit):
    """A text of ``limit`` characters over several lines, as a browser sends
    it (CR LF): a line break is one character to its writer."""
    line = "The harbour walls held.\r\n"
    lines = (limit - 1) // (len(line) - 1)
    return line * lines + "x" * (limit - lines * (len(line) - 1))


@pytest.mark.parametrize("extra", [1, 200_000])
@pytest.mark.parametrize(("where", "limit", "message"), TEXTS)
def test_a_text_longer_than_its_limit_is_refused_saying_how_long_it_is(
    editor_client, draft, where, limit, message, extra
):
    before = saved_texts(draft, where)
    text = "x" * (limit + extra)

    response = save(editor_client, draft, with_text(draft, where, text))

    assert response.status_code == 200
    shown = page_text(response)
    assert message.format(count=limit + extra) in shown
    assert f"may have at most {limit}." in shown
    assert text in shown  # still in the form
    assert saved_texts(draft, where) == before
    assert Article.objects.get(pk=draft.pk).headline == "As filed"


@pytest.mark.parametrize(("where", "limit", "message"), TEXTS)
def test_a_text_as_long_as_its_limit_is_saved(
    editor_client, draft, where, limit, message
):
    text = at_limit(limit)
    assert limits.text_length(text) == limit

    response = save(editor_client, draft, with_text(draft, where, text))

    assert response.status_code == 302
    assert text in saved_texts(draft, where)


# --- Restoring a version that holds more ------------------------------------------


def revision_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def add_tags(article):
    article.tags.add(*(f"topic {n}" for n in range(limits.MAX_TAGS + 5)))


def add_sections(article):
    for n in range(limits.MAX_SECTIONS + 1):
        Section.objects.create(article=article, subheading=f"Part {n}", position=n)


def add_long_section(article):
    body = "<p>" + "The harbour walls held fast. " * 4000 + "</p>"  # ~113 KB
    Section.objects.create(article=article, subheading="Night", body=body, position=0)


def add_long_answer(article):
    FAQ.objects.create(
        article=article,
        question="Why now?",
        answer="x" * (limits.MAX_FAQ_ANSWER_CHARS + 1),
        position=0,
    )


def lengthen_dek(article):
    Article.objects.filter(pk=article.pk).update(dek="x" * (limits.MAX_DEK_CHARS + 1))


OVER_LIMITS = [
    # (what made the old version hold more, what the desk says of it)
    (add_tags, f"It has {limits.MAX_TAGS + 5} tags (at most {limits.MAX_TAGS})"),
    (
        add_sections,
        f"It has {limits.MAX_SECTIONS + 1} sections (at most {limits.MAX_SECTIONS})",
    ),
    (
        add_long_section,
        f"The section “Night” is 114 KB (at most {limits.MAX_SECTION_BODY_KB} KB)",
    ),
    (
        add_long_answer,
        f"The answer to “Why now?” is {limits.MAX_FAQ_ANSWER_CHARS + 1} characters "
        f"long (at most {limits.MAX_FAQ_ANSWER_CHARS})",
    ),
    (
        lengthen_dek,
        f"The intro is {limits.MAX_DEK_CHARS + 1} characters long "
        f"(at most {limits.MAX_DEK_CHARS})",
    ),
]


def record_outside_the_desk(article):
    """A revision of the article as it is, as an import would make one: the
    desk's forms never saw it, so it can hold more than they allow."""
    with reversion.create_revision():
        revisions.record(Article.objects.get(pk=article.pk))


@pytest.mark.parametrize(("grow", "problem"), OVER_LIMITS)
def test_restoring_a_version_holding_more_than_the_limits_says_what_is_over(
    editor_client, draft, grow, problem
):
    grow(draft)
    record_outside_the_desk(draft)
    old = revisions.versions_of(draft).first()
    # Trimmed since.
    draft.sections.all().delete()
    draft.faqs.all().delete()
    draft.tags.clear()
    Article.objects.filter(pk=draft.pk).update(dek="Short.")
    record_outside_the_desk(draft)
    newest = revisions.versions_of(draft).first()

    review = editor_client.get(revision_url(draft, old))
    response = editor_client.post(revision_url(draft, old), follow=True)

    # Said before the button is pressed, and no button to press.
    assert review.status_code == 200
    assert problem in page_text(review)
    assert "Restore this version</button>" not in page_text(review)
    # Refused if pressed anyway (a form kept open), saying what is over.
    assert response.redirect_chain == [(history_url(draft), 302)]
    text = page_text(response)
    assert "This version cannot be restored" in text
    assert problem in text
    # Nothing changed, nothing dropped: the old version is still there.
    restored = Article.objects.get(pk=draft.pk)
    assert restored.dek == "Short."
    assert list(restored.tags.names()) == []
    assert not restored.sections.exists() and not restored.faqs.exists()
    assert revisions.versions_of(draft).first() == newest
    assert old in revisions.versions_of(draft)

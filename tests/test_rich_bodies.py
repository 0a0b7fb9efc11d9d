"""Rich section bodies: subheadings, pull quotes, tables and embeds are kept
exactly as the editor makes them, narrowed whatever else is sent, refused at
the desk when an embed is not on the allowlist, shown to readers ready to read
(an embed as a click-to-load placeholder) and never counted as words."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Section, count_words
from newsroom.richtext import plain_text, sanitize_body
from tests.factories import ArticleFactory, admin_article_data
from tests.test_html_validity import validate, vnu  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
EMBED = (
    f'<figure class="embed" data-embed-url="{VIDEO}">'
    f'<a href="{VIDEO}">{VIDEO}</a></figure>'
)
TABLE = (
    "<table><tbody><tr><th><p>Year</p></th><th><p>Cost</p></th></tr>"
    "<tr><td><p>2024</p></td><td><p>£3m</p></td></tr></tbody></table>"
)
RICH = (
    "<p>The bridge reopened.</p><h3>Where the money went</h3>"
    "<ul><li><p>Repairs</p></li></ul><ol><li><p>Lighting</p></li></ol>"
    "<blockquote><p>A quote.</p></blockquote>"
    '<blockquote class="pull-quote"><p>We will not close it again.</p></blockquote>'
    f"{EMBED}{TABLE}"
)


def test_what_the_editor_makes_survives_sanitising_unchanged():
    assert sanitize_body(RICH) == RICH


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        # The section's title is the h2: a body has h3 only.
        ("<h2>Title</h2><h4>Small</h4>", "TitleSmall"),
        ('<h3 id="x" style="color:red" class="big">Sub</h3>', "<h3>Sub</h3>"),
        # The pull quote's class and no other.
        (
            '<blockquote class="pull-quote huge"><p>Q</p></blockquote>',
            '<blockquote class="pull-quote"><p>Q</p></blockquote>',
        ),
        ('<p class="pull-quote">Q</p>', "<p>Q</p>"),
        (
            '<table border="1" style="width:9999px"><tr><th scope="col" onclick="x()">H'
            "</th></tr></table>",
            "<table><tbody><tr><th>H</th></tr></tbody></table>",
        ),
        (
            '<p>a</p><figure class="hero"><img src="x.png">b</figure>',
            "<p>a</p><figure>b</figure>",
        ),
        (
            '<div class="tableWrapper"><table><tr><td>1</td></tr></table></div>',
            "<table><tbody><tr><td>1</td></tr></tbody></table>",
        ),
    ],
)
def test_forged_markup_is_narrowed_to_what_the_editor_makes(sent, stored):
    assert sanitize_body(sent) == stored


def test_an_embed_is_stored_in_its_one_form_whatever_was_sent():
    sent = (
        '<figure data-embed-url="http://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ" '
        'class="evil embed" onclick="x()"><iframe src="https://evil.example"></iframe>'
        '<a href="https://evil.example">watch</a><figcaption>hi</figcaption></figure>'
    )
    assert sanitize_body(sent) == EMBED


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        (
            "https://evil.example/video",
            '<p><a href="https://evil.example/video">https://evil.example/video</a></p>',
        ),
        (
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
            '<p><a href="https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ">'
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ</a></p>",
        ),
        ("javascript:alert(1)", ""),
    ],
)
def test_an_embed_off_the_allowlist_written_by_code_is_a_plain_link_or_goes(
    url, stored
):
    section = Section.objects.create(
        article=ArticleFactory(),
        subheading="S",
        body="<p>Before.</p>"
        + (
            f'<figure class="embed" data-embed-url="{url}">'
            f'<a href="{url}">x</a></figure>'
        ),
    )
    section.refresh_from_db()

    assert section.body == f"<p>Before.</p>{stored}"
    assert "<figure" not in section.body


def test_nested_embeds_in_a_forged_body_leave_balanced_markup():
    sent = (
        f'<figure class="embed" data-embed-url="{VIDEO}">'
        '<figure class="embed" data-embed-url="https://vimeo.com/76979871">in</figure>'
        "tail</figure><p>after</p>"
    )
    body = sanitize_body(sent)

    assert body.count("<figure") == body.count("</figure>") == 1
    assert body.endswith("<p>after</p>")
    assert sanitize_body(body) == body


def change_form_data(article, body):
    data = admin_article_data(article)
    data["sections-0-body"] = body
    return data


def test_the_desk_refuses_an_embed_off_the_allowlist_and_keeps_what_was_typed(
    editor_client,
):
    article = ArticleFactory(with_parts=True)
    before = article.sections.first().body
    typed = (
        "<p>My new paragraph.</p>"
        '<figure class="embed" data-embed-url="https://evil.example/clip"></figure>'
    )

    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(article, typed),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Links from evil.example cannot be embedded" in page
    assert "Embeds are allowed from: YouTube, Vimeo" in page
    # The form comes back with the typed text, for the journalist to fix.
    assert "My new paragraph." in page
    assert article.sections.first().body == before


def test_the_desk_stores_an_allowlisted_embed(editor_client):
    article = ArticleFactory(with_parts=True)

    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(
            article, f'<p>Watch:</p><figure data-embed-url="{VIDEO}"></figure>'
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert article.sections.first().body == f"<p>Watch:</p>{EMBED}"


def rich_article(body=RICH):
    article = ArticleFactory(with_parts=True)
    section = article.sections.first()
    section.body = body
    section.save()
    return article


def test_the_reader_gets_a_placeholder_that_loads_nothing_from_the_provider(client):
    article = rich_article()
    page = client.get(article.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="embed embed--youtube">.*?</figure>', page, re.S)
    assert figure, page
    placeholder = figure.group(0)
    assert "YouTube" in placeholder
    assert f'href="{VIDEO}"' in placeholder
    assert "Load content from YouTube" in placeholder
    assert (
        'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"'
        in placeholder
    )
    # Without JavaScript the button stays hidden: the link is the way there.
    assert re.search(r"<button[^>]*\bhidden\b", placeholder)
    # Nothing on the page would fetch from the provider by itself.
    assert "<iframe" not in page
    assert not re.search(r'(?<![-\w])(src|href)="https://www\.youtube-nocookie', page)
    assert page.count("js/embeds.js") == 1


def test_a_page_without_embeds_loads_no_embed_script(client):
    article = rich_article(body=f"<p>Plain.</p>{TABLE}")
    page = client.get(article.get_absolute_url()).content.decode()

    assert "embeds.js" not in page


def test_tables_scroll_in_their_own_labelled_box(client):
    article = rich_article()
    page = client.get(article.get_absolute_url()).content.decode()

    assert re.search(
        r'<div class="table-scroll" role="region" tabindex="0" aria-label="Table">'
        r"<table>.*?</table></div>",
        page,
        re.S,
    )


def test_an_embed_in_the_database_but_off_the_allowlist_is_shown_as_a_link(client):
    article = rich_article()
    # As if the allowlist had lost a provider since the body was saved.
    Section.objects.filter(article=article).update(
        body='<figure class="embed" data-embed-url="https://evil.example/x">'
        '<a href="https://evil.example/x">https://evil.example/x</a></figure>'
    )
    page = client.get(article.get_absolute_url()).content.decode()

    assert '<a href="https://evil.example/x">https://evil.example/x</a>' in page
    assert "data-embed-src" not in page
    assert "<iframe" not in page


def test_words_are_counted_without_markup_or_embeds():
    assert count_words("<h3>Where it went</h3><p>Tom &amp; Jerry</p>") == 5
    assert count_words(TABLE) == 4  # cells are words apart
    assert count_words(EMBED) == 0  # a post, not the story's words
    assert count_words(RICH) == count_words(plain_text(RICH)) == 21
    assert "youtube" not in plain_text(RICH).lower()


def test_the_reading_time_leaves_the_embedded_address_out():
    article = rich_article(body="<p>one two</p>" + EMBED * 50)
    article.refresh_reading_time()

    assert article.reading_time == 1


def test_structured_data_stays_clean_text(client):
    article = rich_article()
    page = client.get(article.get_absolute_url()).content.decode()

    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    ):
        text = json.dumps(json.loads(block))
        assert "<" not in text and "data-embed-url" not in text


def test_a_page_with_rich_bodies_is_valid_html(vnu, tmp_path):  # noqa: F811
    article = rich_article(
        RICH
        + '<figure class="embed" data-embed-url="https://mastodon.social/@desk/1234">'
        "</figure>"
    )
    assert Article.objects.get(pk=article.pk).is_published()
    html = Client().get(article.get_absolute_url()).content.decode()

    errors = validate(vnu, {"rich article": html}, tmp_path)

    assert not errors["rich article"], "\n".join(errors["rich article"])

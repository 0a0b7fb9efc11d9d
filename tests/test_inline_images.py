"""Library images inside section bodies (issue 13): the stored reference and
what the sanitiser lets through, the responsive figure a reader's page shows
(the use's own alt text and caption, the library's otherwise, the credit),
a reference to a deleted image showing nothing, one query for every image
of a page, the live preview, word counts, the desk dialog's search, and the
library refusing to delete an image a body still shows."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Section
from library.models import Image as LibraryImage
from newsroom.models import SitePage
from newsroom.richtext import plain_text, sanitize_body
from tests.factories import (
    ArticleFactory,
    JournalistFactory,
    admin_article_data,
    client_for,
    library_image,
    png_upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def reference(image_id, alt="", caption=""):
    markup = f'<figure data-library-image="{image_id}"'
    markup += f' data-alt="{alt}">' if alt else ">"
    if caption:
        markup += f"<figcaption>{caption}</figcaption>"
    return markup + "</figure>"


def article_with(*bodies, **fields):
    article = ArticleFactory(headline="Harbour at dawn", **fields)
    for position, body in enumerate(bodies):
        Section.objects.create(
            article=article, position=position, subheading=f"Part {position}", body=body
        )
    return article


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- The stored reference -----------------------------------------------------------


def test_a_reference_keeps_its_id_alt_and_caption_and_nothing_else():
    forged = (
        '<figure data-library-image="7" data-alt="Boats &amp; nets" class="embed" '
        'style="color:red" onclick="steal()"><img src="https://evil.example/x.png">'
        "<figcaption>At <b>dawn</b><script>x()</script></figcaption></figure>"
        "<p>Next.</p>"
    )

    assert sanitize_body(forged) == (
        '<figure data-library-image="7" data-alt="Boats &amp; nets">'
        "<figcaption>At dawn</figcaption></figure><p>Next.</p>"
    )


@pytest.mark.parametrize(
    "forged_id", ["7x", " 7", "-3", "1.5", "7 onerror=x", "", "javascript:alert(1)"]
)
def test_a_reference_whose_id_is_not_a_whole_number_is_dropped(forged_id):
    body = (
        f'<figure data-library-image="{forged_id}"><figcaption>c</figcaption>'
        "</figure><p>Kept.</p>"
    )

    assert sanitize_body(body) == "<p>Kept.</p>"


def test_a_figure_forging_both_an_embed_and_an_image_stays_one_embed_only():
    body = (
        '<figure data-library-image="3" data-embed-url="https://vimeo.com/76979871">'
        "</figure>"
    )

    cleaned = sanitize_body(body)

    assert "data-library-image" not in cleaned
    assert 'data-embed-url="https://vimeo.com/76979871"' in cleaned


def test_word_counts_leave_out_inline_images():
    body = sanitize_body(
        "<p>Three words here.</p>"
        + reference(4, alt="A long alt text", caption="Caption words too")
    )

    assert plain_text(body).split() == ["Three", "words", "here."]


# --- On the reader's page -----------------------------------------------------------


def test_the_page_shows_a_responsive_figure_with_caption_and_credit(client):
    image = library_image(
        upload=png_upload(size=(1600, 900)),
        alt="Fishing boats in the harbour",
        caption="Boats at dawn",
        credit="Photo: Ana Ruiz",
    )
    article = article_with(f"<p>Before.</p>{reference(image.pk)}<p>After.</p>")

    html = page(client, article)

    figure = html[html.index('<figure class="inline-image">') :]
    figure = figure[: figure.index("</figure>")]
    assert f'src="{image.url}"' in figure
    assert f'srcset="{image.srcset}"' in figure and " 480w" in image.srcset
    assert 'sizes="' in figure
    assert 'width="1600" height="900"' in figure
    assert 'alt="Fishing boats in the harbour"' in figure
    assert 'loading="lazy"' in figure
    assert "Boats at dawn" in figure and "Photo: Ana Ruiz" in figure
    assert "data-library-image" not in html


def test_this_uses_alt_and_caption_win_over_the_library_and_are_escaped(client):
    image = library_image(alt="Library alt", caption="Library caption", credit="AP")
    body = sanitize_body(
        reference(image.pk, alt="Nets &lt;b&gt;drying&lt;/b&gt;", caption="Our words")
    )
    article = article_with(body)

    html = page(client, article)

    assert 'alt="Nets &lt;b&gt;drying&lt;/b&gt;"' in html
    assert "Our words" in html
    assert "Library alt" not in html and "Library caption" not in html
    assert "AP" in html


def test_a_reference_to_a_deleted_image_shows_nothing(client):
    article = article_with(f"<p>Before.</p>{reference(987654)}<p>After.</p>")

    html = page(client, article)

    assert "<p>Before.</p><p>After.</p>" in html
    assert "inline-image" not in html


def test_a_site_page_shows_its_library_images_too(client):
    image = library_image(alt="The newsroom at night", credit="Staff")
    SitePage.objects.filter(slug="about").delete()
    about = SitePage.objects.create(
        title="About", slug="about", body=f"<p>Us.</p>{reference(image.pk)}"
    )

    response = client.get(about.get_absolute_url())

    assert 'alt="The newsroom at night"' in response.content.decode()


def test_the_live_preview_shows_an_image_typed_into_a_section():
    journalist = JournalistFactory()
    image = library_image(alt="Cranes over the quay", credit="Photo: Li Wei")
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        bylines=[journalist.author_profile],
    )
    data = admin_article_data(
        article,
        inlines={"sections": [{"subheading": "Pictures", "body": reference(image.pk)}]},
    )

    response = client_for(journalist).post(
        reverse("admin:articles_article_live_preview", args=[article.pk]), data
    )

    html = response.content.decode()
    assert 'alt="Cranes over the quay"' in html and "Photo: Li Wei" in html


def test_three_images_in_three_sections_cost_one_query(client):
    images = [library_image(alt=f"Picture {n}") for n in range(3)]
    article = article_with(*(reference(image.pk) for image in images))
    plain = article_with("<p>No pictures.</p>", "<p>None.</p>", "<p>Nor here.</p>")
    page(client, plain)  # the site's settings and generation, read once

    def queries(article):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            html = page(client, article)
        return len(captured), html

    without, _html = queries(plain)
    with_three, html = queries(article)

    assert with_three == without + 1
    assert all(f'alt="Picture {n}"' in html for n in range(3))


# --- The library's side ---------------------------------------------------------------


def test_deleting_an_image_shown_inline_is_refused_naming_the_article(editor_client):
    image = library_image(alt="Boats at dawn")
    article = article_with("<p>Hi.</p>", reference(image.pk, caption="Ours"))
    other = library_image(alt="Another")
    article_with(reference(other.pk))  # image 1 must not match image 11, 12...
    delete = reverse("admin:library_image_delete", args=[image.pk])

    refusal = editor_client.get(delete).content.decode()
    response = editor_client.post(delete, {"post": "yes"})
    used_by = editor_client.get(
        reverse("admin:library_image_change", args=[image.pk])
    ).content.decode()

    assert "is in use, so it cannot be deleted" in refusal
    assert "Harbour at dawn" in refusal
    assert reverse("admin:articles_article_change", args=[article.pk]) in refusal
    assert response.status_code == 200
    assert LibraryImage.objects.filter(pk=image.pk).exists()
    assert "Harbour at dawn" in used_by and "(inline)" in used_by


def test_an_image_no_body_shows_any_more_can_be_deleted(editor_client):
    image = library_image(alt="Boats at dawn")
    section = article_with(reference(image.pk)).sections.get()
    section.body = "<p>The picture went.</p>"
    section.save()

    editor_client.post(
        reverse("admin:library_image_delete", args=[image.pk]), {"post": "yes"}
    )

    assert not LibraryImage.objects.filter(pk=image.pk).exists()


def test_no_other_way_deletes_an_image_shown_inline():
    image = library_image(alt="Boats at dawn")
    article_with(reference(image.pk))

    # Refused inside the deletion's transaction, which is then rolled back.
    with pytest.raises(ProtectedError), transaction.atomic():
        LibraryImage.objects.filter(pk=image.pk).delete()

    assert LibraryImage.objects.filter(pk=image.pk).exists()


def test_the_dialog_searches_the_library_with_thumbnails():
    journalist = JournalistFactory()
    boats = library_image(alt="Fishing boats", credit="Photo: Ana Ruiz")
    library_image(alt="Town hall at night")
    search = reverse("admin:library_image_search")

    found = client_for(journalist).get(search, {"q": "boats ruiz"}).json()
    everyone = client_for(journalist).get(search).json()
    visitor = client_for(None).get(search)

    assert found["results"] == [
        {
            "id": boats.pk,
            "thumbnail": boats.thumbnail_url,
            "alt": "Fishing boats",
            "caption": "",
            "credit": "Photo: Ana Ruiz",
        }
    ]
    assert len(everyone["results"]) == 2
    assert visitor.status_code == 302  # to the desk's log-in


def test_a_caption_outside_a_library_image_is_kept_as_a_paragraph():
    body = "<p>a</p><figcaption>Loose words</figcaption>" + reference(5, caption="c")

    assert sanitize_body(body) == (
        "<p>a</p><p>Loose words</p>"
        '<figure data-library-image="5"><figcaption>c</figcaption></figure>'
    )


def test_a_changed_credit_shows_on_a_cached_page_at_once(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    image = library_image(alt="Boats", credit="Photo: Ana Ruiz")
    article = article_with(reference(image.pk))
    assert "Photo: Ana Ruiz" in page(client, article)  # now in the page cache

    image.credit = "Photo: Li Wei"
    image.save()

    assert "Photo: Li Wei" in page(client, article)

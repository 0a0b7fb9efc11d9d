"""The image library on the desk (library/): uploading one or several
images with what their files say of them, finding them by words, credit
and date, the focal point every crop keeps, choosing one as a hero or a
portrait, and deleting: refused while an image is in use, and for
journalists altogether."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from library.adding import add_once
from library.metadata import read_metadata
from library.models import Image as LibraryImage
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    JournalistFactory,
    UserFactory,
    admin_article_data,
    client_for,
    library_image,
    png_upload,
)
from tests.library_files import photo_with_metadata, xmp_packet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ADD_IMAGE = reverse("admin:library_image_add")
IMAGES = reverse("admin:library_image_changelist")
UPLOAD_SEVERAL = reverse("admin:library_image_upload")

IPTC = {(2, 110): "Photo: Ana Ruiz", (2, 120): "Boats at dawn", (2, 116): "© Ana Ruiz"}


def jpeg(name="boats.jpg", **metadata):
    return SimpleUploadedFile(name, photo_with_metadata(**metadata), "image/jpeg")


def image_data(file, **fields):
    return {
        "file": file,
        "alt": "Fishing boats in the harbour",
        "caption": "",
        "credit": "",
        "copyright": "",
        "source": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }


def delete_url(image):
    return reverse("admin:library_image_delete", args=[image.pk])


# --- What the file says -----------------------------------------------------------


def test_an_upload_takes_credit_caption_and_copyright_from_its_iptc(editor_client):
    response = editor_client.post(ADD_IMAGE, image_data(jpeg(iptc=IPTC)))

    assert response.status_code == 302, response.context["errors"]
    image = LibraryImage.objects.get()
    assert (image.credit, image.caption, image.copyright) == (
        "Photo: Ana Ruiz",
        "Boats at dawn",
        "© Ana Ruiz",
    )
    # Read, then stripped as every upload is.
    stored = image.file.read()
    assert b"Ana Ruiz" not in stored
    assert b"Photoshop 3.0" not in stored


def test_what_the_journalist_typed_wins_over_the_file(editor_client):
    data = image_data(jpeg(iptc=IPTC), credit="Photo: Our staff")

    editor_client.post(ADD_IMAGE, data)

    image = LibraryImage.objects.get()
    assert image.credit == "Photo: Our staff"
    assert image.caption == "Boats at dawn"


def test_xmp_fills_what_iptc_leaves_out():
    xmp = xmp_packet(
        creator="Jo Lens", description="Nets drying on the quay", rights="CC BY 4.0"
    )

    found = read_metadata(jpeg(xmp=xmp))

    assert found == {
        "credit": "Jo Lens",
        "caption": "Nets drying on the quay",
        "copyright": "CC BY 4.0",
    }


def test_xmp_photoshop_credit_comes_before_its_creator_and_iptc_before_both():
    xmp = xmp_packet(credit="Agency X", creator="Jo Lens")

    assert read_metadata(jpeg(xmp=xmp))["credit"] == "Agency X"
    assert read_metadata(jpeg(xmp=xmp, iptc={(2, 80): "Ana Ruiz"}))["credit"] == (
        "Ana Ruiz"
    )


def test_a_file_with_broken_or_hostile_xmp_is_read_without_it():
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&e;</x:xmpmeta>'
    )

    assert read_metadata(jpeg(xmp=hostile, iptc={(2, 110): "Photo: A"})) == {
        "credit": "Photo: A"
    }
    assert read_metadata(jpeg(xmp=b"<x:xmpmeta")) == {}


def test_several_images_are_uploaded_at_once_each_with_its_own_metadata(
    editor_client,
):
    files = [
        jpeg("one.jpg", iptc={(2, 110): "Photo: One"}),
        jpeg("two.jpg", iptc={(2, 110): "Photo: Two"}),
    ]

    response = editor_client.post(
        UPLOAD_SEVERAL, {"files": files, "source": "Agency pool"}
    )

    assert response.status_code == 302
    assert sorted(LibraryImage.objects.values_list("credit", "source")) == [
        ("Photo: One", "Agency pool"),
        ("Photo: Two", "Agency pool"),
    ]


def test_a_bad_file_among_several_is_named_and_nothing_is_stored(editor_client):
    files = [jpeg("good.jpg"), SimpleUploadedFile("notes.png", b"not an image")]

    response = editor_client.post(UPLOAD_SEVERAL, {"files": files})

    assert response.status_code == 200
    assert "notes.png: This file is not an image we accept" in (
        response.content.decode()
    )
    assert not LibraryImage.objects.exists()


# --- Finding images ---------------------------------------------------------------


def listed(client, query=""):
    page = client.get(f"{IMAGES}{query}").content.decode()
    return re.findall(r'<span class="library-alt">([^<]*)</span>', page)


def test_the_list_shows_thumbnails_and_finds_images_by_words_credit_and_date(
    editor_client,
):
    library_image(alt="Boats at dawn", credit="Photo: Ana Ruiz")
    library_image(alt="Council chamber", caption="The budget vote", credit="Pool")
    old = library_image(alt="Old harbour", source="Archive")
    LibraryImage.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - timezone.timedelta(days=400)
    )

    page = editor_client.get(IMAGES).content.decode()
    assert page.count('class="library-thumb"') == 3
    assert listed(editor_client, "?q=budget") == ["Council chamber"]
    assert listed(editor_client, "?q=harbour archive") == ["Old harbour"]
    assert listed(editor_client, "?credit=Pool") == ["Council chamber"]
    this_year = f"?uploaded_at__gte={timezone.now():%Y}-01-01"
    assert "Old harbour" not in listed(editor_client, this_year)


# --- The focal point ----------------------------------------------------------------


def test_the_focal_point_is_kept_by_cards_and_the_social_crop(
    editor_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(ADD_IMAGE, image_data(jpeg(size=(1600, 900))))
    image = LibraryImage.objects.get()
    change = reverse("admin:library_image_change", args=[image.pk])
    page = editor_client.get(change).content.decode()
    assert 'class="library-focal"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change, image_data("", focal_x="0.2", focal_y="0.7")
        )

    assert response.status_code == 302, response.context["errors"]
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.2, 0.7)
    assert image.social_crop.endswith(".social-200-700.jpg")
    article = ArticleFactory(hero_image=image)
    home = client.get("/").content.decode()
    assert 'class="card__image focus-x-2 focus-y-7"' in home
    detail = client.get(article.get_absolute_url()).content.decode()
    assert f'content="http://testserver{image.social_url}"' in detail
    assert '<meta property="og:image:width" content="1200">' in detail


def test_a_focal_point_outside_the_picture_is_refused_with_a_message(editor_client):
    response = editor_client.post(ADD_IMAGE, image_data(jpeg(), focal_x="1.5"))

    assert response.status_code == 200
    assert "less than or equal to 1" in response.content.decode()


# --- Choosing -----------------------------------------------------------------------


def test_one_library_image_is_the_hero_of_two_articles_each_in_its_own_words(
    client,
):
    image = library_image(alt="Boats at dawn", caption="The fleet.", credit="Ana Ruiz")
    first = ArticleFactory(hero_image=image)
    second = ArticleFactory(hero_image=image, hero_caption="The fleet, a year on.")

    first_page = client.get(first.get_absolute_url()).content.decode()
    second_page = client.get(second.get_absolute_url()).content.decode()

    for page in (first_page, second_page):
        assert f'src="{image.url}"' in page
        assert "srcset=" not in page or image.url in page
        assert "Ana Ruiz" in page
    assert "The fleet." in first_page
    assert "The fleet, a year on." in second_page
    assert "The fleet." not in second_page


def test_the_article_form_chooses_its_hero_from_the_library_with_a_preview(
    client,
):
    journalist = JournalistFactory()
    image = library_image(alt="Boats at dawn", credit="Photo: Ana Ruiz")
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        bylines=[journalist.author_profile],
        hero_image=image,
    )
    client.force_login(journalist)

    page = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    assert 'data-library-summary="' in page
    assert 'class="library-chosen-thumb"' in page
    assert "Photo: Ana Ruiz" in page
    # The "+" beside it opens the library's upload in a popup.
    assert f"{reverse('admin:library_image_add')}?_to_field=id&amp;_popup=1" in page
    summary = client.get(reverse("admin:library_image_summary", args=[image.pk])).json()
    assert summary["credit"] == "Photo: Ana Ruiz"
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "boats",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "hero_image",
        },
    ).json()
    assert [r["id"] for r in found["results"]] == [str(image.pk)]


def test_an_article_overrides_the_library_texts_only_where_it_says_so(
    editor_client,
):
    image = library_image(alt="Boats at dawn", caption="The fleet.", credit="Ana")
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    change = reverse("admin:articles_article_change", args=[article.pk])

    response = editor_client.post(
        change,
        admin_article_data(article, hero_image=image.pk, hero_alt="Boats, close up"),
    )

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.hero_alt_text == "Boats, close up"
    assert article.hero_caption_text == "The fleet."
    assert article.hero_credit_text == "Ana"


def test_an_author_chooses_a_portrait_from_the_library(editor_client, client):
    portrait = library_image(png_upload("ada.png", size=(300, 300)), alt="Ada")
    author = AuthorFactory(name="Ada Lens", slug="ada-lens")
    ArticleFactory(bylines=[author])
    change = reverse("admin:authors_author_change", args=[author.pk])
    data = {"name": "Ada Lens", "slug": "ada-lens", "is_active": "on"}

    response = editor_client.post(change, {**data, "avatar": portrait.pk})

    assert response.status_code == 302, response.context["errors"]
    page = client.get(author.get_absolute_url()).content.decode()
    assert f'src="{portrait.url}"' in page


# --- Deleting -----------------------------------------------------------------------


def test_deleting_an_image_in_use_is_refused_with_where_it_is_used(editor_client):
    image = library_image(alt="Boats at dawn")
    ArticleFactory(headline="Fleet returns", hero_image=image)
    ArticleFactory(headline="Harbour fees rise", hero_image=image)
    AuthorFactory(name="Ada Lens", avatar=image)

    page = editor_client.get(delete_url(image)).content.decode()
    response = editor_client.post(delete_url(image), {"post": "yes"})

    assert "is in use, so it cannot be deleted" in page
    for use in ("Fleet returns", "Harbour fees rise", "Ada Lens"):
        assert use in page
    assert response.status_code == 200  # the same refusal, nothing deleted
    assert LibraryImage.objects.filter(pk=image.pk).exists()


def test_deleting_several_refuses_all_while_any_is_in_use(editor_client):
    used = library_image(alt="In use")
    unused = library_image(alt="Spare")
    ArticleFactory(headline="Fleet returns", hero_image=used)

    response = editor_client.post(
        IMAGES,
        {
            "action": "delete_selected",
            "_selected_action": [used.pk, unused.pk],
            "post": "yes",
        },
    )

    page = response.content.decode()
    assert "Some of the selected images are in use, so none was deleted" in page
    assert "Fleet returns" in page
    assert LibraryImage.objects.count() == 2


def test_an_editor_deletes_an_image_no_one_uses(editor_client, media_root):
    image = library_image(alt="Spare")
    name = image.name

    response = editor_client.post(delete_url(image), {"post": "yes"})

    assert response.status_code == 302
    assert not LibraryImage.objects.exists()
    assert (media_root / name).exists()  # files stay, as Django leaves them


def test_journalists_upload_and_use_images_but_never_delete_one(client):
    journalist = JournalistFactory()
    client.force_login(journalist)
    image = library_image(alt="Spare")

    uploaded = client.post(ADD_IMAGE, image_data(jpeg()))
    refused = client.post(delete_url(image), {"post": "yes"})
    listing = client.get(IMAGES).content.decode()

    assert uploaded.status_code == 302
    assert LibraryImage.objects.get(alt="Fishing boats in the harbour").uploaded_by == (
        journalist
    )
    assert refused.status_code == 403
    assert LibraryImage.objects.filter(pk=image.pk).exists()
    assert 'value="delete_selected"' not in listing


def test_a_login_with_no_desk_role_cannot_reach_the_library():
    outsider = client_for(UserFactory())
    image = library_image(alt="Spare")

    assert outsider.get(IMAGES).status_code == 403
    summary = reverse("admin:library_image_summary", args=[image.pk])
    assert outsider.get(summary).status_code == 403


def test_a_picture_added_in_bulk_is_shared_whole_until_a_task_cuts_its_crop(
    django_capture_on_commit_callbacks,
):
    # An archive's import adds pictures through add_once: the crop is left
    # to a task (after commit), so the import spends no decode on it.
    photo = SimpleUploadedFile("harbour.jpg", photo_with_metadata(), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = add_once("Imported from harbour.jpg", photo, alt="The harbour")
        assert image.social_crop == ""
        assert image.social_url == image.url
        assert image.social_size == (image.width, image.height)

    for callback in callbacks:
        callback()

    image.refresh_from_db()
    assert image.social_crop.endswith(".social-500-500.jpg")
    assert image.social_size == (1200, 630)
    assert image.storage.exists(image.social_crop)

"""An image chosen in a save the desk refuses for something else is kept,
shown, and stored by the next save without being chosen again
(newsroom/held_uploads.py). Heroes and avatars are uploaded into the image
library (its own page, or its popup beside the article's or author's
chooser), so that is where a picture is kept."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article
from library.models import Image as LibraryImage
from newsroom import held_uploads
from tests.factories import EditorFactory, admin_article_data, png_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ADD_IMAGE = reverse("admin:library_image_add")
# The library's "add" page as the article form's "+" opens it (the page
# posts the two back as hidden fields).
ADD_IMAGE_POPUP = f"{ADD_IMAGE}?_to_field=id&_popup=1"
POPUP_FIELDS = {"_to_field": "id", "_popup": "1"}
ADD_ARTICLE = reverse("admin:articles_article_add")


def held_files(media_root):
    folder = media_root / held_uploads.PREFIX
    return sorted(folder.iterdir()) if folder.exists() else []


def token_in(response, field):
    found = re.search(
        rf'name="{field}-held" value="([^"]+)"', response.content.decode()
    )
    return found and found.group(1)


def image_data(**fields):
    """What the library's "add image" form posts (no file unless given)."""
    return {
        "alt": "",
        "caption": "",
        "credit": "",
        "copyright": "",
        "source": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }


def refused_with_a_hero(client, url=ADD_IMAGE, **fields):
    """A picture uploaded into the library with no alt text: refused."""
    data = image_data(
        file=png_upload("Harbour at dawn.png", size=(900, 600)), alt="", **fields
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "Describe the image for readers who cannot see it." in response.content.decode()
    )
    assert not LibraryImage.objects.exists()
    return response


def test_an_image_chosen_with_the_alt_text_missing_is_stored_by_the_next_save(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    refused = refused_with_a_hero(editor_client)

    page = refused.content.decode()
    assert "Kept from your last attempt: Harbour at dawn.png" in page
    assert 'src="data:image/webp;base64,' in page
    token = token_in(refused, "file")
    assert token

    # The journalist types the alt text and saves: no file chosen this time.
    with django_capture_on_commit_callbacks(execute=True):
        saved = editor_client.post(
            ADD_IMAGE, image_data(alt="The harbour at dawn", **{"file-held": token})
        )

    assert saved.status_code == 302, saved.context["errors"]
    image = LibraryImage.objects.get()
    assert "harbour-at-dawn-" in image.name
    with Image.open(media_root / image.name) as picture:
        assert picture.size == (900, 600)
    # Its renditions were made as for any upload.
    assert image.renditions == [128, 256, 480, 800]
    # The held copy is gone once the save committed.
    assert held_files(media_root) == []


def test_an_image_is_kept_when_only_its_focal_point_is_in_error(editor_client):
    data = image_data(file=png_upload("bridge.png"), alt="The bridge", focal_x="2")

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 200
    assert not LibraryImage.objects.exists()
    assert "Kept from your last attempt: bridge.png" in response.content.decode()


def test_a_hero_uploaded_in_the_article_forms_popup_is_kept_then_becomes_the_choice(
    editor_client, media_root
):
    refused = refused_with_a_hero(editor_client, url=ADD_IMAGE_POPUP, **POPUP_FIELDS)
    assert "Kept from your last attempt: Harbour at dawn.png" in (
        refused.content.decode()
    )

    saved = editor_client.post(
        ADD_IMAGE_POPUP,
        image_data(
            alt="The harbour",
            **{"file-held": token_in(refused, "file")},
            **POPUP_FIELDS,
        ),
    )

    # The popup hands the new library image back to the article's chooser.
    assert saved.status_code == 200
    image = LibraryImage.objects.get()
    assert "data-popup-response" in saved.content.decode()
    assert f"&quot;value&quot;: &quot;{image.pk}&quot;" in saved.content.decode()
    assert (media_root / image.name).exists()


def test_the_article_form_no_longer_takes_a_file_of_its_own(editor_client):
    # Its hero is a choice from the library: a file posted to it is ignored,
    # and nothing is held or stored for it.
    data = admin_article_data(hero_image=png_upload("stray.png"))

    response = editor_client.post(ADD_ARTICLE, data)

    assert response.status_code == 200
    assert "Kept from your last attempt" not in response.content.decode()
    assert not Article.objects.exists()


def test_a_kept_image_is_still_kept_after_a_second_refused_save(editor_client):
    first = refused_with_a_hero(editor_client)

    second = editor_client.post(
        ADD_IMAGE,
        image_data(alt="", **{"file-held": token_in(first, "file")}),
    )

    assert second.status_code == 200
    assert "Kept from your last attempt: Harbour at dawn.png" in (
        second.content.decode()
    )
    assert token_in(second, "file") == token_in(first, "file")


def test_dropping_the_kept_image_asks_for_another_file(editor_client):
    refused = refused_with_a_hero(editor_client)

    response = editor_client.post(
        ADD_IMAGE,
        image_data(
            alt="The harbour",
            **{
                "file-held": token_in(refused, "file"),
                "file-drop-held": "on",
            },
        ),
    )

    # A library image is its picture: without one there is nothing to save.
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not LibraryImage.objects.exists()


def test_choosing_another_file_replaces_the_kept_one(editor_client, media_root):
    refused = refused_with_a_hero(editor_client)

    saved = editor_client.post(
        ADD_IMAGE,
        image_data(
            alt="A ferry",
            file=png_upload("ferry.png", size=(300, 200)),
            **{"file-held": token_in(refused, "file")},
        ),
    )

    assert saved.status_code == 302
    image = LibraryImage.objects.get()
    assert image.name.split("/")[-1].startswith("ferry-")
    assert image.width == 300


def test_nobody_else_can_attach_a_kept_image_with_its_token(client, media_root):
    client.force_login(EditorFactory())
    token = token_in(refused_with_a_hero(client), "file")
    client.force_login(EditorFactory())  # a colleague, with the token

    response = client.post(ADD_IMAGE, image_data(alt="Stolen", **{"file-held": token}))

    assert response.status_code == 200
    assert "no longer available" in response.content.decode()
    assert not LibraryImage.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        # A real token's shape naming a file of the media folder.
        "eyJzdG9yZWQiOiJhdXRob3JzL3gucG5nIiwibmFtZSI6IngucG5nIn0:1abc:xyz",
    ],
)
def test_a_forged_token_attaches_nothing(editor_client, token):
    response = editor_client.post(
        ADD_IMAGE, image_data(alt="Forged", **{"file-held": token})
    )

    assert response.status_code == 200
    assert "no longer available" in response.content.decode()
    assert not LibraryImage.objects.exists()


def test_a_kept_image_is_refused_if_it_no_longer_passes_the_image_checks(
    editor_client, settings
):
    refused = refused_with_a_hero(editor_client)
    settings.NEWSROOM_UPLOAD_MAX_PIXELS = 1000

    response = editor_client.post(
        ADD_IMAGE,
        image_data(alt="Harbour", **{"file-held": token_in(refused, "file")}),
    )

    assert response.status_code == 200
    assert "900 × 600 pixels" in response.content.decode()
    assert not LibraryImage.objects.exists()


def test_a_kept_image_lasts_a_day_and_then_the_form_says_to_choose_it_again(
    editor_client, media_root
):
    refused = refused_with_a_hero(editor_client)
    token = token_in(refused, "file")

    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = editor_client.post(
            ADD_IMAGE, image_data(alt="Late", **{"file-held": token})
        )
        call_command("clear_held_uploads", verbosity=0)

    assert response.status_code == 200
    assert "no longer available" in response.content.decode()
    assert "Choose the file again" in response.content.decode()
    assert held_files(media_root) == []


def test_clearing_keeps_images_held_less_than_a_day(editor_client, media_root):
    refused_with_a_hero(editor_client)

    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        call_command("clear_held_uploads", verbosity=0)

    assert len(held_files(media_root)) == 1


def test_a_kept_image_has_no_address_a_browser_could_open(
    editor_client, client, media_root
):
    refused_with_a_hero(editor_client)
    (held,) = held_files(media_root)

    response = client.get(f"/media/{held_uploads.PREFIX}{held.name}")

    assert response.status_code == 404
    # Nor does the page name where it is kept: the thumbnail is in the page.
    assert held.name not in refused_with_a_hero(editor_client).content.decode()


def test_an_upload_that_cannot_be_kept_is_named_so_it_is_chosen_again(
    editor_client, monkeypatch
):
    def storage_down(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(held_uploads.default_storage, "save", storage_down)

    response = refused_with_a_hero(editor_client)

    assert (
        "“Harbour at dawn.png” was not kept: choose it again before you save."
        in response.content.decode()
    )


def test_a_kept_file_name_is_shown_as_text_not_markup(editor_client):
    upload = png_upload('<img src=x onerror="alert(1)">.png')

    response = editor_client.post(ADD_IMAGE, image_data(file=upload))

    page = response.content.decode()
    assert "Kept from your last attempt: &lt;img src=x" in page
    assert '<img src=x onerror="alert(1)">' not in page


def test_a_site_logo_chosen_with_a_bad_contact_address_is_stored_by_the_next_save(
    client, media_root, django_capture_on_commit_callbacks
):
    from newsroom.models import SiteSettings

    site = SiteSettings.load()
    client.force_login(EditorFactory(is_superuser=True))
    change = reverse("admin:newsroom_sitesettings_change", args=[site.pk])
    data = {"name": "The Ledger", "contact_email": "desk at ledger"}
    refused = client.post(change, {**data, "logo": png_upload("masthead.png")})
    assert refused.status_code == 200
    assert "Kept from your last attempt: masthead.png" in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            change,
            {
                **data,
                "contact_email": "desk@ledger.example",
                "logo-held": token_in(refused, "logo"),
            },
        )

    assert saved.status_code == 302
    site.refresh_from_db()
    assert site.logo.name.startswith("site/")
    assert (media_root / site.logo.name).exists()
    assert held_files(media_root) == []

"""The image library in a real browser (library/, static/js/library-*.js):
a picture uploaded once, its IPTC credit read from the file, its focal point
set by a click, chosen as the hero of two articles; the public pages show it
with srcset, caption and credit; the library refuses to delete it while it
is in use and says where. The library's pages and the article form stay
axe-clean and fit a 375-pixel phone."""

import re

import pytest
from playwright.sync_api import expect

from library.models import Image as LibraryImage
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.test_desk import log_in, pick_autocomplete
from tests.factories import ArticleFactory, EditorFactory
from tests.library_files import photo_with_metadata

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_root"),
]

PHONE = {"width": 375, "height": 812}
SIDEWAYS = "() => [document.documentElement.scrollWidth, window.innerWidth]"
IPTC = {(2, 110): "Photo: Ana Ruiz", (2, 120): "Fishing boats at dawn."}


def assert_clean_and_fits(audit_page, phone, path, axe_source):
    audit_page.goto(path)
    violations = run_axe(audit_page, axe_source)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{path}: {describe_violations(serious)}"
    phone.goto(path)
    width, screen = phone.evaluate(SIDEWAYS)
    assert width <= screen, f"{path} scrolls sideways on a phone: {width} > {screen}"


def test_an_image_uploaded_once_is_the_hero_of_two_stories_and_cannot_be_deleted(
    new_page, axe_source, console_errors
):
    editor = EditorFactory(username="ed")
    stories = [
        ArticleFactory(headline="Fleet returns to the harbour", slug="fleet-returns"),
        ArticleFactory(headline="Harbour fees to rise", slug="harbour-fees"),
    ]
    desk = new_page()
    log_in(desk, editor)

    # Uploaded once: the credit and caption come from the file's IPTC.
    desk.goto("/admin/library/image/add/")
    desk.locator("#id_file").set_input_files(
        {
            "name": "boats.jpg",
            "mimeType": "image/jpeg",
            "buffer": photo_with_metadata(iptc=IPTC, size=(1600, 900)),
        }
    )
    desk.locator("#id_alt").fill("Fishing boats moored in the harbour")
    desk.get_by_role("button", name="Save and continue editing").click()
    expect(desk.locator(".messagelist")).to_contain_text("was added successfully")
    expect(desk.locator("#id_credit")).to_have_value("Photo: Ana Ruiz")
    expect(desk.locator("#id_caption")).to_have_value("Fishing boats at dawn.")
    image = LibraryImage.objects.get()

    # The focal point: a click on the picture, low and to the left.
    picture = desk.locator(".library-focal-image")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    expect(desk.locator("#id_focal_x")).to_have_value("0.25")
    expect(desk.locator("#id_focal_y")).to_have_value("0.75")
    desk.get_by_role("button", name="Save and continue editing").click()
    expect(desk.locator(".messagelist")).to_contain_text("was changed successfully")
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.25, 0.75)

    # Chosen as the hero of both stories, by searching the library.
    for story in stories:
        desk.goto(f"/admin/articles/article/{story.pk}/change/")
        pick_autocomplete(desk, "id_hero_image", "boats", "Fishing boats")
        expect(desk.locator("#id_hero_image_preview")).to_contain_text(
            "Photo: Ana Ruiz"
        )
        desk.get_by_role("button", name="Save and continue editing").click()
        expect(desk.locator(".messagelist").first).to_contain_text("was changed")

    # Readers see it on both, responsive, with its caption and credit.
    reader = new_page()
    for story in stories:
        reader.goto(story.get_absolute_url())
        hero = reader.locator(".article__hero-image")
        expect(hero).to_have_attribute("srcset", re.compile(r"480w.*1600w"))
        expect(hero).to_have_attribute("alt", "Fishing boats moored in the harbour")
        caption = reader.locator(".article__caption")
        expect(caption).to_contain_text("Fishing boats at dawn.")
        expect(caption).to_contain_text("Photo: Ana Ruiz")
        assert hero.evaluate("image => image.complete && image.naturalWidth > 0")
    # Its cards keep the focal point in frame.
    reader.goto("/")
    expect(reader.locator(".card__image").first).to_have_class(
        re.compile("focus-x-2 focus-y-8")
    )

    # The library refuses to delete it, and says where it is used.
    desk.goto(f"/admin/library/image/{image.pk}/delete/")
    refusal = desk.locator("#content")
    expect(refusal).to_contain_text("is in use, so it cannot be deleted")
    for story in stories:
        expect(refusal.get_by_role("link", name=story.headline)).to_be_visible()
    expect(desk.get_by_role("button", name=re.compile("Yes"))).to_have_count(0)
    assert LibraryImage.objects.filter(pk=image.pk).exists()

    # axe-clean, and no sideways scrolling on a phone.
    audit_page = new_page(bypass_csp=True)
    log_in(audit_page, editor)
    phone = new_page(viewport=PHONE)
    log_in(phone, editor)
    for path in (
        "/admin/library/image/",
        "/admin/library/image/upload/",
        f"/admin/library/image/{image.pk}/change/",
        f"/admin/library/image/{image.pk}/delete/",
        f"/admin/articles/article/{stories[0].pk}/change/",
    ):
        assert_clean_and_fits(audit_page, phone, path, axe_source)
    assert not csp_violations(console_errors)

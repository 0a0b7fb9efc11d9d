"""Library images inside a section body, in a real browser (issue 13's
image-library acceptance): a picture uploaded once, from the section body's
"Library image" dialog through the library's add page, goes inline into a
story with its own caption, and is the hero of two others; the readers'
pages show it with srcset, caption and credit; the library refuses to
delete it and lists all three stories. The desk form with the dialog open
and the reader's page stay axe-clean and fit a 375-pixel phone."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Section
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


def assert_axe_clean(page, axe_source, what):
    violations = run_axe(page, axe_source)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{what}: {describe_violations(serious)}"


def assert_fits(page, what):
    width, screen = page.evaluate(SIDEWAYS)
    assert width <= screen, f"{what} scrolls sideways on a phone: {width} > {screen}"


def open_dialog(page):
    page.locator("#sections-0 .prose-menubar__button[title='Library image']").click()
    dialog = page.get_by_role("dialog", name="Library image")
    expect(dialog).to_be_visible()
    return dialog


def test_an_image_uploaded_from_the_body_dialog_is_inline_and_a_hero_and_kept(
    new_page, axe_source, console_errors
):
    editor = EditorFactory(username="ed")
    heroes = [
        ArticleFactory(headline="Fleet returns to the harbour", slug="fleet-returns"),
        ArticleFactory(headline="Harbour fees to rise", slug="harbour-fees"),
    ]
    inline = ArticleFactory(
        headline="A morning on the quay", slug="morning-quay", with_parts=True
    )
    desk = new_page()
    log_in(desk, editor)

    # In the third story's first section: the dialog finds nothing yet, so
    # the picture is uploaded into the library from it, once.
    desk.goto(f"/admin/articles/article/{inline.pk}/change/")
    body = desk.locator("#sections-0 .ProseMirror")
    body.locator("p").last.click()
    desk.keyboard.press("Control+End")
    dialog = open_dialog(desk)
    expect(dialog.get_by_role("status")).to_contain_text("No image found")
    expect(dialog.get_by_role("alert")).to_be_hidden()
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        re.compile("Choose an image first")
    )
    with desk.expect_popup() as opened:
        dialog.get_by_role("button", name="Upload a new image").click()
    popup = opened.value
    popup.locator("#id_file").set_input_files(
        {
            "name": "boats.jpg",
            "mimeType": "image/jpeg",
            "buffer": photo_with_metadata(iptc=IPTC, size=(1600, 900)),
        }
    )
    popup.locator("#id_alt").fill("Fishing boats moored in the harbour")
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")
    image = LibraryImage.objects.get()
    assert image.credit == "Photo: Ana Ruiz"  # read from the file

    # The new picture is found and chosen; this story gives its own caption.
    chosen = dialog.get_by_role("button", name=re.compile("Fishing boats moored"))
    expect(chosen).to_have_attribute("aria-pressed", "true")
    dialog.get_by_label(re.compile("Caption for this use")).fill(
        "The first boats back, at six."
    )
    with desk.expect_request(re.compile(r"/library/image/search/")):
        dialog.get_by_label(re.compile("Search the library")).fill("boats")
    expect(
        dialog.get_by_role("button", name=re.compile("Fishing boats"))
    ).to_have_count(1)
    audit = new_page(bypass_csp=True)
    log_in(audit, editor)

    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog).to_have_count(0)
    card = body.locator("figure.library-image-card")
    expect(card).to_contain_text("The first boats back, at six.")
    expect(card.locator("img")).to_have_attribute("src", image.thumbnail_url)
    desk.get_by_role("button", name="Save and continue editing").click()
    expect(desk.locator(".messagelist").first).to_contain_text("was changed")
    stored = Section.objects.filter(article=inline).order_by("position").first().body
    assert f'<figure data-library-image="{image.pk}">' in stored
    assert "<figcaption>The first boats back, at six.</figcaption>" in stored

    # The hero of the two others, chosen from the library.
    for story in heroes:
        desk.goto(f"/admin/articles/article/{story.pk}/change/")
        pick_autocomplete(desk, "id_hero_image", "boats", "Fishing boats")
        desk.get_by_role("button", name="Save and continue editing").click()
        expect(desk.locator(".messagelist").first).to_contain_text("was changed")

    # Readers see it inline, responsive, with this story's caption and the
    # library's credit; and as the others' hero.
    reader = new_page()
    reader.goto(inline.get_absolute_url())
    figure = reader.locator(".article-section figure.inline-image")
    picture = figure.locator("img")
    expect(picture).to_have_attribute("srcset", re.compile(r"480w.*1600w"))
    expect(picture).to_have_attribute("alt", "Fishing boats moored in the harbour")
    expect(picture).to_have_attribute("loading", "lazy")
    expect(figure.locator("figcaption")).to_contain_text("The first boats back")
    expect(figure.locator("figcaption")).to_contain_text("Photo: Ana Ruiz")
    picture.scroll_into_view_if_needed()
    reader.wait_for_function(
        "image => image.complete && image.naturalWidth > 0",
        arg=picture.element_handle(),
    )
    for story in heroes:
        reader.goto(story.get_absolute_url())
        expect(reader.locator(".article__hero-image")).to_have_attribute(
            "srcset", re.compile(r"480w.*1600w")
        )

    # The library refuses to delete it and names all three stories.
    desk.goto(f"/admin/library/image/{image.pk}/delete/")
    refusal = desk.locator("#content")
    expect(refusal).to_contain_text("is in use, so it cannot be deleted")
    for story in [*heroes, inline]:
        expect(refusal.get_by_role("link", name=story.headline)).to_be_visible()
    expect(desk.get_by_role("button", name=re.compile("Yes"))).to_have_count(0)
    assert LibraryImage.objects.filter(pk=image.pk).exists()

    # axe-clean with the dialog open, and on the reader's page; on a phone,
    # neither the dialog nor the page scrolls sideways.
    phone = new_page(viewport=PHONE)
    log_in(phone, editor)
    for page in (audit, phone):
        page.goto(f"/admin/articles/article/{inline.pk}/change/")
        dialog = open_dialog(page)
        expect(
            dialog.get_by_role("button", name=re.compile("Fishing boats"))
        ).to_be_visible()
    assert_axe_clean(audit, axe_source, "the desk form with the dialog open")
    assert_fits(phone, "the desk form with the dialog open")
    box = phone.get_by_role("dialog", name="Library image").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    audit.goto(inline.get_absolute_url())
    assert_axe_clean(audit, axe_source, "the reader's page")
    phone.goto(inline.get_absolute_url())
    assert_fits(phone, "the reader's page")
    assert not csp_violations(console_errors)

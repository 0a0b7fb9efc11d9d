"""The newsroom desk in a real browser: a story goes from a journalist's draft
through review to the reader, every step through the admin's own UI."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.audit import csp_violations
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def log_in(page, user):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def pick_autocomplete(page, field_id, typed, choice):
    """Chooses in the admin's select2 autocomplete widget as a user does:
    open it, type, pick the match the server suggests."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=choice).click()
    expect(page.locator(f"#select2-{field_id}-container")).to_have_text(
        re.compile(choice)
    )


def png_bytes(size=(1200, 675)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


# Selects the last occurrence of a text in an element's last text node.
SELECT_LAST = """([selector, text]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node, last = null;
  while ((node = walker.nextNode())) last = node;
  const start = last.data.lastIndexOf(text);
  const range = document.createRange();
  range.setStart(last, start);
  range.setEnd(last, start + text.length);
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


def type_section(page, index, subheading, words):
    """Fills a section row; ``words`` are typed into the rich-text editor, a
    ``("bold", text)`` pair as bold (Ctrl+B), a ``("link", text, url)`` one
    through the editor's link dialog."""
    page.locator(f"#id_sections-{index}-subheading").fill(subheading)
    page.locator(f"#sections-{index} .ProseMirror").click()
    for word in words:
        if isinstance(word, str):
            page.keyboard.type(word)
        elif word[0] == "bold":
            page.keyboard.press("Control+b")
            page.keyboard.type(word[1])
            page.keyboard.press("Control+b")
        else:
            _, text, url = word
            section = page.locator(f"#sections-{index}")
            page.keyboard.type(text)
            expect(section.locator(".ProseMirror")).to_contain_text(text)
            # Selected as a reader's mouse would, on the words just typed:
            # arrow keys on a loaded machine sometimes lost a step. The
            # editor learns of a selection from the browser's selectionchange
            # event, which comes later: wait for it, or the link would wrap
            # whatever was selected before.
            page.evaluate(SELECT_LAST, [f"#sections-{index} .ProseMirror", text])
            page.wait_for_function(
                "text => document.getSelection().toString() === text", arg=text
            )
            page.wait_for_timeout(100)
            section.get_by_role("button", name="insert link").click()
            dialog = page.locator("dialog.prose-editor-dialog")
            dialog.locator("input").first.fill(url)
            dialog.locator("button[type=submit]").click()
            expect(dialog).to_have_count(0)
            expect(section.locator(".ProseMirror a")).to_have_text(text)
            page.keyboard.press("End")


def action_form(page, action):
    return page.locator(f"form.desk-action[data-action='{action}']")


def test_journalist_writes_and_submits_editor_approves_reader_sees(
    new_page, screenshot_dir, console_errors
):
    CategoryFactory(name="World", slug="world")
    journalist = JournalistFactory(username="jo")
    editor = EditorFactory(username="ed")
    headline = "Harbour bridge reopens after repairs"

    # The journalist drafts the story.
    desk = new_page()
    log_in(desk, journalist)
    desk.goto("/admin/articles/article/add/")
    desk.get_by_label("Headline").press_sequentially(headline)
    # The slug follows the headline (the admin's prepopulate script).
    expect(desk.locator("#id_slug")).to_have_value(
        "harbour-bridge-reopens-after-repairs"
    )
    desk.locator("#id_dek").fill("Traffic returns to the crossing after a month.")
    # The hero goes into the image library from the "+" beside its chooser,
    # and comes back chosen.
    with desk.expect_popup() as opened:
        desk.locator("#add_id_hero_image").click()
    library = opened.value
    library.locator("#id_file").set_input_files(
        {"name": "bridge.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    library.locator("#id_alt").fill("The bridge at dawn")
    library.locator("#id_credit").fill("Photo: Jo")
    library.get_by_role("button", name="Save", exact=True).click()
    library.wait_for_event("close")
    expect(desk.locator("#id_hero_image_preview")).to_contain_text("Photo: Jo")
    desk.locator("#id_hero_caption").fill("The bridge on its first morning.")
    pick_autocomplete(desk, "id_category", "Wor", "World")
    desk.locator("#id_tags").fill("Harbour, Transport")
    desk.locator("#id_summary").fill("The bridge is open again.")
    type_section(
        desk,
        0,
        "What changed",
        ["The deck was ", ("bold", "fully replaced"), " over the summer."],
    )
    for index, subheading in ((1, "Who paid"), (2, "What comes next")):
        desk.get_by_text("Add another Section").click()
        words = (
            ["The city paid, says ", ("link", "the council", "https://example.com/")]
            if index == 1
            else ["Tolls end in spring."]
        )
        type_section(desk, index, subheading, words)
    desk.locator("#id_key_points-0-text").fill("The bridge is open to all traffic.")
    desk.locator("#id_faqs-0-question").fill("Is there a toll?")
    desk.locator("#id_faqs-0-answer").fill("Not until spring.")
    desk.get_by_role("button", name="Save and continue editing").click()

    expect(desk.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="harbour-bridge-reopens-after-repairs")
    assert article.status == Article.Status.DRAFT
    assert article.category.slug == "world"
    assert sorted(article.tags.names()) == ["Harbour", "Transport"]
    bodies = [section.body for section in article.sections.all()]
    assert len(bodies) == 3
    assert "<strong>fully replaced</strong>" in bodies[0]
    assert 'href="https://example.com/"' in bodies[1]
    assert article.hero_image
    desk.screenshot(path=screenshot_dir / "desk-article-editor.png", full_page=True)

    action_form(desk, "submit").get_by_role("button").click()
    expect(desk.locator(".messagelist")).to_contain_text("submitted")
    expect(desk.locator(".desk-workflow__status")).to_contain_text("In review")
    desk.goto("/admin/articles/article/")
    expect(desk.get_by_role("link", name=headline)).to_be_visible()
    desk.screenshot(path=screenshot_dir / "desk-article-list.png", full_page=True)
    desk.get_by_role("link", name=headline).click()

    # The editor asks for a change, with a note.
    review = new_page()
    log_in(review, editor)
    review.goto(f"/admin/articles/article/{article.pk}/change/")
    changes = action_form(review, "request_changes")
    changes.get_by_role("textbox").fill("Name the contractor, please.")
    changes.get_by_role("button", name="Request changes").click()
    expect(review.locator(".desk-workflow__status")).to_contain_text(
        "Changes requested"
    )

    # The journalist sees the note on the desk, revises and resubmits.
    desk.reload()
    expect(desk.locator(".desk-workflow__status")).to_contain_text("Changes requested")
    expect(desk.get_by_text("Name the contractor, please.")).to_be_visible()
    desk.locator("#id_dek").fill("Harbour Works Ltd finished the job a month early.")
    desk.get_by_role("button", name="Save and continue editing").click()
    expect(desk.locator(".messagelist")).to_contain_text("was changed successfully")
    action_form(desk, "submit").get_by_role("button").click()
    expect(desk.locator(".desk-workflow__status")).to_contain_text("In review")

    # A reader cannot see it yet.
    reader = new_page()
    assert reader.goto(article.get_absolute_url()).status == 404

    # The editor approves it to go live a few minutes ahead (the form takes
    # hours and minutes, in the newsroom's zone); wide enough that a slow
    # machine still checks the 404s below before that time comes.
    publish_at = (timezone.localtime() + timedelta(minutes=5)).replace(
        second=0, microsecond=0
    )
    review.reload()
    approve = action_form(review, "approve")
    approve.get_by_label("Go live on").fill(f"{publish_at:%Y-%m-%d}")
    approve.get_by_label("at", exact=True).fill(f"{publish_at:%H:%M}")
    approve.get_by_role("button", name="Approve and publish").click()
    expect(review.locator(".messagelist")).to_contain_text("scheduled to go live")

    # Until then the reader does not see it, not even on its category page.
    assert reader.goto(article.get_absolute_url()).status == 404
    reader.goto("/world/")
    expect(reader.locator("main")).not_to_contain_text(headline)

    # The clock moves on (in the server too: the same process); no command
    # or worker has to run for the article to appear.
    with time_machine.travel(publish_at + timedelta(seconds=5), tick=True):
        reader.goto("/")
        expect(
            reader.locator("main").get_by_role("link", name=headline).first
        ).to_be_visible()
        reader.goto("/world/")
        reader.locator("main").get_by_role("link", name=headline).first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(headline)
        main = reader.locator("main")
        expect(main.locator(".article__dek")).to_contain_text("Harbour Works Ltd")
        expect(main.get_by_role("img", name="The bridge at dawn")).to_be_visible()
        expect(main.locator(".prose strong")).to_have_text("fully replaced")
        expect(main.get_by_role("link", name="the council")).to_have_attribute(
            "href", "https://example.com/"
        )
        expect(
            main.get_by_role("cell", name="The bridge is open to all traffic.")
        ).to_be_visible()
        expect(main.get_by_text("Is there a toll?")).to_be_visible()
        expect(main.get_by_role("link", name="Transport", exact=True)).to_be_visible()

        # Found again through the search overlay, by keyboard.
        toggle = reader.locator("[data-search-toggle]")
        toggle.focus()
        reader.keyboard.press("Enter")
        # Type only once the overlay has focused its box, or keys are lost.
        expect(reader.get_by_role("searchbox", name="Search articles")).to_be_focused()
        reader.keyboard.type("bridge")
        reader.keyboard.press("Enter")
        expect(reader).to_have_url(re.compile(r"/search/\?q=bridge"))
        results = reader.locator("main")
        results.get_by_role("link", name=headline).first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(headline)

        reader.locator("main .article__byline a").first.click()
        expect(reader).to_have_url(re.compile(r"/author/"))
        expect(
            reader.locator("main").get_by_role("link", name=headline).first
        ).to_be_visible()

    # Every page above ran under the site's Content-Security-Policy (the
    # admin's rich-text editor and autocomplete included): nothing refused.
    assert not csp_violations(console_errors)


def test_second_save_from_a_stale_form_is_refused_and_keeps_the_typed_text(new_page):
    """Two desk windows on one article change the same field: the later save
    does not silently overwrite the earlier one, and loses nothing the
    person typed; keeping their own version is a deliberate choice."""
    editor = EditorFactory(username="ed", first_name="Eda", last_name="Editor")
    article = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, headline="Original"
    )
    change_url = f"/admin/articles/article/{article.pk}/change/"
    first, second = new_page(), new_page()
    for window in (first, second):
        log_in(window, editor)
        window.goto(change_url)

    first.locator("#id_headline").fill("First window's headline")
    first.get_by_role("button", name="Save and continue editing").click()
    expect(first.locator(".messagelist").first).to_contain_text(
        "was changed successfully"
    )

    second.locator("#id_headline").fill("Second window's headline")
    second.get_by_role("button", name="Save and continue editing").click()
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.get_by_text("after you opened it")).to_be_visible()
    expect(second.locator("#id_headline")).to_have_value("Second window's headline")
    article.refresh_from_db()
    assert article.headline == "First window's headline"

    # Told whose work it replaces, keeping their own is a deliberate choice.
    second.locator(".desk-merge").get_by_label("Keep yours").check()
    second.get_by_role("button", name="Save and continue editing").click()
    expect(second.locator(".messagelist").first).to_contain_text(
        "was changed successfully"
    )
    article.refresh_from_db()
    assert article.headline == "Second window's headline"


def test_shareable_preview_link_opens_for_a_logged_out_reader(new_page):
    editor = EditorFactory(username="ed")
    article = ArticleFactory(
        status=Article.Status.IN_REVIEW, published_at=None, headline="Not yet out"
    )
    desk = new_page()
    log_in(desk, editor)
    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    desk.get_by_role("button", name="Make a shareable link").click()
    link = desk.get_by_label("Preview link").first.input_value()

    outsider = new_page()
    outsider.goto(link)
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Not yet out")
    expect(outsider.get_by_text("Preview — not published")).to_be_visible()
    # The article itself is still hidden from readers.
    assert outsider.goto(article.get_absolute_url()).status == 404

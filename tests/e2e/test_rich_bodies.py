"""Rich section bodies in a real browser: a journalist makes a subheading, a
list, a pull quote, a table and an embed in the desk's editor; the reader's
page shows them, and the embed asks nothing of its provider until the reader
presses "Load"."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.test_desk import log_in
from tests.e2e.test_desk_writing import server_words
from tests.factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
PROVIDER_HOSTS = re.compile(r"youtube|ytimg|googlevideo|doubleclick|google")
SIDEWAYS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def menu_button(page, title):
    return page.locator(f"#sections-0 .prose-menubar__button[title='{title}']")


def embed_through_the_dialog(page, url):
    menu_button(page, "Embed a post").click()
    page.get_by_label(re.compile("Address of the post")).fill(url)
    page.locator("dialog").get_by_role("button", name="Embed", exact=True).click()


def write_rich_body(page):
    """Types each kind of element into the first section, as a journalist
    does: markdown-like shortcuts, then the toolbar's buttons."""
    body = page.locator("#sections-0 .ProseMirror")
    body.locator("p").last.click()
    page.keyboard.press("Control+End")
    # Typed text settles the editor's caret where the browser put it, before
    # Enter (handled by the editor from its own idea of the caret) splits.
    page.keyboard.type(" It reopens today.")
    page.keyboard.press("Enter")
    # The editor reads typed text a moment after the browser has shown it, so
    # each shortcut is seen to take effect before the next key: a fast typist's
    # Enter must not land while "### " is still plain text.
    page.keyboard.type("### ")
    expect(body.locator("h3")).to_have_count(1)
    page.keyboard.type("Where the money went")
    expect(body.locator("h3")).to_have_text("Where the money went")
    page.keyboard.press("Enter")
    page.keyboard.type("- ")
    expect(body.locator("ul li")).to_have_count(1)
    page.keyboard.type("Repairs to the deck")
    expect(body.locator("ul li")).to_have_text("Repairs to the deck")
    page.keyboard.press("Enter")
    expect(body.locator("ul li")).to_have_count(2)
    page.keyboard.type("New lighting")
    expect(body.locator("ul li").last).to_have_text("New lighting")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    menu_button(page, "Pull quote").click()
    page.keyboard.type("We will not close it again.")
    page.keyboard.press("Enter")
    menu_button(page, "Pull quote").click()  # the empty line leaves the quote

    # Not on the allowlist: refused at once, with the reason, nothing inserted.
    embed_through_the_dialog(page, "https://youtube.com.evil.example/watch?v=x")
    expect(page.locator("#sections-0").get_by_role("alert")).to_contain_text(
        "Links from youtube.com.evil.example cannot be embedded"
    )
    expect(body.locator("figure")).to_have_count(0)

    embed_through_the_dialog(page, VIDEO)
    expect(body.locator("figure.embed")).to_have_count(1)
    expect(page.locator(".embed-refused")).to_have_count(0)

    menu_button(page, "Insert table").click()
    page.get_by_label("Rows").fill("2")
    page.get_by_label("Columns").fill("2")
    # Header cells unless the journalist says otherwise.
    expect(page.get_by_label("Include header row")).to_have_value("Yes")
    page.locator("dialog").get_by_role("button", name="Insert Table").click()
    for n, text in enumerate(("Year", "Cost", "2024", "£3m")):
        if n:
            page.keyboard.press("Tab")  # the next cell (past the last: a new row)
        page.keyboard.type(text)


def test_a_rich_body_written_at_the_desk_reaches_the_reader_and_loads_on_request(
    new_page, console_errors
):
    article = ArticleFactory(with_parts=True, headline="Harbour bridge reopens")
    desk = new_page()
    log_in(desk, EditorFactory())
    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    write_rich_body(desk)
    desk.get_by_role("button", name="Save and continue editing").click()
    expect(desk.get_by_text("was changed successfully")).to_be_visible()

    stored = Article.objects.get(pk=article.pk).sections.first().body
    assert "<h3>Where the money went</h3>" in stored
    assert "<li><p>Repairs to the deck</p></li>" in stored
    assert '<blockquote class="pull-quote"><p>We will not close it again.' in stored
    assert f'<figure class="embed" data-embed-url="{VIDEO}">' in stored, stored
    assert re.search(r"<th[^>]*><p>Year</p></th>", stored)
    assert "evil.example" not in stored
    # The desk's live count agrees with the server's: words in headings and
    # cells, nothing of the markup or the embedded address.
    expect(desk.locator("#desk-writing-words")).to_contain_text(
        f"{server_words(article)} words"
    )

    # The reader, with a log of every request the page makes; the provider's
    # player is answered here (no network in tests) once it is asked for.
    reader = new_page()
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    reader.route(
        re.compile(r"^https://www\.youtube-nocookie\.com/"),
        lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><title>Player</title>"
        ),
    )
    reader.goto(article.get_absolute_url())
    prose = reader.locator(".article-section").first
    expect(prose.get_by_role("heading", level=3)).to_have_text("Where the money went")
    expect(
        prose.get_by_role("listitem").filter(has_text="New lighting")
    ).to_be_visible()
    expect(prose.locator("blockquote.pull-quote")).to_contain_text("We will not close")
    expect(prose.get_by_role("columnheader", name="Year")).to_be_visible()
    expect(prose.get_by_role("cell", name="£3m")).to_be_visible()

    embed = prose.locator("figure.embed")
    expect(embed).to_contain_text("YouTube")
    expect(embed.get_by_role("link", name=re.compile("YouTube"))).to_have_attribute(
        "href", VIDEO
    )
    load = embed.get_by_role("button", name="Load content from YouTube")
    expect(load).to_be_visible()
    reader.wait_for_load_state("networkidle")
    assert not [url for url in requests if PROVIDER_HOSTS.search(url)], requests
    expect(embed.locator("iframe")).to_have_count(0)

    # The player is asked for only now; wait for that request itself (the
    # page was idle before the click, so "networkidle" would not wait).
    with reader.expect_request(PLAYER):
        load.click()
    frame = embed.locator("iframe")
    expect(frame).to_have_attribute("src", PLAYER)
    expect(frame).to_have_attribute("title", "Video from YouTube")
    expect(embed.get_by_role("link", name=re.compile("YouTube"))).to_be_visible()
    reader.wait_for_load_state("networkidle")
    # Only the player's own origin: nothing else of the provider's.
    assert {url.split("/")[2] for url in requests if PROVIDER_HOSTS.search(url)} == {
        "www.youtube-nocookie.com"
    }
    assert not csp_violations(console_errors), console_errors


def rich_article():
    wide_table = (
        "<table><tbody><tr>"
        + "".join(f"<th><p>Column heading {n}</p></th>" for n in range(8))
        + "</tr><tr>"
        + "".join(f"<td><p>A long cell value {n}</p></td>" for n in range(8))
        + "</tr></tbody></table>"
    )
    article = ArticleFactory(with_parts=True)
    section = article.sections.first()
    section.body = (
        "<p>Lead.</p><h3>Where the money went</h3>"
        "<ul><li><p>Repairs</p></li></ul>"
        '<blockquote class="pull-quote"><p>We will not close it again.</p></blockquote>'
        f'<figure class="embed" data-embed-url="{VIDEO}"></figure>'
        '<figure class="embed" data-embed-url="https://mastodon.social/@desk/1234"></figure>'
        f"{wide_table}"
    )
    section.save()
    return article


def test_the_rich_body_passes_axe_and_fits_a_phone(axe_violations, new_page):
    article = rich_article()

    violations = axe_violations(article.get_absolute_url())
    assert not violations, describe_violations(violations)

    phone = new_page(viewport={"width": 375, "height": 812}, is_mobile=True)
    phone.goto(article.get_absolute_url())
    scroll, inner = phone.evaluate(SIDEWAYS)
    assert scroll <= inner, f"the article scrolls sideways: {scroll}px at {inner}px"
    # The wide table scrolls inside its own box, which the keyboard reaches.
    box = phone.locator(".table-scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    box.focus()
    phone.keyboard.press("ArrowRight")
    expect(box).to_be_focused()
    # A Mastodon post has no player we may frame: a link, no button.
    mastodon = phone.locator("figure.embed--mastodon")
    expect(mastodon.get_by_role("link")).to_have_attribute(
        "href", "https://mastodon.social/@desk/1234"
    )
    expect(mastodon.get_by_role("button")).to_have_count(0)


def test_the_desk_editor_with_a_rich_body_passes_axe_and_fits_a_phone(
    new_page, axe_source
):
    article = rich_article()
    page = new_page(bypass_csp=True)
    log_in(page, EditorFactory())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#sections-0 .ProseMirror figure.embed")).to_have_count(2)
    expect(
        page.locator("#sections-0 .ProseMirror blockquote.pull-quote")
    ).to_have_count(1)

    # A toolbar button that cannot act now is announced as unavailable.
    undo = page.locator("#sections-0 .prose-menubar__button[title='undo']")
    expect(undo).to_have_attribute("aria-disabled", "true")
    page.locator("#sections-0 .ProseMirror p").first.click()
    page.keyboard.type(" More.")
    expect(undo).not_to_have_attribute("aria-disabled", "true")

    violations = [
        violation
        for violation in run_axe(page, axe_source)
        if violation["impact"] in ("serious", "critical")
    ]
    assert not violations, describe_violations(violations)

    page.set_viewport_size({"width": 375, "height": 812})
    scroll, inner = page.evaluate(SIDEWAYS)
    assert scroll <= inner, f"the change form scrolls sideways: {scroll}px at {inner}px"

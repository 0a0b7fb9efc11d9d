"""Notes on the story in a real browser (static/js/desk-notes.js): an editor
leaves a note on a section mentioning the bylined journalist, chosen from the
@ autocomplete, without losing an unsaved edit; the journalist gets the mail
(the queued task run by the database backend's worker), finds the note on
the desk home, replies to it and resolves it on a phone; the desk list
counts the open note, then no longer. The panel and the desk home stay
axe-clean and fit a 375 px screen."""

import re

import pytest
from django.core import mail
from django.db import transaction
from playwright.sync_api import expect

from articles.models import Article, Note
from tests import task_worker
from tests.e2e.audit import (
    WCAG_AA_TAGS,
    csp_violations,
    describe_violations,
    run_axe,
)
from tests.e2e.test_desk import log_in
from tests.factories import ArticleFactory, EditorFactory, JournalistFactory, add_parts
from tests.task_worker import run_the_worker

pytestmark = pytest.mark.django_db(transaction=True)

database_tasks = task_worker.database_tasks  # a fixture here too

PHONE = {"width": 375, "height": 812}
SIDEWAYS = "() => [document.documentElement.scrollWidth, window.innerWidth]"
CHANGELIST = "/admin/articles/article/"


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def notes_violations(page, axe_source):
    """axe-core's WCAG 2.2 A/AA findings, of any impact, in the notes panel
    and the markers beside the fields and parts."""
    page.evaluate(axe_source)
    context = {"include": [["#desk-notes"], [".desk-note-marker"]]}
    options = {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}}
    return page.evaluate(
        "([context, options]) => axe.run(context, options)", [context, options]
    )["violations"]


def assert_no_sideways_scroll(page):
    width, screen = page.evaluate(SIDEWAYS)
    assert width <= screen, f"the page scrolls sideways: {width} > {screen}"


def test_a_mention_reaches_the_journalist_who_replies_and_resolves_it(
    new_page, axe_source, console_errors, database_tasks, screenshot_dir
):
    editor = EditorFactory(username="ed", first_name="Eda", last_name="Chief")
    journalist = JournalistFactory(
        username="sam", first_name="Sam", last_name="Reporter", email="sam@example.com"
    )
    article = ArticleFactory(
        headline="Harbour wall rebuilt",
        status=Article.Status.DRAFT,
        published_at=None,
        bylines=[journalist.author_profile],
    )
    add_parts(article, sections=2, key_points=1, faqs=1)
    section = article.sections.order_by("position").first()
    change = f"/admin/articles/article/{article.pk}/change/"

    # The editor, under the desk's real CSP, with an unsaved headline edit.
    eda = new_page()
    log_in(eda, editor)
    eda.goto(change)
    eda.locator("#id_headline").fill("Harbour wall rebuilt after the storm")
    eda.get_by_label("On", exact=True).select_option(f"section:{section.pk}")
    box = eda.get_by_label("Note", exact=True)
    box.click()
    box.press_sequentially("@Sa")
    eda.get_by_role("option", name="Sam Reporter (@sam)").click()
    box.press_sequentially("can you source the quote in this section?")
    expect(box).to_have_value("@sam can you source the quote in this section?")
    eda.get_by_role("button", name="Add note").click()

    expect(eda.locator("[data-notes-status]")).to_have_text(
        "Note added; Sam Reporter will get an e-mail."
    )
    expect(box).to_have_value("")
    # The unsaved edit is still in the form, and the section has its marker.
    expect(eda.locator("#id_headline")).to_have_value(
        "Harbour wall rebuilt after the storm"
    )
    expect(eda.locator("#sections-0 .desk-note-marker")).to_have_text("1 open note")
    thread = eda.locator(".desk-note").first
    expect(thread).to_contain_text("Eda Chief on section: Subheading 1")
    expect(thread.locator(".desk-note__mention")).to_have_text("@sam")
    eda.locator("#desk-notes").screenshot(path=screenshot_dir / "desk-notes.png")
    eda.locator("#sections-0").screenshot(path=screenshot_dir / "desk-notes-marker.png")

    # The mail waits in the queue until a worker sends it.
    assert not mail.outbox
    # The worker claims its tasks with SELECT ... FOR UPDATE, which
    # PostgreSQL allows only in a transaction (this test runs without one).
    with transaction.atomic():
        run_the_worker()
    [message] = mail.outbox
    assert message.to == ["sam@example.com"]
    assert "can you source the quote in this section?" in message.body
    assert "Harbour wall rebuilt" in message.subject
    note = Note.objects.get()

    # The change page with the panel open: the desk's standard (no serious
    # or critical finding), and nothing at all in the notes.
    audit = new_page(bypass_csp=True)
    log_in(audit, editor)
    audit.goto(f"{change}#desk-notes")
    expect(audit.locator(".desk-note")).to_have_count(1)
    violations = run_axe(audit, axe_source)
    assert not serious(violations), describe_violations(serious(violations))
    violations = notes_violations(audit, axe_source)
    assert not violations, describe_violations(violations)

    # The desk list counts the open note.
    eda.goto(CHANGELIST)
    row = eda.get_by_role("row").filter(has_text="Harbour wall rebuilt")
    expect(row.get_by_role("link", name="1 open note")).to_be_visible()

    # The journalist, on a phone: the mention on the desk home, axe-clean.
    sams = new_page(viewport=PHONE, bypass_csp=True)
    log_in(sams, journalist)
    mentions = sams.locator("#desk-mentions")
    expect(mentions).to_contain_text("can you source the quote")
    assert_no_sideways_scroll(sams)
    violations = run_axe(sams, axe_source)
    assert not serious(violations), describe_violations(serious(violations))

    mentions.get_by_role("link", name="Harbour wall rebuilt").click()
    expect(sams).to_have_url(re.compile(rf"/change/#note-{note.pk}$"))
    panel = sams.locator("#desk-notes")
    expect(panel).to_contain_text("can you source the quote")
    assert_no_sideways_scroll(sams)
    violations = notes_violations(sams, axe_source)
    assert not violations, describe_violations(violations)

    sams.screenshot(path=screenshot_dir / "desk-notes-phone.png", full_page=False)

    # Reply, then resolve.
    panel.get_by_text("Reply", exact=True).click()
    reply = sams.get_by_label("Your reply")
    reply.press_sequentially("Sourced: it was the harbour master. @Ed")
    sams.get_by_role("option", name="Eda Chief (@ed)").click()
    expect(reply).to_have_value("Sourced: it was the harbour master. @ed ")
    panel.get_by_role("button", name="Send reply").click()
    expect(panel.locator(".desk-note__reply")).to_contain_text(
        "Sourced: it was the harbour master. @ed"
    )
    expect(sams.locator("[data-notes-status]")).to_have_text(
        "Note added; Eda Chief will get an e-mail."
    )
    panel.get_by_role("button", name=re.compile("^Resolve")).click()
    expect(sams.locator("[data-notes-status]")).to_have_text("Note resolved.")
    expect(panel.locator(f"#note-{note.pk}")).to_be_hidden()
    expect(sams.locator("#sections-0 .desk-note-marker")).to_have_count(0)
    # Resolved notes can still be read.
    panel.get_by_role("button", name="Show resolved notes").click()
    expect(panel.locator(f"#note-{note.pk}")).to_contain_text(
        "Resolved by Sam Reporter"
    )
    violations = notes_violations(sams, axe_source)
    assert not violations, describe_violations(violations)

    # The reply's mention reached the editor.
    mail.outbox.clear()
    with transaction.atomic():
        run_the_worker()
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "Sourced: it was the harbour master. @ed" in message.body

    # Off the editor's list, and off the journalist's desk home.
    eda.goto(CHANGELIST)
    expect(
        eda.get_by_role("row").filter(has_text="Harbour wall rebuilt")
    ).to_be_visible()
    expect(eda.get_by_role("link", name=re.compile("open note"))).to_have_count(0)
    sams.goto("/admin/")
    expect(sams.locator("#desk-mentions")).to_contain_text("No open notes mention you.")
    assert not csp_violations(console_errors)

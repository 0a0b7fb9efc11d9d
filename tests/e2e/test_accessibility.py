"""axe-core in Chromium: the reader's pages pass WCAG 2.2 A/AA with no violations."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Correction
from newsletter import tokens
from newsletter.models import Subscriber
from newsroom.models import SitePage
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_pages_have_no_wcag_aa_violations(axe_violations):
    article = make_story()
    SitePage.objects.create(
        slug=SitePage.Kind.ABOUT,
        title="About Us",
        intro="Who we are.",
        body="<p>An independent newsroom, <a href='/subscribe/'>read daily</a>.</p>",
    )
    author = article.byline_authors[0]
    reader = Subscriber.objects.create(email="reader@example.com")
    pages = {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "author": author.get_absolute_url(),
        "tag": "/tag/harbour/",
        "search": "/search/?q=harbour",
        "empty search": "/search/?q=nothing-matches-this",
        "subscribe": "/subscribe/",
        "confirm subscription": (
            f"/subscribe/confirm/{tokens.confirmation_token(reader)}/"
        ),
        "site page": "/about/",
    }
    statuses = {"404": 404}
    pages["404"] = "/no-such-section/no-such-article/"

    # All pages first, then one report: a fix often clears several at once.
    failures = {}
    for name, path in pages.items():
        violations = axe_violations(path, status=statuses.get(name, 200))
        if violations:
            failures[f"{name} ({path})"] = describe_violations(violations)

    report = "\n\n".join(f"{page}:\n{text}" for page, text in failures.items())
    assert not failures, f"axe found WCAG 2.2 A/AA violations:\n\n{report}"


def test_axe_audit_reports_an_image_without_alt_text(new_page, axe_source):
    """The audit can fail: a page with a known fault is caught and described."""
    page = new_page(bypass_csp=True)
    page.set_content(
        '<!DOCTYPE html><html lang="en"><title>Fault</title>'
        '<main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>'
    )
    violations = run_axe(page, axe_source)
    assert "image-alt" in [violation["id"] for violation in violations]
    assert "image-alt (critical)" in describe_violations(violations)


DESK_PAGES = [
    "home",
    "history",
    "calendar",
    "list",
    "add",
    "change",
    "change, rows added",
    "site page",
]


@pytest.mark.parametrize("name", DESK_PAGES)
def test_desk_page_has_no_serious_or_critical_violations(name, new_page, axe_source):
    """The admin is Django's, with our own pages and forms around it: no
    serious or critical findings there (lesser ones are Django's to fix).

    Django leaves some controls unnamed (tabular inlines' cells, select2
    boxes) and the rich-text editor has no name of its own: the desk's
    ``admin-a11y.js`` names them, rows added in the browser included."""
    # Site pages are the superuser's (settings); the rest is the editor's desk.
    editor = EditorFactory(username="ed", is_superuser=name == "site page")
    article = ArticleFactory(
        with_parts=True,
        status=Article.Status.IN_REVIEW,
        published_at=None,
        tag_names=["Harbour"],
    )
    Correction.objects.create(article=article, text="The harbour is older.")
    about = SitePage.objects.create(
        slug=SitePage.Kind.ABOUT, title="About Us", body="<p>Who we are.</p>"
    )
    change = f"/admin/articles/article/{article.pk}/change/"
    path = {
        "home": "/admin/",
        "list": "/admin/articles/article/",
        "add": "/admin/articles/article/add/",
        # An article in review: the page carries the workflow's forms.
        "change": change,
        "change, rows added": change,
        "history": f"/admin/articles/article/{article.pk}/history/",
        "calendar": "/admin/desk/calendar/",
        "site page": f"/admin/newsroom/sitepage/{about.pk}/change/",
    }[name]
    page = new_page(bypass_csp=True)
    log_in(page, editor)

    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    if name == "change, rows added":
        # One new row in every inline: made in the browser from the blank
        # template row, after the page's scripts have run.
        add_links = page.locator(".inline-group .add-row a")
        for index in range(add_links.count()):
            add_links.nth(index).click()
        expect(page.locator(".prose-editor [contenteditable]")).to_have_count(4)
    violations = [
        violation
        for violation in run_axe(page, axe_source)
        if violation["impact"] in ("serious", "critical")
    ]
    assert not violations, (
        f"axe found serious or critical violations on {path}:\n"
        + describe_violations(violations)
    )


def test_desk_controls_are_named_under_the_desks_policy(new_page, console_errors):
    """The names come from a static script the desk's CSP allows: a screen
    reader hears "Body" in the editor, "Category" on the autocomplete box and
    the column's heading in a table cell."""
    editor = EditorFactory(username="ed")
    article = ArticleFactory(with_parts=True, status=Article.Status.IN_REVIEW)
    page = new_page()
    log_in(page, editor)

    page.goto(f"/admin/articles/article/{article.pk}/change/")

    expect(page.get_by_role("textbox", name="Body")).to_have_count(3)
    expect(page.get_by_role("combobox", name=re.compile("^Category"))).to_have_count(1)
    expect(page.get_by_role("combobox", name=re.compile("^Author"))).to_have_count(1)
    expect(
        page.locator("#key_points-group").get_by_role("textbox", name="Text")
    ).to_have_count(3)
    assert not csp_violations(console_errors)

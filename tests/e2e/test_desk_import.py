"""The desk's Import page in a real browser: an administrator uploads a
WordPress export, reads the dry run's report (nothing saved), confirms,
and reads the import's report; the imported story is on the site. The page
is axe-clean and fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from imports.models import ImportRun
from tests.e2e import audit
from tests.factories import UserFactory
from tests.import_helpers import OWN_EXPORTS

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "exports"},
        },
    }


@pytest.fixture
def administrator():
    return UserFactory(username="chief", is_superuser=True, is_staff=True)


def log_in(page, user):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_an_administrator_imports_an_archive_with_a_dry_run_first(
    new_page, administrator, axe_source
):
    page = new_page()
    log_in(page, administrator)
    page.goto("/admin/imports/importrun/add/")
    page.get_by_label("WordPress (WXR .xml)").check()
    page.get_by_label("Export file").set_input_files(
        str(OWN_EXPORTS / "harbour-gazette.xml")
    )
    page.get_by_role("button", name="Upload and check (dry run)").click()
    report = page.locator("pre[aria-labelledby=dry-run-report]")
    expect(report).to_contain_text("9 imported, 0 updated, 0 unchanged, 3 skipped")
    expect(page.get_by_role("status")).to_contain_text("waiting for confirmation")
    assert not Article.objects.exists()

    page.get_by_role("button", name="Import for real").click()
    expect(page.locator("pre[aria-labelledby=report]")).to_contain_text("9 imported")
    expect(page.get_by_role("status")).to_contain_text("Imported")
    story = Article.objects.get(headline="Harbour bridge reopens")
    page.goto(story.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour bridge reopens")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_import_pages_are_axe_clean_and_fit_the_screen(
    new_page, administrator, axe_source, width
):
    page = new_page(bypass_csp=True, viewport={"width": width, "height": 800})
    log_in(page, administrator)
    page.goto("/admin/imports/importrun/add/")
    page.get_by_label("WordPress (WXR .xml)").check()
    page.get_by_label("Export file").set_input_files(
        str(OWN_EXPORTS / "harbour-gazette.xml")
    )
    page.get_by_role("button", name="Upload and check (dry run)").click()
    expect(page.get_by_role("button", name="Import for real")).to_be_visible()
    for path in ("/admin/imports/importrun/add/", page.url):
        page.goto(path)
        serious = [
            v
            for v in audit.run_axe(page, axe_source)
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], audit.describe_violations(serious)
        sideways = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert sideways[0] <= sideways[1], f"{path} scrolls sideways: {sideways}"


def test_the_run_page_follows_a_running_import_and_shows_its_report(
    new_page, administrator
):
    run = ImportRun.objects.create(
        system="wordpress",
        file_name="old-site.xml",
        stored_as="waiting.xml",
        status=ImportRun.Status.IMPORTING,
        done=3,
        total=10,
    )
    page = new_page()
    log_in(page, administrator)
    page.goto(f"/admin/imports/importrun/{run.pk}/change/")
    progress = page.get_by_role("progressbar", name="Posts imported")
    expect(progress).to_have_attribute("value", "3")
    ImportRun.objects.filter(pk=run.pk).update(
        done=7, summary="7 imported, 0 updated, 0 unchanged, 0 skipped, 0 warnings"
    )
    expect(progress).to_have_attribute("value", "7", timeout=15_000)
    expect(page.get_by_role("status")).to_contain_text("7 imported")
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE, done=10, report="10 imported in all"
    )
    expect(page.locator("pre[aria-labelledby=report]")).to_contain_text(
        "10 imported in all", timeout=15_000
    )

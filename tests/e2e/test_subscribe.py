"""The newsletter sign-up in a real browser: the form, the e-mail, the link."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_subscribes_from_the_header_and_confirms_on_the_emailed_links_page(
    page,
):
    page.goto("/")
    page.get_by_role("link", name="Subscribe").first.click()
    page.get_by_label("Your e-mail address").fill("reader@example.com")
    page.locator("main form").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    # The live server runs in this process: its mail lands in the test outbox.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.com"]
    link = re.search(r"https?://[^/\s]+(/subscribe/confirm/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    # The e-mail names the site's configured public address; the same path is
    # opened on the test server.
    page.goto(link.group(1))
    # Opening the link confirms nothing (mail scanners open every link): the
    # reader presses the button on the page it opens.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confirm your subscription"
    )
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")

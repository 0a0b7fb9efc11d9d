"""A site page (About) with an embed and a wide table in a real browser: the
embed asks nothing of its provider until the reader presses "Load", the
table scrolls in its own box on a phone, and the page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from newsroom.models import SitePage
from tests.e2e.audit import csp_violations, describe_violations
from tests.e2e.test_rich_bodies import PLAYER, PROVIDER_HOSTS, SIDEWAYS, VIDEO

pytestmark = pytest.mark.django_db(transaction=True)

WIDE_TABLE = (
    "<table><tbody><tr>"
    + "".join(f"<th><p>Funder number {n}</p></th>" for n in range(8))
    + "</tr><tr>"
    + "".join(f"<td><p>A long amount {n}</p></td>" for n in range(8))
    + "</tr></tbody></table>"
)


@pytest.fixture
def about_page():
    return SitePage.objects.create(
        slug=SitePage.Kind.ABOUT,
        title="About Us",
        body=(
            "<p>Watch a tour of the newsroom.</p>"
            f'<figure class="embed" data-embed-url="{VIDEO}"></figure>'
            f"<h3>Who pays for us</h3>{WIDE_TABLE}"
        ),
    )


def test_an_embed_on_the_about_page_loads_only_when_the_reader_asks(
    about_page, new_page, console_errors
):
    reader = new_page()
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    reader.route(
        re.compile(r"^https://www\.youtube-nocookie\.com/"),
        lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><title>Player</title>"
        ),
    )
    reader.goto("/about/")
    embed = reader.locator(".site-page figure.embed")
    load = embed.get_by_role("button", name="Load content from YouTube")
    expect(load).to_be_visible()  # the embed script ran
    reader.wait_for_load_state("networkidle")
    assert not [url for url in requests if PROVIDER_HOSTS.search(url)], requests

    load.click()

    expect(embed.locator("iframe")).to_have_attribute("src", PLAYER)
    expect(embed.get_by_role("link", name=re.compile("YouTube"))).to_be_visible()
    assert not csp_violations(console_errors), console_errors


def test_the_about_page_with_rich_body_passes_axe_and_fits_a_phone(
    about_page, axe_violations, new_page
):
    violations = axe_violations("/about/")
    assert not violations, describe_violations(violations)

    phone = new_page(viewport={"width": 375, "height": 812}, is_mobile=True)
    phone.goto("/about/")
    scroll, inner = phone.evaluate(SIDEWAYS)
    assert scroll <= inner, f"the page scrolls sideways: {scroll}px at {inner}px"
    box = phone.locator(".site-page .table-scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")

"""Site pages (About, Contact...) show their bodies as an article shows its
sections: an embed is a click-to-load placeholder with the embed script, a
table scrolls in its own labelled box, and nothing comes from a provider
before the reader asks."""

import re

import pytest

from newsroom.models import SitePage
from tests.test_rich_bodies import EMBED, TABLE

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r'<figure class="embed embed--youtube">.*?</figure>', re.S)


def site_page(kind, body):
    return SitePage.objects.create(slug=kind, title="About Us", body=body)


@pytest.mark.parametrize(
    ("kind", "address"),
    [(SitePage.Kind.ABOUT, "/about/"), (SitePage.Kind.CONTACT, "/contact/")],
)
def test_an_embed_on_a_site_page_waits_for_the_reader_to_load_it(client, kind, address):
    site_page(kind, f"<p>Watch the tour.</p>{EMBED}")

    page = client.get(address).content.decode()

    placeholder = PLACEHOLDER.search(page)
    assert placeholder, page
    assert "Load content from YouTube" in placeholder.group(0)
    assert "data-embed-url" not in page  # the stored form is not shown as is
    assert "<iframe" not in page
    assert page.count("js/embeds.js") == 1


def test_a_table_on_a_site_page_scrolls_in_its_own_box(client):
    site_page(SitePage.Kind.ABOUT, f"<p>Our funding.</p>{TABLE}")

    page = client.get("/about/").content.decode()

    assert re.search(
        r'<div class="table-scroll" role="region" tabindex="0" aria-label="Table">'
        r"<table>.*?</table></div>",
        page,
        re.S,
    )
    assert "embeds.js" not in page

"""The masthead and footer are rendered once and reused on every page
(newsroom.templatetags.chrome): a reused one never shows a stale name, menu
or date, and marks the page a reader is on."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Category
from newsroom.fragments import fragments
from newsroom.models import SitePage
from tests.factories import ArticleFactory, CategoryFactory, site_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_reused_yet():
    fragments().clear()
    yield
    fragments().clear()


@pytest.fixture
def sections():
    world = CategoryFactory(name="World", slug="world", menu_order=1)
    business = CategoryFactory(name="Business", slug="business", menu_order=2)
    ArticleFactory(category=world, slug="harbour-wall")
    ArticleFactory(category=business, slug="port-deal")
    return world, business


def html(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_each_page_marks_only_its_own_section_in_the_menu(sections):
    html("/world/")  # the masthead is reused from here on

    business = html("/business/")
    article = html("/business/port-deal/")
    home = html("/")

    assert 'href="/business/" aria-current="page">Business</a>' in business
    assert 'href="/world/">World</a>' in business
    assert 'href="/business/" aria-current="true">Business</a>' in article
    assert 'aria-current="page">' in home.split('class="brand"')[1][:80]
    assert 'aria-current="page">World' not in home
    SitePage.objects.create(slug="about", title="About Us")
    about = html("/about/")
    assert 'href="/about/" aria-current="page">' in about
    assert 'href="/about/" aria-current="page">' not in business


def test_a_renamed_publication_and_section_are_on_the_next_page(sections):
    html("/world/")

    site_settings(name="The Bay Post")
    Category.objects.filter(slug="business").update(name="Money")

    page = html("/world/")
    assert page.count("The Bay Post") >= 2  # masthead and footer
    assert 'href="/business/">Money</a>' in page
    assert ">Business<" not in page


def test_the_masthead_date_moves_on_at_midnight(sections, monkeypatch):
    html("/world/")
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    page = html("/world/")

    assert f'<time datetime="{tomorrow:%Y-%m-%d}">' in page

"""Lists load their cards as light rows, and the home page's by SQL compiled
once per process (articles.card_rows, newsroom.prepared): what a reader
sees is still the database as it is at the request, and each card is the
one its article would render.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.template import engines
from django.test import Client
from django.utils import timezone

from articles.cards import card_values, for_cards, render_card
from articles.models import Article, Category
from newsroom.fragments import fragments
from newsroom.prepared import PreparedQuery
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    png_upload,
)

pytestmark = pytest.mark.django_db

ENGINE = engines["django"].engine


def home():
    response = Client().get("/")
    assert response.status_code == 200
    return response.content.decode()


def block(html, slug):
    found = re.search(rf'id="block-{slug}".*?</section>', html, re.S)
    return found.group(0) if found else None


def test_a_scheduled_story_reaches_the_home_page_when_its_time_comes():
    world = CategoryFactory(slug="world")
    ArticleFactory(category=world)
    due = timezone.now() + timedelta(hours=2)
    ArticleFactory(headline="Tides turn at noon", category=world, published_at=due)

    assert "Tides turn at noon" not in home()  # the query is compiled by now

    with time_machine.travel(due + timedelta(minutes=1)):
        html = home()
    assert "Tides turn at noon" in block(html, "world")
    assert "Tides turn at noon" in html.split('class="home-lead"')[1]


def test_a_section_swapped_into_the_menu_gets_the_home_page_block_at_once():
    world = CategoryFactory(slug="world", is_in_menu=True)
    health = CategoryFactory(slug="health", is_in_menu=False)
    ArticleFactory(headline="Harbour wall reopens", category=world)
    ArticleFactory(headline="Clinic hours extended", category=health)
    assert "Harbour wall reopens" in block(home(), "world")

    # As many sections in the menu as before: the same SQL, other values.
    Category.objects.filter(pk=world.pk).update(is_in_menu=False)
    Category.objects.filter(pk=health.pk).update(is_in_menu=True)

    html = home()
    assert block(html, "world") is None
    assert "Clinic hours extended" in block(html, "health")


def test_each_section_block_shows_its_own_newest_stories_under_newer_ones():
    world, health = CategoryFactory(slug="world"), CategoryFactory(slug="health")
    now = timezone.now()
    for hour in range(30):  # the newest 30 are all World's
        ArticleFactory(
            headline=f"World story {hour}",
            category=world,
            published_at=now - timedelta(hours=hour + 1),
        )
    for day in range(6):
        ArticleFactory(
            headline=f"Health story {day}",
            category=health,
            published_at=now - timedelta(days=day + 3),
        )

    html = home()

    shown = re.findall(r"Health story \d", block(html, "health"))
    assert shown == [f"Health story {day}" for day in range(4)]
    shown = re.findall(r"World story \d+", block(html, "world"))
    assert shown == [f"World story {hour}" for hour in range(4)]


def test_a_listed_card_is_the_card_its_article_renders():
    ada = AuthorFactory(name="Ada Lovelace", slug="ada")
    gone = AuthorFactory(name="Grace Hopper", slug="grace", is_active=False)
    article = ArticleFactory(
        bylines=[gone, ada],
        hero_image=png_upload(size=(900, 600)),  # with renditions
        hero_alt="",  # the library's alt text, then
        is_live_blog=True,
    )
    form = {"show_dek": True, "in_list": True}
    card = next(iter(for_cards(Article.objects.filter(pk=article.pk))))

    assert card_values(card, form, is_first=True) == card_values(
        article, form, is_first=True
    )
    fragments().clear()
    listed = render_card(card, engine=ENGINE, first_picture=card, **form)
    fragments().clear()
    own = render_card(article, engine=ENGINE, first_picture=article, **form)
    assert listed == own
    assert 'srcset="' in listed and "LIVE" in listed
    assert "Grace Hopper" in listed and 'href="/author/ada/"' in listed


def test_a_query_that_would_keep_the_moment_it_was_built_at_is_refused():
    # ``published()`` without the moment given: the SQL would hold the time
    # of the first request for good, and never show a story after it.
    stale = PreparedQuery(
        Article,
        lambda keys, now: Article.objects.published().values_list("pk"),
        uses_moment=True,
    )

    with pytest.raises(ValueError, match="as parameters"):
        stale.rows([], timezone.now())


def test_a_query_that_leaves_out_its_keys_is_refused():
    everything = PreparedQuery(Article, lambda keys: Article.objects.values_list("pk"))

    with pytest.raises(ValueError, match="as parameters"):
        everything.rows([1, 2])

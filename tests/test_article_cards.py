"""Article cards are rendered once and reused on every page (articles.cards,
newsroom.fragments):
a reused card never shows anything stale and never holds unpublished work.

The changes below are made the bluntest way, with ``QuerySet.update()``,
which tells nobody: a card must be fresh because its key is what it shows,
not because some write path remembered to drop it.
"""

from datetime import timedelta

import pytest
from django.template import engines
from django.test import Client
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.cards import CARD_TEMPLATE, SNIPPET_SLOT, card_values, render_card
from articles.models import Article, Category
from authors.models import Author
from newsroom.fragments import fragment_key, fragments
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db

ENGINE = engines["django"].engine


def kept(article, **form):
    """The card of ``article`` in ``form`` the store holds, or None."""
    template = ENGINE.get_template(CARD_TEMPLATE)
    key = fragment_key(template, card_values(article, form, is_first=False))
    return fragments().get(key)


@pytest.fixture(autouse=True)
def _no_cards_yet():
    fragments().clear()
    yield
    fragments().clear()


@pytest.fixture
def story():
    """A live story in a menu section, with a sibling so it is in the
    sibling's Keep Reading too."""
    world = CategoryFactory(name="World", slug="world")
    author = AuthorFactory(name="Ada Lovelace", slug="ada")
    story = ArticleFactory(
        headline="Harbour wall rebuilt after storm",
        slug="harbour-wall-rebuilt",
        category=world,
        bylines=[author],
    )
    ArticleFactory(
        slug="ferry-timetable",
        category=world,
        bylines=[author],
        published_at=timezone.now() - timedelta(days=1),
    )
    return story


# Every page that shows the story as a card: the home page (its lead and its
# section's block), the section, the author's page, a sibling's Keep Reading.
LISTINGS = ["/", "/world/", "/author/ada/", "/world/ferry-timetable/"]


def pages(paths=LISTINGS):
    client = Client()
    html = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html[path] = response.content.decode()
    return html


def test_an_edited_headline_is_on_every_listing_at_once(story):
    for path, html in pages().items():
        assert "Harbour wall rebuilt after storm" in html, path

    Article.objects.filter(pk=story.pk).update(headline="Harbour wall reopens")

    for path, html in pages().items():
        assert "Harbour wall reopens" in html, path
        assert "Harbour wall rebuilt after storm" not in html, path


def test_a_renamed_section_is_on_every_card_at_once(story):
    pages()

    Category.objects.filter(pk=story.category_id).update(name="Abroad", slug="abroad")

    paths = ["/", "/abroad/", "/author/ada/", "/abroad/ferry-timetable/"]
    for path, html in pages(paths).items():
        assert 'href="/abroad/">Abroad</a>' in html, path
        assert ">World<" not in html, path
        assert "/world/harbour-wall-rebuilt/" not in html, path
        assert "/abroad/harbour-wall-rebuilt/" in html, path


def test_a_renamed_author_is_on_every_byline_at_once(story):
    pages()

    Author.objects.filter(slug="ada").update(name="Ada King")

    for path, html in pages(["/", "/world/"]).items():
        assert "Ada King" in html, path
        assert "Ada Lovelace" not in html, path


def test_an_author_taken_off_the_site_loses_the_link_on_every_card(story):
    pages()

    Author.objects.filter(slug="ada").update(is_active=False)

    for path, html in pages(["/", "/world/"]).items():
        assert 'href="/author/ada/"' not in html, path
        assert '<span class="byline__author">Ada Lovelace</span>' in html, path


def test_a_rescheduled_story_shows_its_new_date_on_every_card(story):
    pages()
    earlier = timezone.now() - timedelta(days=400)

    Article.objects.filter(pk=story.pk).update(published_at=earlier)

    shown = timezone.localtime(earlier).strftime("%Y-%m-%d")
    for path, html in pages(["/world/", "/author/ada/"]).items():
        assert f'<time datetime="{shown}' in html, path


def test_a_reused_card_is_the_card_rendered_afresh(story):
    first = pages()
    assert pages() == first  # every card reused

    fragments().clear()
    assert pages() == first  # every card rendered again


@pytest.mark.parametrize(
    "status, published_at",
    [
        (Article.Status.DRAFT, None),
        (Article.Status.IN_REVIEW, None),
        (Article.Status.UNPUBLISHED, timedelta(days=-1)),
        # Scheduled: approved, but its time has not come.
        (Article.Status.PUBLISHED, timedelta(hours=1)),
    ],
)
def test_a_card_of_unpublished_work_is_never_kept(status, published_at):
    article = ArticleFactory(
        status=status,
        published_at=published_at and timezone.now() + published_at,
    )
    html = render_card(article, engine=ENGINE)

    assert article.headline in html  # a preview may still show it
    assert kept(article) is None


def test_a_card_of_a_live_story_is_kept_and_reused():
    article = ArticleFactory()
    html = render_card(article, engine=ENGINE, show_dek=True)

    assert kept(article, show_dek=True) == html
    # The same story in another form is another card.
    assert render_card(article, engine=ENGINE, compact=True) != html


def test_a_search_result_card_is_reused_and_its_passage_kept_nowhere():
    article = ArticleFactory()

    zephyr = render_card(
        article,
        engine=ENGINE,
        snippet=mark_safe("the <mark>zephyr</mark>"),  # noqa: S308
    )
    quokka = render_card(
        article,
        engine=ENGINE,
        snippet=mark_safe("a <mark>quokka</mark>"),  # noqa: S308
    )

    assert "the <mark>zephyr</mark>" in zephyr
    assert "a <mark>quokka</mark>" in quokka and "zephyr" not in quokka
    # The card is kept with an empty slot for the passage, apart from the
    # card that shows the intro.
    template = ENGINE.get_template(CARD_TEMPLATE)
    shown = (*card_values(article, {}, is_first=False), SNIPPET_SLOT)
    stored = fragments().get(fragment_key(template, shown))
    assert SNIPPET_SLOT in stored
    assert "zephyr" not in stored and "quokka" not in stored
    assert kept(article) is None


def test_an_unknown_card_option_is_refused():
    with pytest.raises(TypeError, match="lede"):
        render_card(ArticleFactory(), engine=ENGINE, lede=True)

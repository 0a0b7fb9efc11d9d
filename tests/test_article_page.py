"""The article page shows the very article's parts, in their order, whichever
page was served before it (``articles.page_parts`` writes each part's query
once and reuses it for every article)."""

import pytest

from articles.models import FAQ, Correction, KeyPoint, Section
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def make_story(name, tag):
    """A live article whose every part names ``name``, saved in the reverse
    of the order the page shows them."""
    article = ArticleFactory(
        headline=f"The {name} story",
        bylines=[
            AuthorFactory(name=f"{name} Second"),
            AuthorFactory(name=f"{name} First"),
        ],
        tag_names=[tag],
    )
    for position in (2, 1):
        Section.objects.create(
            article=article,
            position=position,
            subheading=f"{name} heading {position}",
            body=f"<p>{name} body {position}.</p>",
        )
        KeyPoint.objects.create(
            article=article, position=position, text=f"{name} point {position}"
        )
        FAQ.objects.create(
            article=article,
            position=position,
            question=f"{name} question {position}?",
            answer=f"{name} answer {position}.",
        )
    Correction.objects.create(article=article, text=f"{name} was corrected.")
    return article


def shown_in_order(html, *texts):
    """Whether the article itself (not the page's head) shows each of
    ``texts``, first met in this order."""
    html = html[html.index('<article class="article">') :]
    places = [html.index(text) for text in texts]
    return places == sorted(places)


def test_each_article_page_shows_its_own_parts_in_their_order(client):
    harbour = make_story("Harbour", "ports")
    bridge = make_story("Bridge", "roads")

    for article, other in [(harbour, bridge), (bridge, harbour), (harbour, bridge)]:
        name = article.headline.split()[1]
        html = client.get(article.get_absolute_url()).content.decode()

        assert shown_in_order(
            html,
            f"{name} Second",
            f"{name} First",
            f"{name} heading 1",
            f"{name} heading 2",
            f"{name} body 1.",
            f"{name} body 2.",
            f"{name} point 1",
            f"{name} point 2",
            f"{name} question 1?",
            f"{name} question 2?",
            f"{name} was corrected.",
        )
        tag = "ports" if article is harbour else "roads"
        assert f'href="/tag/{tag}/"' in html
        other_name = other.headline.split()[1]
        assert f"{other_name} heading" not in html
        assert f"{other_name} was corrected." not in html

"""The article page stays light: what a phone downloads to show it, the hero
picture aside, is under 60 KB; so is a live blog's, a day's entries long.

Measured in Chromium at a phone's size (Lighthouse's mobile screen), with
nothing scrolled: every response the page caused, HTML, CSS, JavaScript,
fonts and images, except the hero image. The hero is the article's own
photograph, as heavy as the picture desk makes it; it is reported, not
budgeted. Text is counted gzip-compressed, as the site sends it in
production (whitenoise's compressed static files; HTML compressed by the
server or the CDN in front of it): the test server sends it as is.
"""

import gzip
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles import live_blogs
from articles.models import FAQ, Correction, KeyPoint, Section
from tests.factories import (
    SOCIAL_LINKS,
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    png_upload,
    site_settings,
)

pytestmark = pytest.mark.django_db(transaction=True)

BUDGET = 60 * 1024
PHONE = {"width": 412, "height": 823}

STATIC = "/static/"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg")

PARAGRAPH = (
    "Officials said the <strong>water levels</strong> in the reservoir fell "
    "for the ninth week in a row, and engineers warned that the pumping "
    "stations on the eastern bank were never built for a drought this long. "
    "Residents queued at standpipes before dawn; a "
    '<a href="https://example.com/report">report published on Monday</a> '
    "put the cost of emergency supplies at twice last year's figure, and the "
    "council promised a plan before the rains are due."
)


def make_long_read():
    """An article the size of a real one: 1,200 words in six sections, key
    points, FAQs, a correction, two authors with portraits, and a newsroom
    full enough for the headlines strip and "Keep Reading"."""
    site_settings(**SOCIAL_LINKS)
    world = CategoryFactory(name="World", slug="world")
    for name in ["Business", "Politics", "Health", "Finance", "Europe News"]:
        CategoryFactory(name=name, slug=name.lower().replace(" ", "-"))
    authors = [
        AuthorFactory(
            name=name,
            job_title="News Director",
            bio="Reports on climate and cities. " * 6,
            website="https://example.com/" + name.split()[0].lower(),
            avatar=png_upload(f"{name.split()[0]}.png", size=(176, 176)),
        )
        for name in ("Ada Reporter", "Ben Okri")
    ]
    for number in range(20):
        ArticleFactory(
            headline=f"Regional story number {number} about the drought's reach",
            category=world,
            hero_image=png_upload(f"other-{number}.png", size=(640, 360)),
            hero_alt="A dry riverbed",
            published_at=timezone.now() - timezone.timedelta(hours=2 + number),
        )
    article = ArticleFactory(
        headline="Taps run dry on schedule as the drought enters a third year",
        category=world,
        bylines=authors,
        dek=(
            "The reservoir that serves four million people is at a record low, "
            "and the city's emergency plan assumes rain that has not come."
        ),
        summary=PARAGRAPH,
        hero_image=png_upload("hero.png", size=(1600, 900)),
        hero_alt="People queue with buckets at a standpipe",
        hero_caption="Residents queue before dawn.",
        hero_credit="Photo: Ledger staff",
        tag_names=["Drought", "Water", "Climate", "Cities"],
    )
    for position in range(6):
        Section.objects.create(
            article=article,
            position=position,
            subheading=f"What the engineers found, part {position + 1}",
            body="".join(f"<p>{PARAGRAPH}</p>" for _ in range(3)),
        )
    for position in range(5):
        KeyPoint.objects.create(
            article=article,
            position=position,
            text="The reservoir is at its lowest level since records began.",
        )
    for position in range(4):
        FAQ.objects.create(
            article=article,
            position=position,
            question="How long will the restrictions last?",
            answer=PARAGRAPH,
        )
    Correction.objects.create(article=article, text="An earlier version erred.")
    article.refresh_reading_time()
    return article


def transferred(response):
    """The bytes a response costs the reader: its headers and its body as
    the site sends it in production.

    Pages are counted as the server sent them. Static files are counted
    compressed (gzip), as whitenoise's compressed storage sends them in
    production; the test settings serve them as they are."""
    sizes = response.request.sizes()
    body = sizes["responseBodySize"]
    content_type = response.headers.get("content-type", "")
    if STATIC in response.url and content_type.startswith(TEXT_TYPES):
        body = len(gzip.compress(response.body(), compresslevel=9))
    return sizes["responseHeadersSize"] + body


def first_view(new_page, url):
    """What a phone downloads to show ``url`` with nothing scrolled, the hero
    image aside: (total bytes, the hero's bytes, a line per response, the
    kinds of response measured)."""
    page = new_page(viewport=PHONE, is_mobile=True)
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto(url, wait_until="networkidle")

    hero = page.locator(".article__hero-image").evaluate("image => image.currentSrc")
    hero_weight = 0
    weights = {}
    for response in responses:
        if response.url == hero:
            hero_weight = transferred(response)
            continue
        kind = response.request.resource_type
        weights[f"{kind} {urlsplit(response.url).path}"] = transferred(response)
    report = "\n".join(
        f"  {size / 1024:6.1f} KB  {name}" for name, size in weights.items()
    )
    kinds = {name.split()[0] for name in weights}
    return sum(weights.values()), hero_weight, report, kinds


def test_article_page_weighs_under_60_kb_without_its_hero_image(new_page):
    article = make_long_read()

    total, hero_weight, report, kinds = first_view(new_page, article.get_absolute_url())

    print(
        f"\nArticle page, phone, first view: {total / 1024:.1f} KB without the "
        f"hero image ({hero_weight / 1024:.1f} KB):\n{report}"
    )
    assert {"document", "stylesheet", "script"} <= kinds, f"measured only {kinds}"
    assert hero_weight, "the hero image was not loaded"
    assert total < BUDGET, (
        f"The article page weighs {total / 1024:.1f} KB without its hero "
        f"image (budget {BUDGET // 1024} KB):\n{report}"
    )


def test_a_long_live_blog_weighs_under_60_kb_at_first_view(new_page):
    # A day's coverage: sixty entries, some pinned and key events; the page
    # shows the newest (articles.live_pages) and loads older ones on request.
    article = make_long_read()
    article.is_live_blog = True
    article.save(update_fields=["is_live_blog"])
    editor = EditorFactory()
    for number in range(60):
        live_blogs.post_entry(
            article,
            by=editor,
            title=f"Update {number}" if number % 5 == 0 else "",
            body=f"<p>{PARAGRAPH}</p>",
            is_pinned=number == 3,
            is_key_event=number % 10 == 0,
        )

    total, hero_weight, report, kinds = first_view(new_page, article.get_absolute_url())

    print(
        f"\nLive blog, phone, first view: {total / 1024:.1f} KB without the "
        f"hero image ({hero_weight / 1024:.1f} KB):\n{report}"
    )
    assert {"document", "stylesheet", "script"} <= kinds, f"measured only {kinds}"
    assert total < BUDGET, (
        f"The live blog weighs {total / 1024:.1f} KB without its hero "
        f"image (budget {BUDGET // 1024} KB):\n{report}"
    )

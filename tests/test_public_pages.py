"""The reader-facing pages: what each shows, in what order, and how they fail."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from articles.models import Article, Correction, Section
from newsroom.models import SitePage
from tests.factories import (
    SOCIAL_LINKS,
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    harbour_wall_story,
    png_upload,
    site_settings,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return site_settings(
        name="The Harbour Ledger",
        facebook_url=SOCIAL_LINKS["facebook_url"],
        instagram_url=SOCIAL_LINKS["instagram_url"],
    )


@pytest.fixture
def full_article(site):
    """A live article with every part a reader can see, and a sibling to
    keep reading."""
    article = harbour_wall_story(
        summary="The summary paragraph that wraps it up.",
        hero_caption="Work on the wall, seen from the ferry.",
    )
    Correction.objects.create(
        article=article, text="An earlier version gave the wrong height."
    )
    ArticleFactory(
        headline="Ferry timetable changes for winter",
        category=article.category,
        published_at=timezone.now() - timedelta(days=1),
    )
    return article


def get_html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def main_content(html):
    """The page's <main>, without the header, headlines strip and footer."""
    return html[html.index('<main id="main"') : html.index("</main>")]


def listed(html):
    """A list page's results, without the latest-news column beside them."""
    start = html.index('<div class="listing__main">')
    end = html.find('<aside class="sidebar"', start)
    return html[start : end if end != -1 else html.index("</main>")]


class HeadingCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_levels(html):
    collector = HeadingCollector()
    collector.feed(html)
    return collector.levels


def assert_headings_nest(html):
    levels = heading_levels(html)
    assert levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"a heading level is skipped: {levels}"


# --- The article page --------------------------------------------------------


def test_article_page_renders_every_part_of_the_anatomy_in_order(client, full_article):
    html = main_content(get_html(client, full_article.get_absolute_url()))

    markers = [
        'class="kicker" href="/world/">World</a>',
        '<h1 class="article__headline">Harbour wall rebuilt after storm</h1>',
        '<p class="article__byline"><span class="byline">By '
        '<a class="byline__author" href="/author/ada/">Ada Lovelace</a> and '
        '<a class="byline__author" href="/author/ben/">Ben Okri</a>',
        "<time datetime=",
        'class="article__category" href="/world/">World</a>',
        'class="read-time">1 Min Read<',
        '<figure class="container container--wide article__hero">',
        'alt="Cranes lifting stone onto the harbour wall"',
        "Work on the wall, seen from the ferry.",
        "Photo: Ledger staff",
        "The intro paragraph that sets the scene.",
        "Article Subheadings",
        ">Subheading 1</h2>",
        ">Subheading 2</h2>",
        ">Subheading 3</h2>",
        '<h2 id="key-points">Key Points</h2>',
        '<th scope="col">No.</th><th scope="col">Key Point</th>',
        '<tr><th scope="row">1</th><td>Key point 1</td></tr>',
        '<tr><th scope="row">3</th><td>Key point 3</td></tr>',
        '<h2 id="summary">Summary</h2>',
        "The summary paragraph that wraps it up.",
        "Frequently Asked Questions",
        '<summary class="faq__question">Question 1?</summary>',
        "An earlier version gave the wrong height.",
        'href="/tag/harbour/">Harbour</a>',
        'class="author-box"',
        'href="/author/ada/">Ada Lovelace</a></h3>',
        "News Director",
        'href="/author/ben/">Ben Okri</a></h3>',
        'href="https://ben.example"',
        "Keep Reading",
        "Ferry timetable changes for winter",
    ]
    positions = [html.find(marker) for marker in markers]
    missing = [m for m, p in zip(markers, positions, strict=True) if p == -1]
    assert not missing, missing
    assert positions == sorted(positions), "the article's parts are out of order"


def test_article_headings_nest_with_one_h1(client, full_article):
    assert_headings_nest(get_html(client, full_article.get_absolute_url()))


def test_table_of_contents_links_to_every_section_heading(client, full_article):
    html = get_html(client, full_article.get_absolute_url())

    toc = re.search(r'<ol class="toc__list">(.*?)</ol>', html, re.S).group(1)
    links = re.findall(r'href="#([^"]+)"', toc)
    section_ids = re.findall(r'<h2 class="article-section__title" id="([^"]+)"', html)
    assert links == section_ids == ["subheading-1", "subheading-2", "subheading-3"]


def test_section_anchors_stay_unique_when_subheadings_repeat_or_clash(
    client, full_article
):
    for position, subheading in enumerate(["Summary", "Subheading 1", "¿?"], 5):
        Section.objects.create(
            article=full_article, position=position, subheading=subheading
        )
    html = get_html(client, full_article.get_absolute_url())

    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "two elements share an id"
    toc = re.search(r'<ol class="toc__list">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r'href="#([^"]+)"', toc) == [
        "subheading-1",
        "subheading-2",
        "subheading-3",
        "summary-2",
        "subheading-1-2",
        "section-6",
    ]


def test_read_time_is_plural_past_one_minute(client, site):
    article = ArticleFactory(summary="word " * 700)

    html = get_html(client, article.get_absolute_url())

    assert 'class="read-time">4 Mins Read<' in html


def test_article_without_optional_parts_leaves_their_blocks_out(client, site):
    article = ArticleFactory(summary="")

    html = get_html(client, article.get_absolute_url())

    for absent in [
        "<figure",
        "Article Subheadings",
        "Key Points",
        'id="summary"',
        "Frequently Asked Questions",
        'id="corrections"',
        'id="tags"',
        "Keep Reading",
    ]:
        assert absent not in html


def test_article_under_a_wrong_category_redirects_permanently_to_its_address(
    client, full_article
):
    response = client.get(f"/business/{full_article.slug}/")

    assert response.status_code == 301
    assert response["Location"] == "/world/harbour-wall-rebuilt/"


def test_article_page_carries_canonical_and_share_card_tags(client, full_article):
    html = get_html(client, full_article.get_absolute_url())

    assert (
        '<link rel="canonical" href="http://testserver/world/harbour-wall-rebuilt/">'
        in html
    )
    assert '<meta property="og:title" content="Harbour wall rebuilt after storm">' in (
        html
    )
    assert '<meta name="description" content="The intro paragraph' in html


# --- Home, header and footer -------------------------------------------------


def test_home_shows_lead_latest_category_blocks_and_headlines_strip(client, site):
    world = CategoryFactory(name="World", slug="world", menu_order=1)
    health = CategoryFactory(name="Health", slug="health", menu_order=2)
    hidden = CategoryFactory(name="Obituaries", slug="obits", is_in_menu=False)
    now = timezone.now()
    lead = ArticleFactory(
        headline="Lead story of the day",
        category=world,
        is_featured=True,
        published_at=now - timedelta(hours=5),
        hero_image=png_upload(),
        hero_alt="A crowd at the harbour",
    )
    newer = ArticleFactory(
        headline="Newest health story",
        category=health,
        published_at=now - timedelta(hours=1),
    )
    off_menu = ArticleFactory(headline="An obituary", category=hidden)

    html = get_html(client, "/")

    lead_card = re.search(r'<section class="home-lead".*?</section>', html, re.S)
    assert "Lead story of the day" in lead_card.group(0)
    assert 'alt="A crowd at the harbour"' in lead_card.group(0)
    assert 'loading="lazy"' not in lead_card.group(0)
    latest = re.search(r'<section class="home-latest".*?</section>', html, re.S)
    assert newer.headline in latest.group(0)
    assert lead.headline not in latest.group(0)
    assert html.index('id="block-world"') < html.index('id="block-health"')
    assert 'id="block-obits"' not in html
    strip = re.search(r'<nav class="headlines".*?</nav>', html, re.S).group(0)
    for article in (lead, newer, off_menu):
        assert f'href="{article.get_absolute_url()}">{article.headline}</a>' in strip
    assert_headings_nest(html)


def test_home_with_nothing_published_says_so_instead_of_failing(client, site):
    html = get_html(client, "/")

    assert "Nothing has been published yet" in html


def test_header_has_date_social_links_subscribe_search_and_menu(client, site):
    CategoryFactory(name="Politics", slug="politics", menu_order=2)
    CategoryFactory(name="World", slug="world", menu_order=1)
    CategoryFactory(name="Hidden", slug="hidden", is_in_menu=False)

    html = get_html(client, "/about-nothing/", status=404)

    header = re.search(r'<header class="masthead">.*?</header>', html, re.S).group(0)
    today = timezone.localdate()
    assert f'<time datetime="{today:%Y-%m-%d}">{today:%A, %B} {today.day}</time>' in (
        header
    )
    assert 'href="https://facebook.example/ledger"' in header
    assert "The Harbour Ledger on Facebook" in header
    assert 'href="https://instagram.example/ledger"' in header
    assert " on X<" not in header  # not set in the site settings
    assert 'href="/subscribe/">Subscribe</a>' in header
    assert 'action="/search/" method="get"' in header
    assert 'name="q"' in header
    assert "Type above and press Enter to search. Press Esc to cancel." in header
    menu = re.findall(r'class="mainnav__link" href="([^"]+)"', header)
    assert menu == ["/world/", "/politics/"]


def test_the_phone_menu_is_a_button_opening_every_section_and_social_link(client, site):
    for order, name in enumerate(["World", "U.S. News", "Business", "Politics"]):
        CategoryFactory(name=name, menu_order=order)

    html = get_html(client, "/")

    nav = re.search(r'<nav class="mainnav".*?</nav>', html, re.S).group(0)
    # A <details>: opens and closes without JavaScript too.
    details = re.search(r"<details\b.*?</details>", nav, re.S).group(0)
    summary = re.search(r"<summary\b[^>]*>(.*?)</summary>", details, re.S)
    assert re.sub(r"<[^>]+>|\s", "", summary.group(1)) == "Menu"
    controls = re.search(r'aria-controls="([^"]+)"', summary.group(0)).group(1)
    panel = details[details.index(f'id="{controls}"') :]
    assert re.findall(r'class="mainnav__link" href="[^"]+">([^<]+)<', panel) == [
        "World",
        "U.S. News",
        "Business",
        "Politics",
    ]
    assert 'href="https://facebook.example/ledger"' in panel
    assert 'href="https://instagram.example/ledger"' in panel


def test_with_no_menu_sections_yet_the_phone_menu_still_opens_the_social_links(
    client, site
):
    CategoryFactory(name="Obituaries", is_in_menu=False)

    html = get_html(client, "/")

    found = re.search(r'<nav class="mainnav[ "].*?</nav>', html, re.S)
    assert found, "no menu on a phone"
    nav = found.group(0)
    summary = re.search(r"<summary\b[^>]*>(.*?)</summary>", nav, re.S)
    assert re.sub(r"<[^>]+>|\s", "", summary.group(1)) == "Menu"
    controls = re.search(r'aria-controls="([^"]+)"', summary.group(0)).group(1)
    panel = nav[nav.index(f'id="{controls}"') :]
    assert 'href="https://facebook.example/ledger"' in panel
    assert 'href="https://instagram.example/ledger"' in panel
    # Nothing that reads as a list of sections, empty or not.
    assert "mainnav__list" not in nav
    assert 'aria-label="Sections"' not in nav
    # The search stays in the bar above.
    header = re.search(r'<header class="masthead">.*?</header>', html, re.S).group(0)
    assert 'action="/search/" method="get"' in header


def test_with_no_menu_sections_nor_social_links_there_is_no_menu(client, site):
    site.facebook_url = site.instagram_url = ""
    site.save()

    html = get_html(client, "/")

    assert '<nav class="mainnav' not in html
    assert "<summary" not in html
    assert 'action="/search/" method="get"' in html


def test_menu_marks_the_current_category(client, site):
    world = CategoryFactory(name="World", slug="world")
    CategoryFactory(name="Politics", slug="politics")
    article = ArticleFactory(category=world)

    category_page = get_html(client, "/world/")
    article_page = get_html(client, article.get_absolute_url())

    assert 'href="/world/" aria-current="page">World</a>' in category_page
    assert 'href="/world/" aria-current="true">World</a>' in article_page
    assert 'href="/politics/">Politics</a>' in category_page


def test_footer_links_the_site_pages_social_accounts_and_copyright(client, site):
    html = get_html(client, "/")

    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S)
    footer = footer.group(0)
    for url, label in [
        ("/about/", "About Us"),
        ("/contact/", "Get In Touch"),
        ("/privacy/", "Privacy Policy"),
        ("/accessibility/", "Accessibility"),
        ("/terms/", "Terms and Conditions"),
    ]:
        assert f'<a href="{url}">{label}</a>' in footer
    assert 'href="https://facebook.example/ledger"' in footer
    assert f"&copy; {timezone.localdate().year} The Harbour Ledger" in footer


def test_site_page_shows_title_intro_and_sanitised_body(client, site):
    SitePage.objects.create(
        slug=SitePage.Kind.ABOUT,
        title="About Us",
        intro="Who we are & why.",
        body='<p>We report <strong>locally</strong>.</p><script>alert("x")</script>',
    )

    html = get_html(client, "/about/")

    assert '<h1 class="site-page__title">About Us</h1>' in html
    assert "Who we are &amp; why." in html
    assert "<p>We report <strong>locally</strong>.</p>" in html
    assert 'alert("x")' not in html


def test_site_page_not_yet_written_is_a_styled_404(client, site):
    html = get_html(client, "/terms/", status=404)

    assert "We couldn’t find that page" in html


# --- Listings ----------------------------------------------------------------


def test_category_page_shows_heading_description_and_cards(client, site):
    world = CategoryFactory(
        name="World", slug="world", description="News from everywhere."
    )
    ArticleFactory(
        headline="Quake shakes the coast",
        category=world,
        bylines=[AuthorFactory(name="Cleo Byline", slug="cleo")],
        hero_image=png_upload(),
        hero_alt="A cracked road",
    )

    html = get_html(client, "/world/")

    assert '<h1 class="listing__title">World</h1>' in html
    assert "News from everywhere." in html
    card = re.search(r'<article class="card.*?</article>', html, re.S).group(0)
    assert 'href="/world/">World</a>' in card
    assert "Quake shakes the coast</a>" in card
    assert 'href="/author/cleo/">Cleo Byline</a>' in card
    # The picture's own size (64 × 48): the box's shape comes from the CSS.
    # The first card's picture is fetched at once (tested for every listing
    # below).
    assert 'alt="A cracked road" width="64" height="48" fetchpriority="high"' in card
    assert "1 Min Read" in card
    assert "<time datetime=" in card
    assert_headings_nest(html)


def test_tag_and_author_pages_list_their_articles(client, site):
    author = AuthorFactory(
        name="Dana Writer",
        slug="dana",
        job_title="Health Editor",
        bio="Writes about hospitals.",
        website="https://dana.example",
        x_handle="@dana",
    )
    ArticleFactory(headline="Clinics extend hours", bylines=[author])
    ArticleFactory(headline="Ward reopens", tag_names=["Hospitals"])

    author_page = get_html(client, "/author/dana/")
    tag_page = get_html(client, "/tag/hospitals/")
    authors_list, tags_list = listed(author_page), listed(tag_page)

    assert '<h1 class="listing__title">Dana Writer</h1>' in author_page
    assert "Health Editor" in author_page
    assert "Writes about hospitals." in author_page
    assert 'href="https://dana.example"' in author_page
    assert 'href="https://x.com/dana"' in author_page
    assert 'class="avatar avatar--128 avatar--initials" aria-hidden="true">DW<' in (
        author_page
    )
    assert "Clinics extend hours" in authors_list
    assert "Ward reopens" not in authors_list
    assert '<h1 class="listing__title">Hospitals</h1>' in tag_page
    assert "Ward reopens" in tags_list
    assert "Clinics extend hours" not in tags_list
    assert_headings_nest(author_page)
    assert_headings_nest(tag_page)


class ImageCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_in(html):
    collector = ImageCollector()
    collector.feed(html)
    return collector.images


@pytest.fixture
def pictured_stories(site):
    """Four stories with pictures, in one category, by one author, under one
    tag, each found by a search for "harbour"; one with a portrait."""
    world = CategoryFactory(name="World", slug="world")
    ada = AuthorFactory(name="Ada Lens", slug="ada", avatar=png_upload("ada.png"))
    now = timezone.now()
    return [
        ArticleFactory(
            headline=f"Harbour story {number}",
            category=world,
            bylines=[ada],
            tag_names=["Harbour"],
            published_at=now - timedelta(hours=number),
            hero_image=png_upload(f"story-{number}.png"),
            hero_alt=f"Picture {number}",
        )
        for number in range(4)
    ]


@pytest.mark.parametrize(
    "url", ["/", "/world/", "/tag/harbour/", "/author/ada/", "/search/?q=harbour"]
)
def test_the_first_card_picture_on_a_listing_loads_at_once_and_the_rest_lazily(
    client, pictured_stories, url
):
    cards = [
        image
        for image in images_in(main_content(get_html(client, url)))
        if image["class"] == "card__image"
    ]

    assert len(cards) >= 3, url
    first, *others = cards
    # Above the fold and the largest paint: fetched first, never deferred.
    assert first["fetchpriority"] == "high", url
    assert "loading" not in first, url
    for image in others:
        assert image["loading"] == "lazy", (url, image["alt"])
        assert "fetchpriority" not in image, (url, image["alt"])


@pytest.mark.parametrize(
    "url", ["/", "/world/", "/tag/harbour/", "/author/ada/", "/search/?q=harbour"]
)
def test_when_the_top_story_has_no_picture_the_first_picture_on_the_page_loads_first(
    client, pictured_stories, url
):
    # The newest, and the best match for "harbour", has none: the home page's
    # lead and every list's first card.
    top = pictured_stories[0]
    top.hero_image = None
    top.headline = "Harbour, harbour, harbour: the story of the day"
    top.save()

    main = main_content(get_html(client, url))
    cards = [image for image in images_in(main) if image["class"] == "card__image"]

    first, *others = cards
    assert main.index(top.headline) < main.index(f'alt="{first["alt"]}"'), url
    assert first["fetchpriority"] == "high", url
    assert "loading" not in first, url
    assert others, url
    for image in others:
        assert image["loading"] == "lazy", (url, image["alt"])
        assert "fetchpriority" not in image, (url, image["alt"])


def test_an_article_page_fetches_its_hero_first_and_every_other_picture_lazily(
    client, pictured_stories
):
    images = images_in(
        main_content(get_html(client, pictured_stories[1].get_absolute_url()))
    )

    hero, *others = images
    assert hero["class"] == "article__hero-image"
    assert hero["fetchpriority"] == "high"
    assert "loading" not in hero
    # The author box's portrait and the "Keep Reading" cards come later.
    assert {image["class"].split()[0] for image in others} == {"avatar", "card__image"}
    for image in others:
        assert image["loading"] == "lazy", image["alt"]
        assert "fetchpriority" not in image, image["alt"]


def test_an_author_page_loads_the_portrait_heading_it_at_once(client, pictured_stories):
    (portrait,) = [
        image
        for image in images_in(get_html(client, "/author/ada/"))
        if "avatar" in image["class"]
    ]

    assert portrait["alt"] == "Portrait of Ada Lens"
    assert "loading" not in portrait


def test_author_page_shows_the_portrait_with_alt_text(client, site):
    eve = AuthorFactory(name="Eve Lens", slug="eve", avatar=png_upload("eve.png"))
    ArticleFactory(bylines=[eve])

    html = get_html(client, "/author/eve/")

    assert 'alt="Portrait of Eve Lens"' in html


def test_pagination_links_only_to_real_pages_and_says_where_you_are(
    client, site, settings
):
    world = CategoryFactory(name="World", slug="world")
    for _ in range(settings.NEWSROOM_PAGE_SIZE * 2 + 1):
        ArticleFactory(category=world)

    first = get_html(client, "/world/")
    middle = get_html(client, "/world/?page=2")
    last = get_html(client, "/world/?page=3")

    assert "Page 1 of 3" in first
    assert 'rel="prev"' not in first
    assert 'rel="next" href="/world/?page=2"' in first
    assert "Page 2 of 3" in middle
    assert 'rel="prev" href="/world/"' in middle  # page 1 has one address
    assert 'rel="next" href="/world/?page=3"' in middle
    assert "Page 3 of 3" in last
    assert 'rel="next"' not in last


def test_a_long_listing_numbers_no_more_pages_than_its_cap(client, site, settings):
    # Counting a ten-year archive on every view costs more than the page
    # numbers are worth: older stories are reached by search and the feeds.
    settings.NEWSROOM_MAX_LIST_PAGES = 2
    world = CategoryFactory(name="World", slug="world")
    newest = ArticleFactory(category=world, headline="The newest story")
    for hours in range(settings.NEWSROOM_PAGE_SIZE * 3):
        ArticleFactory(
            category=world,
            published_at=newest.published_at - timedelta(hours=hours + 1),
        )

    first = get_html(client, "/world/")
    beyond = client.get("/world/?page=3")

    assert "Page 1 of 2" in first
    assert "The newest story" in first
    assert beyond.status_code == 200
    assert beyond.context["page_obj"].number == 2  # the nearest real page
    assert 'rel="next"' not in beyond.content.decode()


def test_search_pagination_keeps_the_query(client, site, settings):
    for _ in range(settings.NEWSROOM_PAGE_SIZE + 1):
        ArticleFactory(headline="Budget row deepens")

    html = get_html(client, "/search/?q=budget")

    assert 'rel="next" href="/search/?q=budget&amp;page=2"' in html


@pytest.mark.parametrize(
    "page", ["abc", "999999", "-1", "0", "1.5", "", "2e3", "%00", "1" * 40]
)
@pytest.mark.parametrize(
    "url", ["/world/", "/tag/harbour/", "/author/ada/", "/search/?q=harbour&"]
)
def test_junk_page_numbers_land_on_a_real_page(client, site, url, page):
    world = CategoryFactory(name="World", slug="world")
    ada = AuthorFactory(slug="ada")
    ArticleFactory(
        headline="Harbour news",
        category=world,
        bylines=[ada],
        tag_names=["Harbour"],
    )
    separator = "&" if "?" in url else "?"

    html = get_html(client, f"{url}{separator}page={page}")

    assert "Harbour news" in html


def test_last_page_is_served_for_a_page_past_the_end(client, site, settings):
    world = CategoryFactory(name="World", slug="world")
    for _ in range(settings.NEWSROOM_PAGE_SIZE + 1):
        ArticleFactory(category=world)

    html = get_html(client, "/world/?page=999999")

    assert "Page 2 of 2" in html


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-category/",
        "/world/no-such-article/",
        "/tag/no-such-tag/",
        "/author/no-such-author/",
        "/world/a/b/c/",
        "/%E2%98%83/",
    ],
)
def test_unknown_addresses_get_the_styled_404_page(client, site, url):
    CategoryFactory(name="World", slug="world")

    html = get_html(client, url, status=404)

    assert "We couldn’t find that page" in html
    assert "/static/css/site.css" in html
    assert 'action="/search/"' in html


def test_search_echoes_the_query_and_counts_results(client, site):
    ArticleFactory(headline="Harbour budget approved")
    ArticleFactory(headline="Harbour wall repaired")
    ArticleFactory(headline="Unrelated sports story")

    html = get_html(client, "/search/?q=harbour")

    assert "2 results for “harbour”" in html
    assert 'value="harbour"' in html
    assert "Unrelated sports story" not in listed(html)


@pytest.mark.parametrize(
    ("query", "finds_it"),
    [("%00harbour", True), ("harbour%00budget", True), ("harbour" * 1000, False)],
)
def test_hostile_search_queries_get_a_results_page(client, site, query, finds_it):
    ArticleFactory(headline="Harbour budget approved")

    html = get_html(client, f"/search/?q={query}")

    assert ("Harbour budget approved" in listed(html)) is finds_it


def test_search_with_no_results_says_so(client, site):
    html = get_html(client, "/search/?q=zeppelin")

    assert "No results for “zeppelin”" in html


def test_empty_search_prompts_for_words_instead_of_failing(client, site):
    ArticleFactory(headline="Harbour budget approved")

    for url in ["/search/", "/search/?q=", "/search/?q=%20%20"]:
        html = get_html(client, url)
        assert "Type a word or two above" in html
        assert "Harbour budget approved" not in listed(html)


# --- Safety and cacheability -------------------------------------------------


def test_user_supplied_text_is_escaped_everywhere_it_shows(client, site):
    attack = '<script>alert("pwned")</script>'
    world = CategoryFactory(name=f"World {attack}", slug="world")
    author = AuthorFactory(name=f"Eve {attack}", slug="eve", bio=attack)
    article = ArticleFactory(
        headline=f"Headline {attack}",
        dek=f"Dek {attack}",
        summary=attack,
        category=world,
        bylines=[author],
        tag_names=[f"tag {attack}"],
    )

    pages = [
        "/",
        "/world/",
        article.get_absolute_url(),
        "/author/eve/",
        f"/search/?q={attack}",
    ]
    for url in pages:
        html = get_html(client, url)
        assert attack not in html, url
        assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html, url


def test_public_pages_have_no_per_reader_bits(client, full_article):
    SitePage.objects.create(slug="about", title="About Us")
    urls = [
        "/",
        "/world/",
        full_article.get_absolute_url(),
        "/tag/harbour/",
        "/author/ada/",
        "/search/?q=harbour",
        "/about/",
    ]
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html, url
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url
        assert get_html(Client(), url) == html, url


def test_public_pages_have_no_inline_script_style_or_event_handlers(
    client, full_article
):
    SitePage.objects.create(slug="about", title="About Us")
    for url in ["/", "/world/", full_article.get_absolute_url(), "/about/"]:
        html = get_html(client, url)
        scripts = re.findall(r"<script\b[^>]*>", html)
        # JSON-LD blocks are data, never run; every other script is our file.
        code = [s for s in scripts if s != '<script type="application/ld+json">']
        assert code == ['<script src="/static/js/site.js" defer>'], url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url
        assert "<style" not in html, url


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("500.html", "Something went wrong on our side"),
        ("503.html", "We’ll be back in a moment"),
        ("400.html", "We couldn’t read that request"),
        ("403.html", "You can’t open this page"),
        ("403_csrf.html", "This form has expired"),
    ],
)
def test_error_pages_render_with_no_context_and_no_database(
    django_assert_num_queries, template, words
):
    with django_assert_num_queries(0):
        html = render_to_string(template)

    assert words in html
    assert f'<p class="error-page__code">{template[:3]}</p>' in html
    assert "/static/css/site.css" in html


# --- Who has an author page ---------------------------------------------------


def author_addresses(slug):
    return [f"/author/{slug}/", f"/author/{slug}/feed/", f"/author/{slug}/feed/atom/"]


def test_an_author_with_no_live_article_has_no_page_feed_or_sitemap_entry(client):
    # A profile made ahead of a first story is not revealed by its address.
    newcomer = AuthorFactory(name="Nia New", slug="nia")
    ArticleFactory(bylines=[newcomer], status=Article.Status.DRAFT)

    for url in author_addresses("nia"):
        get_html(client, url, status=404)
    assert "/author/nia/" not in get_html(client, "/sitemap-authors.xml")

    ArticleFactory(bylines=[newcomer])

    for url in author_addresses("nia"):
        get_html(client, url)
    assert "/author/nia/" in get_html(client, "/sitemap-authors.xml")


def test_an_author_taken_off_the_site_keeps_their_name_on_their_articles(client):
    gone = AuthorFactory(name="Otto Former", slug="otto", is_active=False)
    article = ArticleFactory(headline="Harbour wall rebuilt", bylines=[gone])

    for url in author_addresses("otto"):
        get_html(client, url, status=404)
    assert "/author/otto/" not in get_html(client, "/sitemap-authors.xml")
    # Their name stays on the story, linking nowhere, on every surface.
    for url in [article.get_absolute_url(), "/feed/", "/feed/atom/", "/"]:
        html = get_html(client, url)
        assert "Otto Former" in html, url
        assert "/author/otto/" not in html, url

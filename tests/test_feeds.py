"""RSS and Atom feeds: what feed readers get for the site, a category, an
author and a tag, and what they must never get."""

import html
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.utils import timezone
from taggit.models import Tag

from articles.feeds import FEED_LENGTH
from articles.models import Article, Correction
from newsroom.models import SiteSettings
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, png_upload
from tests.test_visibility import STATES

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}

# Every feed of the newsroom fixture, RSS and Atom.
FEEDS = {
    "site": "/feed/",
    "category": "/desk/feed/",
    "author": "/author/rita/feed/",
    "tag": "/tag/harbour/feed/",
}
ALL_FEEDS = [
    *FEEDS.values(),
    *(f"{url}atom/" for url in FEEDS.values()),
]


@pytest.fixture
def newsroom():
    """A desk, a reporter and a tag, with one live article carrying all three,
    so every feed has something in it."""
    site = SiteSettings.load()
    site.name = "The Harbour Ledger"
    site.save()
    desk = CategoryFactory(name="Desk", slug="desk")
    rita = AuthorFactory(name="Rita Reporter", slug="rita")
    ArticleFactory(
        headline="Sibling story",
        category=desk,
        bylines=[rita],
        tag_names=["Harbour"],
        published_at=timezone.now() - timedelta(days=1),
    )
    return desk, rita


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def parsed(client, url):
    """The feed as a feed reader sees it; it must parse cleanly."""
    response = fetch(client, url)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def tree(client, url):
    return ET.fromstring(fetch(client, url).content)  # noqa: S314 - our own output


def titles(feed):
    """Item titles as readers show them: RSS titles are HTML, Atom's text."""
    return [
        html.unescape(entry.title)
        if entry.title_detail.type == "text/html"
        else entry.title
        for entry in feed.entries
    ]


@pytest.mark.parametrize("url", ALL_FEEDS)
def test_every_feed_parses_cleanly_with_its_format(client, newsroom, url):
    feed = parsed(client, url)

    assert feed.version == ("atom10" if url.endswith("atom/") else "rss20")
    assert titles(feed) == ["Sibling story"]
    assert feed.feed.title.endswith("The Harbour Ledger")
    response = client.get(url)
    assert response["Content-Type"].startswith(
        "application/atom+xml" if url.endswith("atom/") else "application/rss+xml"
    )


@pytest.mark.parametrize("state", STATES)
def test_only_a_live_article_appears_in_any_feed(client, newsroom, state):
    desk, rita = newsroom
    status, offset = STATES[state]
    ArticleFactory(
        headline="Article under test",
        category=desk,
        bylines=[rita],
        tag_names=["Harbour"],
        status=status,
        published_at=timezone.now() + offset,
    )

    shown = {
        url for url in ALL_FEEDS if "Article under test" in titles(parsed(client, url))
    }

    assert shown == (set(ALL_FEEDS) if state == "live" else set())


def test_scheduled_article_enters_the_feeds_exactly_at_its_time(client, newsroom):
    desk, rita = newsroom
    go_live = timezone.now() + timedelta(hours=3)
    ArticleFactory(
        headline="Scheduled story",
        category=desk,
        bylines=[rita],
        tag_names=["Harbour"],
        published_at=go_live,
    )

    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        before = [titles(parsed(client, url)) for url in ALL_FEEDS]
    with time_machine.travel(go_live, tick=False):
        after = [titles(parsed(client, url)) for url in ALL_FEEDS]

    assert all("Scheduled story" not in t for t in before)
    assert all(t[0] == "Scheduled story" for t in after)


def test_rss_carries_every_byline_as_dc_creator_in_order(client, newsroom):
    desk, _rita = newsroom
    authors = [
        AuthorFactory(name="Zed Last", slug="zed"),
        AuthorFactory(name="Amy First", slug="amy"),
        AuthorFactory(name="Mo Middle", slug="mo"),
    ]
    ArticleFactory(headline="Team effort", category=desk, bylines=authors)

    item = tree(client, "/feed/").find("channel/item")
    feed = parsed(client, "/feed/")

    creators = [node.text for node in item.findall("dc:creator", NS)]
    assert creators == ["Zed Last", "Amy First", "Mo Middle"]
    assert [a.name for a in feed.entries[0].authors] == creators


def test_atom_carries_one_author_per_byline_with_their_page(client, newsroom):
    desk, _rita = newsroom
    authors = [
        AuthorFactory(name="Zed Last", slug="zed"),
        AuthorFactory(name="Amy First", slug="amy"),
    ]
    ArticleFactory(headline="Team effort", category=desk, bylines=authors)

    entry = tree(client, "/feed/atom/").find("atom:entry", NS)

    assert [
        (a.findtext("atom:name", namespaces=NS), a.findtext("atom:uri", namespaces=NS))
        for a in entry.findall("atom:author", NS)
    ] == [
        ("Zed Last", "http://testserver/author/zed/"),
        ("Amy First", "http://testserver/author/amy/"),
    ]


def test_hero_image_is_an_enclosure_with_its_stored_size_and_type(client, newsroom):
    desk, _rita = newsroom
    article = ArticleFactory(
        headline="Pictured",
        category=desk,
        hero_image=png_upload("quay.png", size=(160, 90)),
        hero_alt="Boats at the quay",
        hero_credit="Photo: Ledger staff",
    )
    size = article.hero_image.storage.size(article.hero_image.name)
    image_url = f"http://testserver{article.hero_image.url}"

    item = tree(client, "/feed/").find("channel/item")
    entry = tree(client, "/feed/atom/").find("atom:entry", NS)

    assert item.find("enclosure").attrib == {
        "url": image_url,
        "length": str(size),
        "type": "image/png",
    }
    atom_enclosure = entry.find("atom:link[@rel='enclosure']", NS)
    assert atom_enclosure.attrib["href"] == image_url
    assert atom_enclosure.attrib["length"] == str(size)
    for node in (item, entry):
        media = node.find("media:content", NS)
        assert media.attrib["url"] == image_url
        assert (media.attrib["width"], media.attrib["height"]) == ("160", "90")
        assert media.findtext("media:description", namespaces=NS) == (
            "Boats at the quay"
        )
        assert media.findtext("media:credit", namespaces=NS) == "Photo: Ledger staff"


def test_an_image_missing_from_storage_leaves_the_item_without_one(client, newsroom):
    desk, _rita = newsroom
    article = ArticleFactory(
        headline="Lost picture",
        category=desk,
        hero_image=png_upload("lost.png"),
        hero_alt="Gone",
    )
    article.hero_image.storage.delete(article.hero_image.name)

    item = tree(client, "/feed/").find("channel/item")

    assert item.findtext("title") == "Lost picture"
    assert item.find("enclosure") is None
    assert item.find("media:content", NS) is None


def test_items_carry_link_dek_category_tags_and_times(client, newsroom):
    desk, _rita = newsroom
    published = timezone.now() - timedelta(hours=2)
    article = ArticleFactory(
        headline="Ferry fares rise",
        dek="Tickets cost more & sail less.",
        category=desk,
        tag_names=["Ferries", "Prices"],
        published_at=published,
    )
    # Last edited as it went live (a factory's article is saved just now).
    Article.objects.filter(pk=article.pk).update(updated_at=published)
    corrected = timezone.now() - timedelta(minutes=30)
    Correction.objects.create(
        article=article, text="Fixed a fare.", created_at=corrected
    )

    rss = parsed(client, "/feed/").entries[0]
    atom = parsed(client, "/feed/atom/").entries[0]

    for entry in (rss, atom):
        assert entry.link == f"http://testserver{article.get_absolute_url()}"
        assert entry.summary == "<p>Tickets cost more &amp; sail less.</p>"
        assert [tag.term for tag in entry.tags] == ["Desk", "Ferries", "Prices"]
        assert entry.published_parsed[:6] == published.utctimetuple()[:6]
        assert entry.updated_parsed[:6] == corrected.utctimetuple()[:6]


def test_item_id_survives_a_change_of_address(client, newsroom):
    desk, _rita = newsroom
    article = ArticleFactory(headline="Moving story", category=desk)
    before = parsed(client, "/feed/atom/").entries[0].id

    article.slug = "moved-story"
    article.save()
    after = parsed(client, "/feed/atom/").entries[0]

    assert after.link.endswith("/desk/moved-story/")
    assert after.id == before


def test_feed_holds_the_newest_twenty_live_articles(client, newsroom):
    desk, rita = newsroom
    now = timezone.now()
    for n in range(FEED_LENGTH + 5):
        ArticleFactory(
            headline=f"Story {n}",
            category=desk,
            bylines=[rita],
            tag_names=["Harbour"],
            published_at=now - timedelta(minutes=n),
        )

    for url in ALL_FEEDS:
        assert titles(parsed(client, url)) == [f"Story {n}" for n in range(20)], url


HOSTILE = "</script><script>alert(1)</script> Fish & Chips"


@pytest.mark.parametrize("url", ALL_FEEDS)
def test_hostile_headline_reads_back_as_literal_text(client, newsroom, url):
    desk, rita = newsroom
    ArticleFactory(
        headline=HOSTILE,
        dek=HOSTILE,
        category=desk,
        bylines=[AuthorFactory(name=f"Eve {HOSTILE}", slug="eve"), rita],
        tag_names=["Harbour", f"tag {HOSTILE}"],
    )

    raw = fetch(client, url).content.decode()
    feed = parsed(client, url)

    assert "<script" not in raw
    assert titles(feed)[0] == HOSTILE
    entry = feed.entries[0]
    assert entry.authors[0].name == f"Eve {HOSTILE}"
    # The dek is HTML made from text: shown, its markup is text again.
    assert html.unescape(entry.summary) == f"<p>{HOSTILE}</p>"


def test_rss_title_is_html_a_reader_may_render_and_atom_title_is_text(client, newsroom):
    desk, _rita = newsroom
    ArticleFactory(headline=HOSTILE, category=desk)

    rss_title = tree(client, "/feed/").findtext("channel/item/title")
    atom_title = tree(client, "/feed/atom/").find("atom:entry", NS)

    # Many readers render an RSS title as HTML: it is escaped HTML, so the
    # markup in it shows as text. Atom says its title is plain text.
    assert rss_title == (
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; Fish &amp; Chips"
    )
    assert atom_title.findtext("atom:title", namespaces=NS) == HOSTILE
    assert "type" not in atom_title.find("atom:title", NS).attrib


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_characters_xml_forbids_are_dropped_not_fatal(client, newsroom, url):
    desk, _rita = newsroom
    ArticleFactory(
        headline="Bell\x07 and tab\x0b headline",
        dek="Form\x0cfeed",
        category=desk,
        hero_image=png_upload(),
        hero_alt="Vertical\x0btab",
        tag_names=["Esc\x1bape"],
    )

    feed = parsed(client, url)

    entry = feed.entries[0]
    assert titles(feed)[0] == "Bell and tab headline"
    assert [tag.term for tag in entry.tags] == ["Desk", "Escape"]


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-desk/feed/",
        "/no-such-desk/feed/atom/",
        "/author/nobody/feed/",
        "/author/nobody/feed/atom/",
        "/tag/no-such-tag/feed/",
        "/tag/no-such-tag/feed/atom/",
    ],
)
def test_feed_of_an_unknown_subject_is_a_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_a_tag_used_only_on_unpublished_work_has_no_feed(client, newsroom):
    ArticleFactory(status=Article.Status.DRAFT, tag_names=["Secret merger"])

    assert client.get("/tag/secret-merger/feed/").status_code == 404
    assert client.get("/tag/secret-merger/feed/atom/").status_code == 404


def test_an_empty_category_has_an_empty_feed(client, newsroom):
    CategoryFactory(name="Quiet", slug="quiet")

    assert parsed(client, "/quiet/feed/").entries == []


# --- Old addresses ------------------------------------------------------------


def rename(subject, slug):
    subject.slug = slug
    subject.save()


# (subject, its old address, its address once renamed to "renamed-subject").
RENAMED = {
    "category": ("/desk/", "/renamed-subject/"),
    "author": ("/author/rita/", "/author/renamed-subject/"),
    "tag": ("/tag/harbour/", "/tag/renamed-subject/"),
}


@pytest.mark.parametrize("feed", ["feed/", "feed/atom/"], ids=["rss", "atom"])
@pytest.mark.parametrize("kind", list(RENAMED))
def test_a_renamed_subjects_old_feed_redirects_permanently_to_its_new_feed(
    client, newsroom, kind, feed
):
    desk, rita = newsroom
    subject = {"category": desk, "author": rita, "tag": Tag.objects.get()}[kind]
    rename(subject, "renamed-subject")
    old, new = RENAMED[kind]

    response = client.get(f"{old}{feed}")

    assert response.status_code == 301
    assert response["Location"] == f"{new}{feed}"
    assert titles(parsed(client, response["Location"])) == ["Sibling story"]


def test_every_old_feed_address_is_one_hop_from_the_current_feed(client, newsroom):
    desk, _rita = newsroom
    for slug in ["newsdesk", "the-desk", "desk", "city-desk"]:
        rename(desk, slug)

    for old in ["desk", "newsdesk", "the-desk"]:
        for feed in ["feed/", "feed/atom/"]:
            response = client.get(f"/{old}/{feed}")
            assert response.status_code == 301, old
            assert response["Location"] == f"/city-desk/{feed}"
    assert fetch(client, "/city-desk/feed/")


def test_a_feed_moved_back_to_its_old_address_is_served_there(client, newsroom):
    desk, _rita = newsroom
    rename(desk, "newsdesk")
    rename(desk, "desk")

    assert titles(parsed(client, "/desk/feed/")) == ["Sibling story"]
    assert client.get("/newsdesk/feed/")["Location"] == "/desk/feed/"


def test_a_renamed_tag_without_live_articles_has_no_feed_at_either_address(
    client, newsroom
):
    ArticleFactory(status=Article.Status.DRAFT, tag_names=["Secret merger"])
    rename(Tag.objects.get(slug="secret-merger"), "takeover")

    for url in [
        "/tag/secret-merger/feed/",
        "/tag/secret-merger/feed/atom/",
        "/tag/takeover/feed/",
        "/tag/takeover/feed/atom/",
    ]:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("kind", ["category", "author", "tag"])
def test_an_old_feed_address_costs_one_query_after_the_miss(
    client, newsroom, django_assert_num_queries, kind
):
    desk, rita = newsroom
    subject = {"category": desk, "author": rita, "tag": Tag.objects.get()}[kind]
    rename(subject, "renamed")
    old = FEEDS[kind]

    # The subject's lookup that misses, then the redirect's.
    with django_assert_num_queries(2):
        assert client.get(old).status_code == 301
    with django_assert_num_queries(2):
        assert client.get(f"{old}atom/").status_code == 301


# Site settings, the articles, their bylines with authors, their tags; a
# subject's feed first looks the subject up.
FEED_QUERIES = {"site": 4, "category": 5, "author": 5, "tag": 5}


@pytest.mark.parametrize("kind", FEEDS)
@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
@pytest.mark.parametrize("size", [3, 25])
def test_feed_query_count_does_not_grow_with_its_length(
    client, newsroom, django_assert_num_queries, kind, atom, size
):
    desk, rita = newsroom
    others = [AuthorFactory() for _ in range(3)]
    for n in range(size):
        article = ArticleFactory(
            category=desk,
            bylines=[rita, *others[: n % 4]],
            tag_names=["Harbour", f"Topic {n}"],
            hero_image=png_upload() if n % 2 else "",
            hero_alt="A picture",
        )
        Correction.objects.create(article=article, text="Fixed.")
    url = FEEDS[kind] + ("atom/" if atom else "")

    with django_assert_num_queries(FEED_QUERIES[kind]):
        response = client.get(url)

    assert response.status_code == 200


# --- Discovery ---------------------------------------------------------------


def alternates(html_text):
    return re.findall(
        r'<link rel="alternate" type="application/(rss|atom)\+xml" title="[^"]*" '
        r'href="([^"]+)">',
        html_text,
    )


@pytest.mark.parametrize(
    ("page", "own_feed"),
    [
        ("/", None),
        ("/desk/", "/desk/feed/"),
        ("/author/rita/", "/author/rita/feed/"),
        ("/tag/harbour/", "/tag/harbour/feed/"),
    ],
)
def test_pages_announce_their_feeds(client, newsroom, page, own_feed):
    links = alternates(fetch(client, page).content.decode())

    expected = [("rss", "/feed/"), ("atom", "/feed/atom/")]
    if own_feed:
        expected += [("rss", own_feed), ("atom", f"{own_feed}atom/")]
    assert links == expected
    for _kind, url in links:
        parsed(client, url)


def test_one_feed_instance_serves_each_request_with_its_own_state(
    client, newsroom, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "news.example.com"]
    # urls.py holds one instance per feed for every request: what a request
    # loads (its host, its images' sizes) never stays on it for the next.
    secure = client.get("/feed/", HTTP_HOST="news.example.com", secure=True)
    plain = client.get("/feed/")

    assert b"https://news.example.com/" in secure.content
    assert b"news.example.com" not in plain.content
    assert b"http://testserver/" in plain.content


def test_an_old_feed_address_is_redirected_for_a_read_only(client, newsroom):
    desk, _rita = newsroom
    rename(desk, "newsdesk")

    assert client.head("/desk/feed/")["Location"] == "/newsdesk/feed/"
    assert client.post("/desk/feed/").status_code == 404

"""What search engines and social networks read on each page: titles,
descriptions, canonical addresses, share cards and JSON-LD; and the
"Updated" time readers see when an article changed after it went live."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles import previews
from articles.models import FAQ, Article, Correction, PreviewLink
from articles.update_times import GRACE, updated_time
from newsroom.models import SitePage
from tests.factories import (
    SOCIAL_LINKS,
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    harbour_wall_story,
    png_upload,
    site_settings,
)

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The tags crawlers read: <title>, <meta>, <link>, and <script> blocks."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.meta = {}  # name or property -> [content, ...] in order
        self.links = []  # (rel, href)
        self.scripts = []  # (attributes, text)
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append((attrs.get("rel"), attrs.get("href")))
        elif tag in ("title", "script"):
            self._in = (tag, attrs)
            if tag == "script":
                self.scripts.append([attrs, ""])

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "title":
            self.title += data
        elif self._in and self._in[0] == "script":
            self.scripts[-1][1] += data

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def canonical(self):
        return [href for rel, href in self.links if rel == "canonical"]

    def jsonld(self):
        """Every JSON-LD block, parsed, by its @type."""
        blocks = {}
        for attrs, text in self.scripts:
            if attrs.get("type") == "application/ld+json":
                data = json.loads(text)
                blocks.setdefault(data["@type"], []).append(data)
        return blocks


def head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


def settled(article, at=None):
    """As if last edited when it went live (a factory saves it just now)."""
    Article.objects.filter(pk=article.pk).update(updated_at=at or article.published_at)
    article.refresh_from_db()
    return article


@pytest.fixture
def site():
    return site_settings(
        name="The Harbour Ledger",
        description="News from the harbour town.",
        x_url="https://x.com/harbourledger",
        facebook_url=SOCIAL_LINKS["facebook_url"],
    )


@pytest.fixture
def harbour_story(site):
    """The live story with every part (``harbour_wall_story``), its hero wide
    enough for search engines and Ada on X; not edited since it went live."""
    return settled(
        harbour_wall_story(
            ada={"x_handle": "ada"},
            hero_image=png_upload("harbour.png", size=(160, 90)),
        )
    )


URL = "/world/harbour-wall-rebuilt/"
ABSOLUTE = f"http://testserver{URL}"


# --- JSON-LD on the article page ---------------------------------------------


def test_article_jsonld_is_a_news_article_with_every_field(client, harbour_story):
    (data,) = head(client, URL).jsonld()["NewsArticle"]

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Harbour wall rebuilt after storm"
    assert data["description"] == "The intro paragraph that sets the scene."
    assert data["url"] == ABSOLUTE
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": ABSOLUTE}
    (image,) = data["image"]
    assert image["url"] == f"http://testserver{harbour_story.hero_image.url}"
    assert (image["width"], image["height"]) == (160, 90)
    assert data["datePublished"] == iso(harbour_story.published_at)
    assert data["dateModified"] == iso(harbour_story.published_at)
    assert data["articleSection"] == "World"
    assert sorted(data["keywords"]) == ["Harbour", "Storms"]
    assert data["inLanguage"] == "en-us"
    assert "correction" not in data  # nothing corrected


def test_article_jsonld_names_every_author_as_a_person_with_a_url(
    client, harbour_story
):
    (data,) = head(client, URL).jsonld()["NewsArticle"]

    assert [(a["@type"], a["name"], a["url"]) for a in data["author"]] == [
        ("Person", "Ada Lovelace", "http://testserver/author/ada/"),
        ("Person", "Ben Okri", "http://testserver/author/ben/"),
    ]
    assert data["author"][0]["jobTitle"] == "News Director"
    assert data["author"][1]["sameAs"] == ["https://ben.example"]


def test_publisher_is_the_news_organisation_with_our_logo_until_one_is_set(
    client, harbour_story, site
):
    (before,) = head(client, URL).jsonld()["NewsArticle"]
    site.logo = png_upload("masthead.png")
    site.save()
    (after,) = head(client, URL).jsonld()["NewsArticle"]

    assert before["publisher"]["@type"] == "NewsMediaOrganization"
    assert before["publisher"]["name"] == "The Harbour Ledger"
    assert before["publisher"]["logo"]["url"] == (
        "http://testserver/static/img/logo.png"
    )
    assert client.get("/static/img/logo.png").status_code == 200
    assert after["publisher"]["logo"]["url"] == f"http://testserver{site.logo.url}"
    assert after["publisher"]["sameAs"] == [
        "https://facebook.example/ledger",
        "https://x.com/harbourledger",
    ]


def test_corrections_are_in_the_jsonld_with_their_dates(client, harbour_story):
    first = Correction.objects.create(
        article=harbour_story,
        text="An earlier version gave the wrong height.",
        created_at=timezone.now() - timedelta(hours=3),
    )
    second = Correction.objects.create(
        article=harbour_story,
        kind=Correction.Kind.CLARIFICATION,
        text="The wall is in the old harbour.",
        created_at=timezone.now() - timedelta(hours=1),
    )

    (data,) = head(client, URL).jsonld()["NewsArticle"]

    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "name": "Correction",
            "text": first.text,
            "datePublished": iso(first.created_at),
        },
        {
            "@type": "CorrectionComment",
            "name": "Clarification",
            "text": second.text,
            "datePublished": iso(second.created_at),
        },
    ]
    assert data["dateModified"] == iso(second.created_at)


def test_faq_page_has_one_question_with_its_answer_per_faq(client, harbour_story):
    FAQ.objects.create(
        article=harbour_story, position=9, question="Who pays?", answer="The council."
    )

    (data,) = head(client, URL).jsonld()["FAQPage"]

    assert data["mainEntity"] == [
        {
            "@type": "Question",
            "name": faq.question,
            "acceptedAnswer": {"@type": "Answer", "text": faq.answer},
        }
        for faq in harbour_story.faqs.all()
    ]
    assert len(data["mainEntity"]) == 3


def test_an_article_without_faqs_has_no_faq_page(client, site):
    ArticleFactory(slug="plain", category=CategoryFactory(slug="world"))

    assert "FAQPage" not in head(client, "/world/plain/").jsonld()


def test_breadcrumbs_run_home_category_article(client, harbour_story):
    (data,) = head(client, URL).jsonld()["BreadcrumbList"]

    assert [
        (item["position"], item["name"], item["item"])
        for item in data["itemListElement"]
    ] == [
        (1, "The Harbour Ledger", "http://testserver/"),
        (2, "World", "http://testserver/world/"),
        (3, "Harbour wall rebuilt after storm", ABSOLUTE),
    ]


# --- JSON-LD elsewhere ---------------------------------------------------------


def test_home_page_has_website_with_a_search_action(client, site):
    (data,) = head(client, "/").jsonld()["WebSite"]

    assert data["name"] == "The Harbour Ledger"
    assert data["url"] == "http://testserver/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == (
        "http://testserver/search/?q={search_term_string}"
    )
    assert action["query-input"] == "required name=search_term_string"
    assert data["publisher"]["@type"] == "NewsMediaOrganization"


def test_author_page_is_a_profile_page_about_the_person(client, site):
    dana = AuthorFactory(
        name="Dana Writer",
        slug="dana",
        job_title="Health Editor",
        bio="Writes about hospitals.",
        website="https://dana.example",
        x_handle="@dana",
    )
    ArticleFactory(bylines=[dana])

    (data,) = head(client, "/author/dana/").jsonld()["ProfilePage"]

    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Dana Writer"
    assert person["url"] == "http://testserver/author/dana/"
    assert person["jobTitle"] == "Health Editor"
    assert person["description"] == "Writes about hospitals."
    assert person["sameAs"] == ["https://dana.example", "https://x.com/dana"]


def test_category_page_has_breadcrumbs(client, site):
    CategoryFactory(name="World", slug="world")

    (data,) = head(client, "/world/").jsonld()["BreadcrumbList"]

    assert [item["item"] for item in data["itemListElement"]] == [
        "http://testserver/",
        "http://testserver/world/",
    ]


# --- Titles, descriptions, canonical addresses, share cards ------------------

SHARE_CARD = [
    "og:site_name",
    "og:type",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:image:alt",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
    "twitter:image:alt",
]


@pytest.mark.parametrize(
    ("url", "title", "og_type"),
    [
        ("/", "The Harbour Ledger", "website"),
        ("/world/", "World", "website"),
        ("/tag/harbour/", "Harbour", "website"),
        ("/author/ada/", "Ada Lovelace", "profile"),
        (URL, "Harbour wall rebuilt after storm", "article"),
        ("/about/", "About Us", "website"),
    ],
)
def test_every_public_page_has_title_description_canonical_and_share_card(
    client, harbour_story, url, title, og_type
):
    SitePage.objects.create(slug="about", title="About Us", intro="Who we are.")

    page = head(client, url)

    assert page.title.strip()
    assert page.one("description").strip()
    assert page.canonical() == [f"http://testserver{url}"]
    for key in SHARE_CARD:
        assert page.one(key), key
    assert page.one("og:url") == f"http://testserver{url}"
    assert page.one("og:title") == title
    assert page.one("og:type") == og_type
    assert page.one("og:site_name") == "The Harbour Ledger"
    assert page.one("twitter:site") == "@harbourledger"
    assert page.one("og:image").startswith("http://testserver/")


def test_article_share_card_carries_times_section_tags_authors_and_image(
    client, harbour_story
):
    page = head(client, URL)

    assert page.one("og:image") == f"http://testserver{harbour_story.hero_image.url}"
    assert page.one("og:image:alt") == "Cranes lifting stone onto the harbour wall"
    assert page.one("og:image:width") == "160"
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("twitter:creator") == "@ada"
    assert page.one("article:published_time") == iso(harbour_story.published_at)
    assert page.one("article:modified_time") == iso(harbour_story.published_at)
    assert page.one("article:section") == "World"
    assert sorted(page.meta["article:tag"]) == ["Harbour", "Storms"]
    assert page.meta["article:author"] == [
        "http://testserver/author/ada/",
        "http://testserver/author/ben/",
    ]
    assert page.one("og:description") == "The intro paragraph that sets the scene."


def test_pages_without_an_image_share_the_publication_logo(client, site):
    ArticleFactory(slug="no-picture", category=CategoryFactory(slug="world"))

    page = head(client, "/world/no-picture/")

    assert page.one("og:image") == "http://testserver/static/img/logo.png"
    assert page.one("og:image:alt") == "The Harbour Ledger"
    assert page.one("twitter:card") == "summary"


def test_a_list_page_canonical_keeps_its_page_number_and_nothing_else(
    client, site, settings
):
    world = CategoryFactory(name="World", slug="world")
    for _ in range(settings.NEWSROOM_PAGE_SIZE + 1):
        ArticleFactory(category=world)

    first = head(client, "/world/?utm_source=mail")
    second = head(client, "/world/?page=2&utm_source=mail")

    assert first.canonical() == ["http://testserver/world/"]
    assert second.canonical() == ["http://testserver/world/?page=2"]


def test_search_and_error_pages_name_no_canonical_address(client, site):
    search = head(client, "/search/?q=harbour")
    missing = head(client, "/no-such-page/", status=404)

    assert search.canonical() == []
    assert search.one("robots") == "noindex, follow"
    assert missing.canonical() == []
    assert "og:title" not in missing.meta
    assert missing.jsonld() == {}


def test_home_description_falls_back_to_naming_the_publication(client):
    site_settings(name="The Quiet Gazette")

    page = head(client, "/")

    assert page.one("description") == "The latest news from The Quiet Gazette."
    assert page.one("og:description") == "The latest news from The Quiet Gazette."


# --- Previews ------------------------------------------------------------------


def assert_private(page):
    assert page.one("robots") == "noindex, nofollow"
    assert page.canonical() == []
    assert not [key for key in page.meta if key.startswith(("og:", "article:"))]
    assert not [key for key in page.meta if key.startswith("twitter:")]
    assert page.jsonld() == {}


def test_staff_preview_carries_no_canonical_share_card_or_jsonld(client, site, draft):
    client.force_login(EditorFactory())

    assert_private(head(client, f"/preview/staff/{draft.pk}/"))


def test_shared_preview_carries_no_canonical_share_card_or_jsonld(client, site, draft):
    link = PreviewLink.objects.create(article=draft, created_by=EditorFactory())

    assert_private(head(client, previews.url_for(link)))


def test_preview_of_a_live_article_is_still_private(client, harbour_story):
    link = PreviewLink.objects.create(article=harbour_story, created_by=EditorFactory())

    assert_private(head(client, previews.url_for(link)))


# --- A hostile headline ----------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script> & <!-- Fish"


def test_hostile_headline_never_opens_a_script_in_any_output(client, site):
    world = CategoryFactory(name=f"World {HOSTILE}", slug="world")
    author = AuthorFactory(name=f"Eve {HOSTILE}", slug="eve", bio=HOSTILE)
    hostile = ArticleFactory(
        headline=HOSTILE,
        dek=HOSTILE,
        slug="hostile",
        category=world,
        bylines=[author],
        tag_names=[f"tag {HOSTILE}"],
        hero_image=png_upload(),
        hero_alt=HOSTILE,
    )
    FAQ.objects.create(article=hostile, question=HOSTILE, answer=HOSTILE)
    Correction.objects.create(article=hostile, text=HOSTILE)

    for url in ["/", "/world/", "/world/hostile/", "/author/eve/"]:
        response = client.get(url)
        text = response.content.decode()
        page = Head()
        page.feed(text)
        assert "alert(1)</script>" not in text, url
        # Our own file and data blocks, nothing the headline opened; every
        # data block parses (Head.jsonld) and ends where it should.
        kinds = [attrs.get("src") or attrs.get("type") for attrs, _ in page.scripts]
        assert set(kinds) == {"/static/js/site.js", "application/ld+json"}, url
        assert kinds.count("/static/js/site.js") == 1, url
        assert text.count("<script") == len(page.scripts), url
        assert page.jsonld(), url

    article_page = head(client, "/world/hostile/")
    (data,) = article_page.jsonld()["NewsArticle"]
    assert data["headline"] == HOSTILE
    assert data["author"][0]["name"] == f"Eve {HOSTILE}"
    assert data["correction"][0]["text"] == HOSTILE
    (faq,) = article_page.jsonld()["FAQPage"]
    assert faq["mainEntity"][0]["name"] == HOSTILE
    assert article_page.one("og:title") == HOSTILE
    assert article_page.one("og:image:alt") == HOSTILE
    for url in ["/feed/", "/feed/atom/", "/news-sitemap.xml"]:
        assert "<script" not in client.get(url).content.decode(), url


def test_jsonld_escapes_what_could_end_its_script_element(client, site):
    ArticleFactory(headline=HOSTILE, slug="hostile", category=CategoryFactory(slug="w"))

    text = client.get("/w/hostile/").content.decode()

    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', text, re.S
    )
    assert blocks
    for block in blocks:
        assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003C/script\\u003E" in blocks[0]


# --- "Updated" -------------------------------------------------------------------


def updated_line(client, url):
    text = client.get(url).content.decode()
    meta = re.search(r'<div class="article__meta">.*?</div>', text, re.S).group(0)
    return re.search(
        r'<span class="article__updated">Updated <time datetime="([^"]+)">', meta
    )


def test_updated_shows_after_a_correction_and_moves_date_modified(
    client, harbour_story
):
    corrected = timezone.now() - timedelta(minutes=20)
    Correction.objects.create(
        article=harbour_story, text="Fixed.", created_at=corrected
    )

    found = updated_line(client, URL)
    page = head(client, URL)
    (data,) = page.jsonld()["NewsArticle"]

    assert found, "the article page does not say it was updated"
    assert found.group(1) == html_time(corrected)
    assert data["dateModified"] == iso(corrected)
    assert page.one("article:modified_time") == iso(corrected)
    assert data["datePublished"] == iso(harbour_story.published_at)


def test_updated_shows_after_an_edit_well_after_publication(client, harbour_story):
    edited = harbour_story.published_at + timedelta(hours=2)
    settled(harbour_story, at=edited)

    found = updated_line(client, URL)
    (data,) = head(client, URL).jsonld()["NewsArticle"]

    assert found and found.group(1) == html_time(edited)
    assert data["dateModified"] == iso(edited)


def test_a_quick_fix_just_after_publication_is_not_an_update(client, harbour_story):
    settled(harbour_story, at=harbour_story.published_at + GRACE - timedelta(seconds=1))

    (data,) = head(client, URL).jsonld()["NewsArticle"]

    assert updated_line(client, URL) is None
    assert data["dateModified"] == iso(harbour_story.published_at)


def test_an_article_not_touched_since_publication_shows_no_update(
    client, harbour_story
):
    assert updated_line(client, URL) is None


def test_corrections_show_on_the_article_with_kind_and_date(client, harbour_story):
    when = timezone.now() - timedelta(days=1)
    Correction.objects.create(
        article=harbour_story,
        kind=Correction.Kind.UPDATE,
        text="Added figures.",
        created_at=when,
    )

    text = client.get(URL).content.decode()

    section = re.search(r'<section class="corrections".*?</section>', text, re.S)
    assert section
    assert "<strong>Update</strong>" in section.group(0)
    assert f'<time datetime="{html_time(when)}">' in section.group(0)
    assert "Added figures." in section.group(0)


@pytest.mark.parametrize(
    ("edited", "corrected", "expected"),
    [
        (None, None, None),
        (timedelta(0), None, None),
        (GRACE, None, None),
        (GRACE + timedelta(seconds=1), None, GRACE + timedelta(seconds=1)),
        (-timedelta(days=1), None, None),  # edited before it went live
        (timedelta(0), timedelta(minutes=1), timedelta(minutes=1)),
        (timedelta(hours=2), timedelta(hours=1), timedelta(hours=2)),
        # A correction dated before a republication: updated as republished.
        (-timedelta(days=2), -timedelta(days=1), timedelta(0)),
    ],
)
def test_updated_time_rule(edited, corrected, expected):
    published = timezone.now()

    result = updated_time(
        published_at=published,
        edited_at=published + edited if edited is not None else None,
        corrected_at=published + corrected if corrected is not None else None,
    )

    assert result == (published + expected if expected is not None else None)


def test_nothing_is_updated_before_it_is_published():
    assert updated_time(published_at=None, edited_at=timezone.now()) is None


def html_time(moment):
    """How a <time datetime> writes a moment: local, to the second (HTML
    allows no more than three digits of a second's fraction)."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S%z")

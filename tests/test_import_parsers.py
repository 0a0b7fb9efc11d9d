"""Reading exports (imports.wxr, imports.ghost): plain records out, nothing
written; a file that is not an export fails at once with one line; XML is
read without entities."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from imports import ghost, records, wxr
from imports.records import ExportError

EXPORTS = Path(__file__).resolve().parent / "import_exports"
WORDPRESS = EXPORTS / "harbour-gazette.xml"
GHOST = EXPORTS / "the-tide-ghost.json"


@pytest.fixture(scope="module")
def wordpress():
    return wxr.parse(WORDPRESS)


@pytest.fixture(scope="module")
def tide():
    return ghost.parse(GHOST)


def post(export, source_id):
    return next(p for p in export.posts if p.source_id == source_id)


# --- WordPress -----------------------------------------------------------------------


def test_wxr_posts_pages_and_media_are_told_apart(wordpress):
    kinds = sorted((p.kind, p.source_id) for p in wordpress.posts)
    assert ("page", "110") in kinds and ("page", "111") in kinds
    assert sorted(wordpress.attachments) == ["201", "202"]
    assert wordpress.ignored == {"nav_menu_item": 1}
    assert wordpress.site_url == "https://oldnews.example.com"


def test_wxr_statuses_are_read_with_password_protection_first(wordpress):
    assert post(wordpress, "101").status == records.PUBLISHED
    assert post(wordpress, "103").status == records.SCHEDULED
    assert post(wordpress, "104").status == records.PRIVATE
    assert post(wordpress, "105").status == records.PASSWORD
    assert post(wordpress, "108").status == records.DRAFT
    assert post(wordpress, "109").status == records.PENDING
    assert post(wordpress, "112").problems == ["it is in WordPress's trash"]


def test_wxr_dates_are_read_as_utc(wordpress):
    assert post(wordpress, "103").published_at == datetime(2099, 6, 1, 8, tzinfo=UTC)


def test_wxr_co_authors_are_bylines_in_their_order(wordpress):
    assert post(wordpress, "102").authors == ["bsmith", "jdoe"]
    assert post(wordpress, "101").authors == ["jdoe"]
    assert wordpress.people["bsmith"].name == "Bob Smith"


def test_wxr_nested_categories_keep_their_parent(wordpress):
    assert wordpress.terms["category:local"].parent == "category:news"
    assert post(wordpress, "101").categories == ["category:local"]
    assert post(wordpress, "101").tags == ["tag:harbour"]


def test_wxr_percent_encoded_slugs_are_read_in_their_script(wordpress):
    assert post(wordpress, "107").slug == "київ-відкриває-міст"


def test_wxr_featured_image_seo_and_comments(wordpress):
    harbour = post(wordpress, "101")
    assert harbour.featured_image == records.SourceImage(
        url="https://oldnews.example.com/wp-content/uploads/2023/05/bridge.jpg",
        alt="The bridge at dawn",
        caption="Photo: Ana Ruiz",
    )
    assert harbour.seo_title == "Bridge reopens"  # Yoast's %%variables%% dropped
    assert harbour.seo_description.startswith("The harbour bridge is open again")
    assert harbour.comments == 2


def test_wxr_an_item_without_an_id_is_a_problem_not_a_crash(wordpress):
    no_id = next(p for p in wordpress.posts if p.title == "An item without an id")
    assert no_id.problems == ["it has no post id"]


def test_a_changed_post_has_another_fingerprint(wordpress):
    harbour = post(wordpress, "101")
    same = wxr.parse(WORDPRESS)
    assert post(same, "101").fingerprint() == harbour.fingerprint()
    changed = post(same, "101")
    changed.body += " More."
    assert changed.fingerprint() != harbour.fingerprint()


BAD_FILES = {
    "not-xml.xml": (b"%PDF-1.4 binary", "Not a readable XML file"),
    "cut-short.xml": (WORDPRESS.read_bytes()[:3000], "Not a readable XML file"),
    "wrong-root.xml": (b"<html><body>Hi</body></html>", "root is <html>"),
    "plain-rss.xml": (
        b"<rss><channel><title>Feed</title></channel></rss>",
        "without WXR",
    ),
    "entities.xml": (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>&b;</channel></rss>',
        "Refused",
    ),
    "external.xml": (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel>&x;</channel></rss>",
        "Refused",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_file_that_is_not_a_wordpress_export_fails_at_once_in_one_line(
    tmp_path, name
):
    content, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExportError) as raised:
        wxr.parse(path)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert "root:" not in str(raised.value)  # /etc/passwd never read


# --- Ghost ----------------------------------------------------------------------------


def test_ghost_authors_in_order_and_primary_tag_first(tide):
    lighthouse = post(tide, "p1")
    assert lighthouse.authors == ["u2", "u1"]
    assert lighthouse.categories == ["t1"]  # Coast, the first public tag
    assert lighthouse.tags == ["t2"]  # People; the internal #tag is dropped
    assert "t3" not in tide.terms


def test_ghost_fields_from_posts_meta_and_statuses(tide):
    lighthouse = post(tide, "p1")
    assert lighthouse.seo_title == "Keeper retires after 40 years"
    assert lighthouse.featured_image.alt == "The lighthouse at dusk"
    assert lighthouse.link == "/lighthouse-keeper-retires/"
    assert post(tide, "p3").status == records.SCHEDULED
    assert post(tide, "p4").status == records.DRAFT
    assert post(tide, "p5").status == records.PRIVATE  # paid members only
    assert post(tide, "p7").kind == "page"


def test_ghost_a_post_without_html_cannot_be_imported(tide):
    assert "no html field" in post(tide, "p6").problems[0]


def test_ghost_members_with_a_newsletter_are_subscribers(tide):
    wanted = {m.email: m.subscribed for m in tide.members}
    assert wanted == {
        "reader.one@example.com": True,
        "reader.two@example.com": True,
        "no.news@example.com": False,
    }
    assert tide.members[0].consented_at == datetime(2023, 2, 1, 10, tzinfo=UTC)


def test_ghost_2x_exports_with_page_flags_and_subscribed_members(tmp_path):
    path = tmp_path / "ghost2.json"
    path.write_text(
        json.dumps(
            {
                "db": [
                    {
                        "data": {
                            "posts": [
                                {"id": 1, "title": "About", "slug": "about",
                                 "html": "<p>Us.</p>", "status": "published",
                                 "page": True, "published_at": "2019-01-01 10:00:00"},
                            ],
                            "members": [
                                {"id": 1, "email": "a@example.com", "subscribed": True}
                            ],
                        }
                    }
                ]
            }
        )
    )  # fmt: skip
    export = ghost.parse(path)
    assert export.posts[0].kind == "page"
    assert export.posts[0].published_at == datetime(2019, 1, 1, 10, tzinfo=UTC)
    assert export.members[0].subscribed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "Not a readable JSON file"),
        ('{"db": [{"meta": {}}]}', "Not a Ghost export"),
        ("[1, 2, 3]", "Not a Ghost export"),
        (GHOST.read_text()[:500], "Not a readable JSON file"),
    ],
)
def test_a_file_that_is_not_a_ghost_export_fails_at_once_in_one_line(
    tmp_path, content, message
):
    path = tmp_path / "export.json"
    path.write_text(content)
    with pytest.raises(ExportError) as raised:
        ghost.parse(path)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_wxr_co_authors_plus_guest_authors_are_people(tmp_path):
    guest = """
	<item>
		<title><![CDATA[cap-mira]]></title>
		<wp:post_id>900</wp:post_id>
		<wp:post_type><![CDATA[guest-author]]></wp:post_type>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:postmeta><wp:meta_key>cap-user_login</wp:meta_key>
			<wp:meta_value><![CDATA[mira]]></wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>cap-display_name</wp:meta_key>
			<wp:meta_value><![CDATA[Mira Guest]]></wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>cap-website</wp:meta_key>
			<wp:meta_value><![CDATA[https://mira.example.com]]></wp:meta_value></wp:postmeta>
	</item>
"""
    text = WORDPRESS.read_text().replace(
        '<category domain="author" nicename="cap-jdoe">',
        '<category domain="author" nicename="cap-mira"><![CDATA[mira]]></category>'
        '<category domain="author" nicename="cap-jdoe">',
    )
    path = tmp_path / "guests.xml"
    path.write_text(text.replace("</channel>", guest + "</channel>"))
    export = wxr.parse(path)
    assert post(export, "102").authors == ["bsmith", "mira", "jdoe"]
    assert export.people["mira"].name == "Mira Guest"
    assert export.people["mira"].website == "https://mira.example.com"
    assert "guest-author" not in export.ignored

"""Section bodies keep only the editor's markup, whatever wrote them."""

import pytest

from articles.models import Section
from newsroom.models import SitePage
from newsroom.richtext import sanitize_body
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<p onclick=alert(1)>click</p>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed">x</p>',
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    # The markup rich bodies allow, carrying what they do not.
    '<figure class="embed" data-embed-url="javascript:alert(1)">'
    '<a href="javascript:alert(1)">x</a></figure>',
    '<figure class="embed" data-embed-url="https://evil.example/x">'
    '<iframe src="https://evil.example/x"></iframe></figure>',
    '<figure class="embed" data-embed-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"'
    ' onmouseover="alert(1)"><img src=x onerror=alert(1)></figure>',
    '<blockquote class="pull-quote" onclick="alert(1)" style="position:fixed">x'
    "</blockquote>",
    '<table onmouseover="alert(1)"><tr><th style="x">h</th>'
    "<td><script>alert(1)</script></td></tr></table>",
    '<h3 onclick="alert(1)" style="color:red">s</h3>',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_is_removed_from_section_bodies(payload):
    section = Section.objects.create(
        article=ArticleFactory(), subheading="S", body=f"<p>safe</p>{payload}"
    )
    section.refresh_from_db()
    body = section.body.lower()

    for marker in [
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<style",
        "style=",
        "<svg",
        "<math",
        "<img",
    ]:
        assert marker not in body
    assert "<p>safe</p>" in section.body


def test_editor_markup_survives_sanitising():
    html = (
        "<p><strong>bold</strong> <em>italic</em> "
        '<a href="https://example.com/a">web</a> '
        '<a href="mailto:desk@example.com">mail</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
        "<blockquote><p>quote</p></blockquote>"
    )
    assert sanitize_body(html) == html


def test_site_page_bodies_are_sanitised_on_save():
    page = SitePage.objects.create(
        slug="about", title="About", body="<p>Hi</p><script>alert(1)</script>"
    )
    page.refresh_from_db()
    assert page.body == "<p>Hi</p>"

"""Old posts' bodies into the article's intro and sections (imports.bodies,
imports.wordpress_markup): WordPress's paragraphs, shortcodes and blocks,
Ghost's HTML, and the desk's sanitiser over all of it. No database."""

import re

from django.utils.html import strip_tags

from imports import bodies
from imports.records import Attachment
from imports.wordpress_markup import (
    Context,
    parse_attrs,
    render,
    render_blocks,
    render_shortcodes,
    wpautop,
)
from newsroom.richtext import sanitize_body


def convert(markup, **kwargs):
    kwargs.setdefault("headline", "Harbour bridge reopens")
    kwargs.setdefault("source", "wordpress")
    return bodies.convert(markup, **kwargs)


def text_of(body):
    return " ".join(strip_tags(html) for _, html in body.sections)


# --- wpautop ---------------------------------------------------------------------


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    html = wpautop("First paragraph.\n\nSecond, line one\nline two.")
    assert html == "<p>First paragraph.</p>\n<p>Second, line one<br />\nline two.</p>"


def test_block_elements_are_not_wrapped_in_paragraphs():
    html = wpautop(
        "Intro.\n<blockquote>Quoted words</blockquote>\n<ul><li>One</li></ul>"
    )
    assert "<p><ul>" not in html and "<p><blockquote>" not in html
    assert html.startswith("<p>Intro.</p>")
    assert "<li>One</li>" in html


def test_preformatted_text_keeps_its_newlines():
    html = wpautop("Code:\n\n<pre>a = 1\n\nb = 2</pre>")
    assert "<pre>a = 1\n\nb = 2</pre>" in html


def test_empty_text_gives_nothing():
    assert wpautop("  \n\n ") == ""


# --- Shortcodes --------------------------------------------------------------------


def test_attributes_are_read_as_wordpress_reads_them():
    assert parse_attrs(' ids="1,2" size=large title=\'A "b"\' bare') == {
        "ids": "1,2",
        "size": "large",
        "title": 'A "b"',
        0: "bare",
    }


def test_a_caption_becomes_a_figure_with_its_caption():
    html = render_shortcodes(
        '[caption id="a1" width="300"]<a href="/x"><img src="/b.jpg" alt="Bridge" />'
        "</a> Photo: Ana Ruiz[/caption]",
        Context(),
    )
    assert html == (
        '<figure><img src="/b.jpg" alt="Bridge" /><figcaption>Photo: Ana Ruiz'
        "</figcaption></figure>"
    )


def test_a_gallery_becomes_its_images_in_order_and_a_missing_one_is_reported():
    context = Context(
        attachments={
            "7": Attachment(
                "7", "https://old.example/b.jpg", alt="Bridge", caption="Dawn"
            ),
            "8": Attachment("8", "https://old.example/f.jpg", alt="Ferry"),
        }
    )
    html = render_shortcodes('[gallery ids="8,7,9"]', context)
    assert html.index("f.jpg") < html.index("b.jpg")
    assert "<figcaption>Dawn</figcaption>" in html
    assert context.warnings == ["gallery image 9 is not among the export's media"]


def test_an_embed_shortcode_becomes_a_link_without_embeds():
    html = render_shortcodes("[embed]https://vimeo.com/123[/embed]", Context())
    assert html == '<p><a href="https://vimeo.com/123">https://vimeo.com/123</a></p>'


def test_an_unknown_shortcode_keeps_its_text_with_a_warning():
    context = Context()
    html = render_shortcodes('[pullout style="big"]Busiest crossing[/pullout]', context)
    assert html == "Busiest crossing"
    assert context.warnings == ["unknown shortcode [pullout]: its text was kept"]


def test_square_brackets_in_a_sentence_are_not_a_shortcode():
    context = Context()
    assert render_shortcodes("He said [sic] twice [1].", context) == (
        "He said [sic] twice [1]."
    )
    assert context.warnings == []


# --- Gutenberg blocks -------------------------------------------------------------


def test_core_blocks_give_their_html_and_containers_their_inner_blocks():
    content = (
        "<!-- wp:paragraph --><p>One.</p><!-- /wp:paragraph -->\n"
        '<!-- wp:columns --><div class="wp-block-columns"><!-- wp:column -->'
        '<div class="wp-block-column"><!-- wp:paragraph --><p>Left.</p>'
        "<!-- /wp:paragraph --></div><!-- /wp:column --></div><!-- /wp:columns -->\n"
        "<!-- wp:separator --><hr/><!-- /wp:separator -->\n"
        '<!-- wp:spacer {"height":"50px"} --><div class="wp-block-spacer"></div>'
        "<!-- /wp:spacer -->"
    )
    context = Context()
    html = render_blocks(content, context)
    assert html == "<p>One.</p>\n<p>Left.</p>\n<hr>"
    assert context.warnings == []


def test_an_unknown_block_keeps_its_content_with_a_warning():
    context = Context()
    html = render_blocks(
        '<!-- wp:acme/countdown {"to":"2025"} --><p>Days to go</p>'
        "<!-- /wp:acme/countdown -->",
        context,
    )
    assert html == "<p>Days to go</p>"
    assert context.warnings == [
        "unsupported block acme/countdown: its content was kept as it was"
    ]


def test_an_embed_block_names_its_address():
    html = render_blocks(
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc"} -->'
        '<figure class="wp-block-embed"><div>https://www.youtube.com/watch?v=abc</div>'
        "</figure><!-- /wp:embed -->",
        Context(),
    )
    assert "https://www.youtube.com/watch?v=abc" in html
    assert "wp-block-embed" not in html


def test_a_pullquote_is_a_pull_quote_blockquote():
    html = render_blocks(
        '<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Big'
        "</p><cite>Mayor</cite></blockquote></figure><!-- /wp:pullquote -->",
        Context(),
    )
    assert html.startswith('<blockquote class="pull-quote"><p>Big</p>')


def test_classic_content_between_blocks_gets_its_paragraphs():
    html = render(
        "Loose one.\n\nLoose two.\n<!-- wp:paragraph --><p>Block.</p>"
        "<!-- /wp:paragraph -->",
        Context(),
    )
    assert html == "<p>Loose one.</p>\n<p>Loose two.</p>\n<p>Block.</p>"


# --- Intro and sections -------------------------------------------------------------


def test_a_short_lead_is_the_intro_and_each_h2_starts_a_section():
    body = convert(
        "The bridge reopened on Monday.\n\n<h2>What next</h2>\nTraffic returns."
        "\n\n<h2>Cafés</h2>\nTrade doubles."
    )
    assert body.dek == "The bridge reopened on Monday."
    assert [subheading for subheading, _ in body.sections] == ["What next", "Cafés"]
    assert body.sections[0][1] == "<p>Traffic returns.</p>"


def test_a_long_lead_is_the_first_section_and_the_excerpt_the_intro():
    lead = " ".join(["word"] * 80)
    body = convert(f"{lead}\n\n<h2>Then</h2>\nMore.", excerpt="<p>Short intro.</p>")
    assert body.dek == "Short intro."
    assert body.sections[0][0] == "Harbour bridge reopens"
    assert "word word" in body.sections[0][1]
    assert body.sections[1][0] == "Then"


def test_a_post_without_a_lead_takes_its_excerpt_as_the_intro():
    body = convert("<h2>Only section</h2>\nText.", excerpt="The excerpt.")
    assert body.dek == "The excerpt."


def test_ghost_html_is_read_as_it_is():
    body = convert(
        "<p>Lead.</p><h2>Part</h2><p>Body one.</p><p>Body two.</p>", source="html"
    )
    assert body.dek == "Lead."
    assert body.sections == [("Part", "<p>Body one.</p>\n<p>Body two.</p>")]


def test_everything_passes_the_desks_sanitiser():
    body = convert(
        '<h2>Part</h2><p onclick="steal()">Safe <script>alert(1)</script>words '
        '<a href="javascript:alert(1)">link</a></p><iframe src="https://evil"></iframe>',
        source="html",
    )
    html = body.sections[0][1]
    assert "onclick" not in html and "<script" not in html
    assert "javascript:" not in html and "<iframe" not in html
    assert "Safe" in html and "words" in html


def test_what_a_body_cannot_hold_keeps_its_words_apart():
    body = convert(
        "<h2>Figures</h2><pre>line one\nline two</pre>"
        "<div>Loose text</div><p>After.</p>",
        source="html",
    )
    # As a reader reads it: every tag ends a run of words.
    text = " ".join(re.sub(r"<[^>]+>", " ", body.sections[0][1]).split())
    for words in ("line one", "line two", "Loose text", "After."):
        assert words in text
    for merged in ("line oneline two", "textAfter"):
        assert merged not in text


def test_a_smaller_heading_is_a_subheading_of_its_section():
    body = convert(
        "<h2>Figures</h2><p>Intro.</p><h3>Costs</h3><h4>Smaller</h4>"
        "<h5>Smallest</h5><p>After.</p>",
        source="html",
    )
    html = body.sections[0][1]
    assert "<h3>Costs</h3>" in html
    assert "<h3>Smaller</h3>" in html and "<h3>Smallest</h3>" in html
    assert "<h4" not in html and "<strong>" not in html


def test_a_table_keeps_its_header_cells_each_in_a_paragraph_as_the_editor_makes():
    body = convert(
        "<h2>Figures</h2><table><thead><tr><th>Year</th><th>Cost</th></tr></thead>"
        "<tbody><tr><td>2024</td><td><strong>£3m</strong><br>est.</td></tr>"
        "<tr><td><p>Own paragraph</p></td><td></td></tr></tbody></table>",
        source="html",
    )
    html = re.sub(r"\s*\n\s*", "", body.sections[0][1])
    assert html == (
        "<table><tbody><tr><th><p>Year</p></th><th><p>Cost</p></th></tr>"
        "<tr><td><p>2024</p></td><td><p><strong>£3m</strong><br>est.</p></td></tr>"
        "<tr><td><p>Own paragraph</p></td><td></td></tr></tbody></table>"
    )
    # As the desk stores it: saving it unchanged changes nothing.
    assert sanitize_body(body.sections[0][1]) == body.sections[0][1]


def test_a_gutenberg_pullquote_in_a_section_is_the_sites_pull_quote():
    body = convert(
        "<!-- wp:heading --><h2>Reaction</h2><!-- /wp:heading -->"
        '<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>We '
        "will not close it again.</p><cite>The mayor</cite></blockquote></figure>"
        "<!-- /wp:pullquote -->"
    )
    html = re.sub(r"\s*\n\s*", "", body.sections[0][1])
    assert html == (
        '<blockquote class="pull-quote"><p>We will not close it again.</p>'
        "<p>— The mayor</p></blockquote>"
    )


def test_a_ghost_alternative_quote_is_a_pull_quote():
    body = convert(
        '<h2>Reaction</h2><blockquote class="kg-blockquote-alt">Never again.'
        "</blockquote><blockquote>An ordinary quote.</blockquote>",
        source="html",
    )
    html = body.sections[0][1]
    assert '<blockquote class="pull-quote"><p>Never again.</p></blockquote>' in html
    assert "<blockquote><p>An ordinary quote.</p></blockquote>" in html


def test_an_embed_block_is_the_sites_embed_in_its_section():
    video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    body = convert(
        "<h2>Watch</h2>"
        f'<!-- wp:embed {{"url":"{video}","providerNameSlug":"youtube"}} -->'
        f'<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        f"{video}\n</div></figure><!-- /wp:embed -->"
    )
    assert body.sections[0][1] == (
        f'<figure class="embed" data-embed-url="{video}"><a href="{video}">{video}'
        "</a></figure>"
    )


def test_a_lead_with_a_subheading_is_the_first_section_with_its_structure():
    body = convert(
        "<p>The bridge reopened.</p><h3>Who paid</h3><ul><li>The city</li></ul>"
        "<h2>Then</h2><p>More.</p>",
        source="html",
    )
    assert body.dek == "The bridge reopened."
    subheading, html = body.sections[0]
    assert subheading == "Harbour bridge reopens"
    assert "<h3>Who paid</h3>" in html
    assert "<li><p>The city</p></li>" in html or "<li>The city</li>" in html
    assert body.sections[1][0] == "Then"


def test_an_inline_image_the_body_cannot_hold_is_reported_and_its_caption_kept():
    context = Context()
    body = convert(
        '<h2>Pictures</h2><figure><img src="https://old.example/b.jpg" alt="B">'
        "<figcaption>The bridge</figcaption></figure>",
        source="html",
        context=context,
    )
    assert "The bridge" in text_of(body)
    assert any("https://old.example/b.jpg" in warning for warning in body.warnings)


def test_an_inline_wrapper_goes_and_its_sentence_stays_whole():
    body = convert(
        '<h2>Part</h2><strong><span style="color: red">A coloured sentence.</span>'
        "</strong>",
        source="html",
    )
    assert body.sections[0][1] == "<p><strong>A coloured sentence.</strong></p>"


def test_an_address_alone_on_its_line_is_embedded_as_wordpress_does():
    html = render(
        "Watch the launch:\n\nhttps://www.youtube.com/watch?v=abc\n\nMore text.",
        Context(),
    )
    assert html.count("<p>") >= 2
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "More text." in html


def test_an_old_player_keeps_the_address_it_played():
    body = convert(
        '<h2>Video</h2><figure class="kg-card kg-embed-card"><iframe width="200" '
        'src="//www.youtube.com/embed/abc?feature=oembed"></iframe></figure>',
        source="html",
    )
    html = body.sections[0][1]
    assert "<iframe" not in html
    assert "https://www.youtube.com/embed/abc?feature=oembed" in html

"""Template helpers for what crawlers, feed readers and social networks read:
share cards, JSON-LD, "Updated" times, XML-safe text."""

import json
from urllib.parse import urlparse

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import structured_data
from articles.feeds import xml_text
from articles.update_times import article_modified_at, article_updated_at
from newsroom.middleware import allow_inline_script

register = template.Library()

# The characters that could end the script element or open a comment inside
# it, as JSON escapes: the data means the same, and no string can break out.
# The same as Django's json_script, which cannot set the ld+json type.
JSON_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
}


def jsonld_script(data, request=None):
    """``data`` as a ``<script type="application/ld+json">`` block. A data
    block, never executed; its hash still goes into the page's
    Content-Security-Policy (newsroom.middleware), so the policy accounts for
    every script element. A hash, not a nonce: the page stays the same for
    every reader, and so cacheable."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.translate(JSON_SCRIPT_ESCAPES)
    if request is not None:
        allow_inline_script(request, text)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above
    )


def scripts(context, *blocks):
    request = context.get("request")
    return format_html_join(
        "\n", "{}", ((jsonld_script(b, request),) for b in blocks if b)
    )


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    """NewsArticle (a live blog's: LiveBlogPosting, with the entries of the
    page), BreadcrumbList and, when it has FAQs, FAQPage."""
    request, site = context["request"], context["site"]
    faqs = list(article.faqs.all())
    live = context.get("live")
    return scripts(
        context,
        structured_data.live_blog_posting(request, site, article, live["entries"])
        if live
        else structured_data.news_article(request, site, article),
        structured_data.article_breadcrumbs(request, site, article),
        structured_data.faq_page(request, article, faqs) if faqs else None,
    )


@register.simple_tag(takes_context=True)
def website_structured_data(context):
    return scripts(
        context, structured_data.website(context["request"], context["site"])
    )


@register.simple_tag(takes_context=True)
def category_structured_data(context, category):
    return scripts(
        context,
        structured_data.category_breadcrumbs(
            context["request"], context["site"], category
        ),
    )


@register.simple_tag(takes_context=True)
def profile_structured_data(context, author):
    return scripts(context, structured_data.profile_page(context["request"], author))


@register.inclusion_tag("includes/meta_share.html", takes_context=True)
def share_card(
    context, title="", description="", article=None, author=None, canonical=True
):
    """Canonical link, Open Graph and Twitter card tags for the page.

    ``article`` makes it an article card (its hero image, times, section, tags
    and authors), ``author`` a profile card (their portrait); any other page
    shows the publication's logo. The address is the page's own, without its
    query string except a list's page number. ``canonical=False`` leaves the
    canonical link out, for pages kept out of search engines.
    """
    request, site = context["request"], context["site"]
    path = request.path
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        path = f"{path}?page={page_obj.number}"
    card = {
        "url": request.build_absolute_uri(path),
        "canonical": canonical,
        "site_name": site.name,
        "title": title or site.name,
        "description": description or structured_data.site_description(site),
        "type": "website",
        "image": structured_data.logo_url(request, site),
        "image_alt": site.name,
        "image_width": None,
        "image_height": None,
        "large_image": False,
        "twitter_site": x_handle(site.x_url),
    }
    if article is not None:
        card["type"] = "article"
        card["article"] = {
            "published_time": structured_data.iso(article.published_at),
            "modified_time": structured_data.iso(article_modified_at(article)),
            "section": article.category.name if article.category else "",
            "tags": [tag.name for tag in article.tags.all()],
            "authors": [
                request.build_absolute_uri(author.page_url)
                for author in article.byline_authors
                if author.page_url
            ],
        }
        creators = [a.x_handle for a in article.byline_authors if a.x_handle]
        card["twitter_creator"] = "@" + creators[0].lstrip("@") if creators else ""
        if article.hero_image:
            card.update(
                image=request.build_absolute_uri(article.hero_image.social_url),
                image_alt=article.hero_alt_text,
                image_width=article.hero_image.social_size[0],
                image_height=article.hero_image.social_size[1],
                large_image=True,
            )
    elif author is not None:
        card["type"] = "profile"
        if author.avatar:
            card.update(
                image=request.build_absolute_uri(author.avatar.url),
                image_alt=author.name,
                image_width=author.avatar.width,
                image_height=author.avatar.height,
            )
    return {"card": card}


def x_handle(url):
    """``@name`` from an X profile address, or ""."""
    name = urlparse(url).path.strip("/").split("/")[0].lstrip("@") if url else ""
    return f"@{name}" if name else ""


@register.simple_tag(takes_context=True)
def site_description(context):
    """The publication's description, for pages that have none of their own."""
    return structured_data.site_description(context["site"])


@register.simple_tag
def updated_at(article):
    """``{% updated_at article as updated %}``: when the article was updated
    after going live, or None (see ``articles/update_times.py``)."""
    return article_updated_at(article)


@register.filter
def w3c_datetime(value):
    """ISO 8601 with the zone's offset, as sitemaps and meta tags want it."""
    return structured_data.iso(value) or ""


@register.filter(name="xml_text")
def xml_text_filter(value):
    """Text without the characters XML 1.0 forbids (escaping stays the
    template's job)."""
    return xml_text(str(value))

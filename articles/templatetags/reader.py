"""Template helpers for the reader-facing pages."""

from django import template
from django.utils.text import slugify

register = template.Library()

# Ids the article page itself uses; a section called "Summary" must not take
# the Summary block's anchor, or the table of contents would jump to the wrong
# place. Keep in step with templates/articles/article_detail.html.
ARTICLE_PAGE_IDS = frozenset(
    {
        "main",
        "article-subheadings",
        "key-points",
        "summary",
        "faq",
        "corrections",
        "tags",
        "about-authors",
        "keep-reading",
        "headlines-label",
        "site-search-panel",
        "site-search-q",
    }
)


@register.simple_tag
def section_anchors(sections):
    """``(anchor, section)`` pairs: a readable, unique fragment for each section.

    Anchors come from the subheading so shared links say where they point
    (``#what-happens-next``); repeats and subheadings that slugify to nothing
    still get an anchor of their own.
    """
    taken = set(ARTICLE_PAGE_IDS)
    pairs = []
    for number, section in enumerate(sections, start=1):
        base = slugify(section.subheading, allow_unicode=True) or f"section-{number}"
        anchor, suffix = base, 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(anchor)
        pairs.append((anchor, section))
    return pairs


@register.simple_tag
def page_url(request, number):
    """The current list's URL at page ``number``, other parameters kept.

    Page 1 drops the parameter, so a list has one address for its first page.
    """
    params = request.GET.copy()
    params.pop("page", None)
    if number != 1:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.simple_tag
def absolute_url(request, url):
    """``url`` made absolute for crawlers and share cards (left alone if it is)."""
    return request.build_absolute_uri(url)

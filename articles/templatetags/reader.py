"""Template helpers for the reader-facing pages."""

from django import template
from django.utils import dateformat, formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from articles.cards import render_card
from articles.headlines import shown as headlines_shown

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


@register.simple_tag(takes_context=True)
def article_card(context, article, **options):
    """``{% article_card article lead=True first_picture=first_picture %}``:
    the card of templates/includes/article_card.html (which lists the
    options), rendered once per version of what it shows (articles.cards)."""
    return render_card(article, engine=context.template.engine, **options)


@register.simple_tag(takes_context=True)
def headlines_strip(context, headlines):
    """templates/includes/headlines.html: the strip of newest headlines in
    every header, a slot of the page cache (articles.headlines)."""
    return headlines_shown(context.template.engine, "strip", headlines)


@register.simple_tag(takes_context=True)
def latest_column(context, headlines):
    """templates/includes/latest_sidebar.html: the "Latest News" column
    beside a list, from the strip's headlines (articles.headlines)."""
    return headlines_shown(context.template.engine, "column", headlines)


# The pieces every article card repeats. Tags written in Python rather than
# included templates: a home page shows some 45 cards, and three includes
# per card were a fifth of its rendering time.


@register.simple_tag
def byline(authors):
    """ "By A, B and C", each name linking to the author's page (while
    they have one)."""
    if not authors:
        return ""
    links = [
        format_html('<a class="byline__author" href="{}">{}</a>', url, author.name)
        if (url := author.page_url)
        else format_html('<span class="byline__author">{}</span>', author.name)
        for author in authors
    ]
    if len(links) > 1:
        names = format_html(
            "{} {} {}",
            mark_safe(", ".join(links[:-1])),  # noqa: S308 (each made by format_html)
            gettext("and"),
            links[-1],
        )
    else:
        names = links[0]
    return format_html('<span class="byline">{} {}</span>', gettext("By"), names)


@register.simple_tag
def pub_date(value):
    """A date-time (aware) in the newsroom's zone, readable and to the second
    for machines (HTML allows at most three digits of a second's fraction).
    Empty only on a preview of work not yet scheduled."""
    if not value:
        return format_html("<span>{}</span>", gettext("Not yet scheduled"))
    local = template_localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>',
        dateformat.format(local, r"Y-m-d\TH:i:sO"),
        formats.date_format(local, "F j, Y"),
    )


@register.simple_tag
def read_time(minutes):
    text = ngettext("%(minutes)s Min Read", "%(minutes)s Mins Read", minutes) % {
        "minutes": minutes
    }
    return format_html('<span class="read-time">{}</span>', text)

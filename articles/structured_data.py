"""JSON-LD (schema.org) for the reader pages: what search engines and news
aggregators read about the publication, its articles and its authors.

Each builder returns plain data; ``articles/templatetags/seo.py`` serialises
it into a ``<script type="application/ld+json">`` block that no string can
close. The builders read only what the page has already loaded (the article's
prefetched parts, the site settings of the header), so they add no query.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.update_times import article_modified_at
from newsroom.richtext import plain_text

SCHEMA = "https://schema.org"
# Our own mark, for a publication that has not uploaded a logo yet.
FALLBACK_LOGO = "img/logo.png"


def iso(value):
    """A date-time as schema.org and Open Graph want it (ISO 8601 with its
    offset), in the newsroom's zone like the dates on the page."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def compact(data):
    """``data`` without empty values: an absent property beats an empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def logo_url(request, site):
    return request.build_absolute_uri(
        site.logo.url if site.logo else static(FALLBACK_LOGO)
    )


def site_description(site):
    """What the publication says about itself, or a plain line naming it."""
    return (
        site.description
        or site.tagline
        or _("The latest news from %(name)s.") % {"name": site.name}
    )


def home_url(request):
    return request.build_absolute_uri(reverse("articles:home"))


def social_profiles(site):
    return [url for url in (site.facebook_url, site.x_url, site.instagram_url) if url]


def publisher(request, site):
    return compact(
        {
            "@type": "NewsMediaOrganization",
            "@id": f"{home_url(request)}#publisher",
            "name": site.name,
            "url": home_url(request),
            "logo": {"@type": "ImageObject", "url": logo_url(request, site)},
            "sameAs": social_profiles(site),
        }
    )


def website(request, site):
    """The home page's WebSite, with the search box search engines may offer."""
    search = request.build_absolute_uri(reverse("articles:search"))
    return compact(
        {
            "@context": SCHEMA,
            "@type": "WebSite",
            "@id": f"{home_url(request)}#website",
            "name": site.name,
            "url": home_url(request),
            "description": site_description(site),
            "inLanguage": get_language(),
            "publisher": publisher(request, site),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{search}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        }
    )


def person(request, author, *, full=False):
    """An author as a Person; ``full`` adds what only their own page shows."""
    url = author.page_url and request.build_absolute_uri(author.page_url)
    data = {
        "@type": "Person",
        "@id": url and url + "#person",
        "name": author.name,
        "url": url,
        "jobTitle": author.job_title,
        "sameAs": [
            url
            for url in (
                author.website,
                author.x_url,
                author.facebook_url,
                author.instagram_url,
                author.linkedin_url,
            )
            if url
        ],
    }
    if author.avatar:
        data["image"] = request.build_absolute_uri(author.avatar.url)
    if full:
        data["description"] = author.bio
    return compact(data)


def hero_image(request, article):
    if not article.hero_image:
        return None
    return compact(
        {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(article.hero_image.url),
            "width": article.hero_image.width,
            "height": article.hero_image.height,
            "caption": article.hero_caption_text or article.hero_alt_text,
            "creditText": article.hero_credit_text,
        }
    )


def news_article(request, site, article):
    """The article as a NewsArticle: every byline, the publisher, the section,
    the tags and, when there are any, its corrections with their dates."""
    url = request.build_absolute_uri(article.get_absolute_url())
    image = hero_image(request, article)
    return compact(
        {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "@id": f"{url}#article",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "url": url,
            "headline": article.headline,
            "description": article.dek or article.summary,
            "image": [image] if image else None,
            "datePublished": iso(article.published_at),
            "dateModified": iso(article_modified_at(article)),
            "author": [person(request, author) for author in article.byline_authors],
            "publisher": publisher(request, site),
            "articleSection": article.category.name if article.category else None,
            "keywords": [tag.name for tag in article.tags.all()],
            "inLanguage": get_language(),
            "isAccessibleForFree": True,
            "timeRequired": f"PT{article.reading_time}M",
            "correction": [
                {
                    "@type": "CorrectionComment",
                    "name": correction.get_kind_display(),
                    "text": correction.text,
                    "datePublished": iso(correction.created_at),
                }
                for correction in article.corrections.all()
            ],
        }
    )


def words(body):
    """A body's text on one line, as a search engine reads it."""
    return " ".join(plain_text(body).split())


def live_blog_posting(request, site, article, entries):
    """A live blog as search engines document it: the NewsArticle's
    properties as a ``LiveBlogPosting``, the coverage's start and end, and
    the page's ``entries`` (those readers may see, as the page shows them)
    as ``liveBlogUpdate`` postings."""
    url = request.build_absolute_uri(article.get_absolute_url())
    return compact(
        {
            **news_article(request, site, article),
            "@type": "LiveBlogPosting",
            "coverageStartTime": iso(article.coverage_start),
            "coverageEndTime": iso(article.coverage_ended_at),
            "liveBlogUpdate": [
                compact(
                    {
                        "@type": "BlogPosting",
                        "@id": f"{url}#{entry.anchor}",
                        "url": f"{url}#{entry.anchor}",
                        "headline": entry.title or words(entry.body)[:110],
                        "datePublished": iso(entry.posted_at),
                        "dateModified": iso(entry.updated_at),
                        "articleBody": words(entry.body),
                        "author": [
                            person(request, author) for author in entry.authors.all()
                        ],
                    }
                )
                for entry in entries
            ],
        }
    )


def breadcrumbs(request, trail):
    """A BreadcrumbList from ``(name, path)`` pairs, the home page first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def article_breadcrumbs(request, site, article):
    trail = [(site.name, reverse("articles:home"))]
    if article.category:
        trail.append((article.category.name, article.category.get_absolute_url()))
    trail.append((article.headline, article.get_absolute_url()))
    return breadcrumbs(request, trail)


def category_breadcrumbs(request, site, category):
    return breadcrumbs(
        request,
        [
            (site.name, reverse("articles:home")),
            (category.name, category.get_absolute_url()),
        ],
    )


def faq_page(request, article, faqs):
    """The article's FAQs as an FAQPage: one Question, with its accepted
    Answer, per FAQ."""
    return {
        "@context": SCHEMA,
        "@type": "FAQPage",
        "@id": request.build_absolute_uri(article.get_absolute_url()) + "#faq",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": faq.answer},
            }
            for faq in faqs
        ],
    }


def profile_page(request, author):
    """An author's page as a ProfilePage about them."""
    return compact(
        {
            "@context": SCHEMA,
            "@type": "ProfilePage",
            "url": request.build_absolute_uri(author.get_absolute_url()),
            "dateCreated": iso(author.created_at),
            "dateModified": iso(author.updated_at),
            "mainEntity": person(request, author, full=True),
        }
    )

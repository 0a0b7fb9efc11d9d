"""When a live article counts as updated, and when it last was.

One rule for every surface that shows it: the article page ("Updated <time>"),
its share card (``article:modified_time``), its JSON-LD (``dateModified``),
the feeds and the sitemap's ``lastmod``.
"""

from datetime import timedelta

from django.db.models import OuterRef, Subquery

from articles.models import Correction

# Saves this soon after going live are the last touches of publication (a
# typo, a caption), not an update readers need told about.
GRACE = timedelta(minutes=5)


def updated_time(*, published_at, edited_at, corrected_at=None):
    """The time to show as "Updated", or None when the article was not updated.

    An article is updated when it was edited more than ``GRACE`` after it went
    live, or when it carries a correction: a correction always counts, it is
    what readers most need to see dated. Never earlier than ``published_at``:
    work done before a republication is part of that publication.
    """
    if published_at is None:
        return None
    latest = max(filter(None, [edited_at, corrected_at]), default=None)
    if corrected_at is None and (latest is None or latest <= published_at + GRACE):
        return None
    return max(latest, published_at)


def article_updated_at(article):
    """:func:`updated_time` for an article, reading its corrections from the
    prefetch (``articles.page_parts``) or from ``with_last_correction()``."""
    corrected_at = getattr(article, "last_corrected_at", None)
    if corrected_at is None and _corrections_prefetched(article):
        corrected_at = max(
            (c.created_at for c in article.corrections.all()), default=None
        )
    return updated_time(
        published_at=article.published_at,
        edited_at=article.updated_at,
        corrected_at=corrected_at,
    )


def article_modified_at(article):
    """``dateModified``: when it was last updated, else when it went live."""
    return article_updated_at(article) or article.published_at


def with_last_correction(articles):
    """``articles`` annotated with ``last_corrected_at``, inside the same
    query: lists (feeds, sitemaps) learn of corrections at no extra cost."""
    latest = (
        Correction.objects.filter(article=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return articles.annotate(last_corrected_at=Subquery(latest))


def _corrections_prefetched(article):
    return "corrections" in getattr(article, "_prefetched_objects_cache", {})

"""Previews of unpublished articles in the real article template.

Staff preview any article they may see on the desk; anyone else needs a
shareable link: signed (a forged or altered token is refused before the
database is asked), expiring, revocable, and counted when used. A link stops
working when it is revoked, when the article is unpublished (which revokes
its links), while the login that made it is deactivated, and once that login
is deleted (``PreviewLink.is_active``). Previews are never cached and never
indexed.
"""

import logging

from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from articles.card_rows import without_bylines
from articles.models import Article, PreviewLink
from articles.page_parts import attach_page_parts
from articles.roles import is_bylined, is_editor
from articles.views import keep_reading

logger = logging.getLogger(__name__)

SALT = "articles.preview"


def token_for(link):
    return signing.Signer(salt=SALT).sign(link.key)


def url_for(link):
    return reverse("preview", kwargs={"token": token_for(link)})


def may_preview(user, article):
    """The desk's own rule for seeing ``article``: a staff login whose role
    may view articles (as the admin requires), and an editor or one of its
    bylined journalists. A byline alone is not enough: a login taken out of
    its group keeps its author profile."""
    return (
        user.is_active
        and user.is_staff
        and (
            user.has_perm("articles.view_article")
            or user.has_perm("articles.change_article")
        )
        and (is_editor(user) or is_bylined(user, article))
    )


@staff_member_required
def staff_preview(request, pk):
    article = get_object_or_404(Article.objects.for_page(), pk=pk)
    if not may_preview(request.user, article):
        # The same answer as for a missing article: no hint that it exists.
        raise Http404("No such article.")
    return render_preview(request, article)


def shared_preview(request, token):
    try:
        key = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        raise Http404("This preview link is not valid.") from None
    # The creator too: whether their login still exists and is active decides.
    link = get_object_or_404(
        PreviewLink.objects.select_related("article", "created_by"), key=key
    )
    if not link.is_active():
        return private(
            render(request, "articles/preview_expired.html", {"link": link}, status=410)
        )
    PreviewLink.objects.filter(pk=link.pk).update(
        use_count=F("use_count") + 1, last_used_at=timezone.now()
    )
    logger.info("Preview link %s used for article %s", link.pk, link.article_id)
    article = Article.objects.for_page().get(pk=link.article_id)
    return render_preview(request, article)


def private(response):
    """Keep a preview out of every cache and every search engine."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_preview(request, article):
    # As the article page loads them (articles.views.ArticleDetailView).
    more = without_bylines(keep_reading(article))
    attach_page_parts(article, cards=more)
    context = {
        "article": article,
        "keep_reading": more,
        "is_preview": True,
    }
    return private(render(request, "articles/article_detail.html", context))

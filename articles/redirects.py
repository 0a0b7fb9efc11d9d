"""Old addresses keep working: permanent redirects after a change of address.

When a published article's slug or category changes, or the slug of a
category, an author or a tag, its old path is recorded as a ``Redirect`` to
the article, category, author or tag itself (not to a path). The reader
asking for an old path, or for a feed under it, is sent to the target's
address as it is *now*, so:

- chains collapse: A -> B -> C leaves two rows, A and B, both naming the
  article, whose address is C: one hop from either;
- there are no loops: when a target moves back to an address it had, the
  row for that address is deleted, and a row never sends a reader to the
  path they asked for;
- a page shown at a path always wins: the lookup runs only when the view or
  feed found nothing to show there (a 404);
- nothing unpublished leaks: a row leads somewhere only while its target's
  page is shown (``leads_to_a_page``): an article while it is live, a tag
  while a live article carries it. Otherwise the old address is a 404, as
  the new one is.

Who records them: every write of an article, a category, an author or a
tag reports the address it had before to ``articles.services``, which
records the rows (``record``) once, at the end of the write, whichever code
path made it (the desk, restoring a revision, which brings back the
category, a shell or a script). Only ``QuerySet.update()`` bypasses it, and
no code changes a slug or a category that way. Category moves need no rows
for the articles in them: an article is found by its slug alone, and the
article view sends ``/<old-category>/<slug>/`` to the current address
already.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    REDIRECT_TARGETS,
    Article,
    Category,
    Redirect,
    shown_authors,
)


def site_path(url):
    """``url`` without the script prefix the site may be mounted under: the
    same path whether it was made in a request or in a shell."""
    prefix = get_script_prefix()
    if prefix != "/" and url.startswith(prefix):
        return "/" + url[len(prefix) :]
    return url


def article_path(category_slug, slug):
    return site_path(
        reverse("articles:detail", kwargs={"category": category_slug, "slug": slug})
    )


def category_path(slug):
    return site_path(reverse("articles:category", kwargs={"slug": slug}))


def author_path(slug):
    return site_path(reverse("authors:detail", kwargs={"slug": slug}))


def tag_path(slug):
    return site_path(reverse("articles:tag", kwargs={"slug": slug}))


def page_url(target):
    """The URL of ``target``'s page (taggit's tags have no
    ``get_absolute_url``)."""
    if isinstance(target, Tag):
        return reverse("articles:tag", kwargs={"slug": target.slug})
    return target.get_absolute_url()


# --- The lookup ---------------------------------------------------------------


def leads_to_a_page():
    """The ``Redirect`` rows whose target has a page readers are shown: a
    live article, a category, an author, or a tag carried by a live article
    (a tag's page and feeds exist only then)."""
    # ``tagged()`` compares inside a subquery of its own: the row's tag is
    # two levels out.
    tag_is_shown = Exists(Article.objects.published().tagged(OuterRef(OuterRef("tag"))))
    return (
        Q(category__isnull=False)
        | Q(author__in=shown_authors())
        | Q(article__in=Article.objects.published())
        | tag_is_shown
    )


def find(path):
    """What now lives where ``path`` used to lead: a live article, a
    category, an author or a tag with live articles, or None. One indexed
    query."""
    redirect = (
        Redirect.objects.filter(old_path=path)
        .filter(leads_to_a_page())
        .select_related("article__category", "category", "author", "tag")
        .first()
    )
    return None if redirect is None else redirect.target


def find_article(category_slug, slug):
    """What now lives at the article address ``/<category_slug>/<slug>/``.

    Also an address from before its category was renamed: an article's
    old paths are recorded under the category slug of their time, so the
    renamed category's current slug is tried too.
    """
    target = find(article_path(category_slug, slug))
    if target is None:
        category = find(category_path(category_slug))
        if isinstance(category, Category):
            target = find(article_path(category.slug, slug))
    return target


def redirect_or_404(request, target, address=page_url):
    """For a view that found nothing at its address: a 301 to ``target``'s
    address (query string kept), or the 404 it would have given.

    ``address`` makes the URL to send the reader to from the target: its
    page by default, its feed for a feed.
    """
    url = address(target) if target is not None else ""
    if not url or site_path(url) == request.path_info:
        # Nothing there, or the page asked for: never a redirect to itself.
        raise Http404("Nothing lives at this address.")
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def moved_or_404(request, old_path, address=page_url):
    """For a view that found nothing to show at ``old_path``: a 301 to where
    what lived there is now (``find``), or the 404 it would have given."""
    return redirect_or_404(request, find(old_path), address=address)


# --- Recording -------------------------------------------------------------------


def record(old_path, new_path, field, target):
    """``old_path`` leads to ``target`` (named by the ``Redirect`` field
    ``field``) from now on; ``new_path``, its address now, no longer does."""
    Redirect.objects.update_or_create(
        old_path=old_path,
        defaults={**dict.fromkeys(REDIRECT_TARGETS), field: target},
    )
    # Back at an address it had: that row would now send readers in a loop.
    Redirect.objects.filter(old_path=new_path, **{field: target}).delete()


def was_public(article):
    """Live now, or live at some time before (unpublished, or rescheduled)."""
    first = article.first_published_at
    return article.is_published() or (first is not None and first <= timezone.now())

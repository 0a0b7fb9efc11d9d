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
- a page shown at a path always wins: the lookup runs only when nothing
  was found to show there (a 404), in one place for every page and feed,
  ``MovedAddressMiddleware``; a view just raises ``Http404``;
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

from django.db.models import Q
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
    shown_tags,
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
    return (
        Q(category__isnull=False)
        | Q(author__in=shown_authors())
        | Q(article__in=Article.objects.published())
        | Q(tag__in=shown_tags())
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


# --- The answer -------------------------------------------------------------------

# A subject's feeds (by URL name) and its page's URL name: a feed's old
# address is its page's old address with the feed's ending, and leads to the
# same feed, RSS or Atom, of what lives there now.
FEED_PAGES = {
    "articles:category-feed": "articles:category",
    "articles:category-feed-atom": "articles:category",
    "articles:tag-feed": "articles:tag",
    "articles:tag-feed-atom": "articles:tag",
    "authors:feed": "authors:detail",
    "authors:feed-atom": "authors:detail",
}
# Longer than any recorded path (``Redirect.old_path``), or holding a NUL
# (which PostgreSQL refuses in a query): never asked for.
LONGEST_PATH = Redirect._meta.get_field("old_path").max_length
# Set on a request once its path has been looked up.
LOOKED_UP = "_newsroom_moved_address_looked_up"


def moved_address(request):
    """The URL what lived at the request's path has now, or "".

    The URL route that matched says what the path was: an article's (whose
    category may have been renamed since: ``find_article``) or a subject's
    feed (looked up by its page's path), else any other page, looked up by
    the path itself; a path no route matches too (an address from before a
    change of the site's URLs, say).
    """
    path = request.path_info
    if len(path) > LONGEST_PATH or "\x00" in path:
        return ""
    match = request.resolver_match
    route = match.view_name if match else None
    if route == "articles:detail":
        target = find_article(match.kwargs["category"], match.kwargs["slug"])
        return page_url(target) if target else ""
    if route in FEED_PAGES:
        target = find(site_path(reverse(FEED_PAGES[route], kwargs=match.kwargs)))
        return reverse(route, kwargs={"slug": target.slug}) if target else ""
    target = find(path)
    return page_url(target) if target else ""


class MovedAddressMiddleware:
    """Answers a page not found at an address something had before with a
    301 to where it is now, as ``django.contrib.redirects``'
    ``RedirectFallbackMiddleware`` does: the one place old addresses are
    looked up, for every page and feed, so a view that finds nothing just
    raises ``Http404``.

    Only a GET or HEAD, and only once per request. A view's ``Http404`` is
    answered before Django draws the 404 page (``process_exception``), so a
    miss costs the lookup and nothing more; a 404 no view raised (no route
    matched) is looked up on its way out. A page shown at a path always
    wins: a 200 is never looked up.

    In ``MIDDLEWARE`` below the page cache, which stores neither the 301 nor
    the 404 (a page that comes to exist at an old address is served at
    once), and above ``CommonMiddleware``, whose redirect to the path with
    its slash answers a path missing one first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and not hasattr(request, LOOKED_UP):
            return self.moved(request) or response
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return self.moved(request)
        return None

    def moved(self, request):
        """A 301 to the current address (query string kept), or None."""
        if request.method not in ("GET", "HEAD"):
            return None
        setattr(request, LOOKED_UP, True)
        url = moved_address(request)
        if not url or site_path(url) == request.path_info:
            # Nothing there, or the page asked for: never a redirect to itself.
            return None
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


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

"""The old site's addresses, kept working: each imported post's old URL,
and the old category, tag and author archives, become permanent redirects
(the product's ``Redirect`` rows, followed by
``articles.redirects.MovedAddressMiddleware``) to what now stands for them.

A row names its target, not a path, so it follows later renames, and leads
somewhere only while the target's page is shown: a draft's old address
stays a 404 until it goes live. An old address that another page of this
site answers already, or that another redirect holds, is not taken: the
report lists it (a collision).
"""

from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve

from articles import redirects
from articles.models import Article, Category, Redirect
from newsroom.models import SitePage

LONGEST = Redirect._meta.get_field("old_path").max_length
FIELDS = {
    "Article": "article",
    "Category": "category",
    "Author": "author",
    "Tag": "tag",
}


def path_of(url):
    """The path of ``url`` as a request for it arrives (decoded), or "" for
    none worth keeping (the home page, ``?p=123``)."""
    path = unquote(urlsplit(url.replace("__GHOST_URL__", "")).path or "")
    if not path.startswith("/") or path == "/":
        return ""
    return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"


def current_path(target):
    return unquote(urlsplit(redirects.page_url(target)).path)


def keep(old_url, target, report, item):
    """Redirect ``old_url``'s path to ``target`` (an article, category,
    author or tag) unless it is the target's address already; a path held
    by something else is reported, not taken."""
    old_path = path_of(old_url)
    if not old_path:
        return
    if len(old_path) > LONGEST or "\x00" in old_path:
        report.collisions.append((old_path, "too long to keep"))
        return
    new_path = current_path(target)
    if old_path == new_path:
        return
    field = FIELDS[type(target).__name__]
    existing = Redirect.objects.filter(old_path=old_path).first()
    if existing is not None:
        if existing.target != target:
            report.collisions.append(
                (
                    old_path,
                    f"already leads to {existing.target} ({item} not redirected)",
                )
            )
        return
    holder = page_at(old_path)
    if holder:
        report.collisions.append(
            (old_path, f"is this site's {holder} ({item} not redirected)")
        )
        return
    redirects.record(old_path, new_path, field, target)
    report.count("redirects created")


def page_at(path):
    """What of this site answers ``path`` itself, or ""."""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    if (
        match.view_name == "site-page"
        and SitePage.objects.filter(slug=match.kwargs.get("slug")).exists()
    ):
        return "page " + path
    if (
        match.view_name == "articles:category"
        and Category.objects.filter(slug=match.kwargs.get("slug")).exists()
    ):
        return "category " + path
    if (
        match.view_name == "articles:detail"
        and Article.objects.filter(
            slug=match.kwargs.get("slug"), category__slug=match.kwargs.get("category")
        ).exists()
    ):
        return "article " + path
    if match.view_name in ("home", "articles:home", "search", "articles:search"):
        return "page " + path
    return ""

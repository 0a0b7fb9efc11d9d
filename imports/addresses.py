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
    kept = Kept(report)
    kept.add(old_url, target, item)
    kept.write()


class Kept:
    """Old addresses gathered, then written together (``write``): one query
    finds those a redirect holds already, one statement adds the rest. An
    import keeps a batch's fifty this way instead of three statements
    each (bench/imports.py).

    Written in bulk, without ``Redirect``'s save signal: the page cache
    needs no news of them, as it keeps only pages that answered, and a path
    this site answers is never taken (``page_at``)."""

    def __init__(self, report):
        self.report = report
        self.wanted = {}  # old path -> (target, item), the first one asked

    def add(self, old_url, target, item):
        old_path = path_of(old_url)
        if not old_path:
            return
        if len(old_path) > LONGEST or "\x00" in old_path:
            self.report.collisions.append((old_path, "too long to keep"))
            return
        if old_path == current_path(target):
            return
        if old_path in self.wanted:
            self.collide(old_path, self.wanted[old_path][0], target, item)
            return
        self.wanted[old_path] = (target, item)

    def write(self):
        if not self.wanted:
            return
        ids = [f"{field}_id" for field in FIELDS.values()]
        held = {
            old_path: dict(zip(FIELDS.values(), targets, strict=True))
            for old_path, *targets in Redirect.objects.filter(
                old_path__in=list(self.wanted)
            ).values_list("old_path", *ids)
        }
        new = []
        for old_path, (target, item) in self.wanted.items():
            if old_path in held:
                if held[old_path][field_of(target)] != target.pk:
                    holder = Redirect.objects.get(old_path=old_path).target
                    self.collide(old_path, holder, target, item)
                continue
            holder = page_at(old_path)
            if holder:
                self.report.collisions.append(
                    (old_path, f"is this site's {holder} ({item} not redirected)")
                )
                continue
            new.append(Redirect(old_path=old_path, **{field_of(target): target}))
        if new:
            Redirect.objects.bulk_create(new)
            self.report.count("redirects created", len(new))
        self.wanted = {}

    def collide(self, old_path, holder, target, item):
        """Another target holds ``old_path`` (the same one is no collision:
        a second run finds its own redirects)."""
        if holder != target:
            self.report.collisions.append(
                (old_path, f"already leads to {holder} ({item} not redirected)")
            )


def field_of(target):
    """The ``Redirect`` field naming ``target``."""
    return FIELDS[type(target).__name__]


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

"""``manage.py explain_queries``: every query of the public pages and the desk's
article list, with its plan, whether an index serves it, and its time.

Each page is rendered once, uncached and in-process (no HTTP, no middleware,
so no page cache), with the newsroom's busiest category, tag and author and
its newest article, while its queries are captured; then every captured query
is explained (``EXPLAIN ANALYZE`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on
SQLite) and run again ``--repeat`` times for its time. A scan of a whole
table of more than ``SMALL_TABLE`` rows is reported as a sequential scan:
on a big archive that is the query that needs an index.

It only reads: the pages are rendered for an anonymous reader or, for the
desk, as an existing editor and journalist (no login, no session). The
benchmark calls ``explain_pages()`` for the same results as data
(``--json`` writes them to a file).
"""

import json
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count, Q
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import resolve
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Category
from articles.roles import EDITORS, JOURNALISTS
from authors.models import Author

# Below this many rows a table is read whole faster than through an index.
SMALL_TABLE = 1000

SEQ_SCAN_PG = re.compile(r"Seq Scan on (\w+)")
INDEX_PG = re.compile(
    r"(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)?"
    r" (?:using|on) (\w+)"
)
SCAN_SQLITE = re.compile(r"^SCAN (\w+)(.*)$")
INDEX_SQLITE = re.compile(r"USING (?:COVERING )?INDEX (\w+)|USING INTEGER PRIMARY KEY")
ALIAS = re.compile(r'"(\w+)" (U\d+|T\d+|V\d+)\b')


@dataclass
class QueryReport:
    sql: str
    plan: str
    milliseconds: float  # median of the runs
    indexes: list
    seq_scans: list  # big tables read whole

    @property
    def verdict(self):
        if self.seq_scans:
            return "SEQ SCAN " + ", ".join(self.seq_scans)
        return "index" if self.indexes else "no big table"


@dataclass
class PageReport:
    name: str
    path: str
    status: int
    milliseconds: float  # the whole render, median of the runs
    queries: list = field(default_factory=list)

    @property
    def seq_scans(self):
        return sorted({table for q in self.queries for table in q.seq_scans})


class Command(BaseCommand):
    help = (
        "EXPLAIN every query of the public pages and the desk's article list "
        "on this database: the plan, index or sequential scan, and timings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat", type=int, default=5, help="Runs per page and per query."
        )
        parser.add_argument(
            "--only", default="", help="Only the pages whose name contains this."
        )
        parser.add_argument(
            "--no-plans", action="store_true", help="Print the summary only."
        )
        parser.add_argument("--json", default="", help="Also write results here.")

    def handle(self, *args, **options):
        reports = explain_pages(repeat=options["repeat"], only=options["only"])
        if not options["no_plans"]:
            for report in reports:
                self.print_page(report)
        self.print_summary(reports)
        if options["json"]:
            with open(options["json"], "w", encoding="utf-8") as out:
                json.dump(as_data(reports), out, indent=2, default=str)

    def print_page(self, report):
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING(f"== {report.name}  {report.path}"))
        write(
            f"   {report.status}, {len(report.queries)} queries, "
            f"{report.milliseconds:.1f} ms to render"
        )
        for number, query in enumerate(report.queries, start=1):
            style = self.style.ERROR if query.seq_scans else self.style.SUCCESS
            write(f"-- #{number}  {query.milliseconds:.2f} ms  " + style(query.verdict))
            write("   " + shorten(query.sql))
            for line in query.plan.splitlines():
                write("     " + line)
        write("")

    def print_summary(self, reports):
        write = self.stdout.write
        articles = Article.objects.count()
        write(
            self.style.MIGRATE_HEADING(
                f"{connection.vendor}, {articles} articles "
                f"(median of runs; query ms = the page's slowest query)"
            )
        )
        write(
            f"{'page':32} {'status':>6} {'queries':>7} {'page ms':>8} "
            f"{'query ms':>8}  scans"
        )
        for report in reports:
            slowest = max((q.milliseconds for q in report.queries), default=0.0)
            scans = report.seq_scans
            verdict = ("SEQ SCAN " + ", ".join(scans)) if scans else "index"
            write(
                f"{report.name:32} {report.status:>6} {len(report.queries):>7} "
                f"{report.milliseconds:>8.1f} {slowest:>8.2f}  {verdict}"
            )


# --- What is measured -----------------------------------------------------------


def pages():
    """(name, path, user) for every public page type and the desk's list, with
    the newsroom's busiest category, tag and author."""
    live = Article.objects.published()
    newest = live.select_related("category").order_by("-published_at", "-id").first()
    category = (
        Category.objects.annotate(
            live=Count(
                "articles",
                filter=Q(
                    articles__status=Article.Status.PUBLISHED,
                    articles__published_at__lte=timezone.now(),
                ),
            )
        )
        .order_by("-live")
        .first()
    )
    author = Author.objects.annotate(live=Count("bylines")).order_by("-live").first()
    tags = Tag.objects.annotate(uses=Count("taggit_taggeditem_items"))
    tag = tags.order_by("-uses").first()
    rare = tags.filter(uses__gt=0).order_by("uses").first()
    # A word most articles hold, and one few do: search costs differ most.
    word = tag.name.split()[0] if tag else "news"
    rare_word = rare.name.split()[-1] if rare else "harbour"
    found = []

    def add(name, path, user=None):
        found.append((name, path, user))

    add("home", "/")
    if category:
        add("category", f"/{category.slug}/")
        add("category page 50", f"/{category.slug}/?page=50")
        add("category feed", f"/{category.slug}/feed/")
    if newest:
        add("article", newest.get_absolute_url())
    if tag:
        add("tag", f"/tag/{tag.slug}/")
        add("tag feed", f"/tag/{tag.slug}/feed/")
    if author:
        add("author", f"/author/{author.slug}/")
        add("author feed", f"/author/{author.slug}/feed/")
    add("search, common word", "/search/?" + urlencode({"q": word}))
    add("search, rare word", "/search/?" + urlencode({"q": rare_word}))
    add("search, nothing found", "/search/?q=zzyzx")
    add("site feed", "/feed/")
    add("sitemap index", "/sitemap.xml")
    add("sitemap articles, page 1", "/sitemap-articles.xml")
    add("sitemap categories", "/sitemap-categories.xml")
    add("sitemap authors", "/sitemap-authors.xml")
    add("news sitemap", "/news-sitemap.xml")

    editor, journalist = desk_users()
    changelist = "/admin/articles/article/"
    if editor:
        add("admin list (editor)", changelist, editor)
        add("admin list, page 100", changelist + "?p=100", editor)
        add("admin list, published", changelist + "?status__exact=published", editor)
        if category:
            add(
                "admin list, category",
                changelist + f"?category__id__exact={category.pk}",
                editor,
            )
        add("admin list, search", changelist + "?" + urlencode({"q": word}), editor)
        add("desk home (editor)", "/admin/", editor)
    if journalist:
        add("admin list (journalist)", changelist, journalist)
    return found


def desk_users():
    """An active editor (or superuser) and an active journalist with a byline
    profile, as the demo newsroom has; None where there is none."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    editor = (
        users.filter(groups__name=EDITORS).first()
        or users.filter(is_superuser=True).first()
    )
    journalist = users.filter(
        groups__name=JOURNALISTS, author_profile__isnull=False
    ).first()
    return editor, journalist


def next_go_live():
    """What the page cache asks on every new generation: when the next scheduled
    article goes live."""
    return list(
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)[:1]
    )


def overdue_go_live():
    """What ``publish_scheduled`` and the desk's warning look for."""
    from articles.desk_home import overdue_go_live_count

    return overdue_go_live_count()


# --- Measuring ------------------------------------------------------------------


def explain_pages(*, repeat=5, only=""):
    """A PageReport for each page of ``pages()`` and each lone query (the next
    go-live, the overdue effects), in that order."""
    sizes = TableSizes()
    reports = []
    # Plain static URLs: a page's queries do not depend on them, and this way
    # no collectstatic is needed first.
    storages = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(STORAGES=storages):
        return _explain_pages(reports, sizes, repeat=repeat, only=only)


def _explain_pages(reports, sizes, *, repeat, only):
    for name, path, user in pages():
        if only and only not in name:
            continue
        reports.append(measure_page(name, path, user, repeat=repeat, sizes=sizes))
    for name, function in [
        ("next go-live", next_go_live),
        ("overdue go-live effects", overdue_go_live),
    ]:
        if only and only not in name:
            continue
        reports.append(measure(name, "", function, repeat=repeat, sizes=sizes))
    return reports


def measure_page(name, path, user, *, repeat, sizes):
    def render():
        response = get(path, user)
        if hasattr(response, "render"):
            response.render()
        return response

    return measure(name, path, render, repeat=repeat, sizes=sizes)


def measure(name, path, function, *, repeat, sizes):
    result = function()  # once to warm up: imports, templates, the cache
    with CaptureQueriesContext(connection) as captured:
        result = function()
    timings = [timed(function) for _ in range(repeat)]
    report = PageReport(
        name=name,
        path=path,
        status=getattr(result, "status_code", 200),
        milliseconds=statistics.median(timings),
    )
    for query in captured.captured_queries:
        report.queries.append(explain(query["sql"], repeat=repeat, sizes=sizes))
    return report


def get(path, user=None):
    request = RequestFactory().get(path, HTTP_HOST=host())
    request.user = user or AnonymousUser()
    match = resolve(request.path_info)
    request.resolver_match = match
    return match.func(request, *match.args, **match.kwargs)


def host():
    allowed = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
    return allowed[0].lstrip(".") if allowed else "localhost"


def timed(function):
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def explain(sql, *, repeat, sizes):
    with connection.cursor() as cursor:
        if sql.lstrip().upper().startswith("EXPLAIN"):
            # Itself a plan: the desk list's estimated count, read nothing.
            plan, indexes, scanned = "(a row estimate from the planner)", [], []
        elif connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            indexes = INDEX_PG.findall(plan)
            scanned = SEQ_SCAN_PG.findall(plan)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan, indexes, scanned = sqlite_plan(cursor.fetchall(), sql)

        def run():
            cursor.execute(sql)
            cursor.fetchall()

        milliseconds = statistics.median(timed(run) for _ in range(repeat))
    big = sorted({table for table in scanned if sizes.rows(table) >= SMALL_TABLE})
    return QueryReport(
        sql=sql,
        plan=plan,
        milliseconds=milliseconds,
        indexes=sorted(set(indexes)),
        seq_scans=big,
    )


def sqlite_plan(rows, sql):
    """EXPLAIN QUERY PLAN's rows as an indented tree, the indexes it names and
    the tables it reads whole (aliases resolved to their tables)."""
    aliases = dict((alias, table) for table, alias in ALIAS.findall(sql))
    depth = {0: -1}
    lines, indexes, scanned = [], [], []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
        indexes += [name for name in INDEX_SQLITE.findall(detail) if name]
        if "USING INTEGER PRIMARY KEY" in detail:
            indexes.append("rowid")
        scan = SCAN_SQLITE.match(detail)
        if scan and not INDEX_SQLITE.search(scan[2]) and "VIRTUAL TABLE" not in detail:
            scanned.append(aliases.get(scan[1], scan[1]))
    return "\n".join(lines), indexes, scanned


class TableSizes:
    """Rows per table, asked once each."""

    def __init__(self):
        self.known = {}

    def rows(self, table):
        if table not in self.known:
            self.known[table] = self._count(table)
        return self.known[table]

    def _count(self, table):
        if table not in connection.introspection.table_names():
            return 0  # a subquery's or a CTE's name
        with connection.cursor() as cursor:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
            return cursor.fetchone()[0]


def shorten(sql, length=240):
    return sql if len(sql) <= length else sql[: length - 1] + "…"


def as_data(reports):
    data = []
    for report in reports:
        item = asdict(report)
        item["seq_scans"] = report.seq_scans
        for query, query_report in zip(item["queries"], report.queries, strict=True):
            query["verdict"] = query_report.verdict
        data.append(item)
    return data

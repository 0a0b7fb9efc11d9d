"""Pagination: of the reader's lists, and of the desk's archive-long list."""

import json
import logging

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import DatabaseError, connections
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)


class CappedPaginator(Paginator):
    """Numbers no more than ``NEWSROOM_MAX_LIST_PAGES`` pages.

    Counting every live article of a busy author or tag costs tens of
    milliseconds on each view of a ten-year archive, for page numbers
    nobody follows that far: the count stops at the cap (reading no further
    than that many index entries), and older stories are reached by search,
    the feeds and the sitemaps.
    """

    @cached_property
    def count(self):
        cap = self.per_page * settings.NEWSROOM_MAX_LIST_PAGES
        rows = self.object_list
        if hasattr(rows, "query"):
            # COUNT(*) over a LIMIT, in no order: ranking or sorting the rows
            # only to count them would cost as much as the page itself.
            return rows.order_by().values("pk")[:cap].count()
        return min(len(rows), cap)


class NearestPageMixin:
    """ListView pagination where ``?page=abc`` or ``?page=-1`` gives page 1 and
    ``?page=999999`` the last page, instead of an error: a reader following an
    old link still lands on a list. No list numbers more pages than
    ``CappedPaginator`` allows."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE
    paginator_class = CappedPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        number = self.request.GET.get(self.page_kwarg)
        try:
            if int(number) < 1:
                number = 1  # the nearest page to "page -1" is the first
        except (TypeError, ValueError):
            pass  # get_page() turns anything else into page 1
        page = paginator.get_page(number)
        return paginator, page, page.object_list, page.has_other_pages()


# --- The desk's article list ---------------------------------------------------
# It holds the whole archive (100,000 articles and more),
# and Django's paginator counts every matching row before it shows 50 of them.
# ``EstimatedCountPaginator`` counts exactly only while that is cheap, and
# beyond that takes the database's own estimate; a search
# (``DeskSearchPaginator``) stops counting sooner, and says so.


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to ``exact_limit`` rows, and reads no more than that.

    A longer list is given the planner's estimate on PostgreSQL (kept close by
    autovacuum's statistics, and never below what was counted), and is capped
    at the first ``exact_limit`` rows elsewhere (SQLite keeps no estimates):
    its pages after those are reached by filtering, searching or the date
    drill-down, which count again. A capped count sets ``count_stopped``:
    the list says "10000+".
    """

    exact_limit = 10_000
    # Whether a list longer than the limit takes the planner's estimate.
    estimates = True
    count_stopped = False

    @cached_property
    def count(self):
        rows = self.object_list
        counted = self.count_up_to(rows, self.exact_limit + 1)
        if counted <= self.exact_limit:
            return counted
        estimate = estimated_count(rows) if self.estimates else None
        if estimate is None:
            self.count_stopped = True
            return self.exact_limit
        return max(estimate, counted)

    def count_up_to(self, rows, limit):
        """How many ``rows`` there are, counting no further than ``limit``."""
        # COUNT(*) over a subquery that stops after the limit: at most that
        # many index entries read, however long the list.
        return rows.order_by().values("pk")[:limit].count()


class DeskSearchPaginator(EstimatedCountPaginator):
    """The desk's search results, counted up to 500 ("500+" past that).

    Each match is checked against the words typed in the row itself (the
    trigram indexes only narrow the rows down): counting the 6,836 articles
    with "cities" in their intro read and checked each, 50-90 ms of a search
    at 100,000 articles, for a total nobody needs exactly. The planner's
    estimate of a text match is too rough to show. Ten pages of results;
    more words find the older ones.
    """

    exact_limit = 500
    estimates = False

    def count_up_to(self, rows, limit):
        connection = connections[rows.db]
        if connection.vendor != "postgresql":
            return super().count_up_to(rows, limit)
        # Told of the limit, PostgreSQL's planner expects to stop early
        # whichever way it reads, and it costs checking a row's words (UPPER
        # of its intro, a few microseconds) as nothing: it reads the table
        # from its start, 7,600 rows for 500 "cities" (50 ms) or 25,000 for
        # 500 "budget" (150 ms), rather than the few rows the trigram indexes
        # point at (~10 ms). A MATERIALIZED CTE is planned for all its rows
        # (the trigram indexes, unless most rows match) and still runs only as
        # far as the LIMIT outside it reads.
        try:
            sql, params = rows.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            return 0  # a filter that can match nothing, asked nothing
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH matches AS MATERIALIZED ({sql}) "  # noqa: S608
                "SELECT COUNT(*) FROM (SELECT 1 FROM matches LIMIT %s) AS counted",
                [*params, limit],
            )
            return cursor.fetchone()[0]


def estimated_count(queryset):
    """How many rows the database expects ``queryset`` to match, without
    reading them; None where the database cannot say (anything but
    PostgreSQL)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        plan = json.loads(queryset.order_by().explain(format="json"))
    except (DatabaseError, ValueError):
        logger.warning("No row estimate for the desk's list", exc_info=True)
        return None
    # One plan: as a list of it, or (Django's flattening) the plan itself.
    plan = plan[0] if isinstance(plan, list) else plan
    return int(plan["Plan"]["Plan Rows"])

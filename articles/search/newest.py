"""The newest matches of a search on PostgreSQL, looked for among the recent
articles first: the candidates ``articles.search`` ranks.

The plain way has two plans, both costly for a word in a few per cent of
100,000 articles: walk the live index newest first, testing each article's
vector (3.7 KB read from TOAST, ~3 µs an article: ten articles read for
each match of a word in one in ten), or read every match from the GIN index
and sort them by date (~2 µs a match, thousands of them). Here the matches
are first looked for within a window of recent articles, which PostgreSQL
reads as the GIN index's matches AND the live index's window (a BitmapAnd):
only the window's matches are read from the table.

1. The newest ``FIRST_WINDOW`` × candidates live articles: a common word
   has all its candidates there.
2. Else what that window found tells how far back the candidates reach:
   a window reaching back far enough to hold ``MARGIN`` times them at that
   rate (by date, from the first window's span).
3. Else (a word in fewer than 1 in ``RARE`` of the first window's articles,
   or a second window that came up short) the plain query, which a rare
   word's few matches make cheap.

A window's matches are the answer only when they are all the candidates:
every article outside it is older than every one in it. So the answer is
always the plain query's, whatever the windows held; they only decide what
is read. It is one statement (one query), and PostgreSQL runs a step only
when a later one reads it: a common word never runs the second or third.
"""

from django.db import connections
from django.db.models.expressions import RawSQL

# The first window, in candidates' worth of live articles (4,000 for 500):
# words in more than one article in eight need no other.
FIRST_WINDOW = 8
# Rarer than one in this many of the first window's articles (2.5 %), a
# word goes to the plain query: its few matches cost less than a window.
RARE = 40
# The second window is sized to hold this many times the candidates, so a
# word used a little less often further back still fills it.
MARGIN = 1.5

NEWEST_FIRST = ("-published_at", "-id")


def newest_matches(articles, matches, limit):
    """The pks of the newest ``limit`` of ``matches`` (``articles`` that
    match the query), as an SQL expression (an unordered set), found as
    described above."""
    connection = connections[articles.db]

    def compiled(queryset):
        return queryset.query.get_compiler(connection=connection).as_sql()

    live = articles.order_by(*NEWEST_FIRST).values("published_at")
    window = FIRST_WINDOW * limit
    newest_sql, newest_params = compiled(live[:1])
    edge_sql, edge_params = compiled(live[window - 1 : window])

    def newest_since(cte):
        # The cutoff is read from a step above, so the planner cannot see
        # it: it plans a window it reads the matches of, not the whole table.
        cutoff = RawSQL(f"SELECT at FROM {cte}", ())  # noqa: S608, S611 (our CTE)
        since = matches.filter(published_at__gte=cutoff)
        return compiled(since.order_by(*NEWEST_FIRST).values("pk")[:limit])

    first_sql, first_params = newest_since("search_edge")
    second_sql, second_params = newest_since("search_reach")
    plain_sql, plain_params = compiled(
        matches.order_by(*NEWEST_FIRST).values("pk")[:limit]
    )
    # The first window's edge, -infinity when there are fewer live articles
    # (the window is then all of them), and the newest live article. One
    # step answers, so the last LIMIT cuts nothing: it tells the planner how
    # few pks come out (ranked by looking each up, not by reading the table).
    # Only SQL Django compiled is put in; every value is a parameter.
    sql = f"""
    WITH search_edge (at, newest) AS MATERIALIZED (
        SELECT COALESCE(({edge_sql}), '-infinity'), ({newest_sql})
    ), search_first (pk) AS MATERIALIZED ({first_sql}
    ), search_first_found (n) AS MATERIALIZED (
        SELECT count(*) FROM search_first
    ), search_reach (at) AS MATERIALIZED (
        SELECT newest - (newest - at) * (%s::float8 / n)
        FROM search_edge, search_first_found
        WHERE at > '-infinity' AND n >= %s AND n < %s
    ), search_second (pk) AS MATERIALIZED ({second_sql}
    ), search_second_found (n) AS MATERIALIZED (
        SELECT count(*) FROM search_second
    ), search_plain (pk) AS MATERIALIZED ({plain_sql}
    ), search_newest (pk) AS (
        SELECT pk FROM search_first
        WHERE (SELECT n FROM search_first_found) >= %s
            OR (SELECT at FROM search_edge) = '-infinity'
        UNION ALL
        SELECT pk FROM search_second
        WHERE (SELECT n FROM search_second_found) >= %s
        UNION ALL
        SELECT pk FROM search_plain
        WHERE (SELECT n FROM search_first_found) < %s
            AND (SELECT at FROM search_edge) > '-infinity'
            AND (SELECT n FROM search_second_found) < %s
    )
    SELECT pk FROM search_newest LIMIT %s
    """  # noqa: S608
    params = (
        *edge_params,
        *newest_params,
        *first_params,
        MARGIN * limit,
        max(1, window // RARE),
        limit,
        *second_params,
        *plain_params,
        limit,
        limit,
        limit,
        limit,
        limit,
    )
    return RawSQL(sql, params)  # noqa: S611 (compiled SQL, values as parameters)

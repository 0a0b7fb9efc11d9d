"""Queries compiled to SQL once per process, then run with new values.

Building a queryset and compiling it to SQL is Python work, and for a query
of a fixed shape it gives the same SQL on every request: only its values
change (the moment a page is served, which sections are in the menu, which
articles a list shows). The home page's cards are such a query, a UNION of
one part per menu section, and building and compiling it was some 60 % of
an uncached home page (bench/profile.py).

``PreparedQuery`` builds its queryset once per database and number of keys,
with stand-in values (a moment and keys that nothing else holds), compiles
it, finds where the stand-ins went among the SQL's parameters, and from
then on runs that SQL on a cursor with the real values in their places,
the rows converted as the queryset's own would be (dates, booleans, JSON).
The queryset stays the one definition of the query: the rules it is built
from (``published()``) are read when it is built, and no SQL is written out
by hand. Nothing is kept but SQL: every run reads the database as it is.

Only values Django passes as parameters may change between runs: a value
it writes into the SQL itself (a LIMIT) must be the same on every run, and
a stand-in that does not turn up among the parameters is refused when the
query is built.
"""

from datetime import UTC, datetime

from django.db import connections, router
from django.db.models import DateTimeField

# Stand-ins nothing real holds: a moment in 1970, keys far below zero.
STAND_IN_MOMENT = datetime(1970, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
STAND_IN_KEY = -(2**40)
# How a moment is passed to the database: as a date-time column's value.
MOMENT = DateTimeField()


class PreparedQuery:
    """A ``values_list()`` query of ``model``'s rows, compiled once per
    database and number of keys. ``build(keys, now)`` makes the queryset,
    for the list of primary keys ``keys`` and, if ``uses_moment``, the
    moment ``now``."""

    def __init__(self, model, build, *, uses_moment=False):
        self.model = model
        self.build = build
        self.uses_moment = uses_moment
        self.compiled = {}

    def rows(self, keys=(), now=None):
        """The rows (tuples) of the query for ``keys`` and ``now``."""
        keys = list(keys)
        compiler, sql, roles = self.compiled_for(len(keys))
        connection = connections[compiler.using]
        moment = MOMENT.get_db_prep_value(now, connection) if self.uses_moment else None
        params = [
            moment
            if role == "moment"
            else keys[role]
            if isinstance(role, int)
            else role[0]
            for role in roles
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))

    def compiled_for(self, count):
        alias = router.db_for_read(self.model)
        shape = (alias, connections[alias].vendor, count)
        if shape not in self.compiled:
            self.compiled[shape] = self.compile(alias, count)
        return self.compiled[shape]

    def compile(self, alias, count):
        queryset = self.build(
            [STAND_IN_KEY - n for n in range(count)],
            STAND_IN_MOMENT if self.uses_moment else None,
        ).using(alias)
        connection = connections[alias]
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        moment = MOMENT.get_db_prep_value(STAND_IN_MOMENT, connection)
        stand_ins = {STAND_IN_KEY - n: n for n in range(count)}
        # A role per parameter: the moment, the index of a key, or a
        # constant (in a 1-tuple, so that no constant reads as a role).
        roles = []
        for param in params:
            if self.uses_moment and param == moment:
                roles.append("moment")
            elif isinstance(param, int) and param in stand_ins:
                roles.append(stand_ins[param])
            else:
                roles.append((param,))
        missing = set(stand_ins.values()) - set(roles)
        if missing or (self.uses_moment and "moment" not in roles):
            raise ValueError(
                "A prepared query must pass each key and the moment as "
                f"parameters of its SQL; found in: {sql}"
            )
        return compiler, sql, roles

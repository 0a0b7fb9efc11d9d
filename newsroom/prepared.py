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
The article page's parts (``articles.page_parts``) are read the same way,
as model instances (``instances``). The queryset stays the one definition
of the query: the rules it is built from (``published()``) are read when it
is built, and no SQL is written out by hand. Nothing is kept but SQL:
every run reads the database as it is.

Only values Django passes as parameters may change between runs: a value
it writes into the SQL itself (a LIMIT) must be the same on every run, and
a stand-in that does not turn up among the parameters is refused when the
query is built.
"""

import weakref
from datetime import UTC, datetime

from django.core.signals import setting_changed
from django.db import connections, router
from django.db.models import DateTimeField
from django.dispatch import receiver

# Stand-ins nothing real holds: a moment in 1970, keys far below zero, words
# in characters of Unicode's private use area. The keys fit a 32-bit column
# (a tagged item's object id): Django turns a value out of a column's range
# into no SQL at all (nothing can match it), and the key would go missing.
STAND_IN_MOMENT = datetime(1970, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
STAND_IN_KEY = -(2**31) + 2**16
STAND_IN_TEXT = "\uf8f0 prepared query text \uf8f1"
# How a moment is passed to the database: as a date-time column's value.
MOMENT = DateTimeField()

_every = weakref.WeakSet()


class PreparedQuery:
    """A ``values_list()`` query of ``model``'s rows, compiled once per
    database and number of keys. ``build(keys)`` makes the queryset for the
    list of primary keys ``keys``; with ``uses_moment``, ``build(keys,
    now=)`` for the moment ``now`` too, and with ``uses_text``, ``build(keys,
    text=)`` for a string ``text`` passed as it is (a reader's query)."""

    def __init__(self, model, build, *, uses_moment=False, uses_text=False):
        self.model = model
        self.build = build
        self.uses_moment = uses_moment
        self.uses_text = uses_text
        self.compiled = {}
        _every.add(self)

    def rows(self, keys=(), now=None, text=None):
        """The rows (tuples) of the query for ``keys``, ``now`` and ``text``."""
        keys = list(keys)
        compiler, sql, _roles = self.compiled_for(len(keys))
        _sql, params = self.sql_with_params(keys, now, text)
        with connections[compiler.using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))

    def sql_with_params(self, keys=(), now=None, text=None):
        """The SQL ``rows()`` runs for ``keys``, ``now`` and ``text``, and its
        parameters (for a test to ``EXPLAIN`` it)."""
        keys = list(keys)
        compiler, sql, roles = self.compiled_for(len(keys))
        values = {"text": text}
        if self.uses_moment:
            connection = connections[compiler.using]
            values["moment"] = MOMENT.get_db_prep_value(now, connection)
        params = [
            role[0]
            if isinstance(role, tuple)
            else keys[role]
            if isinstance(role, int)
            else values[role]
            for role in roles
        ]
        return sql, params

    def instances(self, keys=(), now=None, text=None):
        """The rows as ``model`` instances, as the ORM would load them: for
        a query that ``build``s ``whole_rows()`` of the model."""
        alias = router.db_for_read(self.model)
        names = columns(self.model)
        rows = self.rows(keys, now, text)
        return [self.model.from_db(alias, names, row) for row in rows]

    def compiled_for(self, count):
        alias = router.db_for_read(self.model)
        shape = (alias, connections[alias].vendor, count)
        if shape not in self.compiled:
            self.compiled[shape] = self.compile(alias, count)
        return self.compiled[shape]

    def compile(self, alias, count):
        stand_ins = {}
        if self.uses_moment:
            stand_ins["now"] = STAND_IN_MOMENT
        if self.uses_text:
            stand_ins["text"] = STAND_IN_TEXT
        keys = [STAND_IN_KEY - n for n in range(count)]
        queryset = self.build(keys, **stand_ins).using(alias)
        connection = connections[alias]
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        moment = MOMENT.get_db_prep_value(STAND_IN_MOMENT, connection)
        key_index = {key: n for n, key in enumerate(keys)}
        # A role per parameter: "moment", "text", the index of a key, or a
        # constant (in a 1-tuple, so that no constant reads as a role).
        roles = []
        for param in params:
            if self.uses_moment and param == moment:
                roles.append("moment")
            elif self.uses_text and param == STAND_IN_TEXT:
                roles.append("text")
            elif isinstance(param, int) and param in key_index:
                roles.append(key_index[param])
            else:
                roles.append((param,))
        wanted = {*range(count)}
        wanted |= {"moment"} if self.uses_moment else set()
        wanted |= {"text"} if self.uses_text else set()
        if wanted - {role for role in roles if not isinstance(role, tuple)}:
            raise ValueError(
                "A prepared query must pass each key, the moment and the text "
                f"as parameters of its SQL; found in: {sql}"
            )
        return compiler, sql, roles


def columns(model):
    """The attribute names of ``model``'s columns, in its fields' order."""
    return [field.attname for field in model._meta.concrete_fields]


def whole_rows(queryset):
    """``queryset`` as the values of every column of its model, for
    ``PreparedQuery.instances``."""
    return queryset.values_list(*columns(queryset.model))


@receiver(setting_changed)
def forget_compiled_queries(**kwargs):
    # Settings a query is built from (how many search candidates, the search
    # language) are in its SQL: a test that changes one gets it built anew.
    for query in list(_every):
        query.compiled.clear()

"""A stale save merged with the saves made since: a three-way merge of the
article as the form was loaded (base), as saved now (theirs) and as the
form posts it (yours).

Pure: it reads ``Snapshot``\\ s of plain values and returns a ``Merge``; the
desk's form builds the snapshots (``articles.forms.merging``) and writes the
result under the article's row lock. Nothing here reads the database.

The rules, as a newsroom expects them:

- A field changed on one side only takes that side's value; changed on both
  sides to the same value, that value. Changed on both sides to different
  values, it is a conflict, which the person chooses (theirs or yours).
- Parts (bylines, sections, key points, FAQs, corrections) are matched by
  their id. Their fields merge like the article's; two different changes of
  the same field of one part are one conflict on that part. A part added on
  either side is kept. A part deleted on one side is gone, unless the other
  side changed it: deleting and editing the same part is a conflict.
- The order of a kind of part is a change of its own: one side reordering
  keeps that order, with the other side's additions placed after the part
  they followed there. Both reordering differently is a conflict on the
  order.
- A kind of part may have a field no two parts share (a byline's author).
  Two merged parts holding one value are that value given on both sides
  (you changed a byline to the author they added meanwhile): it is kept
  once, in the part your form holds it in, and listed in ``joined``.
- Tags are a set: what you added and removed, applied to theirs. Adding or
  removing a tag cannot clash with another change of the tags.
"""

from dataclasses import dataclass, field

THEIRS, YOURS = "theirs", "yours"
FIELD, PART, ORDER = "field", "part", "order"
CHANGED, ADDED, REMOVED = "changed", "added", "removed"
# Two parts of one unique value, kept as one (``Merge.joined``).
JOINED = "joined"


@dataclass(frozen=True)
class Snapshot:
    """One side: the article's fields, its tag names (None when not known)
    and its parts by kind, each an ordered list of (key, {field: value}).
    A part's key is its id; a part new in a form, ("new", row)."""

    fields: dict
    tags: frozenset | None = None
    parts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """What one side changed: a field, a part (changed, added, removed), the
    order of a kind of part, or the tags."""

    what: str  # FIELD, PART, ORDER or "tags"
    name: str  # the field's name, or the kind of part
    key: object = None  # the part's key
    how: str = CHANGED


@dataclass(frozen=True)
class Conflict:
    """A field, a part or an order both sides changed differently. For a
    part, ``theirs``/``yours`` is its values (None: deleted on that side);
    for an order, the keys in that side's order."""

    what: str  # FIELD, PART or ORDER
    name: str
    theirs: object
    yours: object
    key: object = None
    base: object = None

    @property
    def choice_name(self):
        """The name of the choice between the two: stable, safe in HTML."""
        if self.what == PART:
            return f"merge-part-{self.name}-{self.key}"
        return f"merge-{self.what}-{self.name}"


@dataclass
class Merge:
    fields: dict
    tags: frozenset | None
    parts: dict  # kind -> [(key, values)] in the merged order
    conflicts: list = field(default_factory=list)
    theirs_changed: list = field(default_factory=list)  # [Change]
    yours_changed: list = field(default_factory=list)  # [Change]
    # kind -> {key: values}: every part either side had (yours first), to
    # name the parts a change or a conflict is about.
    seen: dict = field(default_factory=dict)
    # [Change(PART, kind, key, JOINED)]: parts kept once for a value both
    # sides gave (``unique``), to say so.
    joined: list = field(default_factory=list)


def merge(base, theirs, yours, *, choices=None, ordered=(), unique=None):
    """Merge ``yours`` (a ``Snapshot``) into ``theirs`` since ``base``.

    ``choices`` maps a conflict's ``choice_name`` to THEIRS or YOURS: a
    conflict chosen is settled so, one not chosen is listed in
    ``conflicts`` (the merged value is then yours, provisionally).
    ``ordered`` names the kinds of part whose order is kept by hand.
    ``unique`` maps a kind to the field no two of its parts may share (a
    byline's author): two merged parts with one value are kept as one.
    """
    result = Merge(fields={}, tags=None, parts={})
    choices = choices or {}
    for name in theirs.fields:
        result.fields[name] = _merge_value(
            result,
            choices,
            FIELD,
            name,
            base.fields.get(name),
            theirs.fields[name],
            yours.fields.get(name, base.fields.get(name)),
        )
    result.tags = _merge_tags(result, base.tags, theirs.tags, yours.tags)
    for kind in theirs.parts:
        result.seen[kind] = {
            key: values
            for side in (base, theirs, yours)
            for key, values in side.parts.get(kind, [])
        }
        result.parts[kind] = _merge_parts(
            result,
            choices,
            kind,
            base.parts.get(kind, []),
            theirs.parts[kind],
            yours.parts.get(kind, base.parts.get(kind, [])),
            ordered=kind in ordered,
            unique=(unique or {}).get(kind),
        )
    return result


def _merge_value(result, choices, what, name, base, theirs, yours, key=None):
    if yours == theirs:
        if theirs != base:
            result.theirs_changed.append(Change(what, name, key))
        return theirs
    if yours == base:
        result.theirs_changed.append(Change(what, name, key))
        return theirs
    if theirs == base:
        result.yours_changed.append(Change(what, name, key))
        return yours
    conflict = Conflict(what, name, theirs, yours, key=key, base=base)
    return _settle(result, choices, conflict)


def _settle(result, choices, conflict):
    """The side chosen for ``conflict``; yours, listed, when none is."""
    choice = choices.get(conflict.choice_name)
    if choice == THEIRS:
        return conflict.theirs
    if choice != YOURS:
        result.conflicts.append(conflict)
    return conflict.yours


def _merge_tags(result, base, theirs, yours):
    if theirs is None or yours is None:
        return yours if theirs is None else theirs
    base = theirs if base is None else base  # not recorded: yours decide
    added, removed = yours - base, base - yours
    if added or removed:
        result.yours_changed.append(Change("tags", "tags"))
    if theirs != base:
        result.theirs_changed.append(Change("tags", "tags"))
    return frozenset((theirs | added) - removed)


def _merge_parts(result, choices, kind, base, theirs, yours, *, ordered, unique):
    base_map, theirs_map, yours_map = dict(base), dict(theirs), dict(yours)
    kept = {}
    for key in _union(base, theirs, yours):
        values = _merge_part(
            result,
            choices,
            kind,
            key,
            base_map.get(key),
            theirs_map.get(key),
            yours_map.get(key),
            in_base=key in base_map,
        )
        if values is not None:
            kept[key] = values
    if unique:
        _join_duplicates(result, kind, kept, unique, yours_map, base_map)
    orders = [_keys(theirs), _keys(yours), _keys(base)]
    if ordered:
        lead = _leading_order(result, choices, kind, base, theirs, yours)
        orders.insert(0, lead)
    arranged = _arrange(set(kept), orders)
    return [(key, kept[key]) for key in arranged]


def _merge_part(result, choices, kind, key, base, theirs, yours, *, in_base):
    if not in_base:
        side = result.theirs_changed if theirs is not None else result.yours_changed
        side.append(Change(PART, kind, key, ADDED))
        return theirs if theirs is not None else yours
    if theirs is None and yours is None:
        return None  # deleted on both sides
    if theirs is None or yours is None:
        kept_by_other = yours if theirs is None else theirs
        if kept_by_other == base:  # deleted on one side, left alone on the other
            side = result.theirs_changed if theirs is None else result.yours_changed
            side.append(Change(PART, kind, key, REMOVED))
            return None
        # Deleted on one side, changed on the other.
        conflict = Conflict(PART, kind, theirs, yours, key=key, base=base)
        return _settle(result, choices, conflict)
    conflicting = [
        name
        for name in theirs
        if theirs[name] != base.get(name)
        and yours.get(name) != base.get(name)
        and theirs[name] != yours.get(name)
    ]
    if conflicting:
        conflict = Conflict(PART, kind, theirs, yours, key=key, base=base)
        chosen = _settle(result, choices, conflict)
        merged = {}
        for name in theirs:
            if name in conflicting:
                merged[name] = chosen[name]
            else:
                merged[name] = _pick(theirs[name], yours.get(name), base.get(name))
        _note_part_changes(result, kind, key, base, theirs, yours, conflicting)
        return merged
    _note_part_changes(result, kind, key, base, theirs, yours, ())
    return {
        name: _pick(theirs[name], yours.get(name), base.get(name)) for name in theirs
    }


def _pick(theirs, yours, base):
    """A value changed on one side at most: the changed one."""
    return theirs if yours == base else yours


def _note_part_changes(result, kind, key, base, theirs, yours, conflicting):
    if any(theirs[n] != base.get(n) for n in theirs if n not in conflicting):
        result.theirs_changed.append(Change(PART, kind, key))
    if any(
        yours.get(n) != base.get(n) and yours.get(n) != theirs[n]
        for n in theirs
        if n not in conflicting
    ):
        result.yours_changed.append(Change(PART, kind, key))


def _join_duplicates(result, kind, kept, unique, yours_map, base_map):
    # The database allows one part per value (one byline per author), so a
    # merge holding two would fail on saving. Both sides gave that value:
    # keep the part your form holds it in (a row of the posted form, which
    # the desk counts when it checks what publishing needs), drop the
    # others. Two parts added on both sides are simply the same change made
    # twice, not worth a word; anything else is said.
    holders = {}
    for key, values in kept.items():
        holders.setdefault(values[unique], []).append(key)
    for value, keys in holders.items():
        if len(keys) < 2:
            continue
        keep = next(
            (key for key in keys if yours_map.get(key, {}).get(unique) == value),
            keys[0],
        )
        for key in keys:
            if key != keep:
                del kept[key]
        if any(key in base_map for key in keys):
            result.joined.append(Change(PART, kind, keep, JOINED))


def _leading_order(result, choices, kind, base, theirs, yours):
    """The order the merged parts follow: the side that reordered them (both
    alike: either; both differently: the choice, else a conflict)."""
    common = set(_keys(base)) & set(_keys(theirs)) & set(_keys(yours))
    base_order = [key for key in _keys(base) if key in common]
    theirs_order = [key for key in _keys(theirs) if key in common]
    yours_order = [key for key in _keys(yours) if key in common]
    theirs_moved, yours_moved = theirs_order != base_order, yours_order != base_order
    if theirs_moved:
        result.theirs_changed.append(Change(ORDER, kind))
    if yours_moved and yours_order != theirs_order:
        result.yours_changed.append(Change(ORDER, kind))
    if yours_moved and not theirs_moved:
        return _keys(yours)
    if theirs_moved and yours_moved and theirs_order != yours_order:
        conflict = Conflict(ORDER, kind, _keys(theirs), _keys(yours), base=_keys(base))
        return _settle(result, choices, conflict)
    return _keys(theirs)


def _arrange(kept, orders):
    """The kept keys in the first order, each missing one placed after the
    key it follows in the next order that has it."""
    arranged = [key for key in orders[0] if key in kept]
    placed = set(arranged)
    for order in orders[1:]:
        for index, key in enumerate(order):
            if key not in kept or key in placed:
                continue
            at = 0
            for before in reversed(order[:index]):
                if before in placed:
                    at = arranged.index(before) + 1
                    break
            arranged.insert(at, key)
            placed.add(key)
    return arranged


def _keys(parts):
    return [key for key, _values in parts]


def _union(*sides):
    seen, keys = set(), []
    for side in sides:
        for key, _values in side:
            if key not in seen:
                seen.add(key)
                keys.append(key)
    return keys

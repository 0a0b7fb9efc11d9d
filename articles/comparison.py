"""Readable history: two revisions of an article compared word by word, per
field and per part (``articles.revisions`` reads them back as states).

A section's body is HTML; a desk user wants to read what was written, not the
markup. Each text is turned into words first: tags dropped, entities decoded,
block boundaries (paragraphs, list items, quotes, line breaks) kept as
paragraph breaks. Two texts are then compared by words with the standard
library's ``difflib``: an article's texts are bounded by ``articles.limits``,
so its ``SequenceMatcher`` is quick enough, and its longest-matching-block
results read naturally at the word level. No new dependency, nothing to pin.

The result is data, escaped by the template that shows it (the words are
typed by people): ``Run``\\ s of kept, added or removed words per changed
field (``FieldChange``), parts matched by their id across the two revisions
(``PartChange``: added, removed, moved, changed), and what did not change
only counted. Long unchanged stretches inside a field keep a few words of
context on either side (``Run`` of kind ``GAP``).
"""

import difflib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_prose_editor.fields import ProseEditorField

from articles.models import FAQ, Byline, Correction, KeyPoint, Section
from articles.revisions import PARTS, deleted_since
from authors.models import Author

KEPT, ADDED, REMOVED, GAP = "kept", "added", "removed", "gap"

# Words of unchanged text kept on each side of a change.
CONTEXT_WORDS = 6

# A paragraph break, as a token of its own between words.
BREAK = "\n"

# The elements that end a line of reading text (the sanitiser's allow-list
# for a body is in newsroom.richtext; the rest are here for older markup).
BLOCK_TAGS = frozenset(
    {
        "address",
        "blockquote",
        "br",
        "div",
        "dd",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
UNREAD_TAGS = frozenset({"script", "style", "template"})

# The part fields compared, in the form's order. A byline is its author.
# The first names the part in headings, but a correction is named by its text.
PART_FIELDS = {
    Byline: ("author",),
    Section: ("subheading", "body"),
    KeyPoint: ("text",),
    FAQ: ("question", "answer"),
    Correction: ("kind", "created_at", "text"),
}


@dataclass(frozen=True)
class Run:
    """Words that are kept, added or removed; a ``GAP`` stands for ``skipped``
    unchanged words left out."""

    kind: str
    text: str = ""
    skipped: int = 0


@dataclass
class FieldChange:
    label: str
    runs: list


@dataclass
class PartChange:
    """One part (a section, a key point...) that is not as it was."""

    label: str
    status: str  # ADDED, REMOVED or KEPT (changed, moved, or both)
    moved: bool = False
    old_number: int | None = None
    fields: list = field(default_factory=list)  # [FieldChange]


@dataclass
class PartGroup:
    """The parts of one kind: those that changed, and how many did not."""

    label: str
    changes: list
    unchanged: int
    unchanged_label: str


@dataclass
class Comparison:
    fields: list  # [FieldChange] of the article's own fields
    unchanged_fields: int
    groups: list  # [PartGroup], every kind of part

    def __bool__(self):
        return bool(self.fields) or any(group.changes for group in self.groups)


# --- Text ------------------------------------------------------------------------


class _Reader(HTMLParser):
    """The text of an HTML fragment, a paragraph break at each block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self._unread = 0

    def handle_starttag(self, tag, attrs):
        if tag in UNREAD_TAGS:
            self._unread += 1
        elif tag in BLOCK_TAGS:
            self.pieces.append(BREAK)

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.pieces.append(BREAK)

    def handle_endtag(self, tag):
        if tag in UNREAD_TAGS:
            self._unread = max(0, self._unread - 1)
        elif tag in BLOCK_TAGS:
            self.pieces.append(BREAK)

    def handle_data(self, data):
        if not self._unread:
            self.pieces.append(data)


def readable_text(html):
    """``html`` as a person reads it: tags gone, entities decoded, one line
    per paragraph."""
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return "".join(reader.pieces)


def words(text):
    """The words of plain ``text``, a ``BREAK`` between its lines (never two
    in a row, none at either end)."""
    tokens = []
    for line in (text or "").splitlines():
        line_words = line.split()
        if not line_words:
            continue
        if tokens:
            tokens.append(BREAK)
        tokens.extend(line_words)
    return tokens


def _joined(tokens):
    text = ""
    for token in tokens:
        if token == BREAK:
            text += "\n\n"
        elif text and not text.endswith("\n"):
            text += " " + token
        else:
            text += token
    return text


def _counted(tokens):
    return sum(1 for token in tokens if token != BREAK)


# --- Word differences ---------------------------------------------------------------


def word_runs(old_text, new_text, *, context=CONTEXT_WORDS):
    """The runs turning ``old_text`` into ``new_text`` (plain texts), word by
    word; [] when they read the same."""
    old, new = words(old_text), words(new_text)
    if old == new:
        return []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    runs = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            first, last = index == 0, index == len(opcodes) - 1
            runs.extend(_kept(old[i1:i2], first=first, last=last, context=context))
            continue
        if i2 > i1:
            runs.append(Run(REMOVED, _joined(old[i1:i2])))
        if j2 > j1:
            runs.append(Run(ADDED, _joined(new[j1:j2])))
    return runs


def _kept(tokens, *, first, last, context):
    """Unchanged words, shortened to ``context`` words next to each change."""
    head = [] if first else tokens[:context]
    tail = [] if last else tokens[-context:]
    if _counted(tokens) <= _counted(head) + _counted(tail) + 1:
        return [Run(KEPT, _joined(tokens))]
    skipped = _counted(tokens) - _counted(head) - _counted(tail)
    runs = [Run(KEPT, _joined(head))] if head else []
    runs.append(Run(GAP, skipped=skipped))
    if tail:
        runs.append(Run(KEPT, _joined(tail)))
    return runs


# --- Fields and parts ------------------------------------------------------------


def compare(old, new):
    """How the state ``new`` differs from ``old`` (``revisions.ArticleState``)."""
    # rows() holds the article's fields and its tags first, then one row per
    # kind of part, compared below part by part instead.
    field_rows = zip(old.rows()[: -len(PARTS)], new.rows()[: -len(PARTS)], strict=True)
    fields, unchanged = [], 0
    for (label, old_text), (_label, new_text) in field_rows:
        runs = word_runs(old_text, new_text)
        if runs:
            fields.append(FieldChange(label, runs))
        else:  # the same words (spacing aside): nothing a reader would see
            unchanged += 1
    authors = authors_of(old, new)
    groups = [
        _compare_parts(model, old.parts.get(name, []), new.parts.get(name, []), authors)
        for name, model in PARTS.items()
    ]
    return Comparison(fields=fields, unchanged_fields=unchanged, groups=groups)


def _compare_parts(model, old_parts, new_parts, authors):
    old_by_id = {part.pk: part for part in old_parts}
    new_ids = [part.pk for part in new_parts]
    new_id_set = set(new_ids)
    kept_ids = [pk for pk in new_ids if pk in old_by_id]
    moved = _moved([part.pk for part in old_parts if part.pk in new_id_set], kept_ids)
    old_numbers = {part.pk: number for number, part in enumerate(old_parts, 1)}
    changes, unchanged = [], 0
    for number, part in enumerate(new_parts, 1):
        before = old_by_id.get(part.pk)
        if before is None:
            fields = _part_fields(model, None, part, authors)
            changes.append(
                PartChange(
                    part_label(model, number, part, authors), ADDED, fields=fields
                )
            )
            continue
        fields = _part_fields(model, before, part, authors)
        if not fields and part.pk not in moved:
            unchanged += 1
            continue
        changes.append(
            PartChange(
                part_label(model, number, part, authors),
                KEPT,
                moved=part.pk in moved,
                old_number=old_numbers[part.pk],
                fields=fields,
            )
        )
    for number, part in enumerate(old_parts, 1):
        if part.pk not in new_id_set:
            changes.append(
                PartChange(
                    part_label(model, number, part, authors),
                    REMOVED,
                    old_number=number,
                    fields=_part_fields(model, part, None, authors),
                )
            )
    meta = model._meta
    return PartGroup(
        label=capfirst(meta.verbose_name_plural),
        changes=changes,
        unchanged=unchanged,
        unchanged_label=ngettext(
            "%(count)d %(name)s unchanged", "%(count)d %(name)s unchanged", unchanged
        )
        % {
            "count": unchanged,
            "name": meta.verbose_name if unchanged == 1 else meta.verbose_name_plural,
        },
    )


def _moved(old_order, new_order):
    """The ids that changed place: those outside the longest run of parts
    kept in the same order (one part moved names that part, not every part
    it passed)."""
    matcher = difflib.SequenceMatcher(None, old_order, new_order, autojunk=False)
    in_place = set()
    for block in matcher.get_matching_blocks():
        in_place.update(new_order[block.b : block.b + block.size])
    return set(new_order) - in_place


def _part_fields(model, old, new, authors):
    """The changed fields of a part; of a part added (``old`` None) or
    removed (``new`` None), every field with words in it."""
    changes = []
    for name in PART_FIELDS[model]:
        label = capfirst(model._meta.get_field(name).verbose_name)
        old_text = part_text(model, name, old, authors) if old is not None else ""
        new_text = part_text(model, name, new, authors) if new is not None else ""
        runs = word_runs(old_text, new_text)
        if runs:
            changes.append(FieldChange(label, runs))
    return changes


def part_text(model, name, part, authors):
    """The text of a part's field as a person reads it (``authors``: the
    bylined authors by id, from ``authors_of``)."""
    if name == "author":
        author = authors.get(part.author_id)
        return str(author) if author else deleted_since(part.author_id)
    if name == "kind":
        return part.get_kind_display()
    if name == "created_at":
        return f"{part.created_at:%Y-%m-%d}"
    value = getattr(part, name) or ""
    if isinstance(model._meta.get_field(name), ProseEditorField):
        return readable_text(value)
    return str(value)


def part_label(model, number, part, authors):
    """A part's kind, number and first words: Section 2: “Tolls return”."""
    name = capfirst(model._meta.verbose_name)
    first_field = "text" if model is Correction else PART_FIELDS[model][0]
    text = Truncator(part_text(model, first_field, part, authors)).words(8)
    if not text:
        return f"{name} {number}"
    return _("%(name)s %(number)d: “%(text)s”") % {
        "name": name,
        "number": number,
        "text": text,
    }


def authors_of(*states):
    """The authors bylined in any of ``states``, by id."""
    ids = {
        byline.author_id
        for state in states
        for byline in state.parts.get("bylines", [])
    }
    return Author.objects.in_bulk(ids) if ids else {}

"""The desk's side of merging a stale save (``articles.merge`` holds the
rules): the three snapshots read from the revision the form was loaded at,
the article as saved now and the posted form with its rows of parts; the
merge written into the bound form and formsets, so that the admin's own
save writes it; and what the page shows of it (the message, the conflicts
side by side, the form's inputs already merged).

The form keeps the version it was loaded at until a save succeeds: a save
after a conflict is merged again from there, the person's choices settling
what both changed. Choices count only against the version they were made
against (``merge_version``): after yet another save they are asked again.
"""

from dataclasses import dataclass

from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.utils.text import Truncator, capfirst, get_text_list
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles import comparison, merge
from articles.models import Article, Correction
from articles.revisions import PARTS, current_state, deleted_since, state_at
from authors.models import Author
from newsroom.richtext import sanitize_body
from newsroom.times import newsroom_time

COLUMNS = frozenset(f.name for f in Article._meta.concrete_fields)
KIND_OF = {model: kind for kind, model in PARTS.items()}
# Kinds ordered by hand (a position per part); corrections go by date.
ORDERED = tuple(kind for kind, model in PARTS.items() if model is not Correction)
UNIQUE = {"bylines": "author"}
# Where the merge's choices are posted, and the version they were made at.
MERGE_VERSION = "merge_version"


# --- Snapshots ------------------------------------------------------------------


def compared_fields(form):
    """The article's columns this form edits (tags apart)."""
    return [name for name in form.fields if name in COLUMNS]


def snapshot_of_state(state, names):
    """A ``revisions.ArticleState`` as ``merge.Snapshot``."""
    article = state.article
    fields = {name: _column_value(article, name) for name in names}
    parts = {
        kind: [(part.pk, _part_values(part)) for part in state.parts.get(kind, [])]
        for kind in PARTS
    }
    tags = None if state.tags is None else frozenset(state.tags)
    return merge.Snapshot(fields=fields, tags=tags, parts=parts)


def snapshot_of_form(form, names, base):
    """What the bound form posts, as ``merge.Snapshot``: its fields, its
    tags, and the rows of each kind of part posted with it (a kind not
    posted is as ``base`` has it). Call once the formsets are valid."""
    fields = {name: _cleaned_value(form, name) for name in names}
    tags = base.tags
    if "tags" in form.fields:
        tags = frozenset(form.cleaned_data.get("tags") or ())
    parts = dict(base.parts)
    for formset in posted_formsets(form):
        kind = KIND_OF[formset.model]
        rows = []
        for index, row in kept_rows(formset):
            values = {
                name: _cleaned_part_value(formset.model, name, row.cleaned_data)
                for name in comparison.PART_FIELDS[formset.model]
            }
            place = row.cleaned_data.get("position")
            rows.append((place if place is not None else index, index, values, row))
        rows.sort(key=lambda item: (item[0], item[1]))
        parts[kind] = [
            (formset.row_key(index, row), values) for _p, index, values, row in rows
        ]
    return merge.Snapshot(fields=fields, tags=tags, parts=parts)


def posted_formsets(form):
    """The formsets of parts posted with ``form`` (see ArticleAdmin)."""
    return getattr(form.instance, "posted_formsets", ())


def formsets_valid(form):
    return all(formset.is_valid() for formset in posted_formsets(form))


def kept_rows(formset):
    """(index, form) of the rows a save would keep: not those ticked for
    deletion, nor a new row left blank."""
    for index, row in enumerate(formset.forms):
        if formset.can_delete and formset._should_delete_form(row):
            continue
        if index >= formset.initial_form_count() and not row.has_changed():
            continue
        yield index, row


def _column_value(article, name):
    model_field = Article._meta.get_field(name)
    value = getattr(article, model_field.attname)
    if isinstance(model_field, FileField):
        return (value.name or "") if value else ""
    return "" if value is None and not model_field.null else value


def _cleaned_value(form, name):
    value = form.cleaned_data.get(name)
    model_field = Article._meta.get_field(name)
    if model_field.is_relation:
        return getattr(value, "pk", value)
    if isinstance(model_field, FileField):
        if isinstance(value, FieldFile):
            return value.name or ""
        # A new upload is a change whatever its name; cleared is empty.
        return ("upload", getattr(value, "name", "")) if value else ""
    return "" if value is None and not model_field.null else value


def _part_values(part):
    model = type(part)
    return {
        name: _normal(
            model, name, getattr(part, "author_id" if name == "author" else name)
        )
        for name in comparison.PART_FIELDS[model]
    }


def _cleaned_part_value(model, name, cleaned_data):
    value = cleaned_data.get(name)
    if name == "author":
        value = getattr(value, "pk", value)
    return _normal(model, name, value)


def _normal(model, name, value):
    """A part's value as compared: bodies as the database keeps them
    (sanitised), times to the second (as the form shows them)."""
    if name == "body":
        return sanitize_body(value or "")
    if name == "created_at":
        return value.replace(microsecond=0) if value else value
    if value is None and name != "author":
        return ""
    return value


# --- Merging ----------------------------------------------------------------------


def stale_merge(form, current, loaded_version):
    """The merge of ``form`` (loaded at ``loaded_version``) with ``current``
    (the article, locked); None when the version it was loaded at is not in
    the history (nothing tells whose changes are whose)."""
    base_state = state_at(current, loaded_version)
    if base_state is None:
        return None
    names = compared_fields(form)
    base = snapshot_of_state(base_state, names)
    theirs = snapshot_of_state(current_state(current), names)
    yours = snapshot_of_form(form, names, base)
    return merge.merge(
        base,
        theirs,
        yours,
        choices=_choices(form, current),
        ordered=ORDERED,
        unique=UNIQUE,
    )


def _choices(form, current):
    if form.data.get(MERGE_VERSION) != str(current.version):
        return {}
    return {
        key: value
        for key, value in form.data.items()
        if key.startswith("merge-") and value in (merge.THEIRS, merge.YOURS)
    }


def apply(form, result, current):
    """Make the admin's save write ``result``: the form's cleaned fields
    and tags, and each posted formset's rows (their values, the rows to
    drop, the order to number them in)."""
    for name in compared_fields(form):
        value = result.fields[name]
        if value == _cleaned_value(form, name):
            continue  # yours, as typed
        # Theirs: the value as the article holds it now.
        form.cleaned_data[name] = getattr(current, name)
        if isinstance(Article._meta.get_field(name), FileField):
            for derived in ("hero_width", "hero_height", "hero_renditions"):
                setattr(form.instance, derived, getattr(current, derived))
    if "tags" in form.fields and result.tags is not None:
        form.cleaned_data["tags"] = sorted(result.tags)
    for formset in posted_formsets(form):
        kind = KIND_OF[formset.model]
        formset.apply_merged(result.parts[kind], ordered=kind in ORDERED)


def show_merged(form, result):
    """The form shown again over a conflict: its inputs hold the merged
    values, theirs where only they changed something; the conflicts keep
    yours, with the choice beside them (``conflicts_shown``)."""
    form.data = form.data.copy()
    in_conflict = {c.name for c in result.conflicts if c.what == merge.FIELD}
    for name in compared_fields(form):
        value = result.fields[name]
        if name in in_conflict or value == _cleaned_value(form, name):
            continue
        model_field = Article._meta.get_field(name)
        if isinstance(model_field, FileField):
            continue  # a file input shows the saved file, never a value
        if isinstance(value, bool):
            form.data.pop(name, None)
            if value:
                form.data[form.add_prefix(name)] = "on"
        else:
            form.data[form.add_prefix(name)] = "" if value is None else str(value)
    if "tags" in form.fields and result.tags is not None:
        widget = form.fields["tags"].widget  # shows tags (their names) as typed
        tags = [Tag(name=name) for name in result.tags]
        form.data[form.add_prefix("tags")] = widget.format_value(tags)
    conflicting_parts = {
        (c.name, c.key) for c in result.conflicts if c.what == merge.PART
    }
    for formset in posted_formsets(form):
        kind = KIND_OF[formset.model]
        merged = dict(result.parts[kind])
        for index, row in kept_rows(formset):
            key = formset.row_key(index, row)
            if (kind, key) in conflicting_parts:
                continue
            if key not in merged:
                if formset.can_delete:  # gone on saving: shown ticked
                    formset.data[row.add_prefix("DELETE")] = "on"
                continue
            for name, value in merged[key].items():
                if name == "created_at":
                    continue  # two inputs (date, time); merged on saving
                formset.data[row.add_prefix(name)] = "" if value is None else str(value)


# --- What the page says ------------------------------------------------------------


@dataclass
class ConflictShown:
    """One conflict as the form shows it: its label, theirs and yours as
    word runs (``comparison.Run``), and the choice made, if any."""

    choice_name: str
    label: str
    theirs: list
    yours: list
    chosen: str = ""


def conflicts_shown(form, result):
    authors = _authors(result)
    shown = []
    for conflict in result.conflicts:
        theirs_text = _conflict_text(conflict, conflict.theirs, result, authors)
        yours_text = _conflict_text(conflict, conflict.yours, result, authors)
        runs = comparison.word_runs(theirs_text, yours_text, context=10**6)
        if not runs:
            runs = [comparison.Run(comparison.KEPT, theirs_text)]
        shown.append(
            ConflictShown(
                choice_name=conflict.choice_name,
                label=_conflict_label(conflict, result, authors),
                theirs=[r for r in runs if r.kind != comparison.ADDED],
                yours=[r for r in runs if r.kind != comparison.REMOVED],
                chosen=form.data.get(conflict.choice_name, ""),
            )
        )
    return shown


def choices_kept(form, result):
    """(name, choice) of the choices posted for conflicts settled already:
    kept in the page, hidden, while it asks about the others (a field
    changed again meanwhile can raise a conflict of its own)."""
    if form.data.get(MERGE_VERSION) != str(form.merge_version):
        return []
    asked = {conflict.choice_name for conflict in result.conflicts}
    return [
        (name, value)
        for name, value in form.data.items()
        if name.startswith("merge-")
        and name not in asked
        and value in (merge.THEIRS, merge.YOURS)
    ]


def conflict_message_names(result):
    """What both sides changed, named for the refusal's message."""
    authors = _authors(result)
    return get_text_list(
        [_conflict_label(c, result, authors, lower=True) for c in result.conflicts],
        _("and"),
    )


def merged_message(result, *, by, saved_at):
    """The success message of a merged save."""
    authors = _authors(result)
    theirs = _described(result.theirs_changed, result, authors)
    yours = _described(result.yours_changed, result, authors)
    message = _(
        "Merged with %(by)s's save of %(time)s: they changed %(theirs)s; "
        "you changed %(yours)s. Both are kept."
    ) % {
        "by": by,
        "time": newsroom_time(saved_at, "H:i"),
        "theirs": theirs or _("nothing"),
        "yours": yours or _("nothing"),
    }
    for change in result.joined:  # one byline per author: said, not silent
        part = _part_name(change.name, change.key, result, authors)
        message += " " + _("%(part)s was on both sides: it is there once.") % {
            "part": capfirst(part)
        }
    return message


def _described(changes, result, authors):
    names = []
    for change in changes:
        if change.what == merge.FIELD:
            name = _("the %(field)s") % {"field": _field_label(change.name).lower()}
        elif change.what == "tags":
            name = _("the tags")
        elif change.what == merge.ORDER:
            name = _("the order of the %(kind)s") % {"kind": _kind_label(change.name)}
        else:
            name = _part_name(change.name, change.key, result, authors)
            if change.how == merge.ADDED:
                name = _("%(part)s (added)") % {"part": name}
            elif change.how == merge.REMOVED:
                name = _("%(part)s (deleted)") % {"part": name}
        if name not in names:
            names.append(name)
    return get_text_list(names, _("and"))


def _conflict_label(conflict, result, authors, lower=False):
    if conflict.what == merge.FIELD:
        label = _field_label(conflict.name)
        return _("the %(field)s") % {"field": label.lower()} if lower else label
    if conflict.what == merge.ORDER:
        label = _("the order of the %(kind)s") % {"kind": _kind_label(conflict.name)}
        return label if lower else capfirst(label)
    name = _part_name(conflict.name, conflict.key, result, authors)
    return name if lower else capfirst(name)


def _conflict_text(conflict, side, result, authors):
    if conflict.what == merge.FIELD:
        return _field_text(conflict.name, side)
    if conflict.what == merge.ORDER:
        return "\n".join(
            f"{number}. {_part_name(conflict.name, key, result, authors)}"
            for number, key in enumerate(side, 1)
        )
    if side is None:
        return _("(deleted)")
    model = PARTS[conflict.name]
    part = _part_object(model, side)
    return "\n".join(
        comparison.part_text(model, name, part, authors)
        for name in comparison.PART_FIELDS[model]
    )


def _field_label(name):
    return capfirst(Article._meta.get_field(name).verbose_name)


def _kind_label(kind):
    return str(PARTS[kind]._meta.verbose_name_plural)


def _field_text(name, value):
    model_field = Article._meta.get_field(name)
    if name == "category":
        category = model_field.related_model.objects.filter(pk=value).first()
        return str(category) if category else (deleted_since(value) if value else "")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, tuple):  # a new upload
        return _("a new image (%(name)s)") % {"name": value[1]}
    return "" if value is None else str(value)


def _part_name(kind, key, result, authors):
    """A part as a person names it: the section “Tolls return”."""
    model = PARTS[kind]
    values = result.seen.get(kind, {}).get(key)
    kind_name = str(model._meta.verbose_name)
    if values is None:
        return _("a %(kind)s") % {"kind": kind_name}
    first = "text" if model is Correction else comparison.PART_FIELDS[model][0]
    part = _part_object(model, values)
    text = Truncator(comparison.part_text(model, first, part, authors)).words(8)
    return _("the %(kind)s “%(text)s”") % {"kind": kind_name, "text": text}


def _part_object(model, values):
    values = dict(values)
    if "author" in values:
        values["author_id"] = values.pop("author")
    return model(**values)


def _authors(result):
    ids = {values["author"] for values in result.seen.get("bylines", {}).values()}
    ids.discard(None)
    return Author.objects.in_bulk(ids) if ids else {}

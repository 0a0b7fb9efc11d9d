"""The live preview's article: what the desk's change form holds right now,
built in memory from its POST (the form's own field names, the inline rows
included) and never saved, for the public article template to render.

Lenient on purpose, because a half-written story must still show: a text
field shows what was typed, valid or not (too long, required and empty); a
choice, number or date that does not parse shows as saved (a new row: as a
new part starts); a field that was not posted at all (one this person may
only read, an inline not on the page) shows as saved. A row that cannot be
shown (a byline without an author) is left out.

Nothing here writes. No model is saved, so no revision is made, no working
draft is stored, no search task is queued and the page cache's generation
stays (``articles.services`` hears of saves only). The parts are handed to
the template as the very prefetches the public page reads
(``articles.page_parts``): ``article.sections.all()`` and the
rest, the tags included, return the unsaved rows, so the template and its
tags show them without knowing.
"""

import functools
import operator
from itertools import count

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import CharField
from django.forms.formsets import (
    DELETION_FIELD_NAME,
    ORDERING_FIELD_NAME,
    TOTAL_FORM_COUNT,
)
from taggit.models import Tag
from taggit.utils import parse_tags

from articles import limits
from articles.models import Byline, Correction, Section
from articles.page_parts import as_prefetched
from newsroom.richtext import sanitize_body

# A field the POST does not hold: the saved value stays.
UNCHANGED = object()

# The form fields that are not the article's columns.
NOT_COLUMNS = frozenset({"loaded_version", "tags"})


def posted_value(form, name):
    """What ``form``'s field ``name`` holds as a preview shows it: its
    cleaned value when it is valid; else, for text, the text as typed; else
    ``UNCHANGED``, as when the field was not posted at all."""
    field = form.fields[name]
    key = form.add_prefix(name)
    if field.widget.value_omitted_from_data(form.data, form.files, key):
        return UNCHANGED
    raw = field.widget.value_from_datadict(form.data, form.files, key)
    try:
        return field.clean(raw)
    except (ValidationError, ValueError, TypeError):
        pass  # refused: a preview shows what it can
    if isinstance(field, CharField) and isinstance(raw, str):
        return field.to_python(raw)
    return UNCHANGED


def apply_fields(form, instance, skip=()):
    """Sets on ``instance`` what ``form`` holds for each of its fields that is
    a column of ``instance``'s model (not those in ``skip``)."""
    model_fields = {field.name: field for field in instance._meta.concrete_fields}
    for name in form.fields:
        if name in skip or name not in model_fields:
            continue
        value = posted_value(form, name)
        if value is not UNCHANGED:
            model_fields[name].save_form_data(instance, value)


def build_article(article, form, formsets):
    """``article`` (an unsaved copy, which this fills) as ``form`` and its
    inline ``formsets``, bound to the posted change form, hold it."""
    # The hero too: a library image chosen (or none), shown as chosen.
    apply_fields(form, article, skip=NOT_COLUMNS)
    cache = article._prefetched_objects_cache = {}
    cache["tags"] = as_prefetched(Tag, posted_tags(form, article))
    for formset in formsets:
        name = formset.fk.remote_field.cache_name  # "sections", "bylines"...
        cache[name] = as_prefetched(formset.model, posted_parts(formset, article))
    # Counted as the save would count it: over the parts just set.
    article.reading_time = article.compute_reading_time()
    return article


def posted_tags(form, article):
    """The tags typed into the form, each the existing tag of that name
    (taggit matches names without regard to case) or a new one in memory;
    as saved when the field was not posted."""
    if "tags" not in form.fields:
        return list(article.tags.all())
    raw = form.data.get(form.add_prefix("tags"))
    if raw is None:
        return list(article.tags.all())
    if raw and "," not in raw:
        raw = f"{raw},"  # commas only, as the form reads it
    names = [name for name in parse_tags(raw) if Tag().slugify(name)]
    names = names[: limits.MAX_TAGS]
    if not names:
        return []
    existing = {
        tag.name.lower(): tag
        for tag in Tag.objects.filter(
            functools.reduce(
                operator.or_, (models.Q(name__iexact=name) for name in names)
            )
        )
    }
    return [
        existing.get(name.lower()) or Tag(name=name, slug=Tag().slugify(name))
        for name in names
    ]


def posted_parts(formset, article):
    """The parts of one kind as the form's rows hold them, in the order the
    page shows them: not those ticked for deletion, nor a new row left
    blank. As saved when the inline was not posted."""
    if formset.add_prefix(TOTAL_FORM_COUNT) not in formset.data:
        return list(formset.get_queryset())
    skip = {formset.fk.name, formset.model._meta.pk.name, DELETION_FIELD_NAME}
    skip.add(ORDERING_FIELD_NAME)
    parts = []
    for index, form in enumerate(formset.forms):
        if formset.can_delete and posted_value(form, DELETION_FIELD_NAME) is True:
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        part = form.instance
        apply_fields(form, part, skip=skip)
        part.article = article
        if isinstance(part, Section):
            # Exactly as a save stores it: a forged body loses its scripts.
            part.body = sanitize_body(part.body or "")
        if isinstance(part, Byline) and part.author_id is None:
            continue  # nobody to name yet
        parts.append(part)
    return sorted(parts, key=page_order(formset.model))


def page_order(model):
    """The sort key the model's ``Meta.ordering`` gives (position or date,
    then id), a new row after the saved ones."""
    if issubclass(model, Correction):
        return lambda part: (part.created_at is None, part.created_at or 0)
    new = count(10**12)  # after every saved id, in the page's order
    return lambda part: (
        part.position if isinstance(part.position, int) else 0,
        part.pk if part.pk is not None else next(new),
    )

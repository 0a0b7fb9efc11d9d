"""Where a library image is used: every row pointing at it, whatever app it
belongs to (articles' heroes, authors' avatars, any later user), found from
the model's relations rather than named here, so the library stays below
the apps that use it; and every rich-text body showing it inline
(``<figure data-library-image="ID">``, newsroom/richtext.py), found the
same way, from the models' ``RichTextField`` fields.

Inline uses are found by searching the bodies (a ``LIKE`` on the reference's
one stored form) rather than kept in a table of their own: every path that
writes a body (the desk, autosave's restore, a revision restored, an import,
a migration) stays as it is and cannot forget to keep such a table true, and
the search runs only when someone looks at an image's uses or deletes it,
never on a reader's page. The stored form is exact (``="ID"`` in quotes), so
image 7 never matches a reference to 17.

A body's row that has no desk page of its own (an article's section) is
reported as the row it belongs to (the article), once.
"""

from django.apps import apps
from django.db.models import ProtectedError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from library.models import Image
from newsroom.body_extensions import LIBRARY_IMAGE_ATTRIBUTE
from newsroom.richtext import RichTextField


def relations():
    """The relations of other models pointing at ``Image``."""
    return [
        relation
        for relation in Image._meta.related_objects
        if relation.many_to_one or relation.one_to_one
    ]


def body_fields():
    """(model, field name) of every rich-text body, in any app."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, RichTextField)
    ]


def desk_url(row):
    """The desk's page for ``row``, or "" when it has none."""
    meta = row._meta
    try:
        return reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk]
        )
    except NoReverseMatch:
        return ""


def _owner(row):
    """``row`` itself when the desk has a page for it, else the first row
    it belongs to that has one (a section's article), else ``row``."""
    if desk_url(row):
        return row
    for field in row._meta.get_fields():
        if field.many_to_one and field.concrete:
            parent = getattr(row, field.name, None)
            if parent is not None and desk_url(parent):
                return parent
    return row


def inline_uses(image, limit=50):
    """The rows (an article, a site page) whose bodies show ``image`` inline,
    each once, up to ``limit``."""
    reference = f'{LIBRARY_IMAGE_ATTRIBUTE}="{image.pk}"'
    found = []
    for model, name in body_fields():
        rows = model._default_manager.filter(**{f"{name}__contains": reference})
        for row in rows[:limit]:
            owner = _owner(row)
            if owner not in found and len(found) < limit:
                found.append(owner)
    return found


def uses(image, limit=50):
    """[(kind, object, desk URL or "")] of up to ``limit`` rows using ``image``
    (as a hero, an avatar... or inline in a body)."""
    found = []
    for relation in relations():
        model = relation.related_model
        rows = model._default_manager.filter(**{relation.field.name: image})
        for row in rows[: max(limit - len(found), 0)]:
            found.append((model._meta.verbose_name, row, desk_url(row)))
    for row in inline_uses(image, limit=max(limit - len(found), 0)):
        kind = gettext("%(kind)s (inline)") % {"kind": row._meta.verbose_name}
        found.append((kind, row, desk_url(row)))
    return found


def refuse_deleting_inline(sender, instance, **kwargs):
    """``pre_delete`` of an image: refused while a body shows it inline, as
    ``PROTECT`` refuses it while a hero or an avatar is it."""
    if shown_in := inline_uses(instance):
        raise ProtectedError(
            gettext("This image is shown inline in %(count)d text(s).")
            % {"count": len(shown_in)},
            set(shown_in),
        )

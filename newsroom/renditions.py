"""Smaller copies of stored images, so a 380-pixel slot is sent a picture
near that size instead of the upload; how they are drawn and named is
``newsroom.imagegenerators`` (django-imagekit).

The widths that exist are recorded on the row, beside the image's own width
and height, so a page builds its ``srcset`` from the row alone: no storage
call and no query per image (on S3 each ``exists()`` is a round trip). An
image whose row records no renditions (just uploaded, uploaded before they
existed, or one that could not be read) is shown by its plain ``src``.

``ImageWithRenditionsField`` ties this to a model: storing a new file
through it (the desk's forms, ``field.save()``) records its size at once
and queues ``draw_renditions``, a task (``newsroom.settings``, background
tasks) that writes the renditions and only then records their widths, so
a page never names one not yet written; changing or clearing the file
forgets them. An upload returns without the seconds a camera's photo takes
to draw. With the immediate task backend (no worker: a laptop, the tests)
they are drawn in the save itself. ``manage.py make_renditions``
(``backfill``) catches up every image that lacks them, at once.

A desk save loaded before the task recorded them writes the row's empty
list back over them (the form saves the image's fields together): that
image is then shown by its ``src`` until ``make_renditions`` runs.
"""

import contextlib
import logging
from dataclasses import dataclass, field
from functools import partial

from django.apps import apps
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile, ImageFileDescriptor
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from newsroom import generations

# The spec's names where the rest of the code, and an installation that
# swaps in a spec of its own, find them.
from newsroom.imagegenerators import (  # noqa: F401
    RENDITION,
    Rendition,
    UnreadableImage,
    delete_renditions,
    displayed_size,
    is_rendition,
    make_renditions,
    original_content,
    rendition_name,
    widths_for,
)

logger = logging.getLogger(__name__)

# Hero images: a phone's card or hero slot (about 380 CSS pixels at 1.75 to 3
# device pixels each), a desktop card (about 275) at 1 and 2, and the
# article page's 960-pixel hero at 1 and 2: a camera's 6000-pixel original
# is never the best fit.
HERO_WIDTHS = (480, 800, 1200, 1600, 2000)
# Avatars are shown in boxes of 88 to 128 CSS pixels.
AVATAR_WIDTHS = (128, 256)


def srcset(url_of, name, width, rendition_widths):
    """The ``srcset`` for image ``name`` (``width`` pixels wide) with
    renditions at ``rendition_widths``; empty when it has none. ``url_of``
    maps a stored name to its URL (the storage's ``url``: no storage call on
    the file system or S3, only string building). The names are the ones
    ``Rendition`` stores under, built without a spec object per image."""
    candidates = widths_for(width, rendition_widths or ())
    if not candidates:
        return ""
    entries = [f"{url_of(rendition_name(name, w))} {w}w" for w in candidates]
    entries.append(f"{url_of(name)} {width}w")
    return ", ".join(entries)


# --- On the model ----------------------------------------------------------------


class RenditionsFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        super().save(name, content, save=False)
        self.field.renditions_for_new_file(self.instance, source=content)
        if save:
            self.instance.save()

    save.alters_data = True

    def delete(self, save=True):
        if self.name:
            delete_renditions(self.name, self.rendition_widths, storage=self.storage)
        setattr(self.instance, self.field.renditions_field, [])
        super().delete(save=save)

    delete.alters_data = True

    @property
    def rendition_widths(self):
        return getattr(self.instance, self.field.renditions_field) or []

    @property
    def srcset(self):
        """``"<url> 480w, …, <original's url> 1600w"``, or ``""`` when the
        image has no renditions (the page then shows the plain ``src``)."""
        if not self:
            return ""
        width = getattr(self.instance, self.field.width_field)
        return srcset(self.storage.url, self.name, width, self.rendition_widths)


class RenditionsDescriptor(ImageFileDescriptor):
    def __set__(self, instance, value):
        previous = instance.__dict__.get(self.field.attname)
        super().__set__(instance, value)
        # Model.__init__ (previous is None) sets the recorded widths itself.
        # Otherwise another file (or none) means the widths recorded were
        # another image's: forget them. The same file assigned again (every
        # form save without a new upload) keeps them.
        if previous is not None and _name(previous) != _name(value):
            setattr(instance, self.field.renditions_field, [])


def _name(value):
    return getattr(value, "name", value) or ""


class ImageWithRenditionsField(models.ImageField):
    """An image field whose files get renditions at ``rendition_widths``,
    recorded in the JSON field named ``renditions_field``. Needs
    ``width_field``: the page's ``srcset`` names the original's width."""

    attr_class = RenditionsFieldFile
    descriptor_class = RenditionsDescriptor

    def __init__(self, *args, renditions_field, rendition_widths, **kwargs):
        self.renditions_field = renditions_field
        self.rendition_widths = tuple(rendition_widths)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["renditions_field"] = self.renditions_field
        kwargs["rendition_widths"] = self.rendition_widths
        return name, path, args, kwargs

    def renditions_for_new_file(self, instance, *, source):
        """Readies the renditions of the file just stored on ``instance``
        (not saved), whose content ``source`` holds: the row records none
        until a task has drawn them, so its page shows the original alone
        meanwhile, never a rendition not yet written."""
        setattr(instance, self.renditions_field, [])
        file = getattr(instance, self.attname)
        if isinstance(draw_renditions.get_backend(), ImmediateBackend):
            # Tasks run where they are queued (a laptop without a worker,
            # the tests): drawn here, in the save, so the row is written
            # with them; the task, run now, would find no row naming the file.
            self.make_renditions(instance, source=source)
            return
        original = original_content(file.name, storage=file.storage, source=source)
        with contextlib.suppress(UnreadableImage):  # the task will say so
            self._record_size(instance, displayed_size(original))
        # Queued once the row naming the file is committed, for a worker to
        # find it (RQ runs a task at once, not at the commit).
        transaction.on_commit(
            partial(_queue_drawing, instance._meta.label, self.name, file.name)
        )

    def make_renditions(self, instance, *, source=None, replace=False):
        """Makes the renditions of ``instance``'s file and records them on
        ``instance`` (not saved); returns the widths. An image that cannot be
        read keeps none and is shown as it is."""
        file = getattr(instance, self.attname)
        try:
            made, size = make_renditions(
                file.name,
                self.rendition_widths,
                storage=file.storage,
                source=source,
                replace=replace,
            )
        except UnreadableImage:
            logger.warning("No renditions for %s: it cannot be read.", file.name)
            made = []
        else:
            self._record_size(instance, size)
        setattr(instance, self.renditions_field, made)
        return made

    def _record_size(self, instance, size):
        # Django leaves them empty for content without a name (a
        # ContentFile); then every load of the row would open the file.
        width, height = size
        if getattr(instance, self.width_field) is None:
            setattr(instance, self.width_field, width)
        if self.height_field and getattr(instance, self.height_field) is None:
            setattr(instance, self.height_field, height)


def fields_with_renditions():
    """Every (model, field) whose images have renditions."""
    return [
        (model, model_field)
        for model in apps.get_models()
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, ImageWithRenditionsField)
    ]


# --- Drawn by a task, or caught up ---------------------------------------------


@task()
def draw_renditions(model_label, field_name, name):
    """Draws the renditions of stored image ``name``, then records their
    widths on every row of ``model_label`` whose ``field_name`` holds it, so
    a page offers only renditions already written. Returns the widths it
    drew: none when no row holds the image any more (replaced, or its save
    rolled back), when they are recorded already (``make_renditions`` ran
    first) or when it cannot be read."""
    model = apps.get_model(model_label)
    image_field = model._meta.get_field(field_name)
    rows = _stored_images(model, image_field, name=name).get(name)
    if not rows or all(_is_complete(image_field, *row) for row in rows):
        return []
    try:
        made = _draw_and_record(model, image_field, name)
    except (FileNotFoundError, UnreadableImage) as error:
        logger.warning("No renditions for %s: %s", name, error)
        return []
    # Cached pages were rendered without the srcsets.
    generations.advance()
    return made


def _queue_drawing(model_label, field_name, name):
    try:
        draw_renditions.enqueue(model_label, field_name, name)
    except Exception:  # noqa: BLE001 - the image is saved; make_renditions catches up
        # The queue (Redis, say) is down: the page shows the original.
        logger.exception("Could not queue the renditions of %s", name)


def _draw_and_record(model, image_field, name, *, replace=False):
    """Draws ``name``'s renditions, then records them, with its size as
    displayed, on every row holding it, in one update; returns the widths."""
    made, (width, height) = make_renditions(
        name, image_field.rendition_widths, storage=image_field.storage, replace=replace
    )
    model._default_manager.filter(**{image_field.attname: name}).update(
        **{
            image_field.renditions_field: made,
            # As displayed: an old upload turned by its EXIF orientation is
            # as wide as its renditions say.
            image_field.width_field: width,
            image_field.height_field: height,
        }
    )
    return made


@dataclass
class BackfillReport:
    checked: int = 0  # distinct stored images looked at
    updated: int = 0  # images whose rows now record (more) renditions
    missing: list = field(default_factory=list)  # names with no file behind them
    unreadable: list = field(default_factory=list)  # files that cannot be decoded


def backfill(*, replace=False):
    """Makes the renditions every stored image should have and records them
    on its rows, reading only images whose rows record fewer than their
    width calls for (so a second run opens nothing). An image shared by many
    rows (the demo archive's) is made once and recorded on all of them in
    one update. With ``replace``, every image's renditions are made afresh.
    Returns a ``BackfillReport``."""
    report = BackfillReport()
    for model, image_field in fields_with_renditions():
        for name, rows in _stored_images(model, image_field).items():
            report.checked += 1
            if not replace and all(_is_complete(image_field, *row) for row in rows):
                continue
            try:
                _draw_and_record(model, image_field, name, replace=replace)
            except FileNotFoundError:
                report.missing.append(name)
            except UnreadableImage:
                report.unreadable.append(name)
            else:
                report.updated += 1
    if report.updated:
        # Cached pages were rendered without the srcsets.
        generations.advance()
    return report


def _stored_images(model, image_field, name=None):
    """{name: {(width, height, recorded widths)}} over every row with a file
    (with ``name``, the rows holding that one)."""
    rows = model._default_manager.exclude(**{image_field.attname: ""}).exclude(
        **{f"{image_field.attname}__isnull": True}
    )
    if name is not None:
        rows = rows.filter(**{image_field.attname: name})
    rows = (
        rows.order_by(image_field.attname)
        .values_list(
            image_field.attname,
            image_field.width_field,
            image_field.height_field,
            image_field.renditions_field,
        )
        .distinct()
    )
    images = {}
    for stored, width, height, recorded in rows:
        images.setdefault(stored, set()).add((width, height, tuple(recorded or ())))
    return images


def _is_complete(image_field, width, height, recorded):
    if not (width and height):
        return False
    return list(recorded) == widths_for(width, image_field.rendition_widths)

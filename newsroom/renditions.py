"""Smaller copies of stored images, so a 380-pixel slot is sent a picture
near that size instead of the upload.

A rendition is a WebP of the image scaled to one of a few widths, stored
next to the original under a name derived from it (``rendition_name``).
Only widths smaller than the original are made: nothing is ever scaled up.
The widths that exist are recorded on the row, beside the image's own width
and height, so a page builds its ``srcset`` from the row alone: no storage
call and no query per image (on S3 each ``exists()`` is a round trip). An
image whose row records no renditions (uploaded before they existed, or one
that could not be read) is shown by its plain ``src`` until
``manage.py make_renditions`` has made them.

Renditions are made from the stored original, which ``newsroom.uploads`` has
already cleaned; they are encoded afresh from its pixels alone, converted to
sRGB through any colour profile it still has (``uploads.to_srgb``), so no
metadata an old upload might still carry (EXIF, a profile's bytes) reaches
them.

Their names are never used for other pictures (``rendition_name`` derives
them from the original's, which is never overwritten): browsers and a CDN
may keep them for a year (``newsroom.media.cache_control``).

``ImageWithRenditionsField`` ties this to a model: storing a new file
through it (the desk's forms, ``field.save()``) writes its renditions and
records their widths, and changing or clearing the file forgets them.
"""

import io
import logging
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile, ImageFileDescriptor
from PIL import Image, ImageOps

from newsroom.uploads import UNREADABLE, max_pixels, to_srgb

logger = logging.getLogger(__name__)

# Hero images: a phone's card or hero slot (about 380 CSS pixels at 1.75 to 3
# device pixels each), a desktop card (about 275) at 1 and 2, and the
# article page's 960-pixel hero at 1 and 2: a camera's 6000-pixel original
# is never the best fit.
HERO_WIDTHS = (480, 800, 1200, 1600, 2000)
# Avatars are shown in boxes of 88 to 128 CSS pixels.
AVATAR_WIDTHS = (128, 256)

EXTENSION = "webp"
# Visually close to the originals' JPEG quality 85, at about half the bytes.
WEBP_OPTIONS = {"quality": 80, "method": 4}


class UnreadableImage(Exception):
    """The stored image could not be read, so no renditions were made."""


def rendition_name(name, width):
    """The stored name of ``name``'s rendition ``width`` pixels wide: the
    original's full name (extension included, so ``a.jpg`` and ``a.png``
    never share one) plus the width."""
    return f"{name}.{width}w.{EXTENSION}"


def is_rendition(name):
    """Whether stored ``name`` is a rendition's (see ``rendition_name``)."""
    return _RENDITION_SUFFIX.search(name) is not None


_RENDITION_SUFFIX = re.compile(rf"\.[0-9]+w\.{EXTENSION}$")


def widths_for(width, widths):
    """Of ``widths``, those a ``width``-pixel original has renditions at."""
    if not width:
        return []
    return sorted(w for w in widths if w < width)


def srcset(url_of, name, width, rendition_widths):
    """The ``srcset`` for image ``name`` (``width`` pixels wide) with
    renditions at ``rendition_widths``; empty when it has none. ``url_of``
    maps a stored name to its URL (the storage's ``url``: no storage call on
    the file system or S3, only string building)."""
    candidates = widths_for(width, rendition_widths or ())
    if not candidates:
        return ""
    entries = [f"{url_of(rendition_name(name, w))} {w}w" for w in candidates]
    entries.append(f"{url_of(name)} {width}w")
    return ", ".join(entries)


def make_renditions(name, widths, *, storage, source=None, replace=False):
    """Writes the renditions of the stored image ``name`` at those of
    ``widths`` smaller than it, skipping any already stored unless
    ``replace``. Returns ``(made, size)``: the widths that now exist,
    ascending, and the image's (width, height) as displayed (EXIF
    orientation applied). ``source`` is the original's content when the
    caller holds it (saves reading it back from storage). Raises
    ``UnreadableImage`` if the image cannot be decoded, and the storage's
    own errors (``FileNotFoundError`` for a missing original)."""
    data = _read(name, storage, source)
    picture = _decode(data)
    made = []
    for width in widths_for(picture.width, widths):
        target = rendition_name(name, width)
        if storage.exists(target):
            if not replace:
                made.append(width)
                continue
            storage.delete(target)
        encoded = _encode(_scaled(picture, width))
        stored = storage.save(target, ContentFile(encoded))
        if stored != target:
            # Someone wrote it meanwhile and the storage picked another name:
            # theirs stands, this copy is surplus.
            storage.delete(stored)
        made.append(width)
    return made, picture.size


def delete_renditions(name, widths, *, storage):
    for width in widths:
        storage.delete(rendition_name(name, width))


def _read(name, storage, source):
    if source is not None:
        try:
            source.seek(0)
            data = source.read()
        except (OSError, ValueError):  # closed by the storage that wrote it
            data = b""
        if data:
            return data
    with storage.open(name, "rb") as file:
        return file.read()


def _decode(data):
    """The picture upright, in sRGB, as RGB or RGBA."""
    try:
        # Image.open reads the header only: the size is checked before any
        # pixel is decoded. (No catch_warnings here, as uploads have: it is
        # not thread-safe, and the demo makes renditions in threads. Pillow's
        # own bomb check only warns far above our limit.)
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > max_pixels():
                raise UnreadableImage("Too many pixels.")
            image.load()
            picture = to_srgb(
                ImageOps.exif_transpose(image), image.info.get("icc_profile")
            )
    except UNREADABLE as error:
        raise UnreadableImage(str(error)) from error
    if picture.mode not in {"RGB", "RGBA"}:
        has_alpha = "A" in picture.getbands() or "transparency" in picture.info
        picture = picture.convert("RGBA" if has_alpha else "RGB")
    return picture


def _scaled(picture, width):
    height = max(1, round(picture.height * width / picture.width))
    # reducing_gap: a fast box reduction first, Lanczos for the last step.
    return picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(picture):
    # resize() copies the source's info; nothing of it may ride along.
    picture.info = {}
    buffer = io.BytesIO()
    picture.save(buffer, format="WEBP", **WEBP_OPTIONS)
    return buffer.getvalue()


# --- On the model ----------------------------------------------------------------


class RenditionsFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        super().save(name, content, save=False)
        self.field.make_renditions(self.instance, source=content)
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

    def make_renditions(self, instance, *, source=None, replace=False):
        """Makes the renditions of ``instance``'s file and records them on
        ``instance`` (not saved); returns the widths. An image that cannot be
        read keeps none and is shown as it is."""
        file = getattr(instance, self.attname)
        try:
            made, (width, height) = make_renditions(
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
            # Django leaves them empty for content without a name (a
            # ContentFile); then every load of the row would open the file.
            if getattr(instance, self.width_field) is None:
                setattr(instance, self.width_field, width)
            if self.height_field and getattr(instance, self.height_field) is None:
                setattr(instance, self.height_field, height)
        setattr(instance, self.renditions_field, made)
        return made


def fields_with_renditions():
    """Every (model, field) whose images have renditions."""
    from django.apps import apps

    return [
        (model, model_field)
        for model in apps.get_models()
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, ImageWithRenditionsField)
    ]


# --- Catching up -----------------------------------------------------------------


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
    changed = False
    for model, image_field in fields_with_renditions():
        for name, rows in _stored_images(model, image_field).items():
            report.checked += 1
            if not replace and all(_is_complete(image_field, *row) for row in rows):
                continue
            try:
                made, (width, height) = make_renditions(
                    name,
                    image_field.rendition_widths,
                    storage=image_field.storage,
                    replace=replace,
                )
            except FileNotFoundError:
                report.missing.append(name)
                continue
            except UnreadableImage:
                report.unreadable.append(name)
                continue
            model._default_manager.filter(**{image_field.attname: name}).update(
                **{
                    image_field.renditions_field: made,
                    # As displayed: an old upload turned by its EXIF
                    # orientation is as wide as its renditions say.
                    image_field.width_field: width,
                    image_field.height_field: height,
                }
            )
            report.updated += 1
            changed = True
    if changed:
        from newsroom import editions

        # Cached pages were rendered without the srcsets.
        editions.advance()
    return report


def _stored_images(model, image_field):
    """{name: {(width, height, recorded widths)}} over every row with a file."""
    rows = (
        model._default_manager.exclude(**{image_field.attname: ""})
        .exclude(**{f"{image_field.attname}__isnull": True})
        .order_by(image_field.attname)
        .values_list(
            image_field.attname,
            image_field.width_field,
            image_field.height_field,
            image_field.renditions_field,
        )
        .distinct()
    )
    images = {}
    for name, width, height, recorded in rows:
        images.setdefault(name, set()).add((width, height, tuple(recorded or ())))
    return images


def _is_complete(image_field, width, height, recorded):
    if not (width and height):
        return False
    return list(recorded) == widths_for(width, image_field.rendition_widths)

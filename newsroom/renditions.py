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

django-imagekit makes them: ``Rendition`` is its image spec (processors,
WebP and its options), its cache file writes each one, its namer hook
(``cachefile_name``) keeps our names. Chosen over easy-thumbnails, measured
on a page of ten heroes at five widths on a storage without local paths (as
S3): easy-thumbnails asks its own tables whether each thumbnail exists, 60
queries; imagekit, 0 queries. Its default cache file strategy (JustInTime)
asks the storage before every URL (50 ``exists()``, an S3 round trip each)
and draws a missing one while the reader waits; ``Rendition`` uses
Optimistic instead, whose URLs are string building, and they are made only
when an image is stored (``ImageWithRenditionsField``) or by
``make_renditions``, never when a page is rendered. Its model field,
``ImageSpecField``, is not used: it makes renditions from a post_save
receiver, after the row is written, where the widths made could no longer
be recorded on it without a second save.

The cost: imagekit decodes the original once per width, at upload, where
the hand-written code it replaces decoded it once. ``Clean`` has a JPEG
decoded at a reduced scale where the width allows, which brings the CPU
time for a hero's five renditions to 1.3 times the old code's (6000 × 4000:
1.44 s against 1.12 s; 3000 × 2000: 0.65 s against 0.54 s), from 1.7
times without it.

Renditions are made from the stored original, which ``newsroom.uploads`` has
already cleaned; ``Clean``, the spec's first processor, turns it upright and
converts it to sRGB through any colour profile it still has
(``uploads.to_srgb``), and keeps nothing of its metadata (EXIF, a profile's
bytes), so nothing an old upload might still carry reaches them.

Their names are never used for other pictures (``rendition_name`` derives
them from the original's, which is never overwritten): browsers and a CDN
may keep them for a year (``newsroom.media.cache_control``).

``ImageWithRenditionsField`` ties this to a model: storing a new file
through it (the desk's forms, ``field.save()``) writes its renditions and
records their widths, and changing or clearing the file forgets them.
"""

import logging
import math
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile, ImageFileDescriptor
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.strategies import Optimistic
from imagekit.registry import generator_registry
from PIL import ExifTags, Image, ImageOps
from pilkit.processors import ResizeToFit

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
    the file system or S3, only string building). The names are the ones
    ``Rendition`` stores under, built without a spec object per image."""
    candidates = widths_for(width, rendition_widths or ())
    if not candidates:
        return ""
    entries = [f"{url_of(rendition_name(name, w))} {w}w" for w in candidates]
    entries.append(f"{url_of(name)} {width}w")
    return ", ".join(entries)


# --- Making them: django-imagekit -------------------------------------------------


class Clean:
    """An imagekit processor: the picture upright, in sRGB, as RGB or RGBA,
    with nothing of what the file carried beside its pixels. Given the
    ``width`` it is to be scaled to, a JPEG is decoded at the smallest of its
    built-in scales (1/2, 1/4, 1/8) still three times that wide, as the
    final Lanczos step then needs: a camera's 6000-pixel original is never
    decoded whole for a 480-pixel rendition."""

    def __init__(self, width=None):
        self.width = width

    def process(self, image):
        # The original is only open, its header read (make_renditions has
        # checked its size against the limit): nothing is decoded yet.
        if self.width:
            upright_width = image.height if _is_turned(image) else image.width
            factor = 3 * self.width / upright_width
            if factor < 1:
                image.draft(
                    image.mode,
                    (math.ceil(image.width * factor), math.ceil(image.height * factor)),
                )
        image.load()
        picture = to_srgb(ImageOps.exif_transpose(image), image.info.get("icc_profile"))
        if picture.mode not in {"RGB", "RGBA"}:
            has_alpha = "A" in picture.getbands() or "transparency" in picture.info
            picture = picture.convert("RGBA" if has_alpha else "RGB")
        # Transposing copies the source's info, and Pillow's encoders read
        # some of it (EXIF, the profile) when saving: none may ride along.
        picture.info = {}
        return picture


class StorageBackend:
    """An imagekit cache file backend asking the storage itself whether a
    rendition exists. It is asked only when renditions are made (on upload,
    by ``make_renditions``), where one ``exists()`` per file costs nothing
    beside the drawing; imagekit's own backends keep the answer in the cache
    for ever, which would skip a rendition a restored bucket no longer has."""

    def exists(self, file):
        return file.storage.exists(file.name)

    def generate(self, file, force=False):
        if force or not self.exists(file):
            file._generate()
            file.close()


class Rendition(ImageSpec):
    """The rendition of ``source`` (a stored original) ``width`` pixels
    wide, as django-imagekit makes it."""

    format = "WEBP"
    options = WEBP_OPTIONS
    # Made when an image is stored, never when a page asks for its URL.
    cachefile_strategy = Optimistic
    cachefile_backend = StorageBackend()

    def __init__(self, source, width):
        self.width = width
        self.processors = [Clean(width), ResizeToFit(width=width, upscale=False)]
        super().__init__(source=source)

    @property
    def cachefile_name(self):
        return rendition_name(self.source.name, self.width)


# Registered, as imagekit's specs are: a deployment may unregister it and
# register a spec of its own (another quality, say) under the same id.
RENDITION = "newsroom:rendition"
register.generator(RENDITION, Rendition)


def make_renditions(name, widths, *, storage, source=None, replace=False):
    """Writes the renditions of the stored image ``name`` at those of
    ``widths`` smaller than it, skipping any already stored unless
    ``replace``. Returns ``(made, size)``: the widths that now exist,
    ascending, and the image's (width, height) as displayed (EXIF
    orientation applied). ``source`` is the original's content when the
    caller holds it (saves reading it back from storage). Raises
    ``UnreadableImage`` if the image cannot be decoded, and the storage's
    own errors (``FileNotFoundError`` for a missing original)."""
    original = ContentFile(_read(name, storage, source), name=name)
    size = _displayed_size(original)
    made = []
    for width in widths_for(size[0], widths):
        rendition = ImageCacheFile(
            generator_registry.get(RENDITION, source=original, width=width),
            storage=storage,
        )
        if replace:
            # A storage never writes over a name: it would pick another.
            storage.delete(rendition.name)
        try:
            rendition.generate(force=replace)
        except UNREADABLE as error:
            raise UnreadableImage(str(error)) from error
        made.append(width)
    return made, size


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


def _displayed_size(original):
    """(width, height) of ``original`` upright, read from its header."""
    try:
        with Image.open(original) as image:
            width, height = image.size
            if width * height > max_pixels():
                raise UnreadableImage("Too many pixels.")
            turned = _is_turned(image)
    except UNREADABLE as error:
        raise UnreadableImage(str(error)) from error
    return (height, width) if turned else (width, height)


def _is_turned(image):
    """Whether ``image``'s EXIF orientation turns it a quarter, so that
    upright it is as wide as it is stored high."""
    return image.getexif().get(ExifTags.Base.Orientation) in {5, 6, 7, 8}


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
        from newsroom import generations

        # Cached pages were rendered without the srcsets.
        generations.advance()
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

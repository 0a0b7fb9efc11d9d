"""Renditions as django-imagekit draws them: their names, the image spec
that draws one, and the drawing of an image's set.

A rendition is a WebP of a stored image scaled to one of a few widths,
stored next to the original under a name derived from it
(``rendition_name``). Only widths smaller than the original are made:
nothing is ever scaled up. ``newsroom.renditions`` puts this to work: it
records on the row which widths exist and draws them in a task.

django-imagekit makes them: ``Rendition`` is its image spec (processors,
WebP and its options), its cache file writes each one, its namer hook
(``cachefile_name``) keeps our names. The module carries imagekit's own
name for where an app registers its specs (it imports it itself). Chosen
over easy-thumbnails, measured on a page of ten heroes at five widths on a
storage without local paths (as S3): easy-thumbnails asks its own tables
whether each thumbnail exists, 60 queries; imagekit, 0 queries. Its default
cache file strategy (JustInTime) asks the storage before every URL (50
``exists()``, an S3 round trip each) and draws a missing one while the
reader waits; ``Rendition`` uses Optimistic instead, whose URLs are string
building, and they are drawn only when an image is stored or by
``make_renditions``, never when a page is rendered. Its model field,
``ImageSpecField``, is not used: it makes renditions from a post_save
receiver, and records nothing on the row of which exist.

The cost: imagekit draws each width on its own, from its source. So that
the original is decoded once, not once per width, ``make_renditions`` draws
them widest first and hands each spec the set's ``Ladder``: each rendition
is scaled from the one drawn just before it (Lanczos again; against scaling
each from the original, the difference is at 53 dB PSNR or more, far below
what WebP's own loss is), and the original, decoded for the widest, is
decoded at a reduced JPEG scale where that width allows (``Clean``). With
WebP method 2, a 1600 × 1000 hero's five renditions take 0.10 s of CPU
instead of 0.21 s, a 6000 × 4000 camera original's seven 0.65 s instead of
1.9 s (``python -m bench.pictures``, medians).

Renditions are made from the stored original, which ``newsroom.uploads`` has
already cleaned; ``Clean``, the spec's first processor, turns it upright and
converts it to sRGB through any colour profile it still has
(``uploads.to_srgb``), and keeps nothing of its metadata (EXIF, a profile's
bytes), so nothing an old upload might still carry reaches them.

Their names are never used for other pictures (``rendition_name`` derives
them from the original's, which is never overwritten): browsers and a CDN
may keep them for a year (``newsroom.media.cache_control``).
"""

import math
import re

from django.core.files.base import ContentFile
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.strategies import Optimistic
from imagekit.registry import generator_registry
from PIL import ExifTags, Image, ImageOps

from newsroom.uploads import UNREADABLE, max_pixels, to_srgb

EXTENSION = "webp"
# Visually close to the originals' JPEG quality 85, at about half the bytes.
# Method 2 rather than libwebp's default 4: a quarter less CPU for 3 to 4 %
# more bytes (bench.pictures; method 0 saves little more CPU for 15 to 25 %
# more bytes).
WEBP_OPTIONS = {"quality": 80, "method": 2}


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


class Ladder:
    """The renditions of one image as they are drawn, widest first: the
    last one drawn, already clean, is where the next (narrower) one is
    scaled from, instead of decoding the original again."""

    def __init__(self):
        self.picture = None


class Clean:
    """An imagekit processor: the picture upright, in sRGB, as RGB or RGBA,
    with nothing of what the file carried beside its pixels. Given the
    ``width`` it is to be scaled to, a JPEG is decoded at the smallest of its
    built-in scales (1/2, 1/4, 1/8) still three times that wide, as the
    final Lanczos step then needs: a camera's 6000-pixel original is never
    decoded whole for a 480-pixel rendition. Given a ``ladder`` holding a
    wider rendition already drawn, it returns that, decoding nothing."""

    def __init__(self, width=None, ladder=None):
        self.width = width
        self.ladder = ladder

    def process(self, image):
        if self.ladder is not None and self.ladder.picture is not None:
            return self.ladder.picture
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


class Scale:
    """An imagekit processor: the picture scaled (Lanczos) to ``width``, its
    height that of the original's proportions (``size``), so a rendition
    scaled from a wider one is as high as one scaled from the original. The
    result is kept on the ``ladder`` for the next, narrower rendition."""

    def __init__(self, width, size, ladder=None):
        self.width = width
        self.height = max(1, round(size[1] * width / size[0]))
        self.ladder = ladder

    def process(self, image):
        scaled = image.resize((self.width, self.height), Image.Resampling.LANCZOS)
        if self.ladder is not None:
            self.ladder.picture = scaled
        return scaled


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
    """The rendition of ``source`` (a stored original, ``size`` pixels
    upright) ``width`` pixels wide, as django-imagekit makes it; scaled from
    the wider rendition ``ladder`` holds, if any (see ``Ladder``)."""

    format = "WEBP"
    options = WEBP_OPTIONS
    # Made when an image is stored, never when a page asks for its URL.
    cachefile_strategy = Optimistic
    cachefile_backend = StorageBackend()

    def __init__(self, source, width, size, ladder=None):
        self.width = width
        self.processors = [Clean(width, ladder), Scale(width, size, ladder)]
        super().__init__(source=source)

    @property
    def cachefile_name(self):
        return rendition_name(self.source.name, self.width)


# Registered, as imagekit's specs are: a deployment may unregister it and
# register a spec of its own (another quality, say) under the same id; it is
# made with the arguments ``Rendition`` takes.
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
    original = original_content(name, storage=storage, source=source)
    size = displayed_size(original)
    made = []
    ladder = Ladder()
    for width in reversed(widths_for(size[0], widths)):  # widest first
        spec = generator_registry.get(
            RENDITION, source=original, width=width, size=size, ladder=ladder
        )
        rendition = ImageCacheFile(spec, storage=storage)
        if replace:
            # A storage never writes over a name: it would pick another.
            storage.delete(rendition.name)
        try:
            rendition.generate(force=replace)
        except UNREADABLE as error:
            raise UnreadableImage(str(error)) from error
        made.append(width)
    return sorted(made), size


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


def original_content(name, *, storage, source=None):
    """The stored original ``name`` as content to draw from: ``source`` when
    the caller holds it (saves reading it back), else read from storage."""
    return ContentFile(_read(name, storage, source), name=name)


def displayed_size(original):
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

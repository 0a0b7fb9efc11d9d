"""Uploaded images: what is accepted, and what is stored.

One definition for every image the desk uploads (hero images, avatars, the
site's logo). A file is judged by its content, never by its name or the
content type the browser claims: Pillow must recognise it as one of the
formats below, its header must state dimensions within the pixel limit, and
it must decode completely. What is stored is not the upload but a fresh
encoding of its pixels, under a name of our own: anything hidden around the
picture (EXIF and GPS, comments, XMP, text chunks, an HTML or script trailer
of a polyglot) is left behind. That includes the ICC colour profile, which is
a file format of its own carrying whatever bytes its maker put in: a picture
with one is first converted through it to sRGB (``to_srgb``), so its colours
stay true, and stored untagged, which browsers show as sRGB.
"""

import io
import secrets
import warnings
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError, features

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without LittleCMS
    ImageCms = None

# Pillow's format name -> (file extension, content type, save options).
_FORMATS = {
    "JPEG": ("jpg", "image/jpeg", {"quality": 85, "optimize": True}),
    "PNG": ("png", "image/png", {"optimize": True}),
    "WEBP": ("webp", "image/webp", {"quality": 85}),
}
if features.check("avif"):
    _FORMATS["AVIF"] = ("avif", "image/avif", {"quality": 75})

# The modes each format stores as they are; anything else is converted.
_MODES = {
    "JPEG": {"L", "RGB", "CMYK"},
    "PNG": {"1", "L", "LA", "P", "RGB", "RGBA"},
    "WEBP": {"RGB", "RGBA"},
    "AVIF": {"RGB", "RGBA"},
}

ACCEPTED_FORMATS = tuple(_FORMATS)
ACCEPTED_CONTENT_TYPES = tuple(content_type for _, content_type, _ in _FORMATS.values())
# What the media view serves: the extensions this module writes.
SERVED_EXTENSIONS = frozenset(
    {f".{ext}" for ext, _, _ in _FORMATS.values()} | {".jpeg"}
)

# Everything Pillow raises on a file it cannot or will not read (renditions
# catch the same). Decompression bomb warnings are raised as errors while a
# file is opened (see below).
UNREADABLE = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,  # truncated or corrupt data
    SyntaxError,  # Pillow's parsers raise it for malformed headers
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    MemoryError,
)

MESSAGES = {
    "empty": _("The file is empty. Choose an image file to upload."),
    "too_large": _(
        "The file is %(size)s; images may be at most %(limit)s. "
        "Save it smaller (or as a JPEG) and upload it again."
    ),
    "not_image": _(
        "This file is not an image we accept. Upload a JPEG, PNG or WebP "
        "picture (whatever the file's name says, its content is what counts)."
    ),
    "too_many_pixels": _(
        "The image is %(width)s × %(height)s pixels; images may have at most "
        "%(megapixels)s megapixels. Scale it down and upload it again."
    ),
    "bomb": _(
        "The image's dimensions are far beyond the limit of %(megapixels)s "
        "megapixels. Scale it down and upload it again."
    ),
    "broken": _(
        "The image could not be read completely: the file is damaged or "
        "cut short. Export it again and upload the new file."
    ),
}


def max_bytes():
    return getattr(settings, "NEWSROOM_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)


def max_pixels():
    return getattr(settings, "NEWSROOM_UPLOAD_MAX_PIXELS", 40_000_000)


def megapixels():
    return f"{max_pixels() / 1_000_000:g}"


def _refuse(code, **params):
    return forms.ValidationError(MESSAGES[code], code=code, params=params or None)


def clean_image(upload):
    """A new upload holding ``upload``'s picture re-encoded, metadata dropped,
    EXIF orientation applied, under a name of our own. Raises
    ``ValidationError`` (with a message for the person uploading) for anything
    that is not an acceptable image."""
    size = upload.size or 0
    if size == 0:
        raise _refuse("empty")
    if size > max_bytes():
        raise _refuse(
            "too_large", size=filesizeformat(size), limit=filesizeformat(max_bytes())
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; a bomb is a bomb.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(upload)
    except forms.ValidationError:
        raise
    except UnidentifiedImageError as exc:
        raise _refuse("not_image") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's own check, in Image.open, before ours could read the size.
        raise _refuse("bomb", megapixels=megapixels()) from exc
    except UNREADABLE as exc:
        raise _refuse("broken") from exc


def _source(upload):
    """What Pillow reads: the temporary file of a large upload, or the bytes
    of one Django kept in memory."""
    if hasattr(upload, "temporary_file_path"):
        return upload.temporary_file_path()
    upload.seek(0)
    return io.BytesIO(upload.read())


def _reencode(upload):
    source = _source(upload)
    # Image.open reads the header only: the format and the dimensions are
    # known before a single pixel is decoded, so a bomb is refused here.
    with Image.open(source, formats=ACCEPTED_FORMATS) as image:
        image_format = image.format
        width, height = image.size
        if width * height > max_pixels():
            raise _refuse(
                "too_many_pixels",
                width=width,
                height=height,
                megapixels=megapixels(),
            )
        image.verify()  # checksums and structure, where the format has them
    # verify() leaves the image unusable: open again to decode the pixels.
    if hasattr(source, "seek"):
        source.seek(0)
    with Image.open(source, formats=(image_format,)) as image:
        image.load()  # a truncated file fails here
        picture = to_srgb(ImageOps.exif_transpose(image), image.info.get("icc_profile"))
    if picture.mode not in _MODES[image_format]:
        has_alpha = "A" in picture.getbands() or "transparency" in picture.info
        keep_alpha = has_alpha and "RGBA" in _MODES[image_format]
        picture = picture.convert("RGBA" if keep_alpha else "RGB")
    # Nothing the source carried (EXIF, XMP, comments, text chunks, the
    # colour profile) may ride along: Pillow reads some of it from info when
    # saving.
    transparency = picture.info.get("transparency")
    picture.info = {}
    if transparency is not None and picture.mode in {"P", "L", "RGB"}:
        picture.info["transparency"] = transparency
    extension, content_type, options = _FORMATS[image_format]
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(
        stored_name(upload.name, extension), buffer.getvalue(), content_type
    )


# Which modes hold pixels of which ICC colour space.
_COLOUR_SPACES = {
    "GRAY": {"1", "L", "LA", "I", "I;16", "F"},
    "RGB": {"RGB", "RGBA", "P", "PA"},
    "CMYK": {"CMYK"},
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")) if ImageCms else None


def to_srgb(picture, icc_profile):
    """``picture``'s colours in sRGB, to be stored without a profile.

    A picture described by a profile (Adobe RGB from a camera, CMYK from a
    print workflow, Display P3 from a phone) is converted through it; one
    with no profile is sRGB already. A profile that cannot be read, or that
    describes another colour space than the picture's pixels, cannot be
    applied: the pixels are kept as they are, as a browser would show them
    without it. Either way, nothing of the profile's bytes is kept.
    """
    if not icc_profile or ImageCms is None:
        return picture
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        space = profile.profile.xcolor_space.strip()
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return picture
    if picture.mode not in _COLOUR_SPACES.get(space, ()):
        return picture
    # LittleCMS converts the colour channels; transparency is not colour.
    alpha = None
    if "A" in picture.getbands() or "transparency" in picture.info:
        alpha = picture.convert("RGBA" if space == "RGB" else "LA").getchannel("A")
    colour_mode = {"GRAY": "L", "RGB": "RGB", "CMYK": "CMYK"}[space]
    colour = picture if picture.mode == colour_mode else picture.convert(colour_mode)
    try:
        converted = ImageCms.profileToProfile(colour, profile, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return picture
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def stored_name(original_name, extension):
    """The file's name on our side: a slug of the original's (readable in
    the desk), a random part (unguessable, never clashing) and the extension
    of what we actually wrote."""
    stem = slugify(PurePath(original_name or "").stem)[:40].strip("-") or "image"
    return f"{stem}-{secrets.token_hex(6)}.{extension}"


class ImageUploadField(forms.ImageField):
    """An image field that stores only what ``clean_image`` lets through."""

    def to_python(self, data):
        # FileField's checks (a file was sent, its name is sane), then ours
        # instead of ImageField's own, which accepts any format Pillow reads.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return clean_image(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(ACCEPTED_CONTENT_TYPES)
        return attrs


class CleanImagesMixin:
    """For a model form: the fields named in ``image_fields`` go through
    ``clean_image``. The model's own form field is replaced keeping its label,
    help text and widget (the admin's, with its "currently" link)."""

    image_fields = ()
    image_field_class = ImageUploadField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.image_fields:
            field = self.fields.get(name)
            if field is None or isinstance(field, self.image_field_class):
                continue
            self.fields[name] = self.image_field_class(
                required=field.required,
                label=field.label,
                help_text=field.help_text,
                widget=field.widget,
                max_length=field.max_length,
                # clean_image refuses it, with its own message.
                allow_empty_file=True,
            )

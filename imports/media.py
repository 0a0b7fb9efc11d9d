"""Images an export names, taken from the copied uploads folder
(``--media-dir``), never from the network.

An export names its images by their old URL
(``https://example.com/wp-content/uploads/2024/05/harbour.jpg``, Ghost's
``__GHOST_URL__/content/images/2024/05/harbour.jpg``); the folder holds the
same files by path (``2024/05/harbour.jpg``). ``find`` looks the path up
inside the folder, and only there (no ``..``, nothing outside it). A file
found passes the same checks as a desk upload (``newsroom.uploads``:
re-encoded, metadata dropped, bombs refused) before it is stored.

``into_library`` puts a source image into the image library, once per
source address (a second run, or another post with the same picture, finds
it); ``attach_hero`` makes it an article's hero.
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.bodies import plain
from library.adding import add_once
from newsroom.uploads import clean_image, max_bytes

# Where each system's uploads start in an image's URL path.
UPLOAD_ROOTS = ("/wp-content/uploads/", "/content/images/", "/files/")
# A caption that names who made the picture: its credit.
CREDIT = re.compile(
    r"^\s*(?:photo(?:graph)?|picture|image|illustration|credit|©)\s*(?:by)?\s*[:©]?\s*",
    re.I,
)
HERO_CAPTION_LENGTH = 300
HERO_ALT_LENGTH = 250
HERO_CREDIT_LENGTH = 150
SOURCE_LENGTH = 200


def relative_paths(url):
    """Where the file of ``url`` may sit in the uploads folder, most
    specific first."""
    path = unquote(urlsplit(url.replace("__GHOST_URL__", "")).path)
    for root in UPLOAD_ROOTS:
        if root in path:
            yield path.split(root, 1)[1]
    parts = [p for p in PurePosixPath(path).parts if p not in ("/", "")]
    for start in range(len(parts)):
        yield "/".join(parts[start:])


def find(url, media_dir):
    """The file of ``url`` inside ``media_dir``, or None."""
    if not media_dir or not url:
        return None
    folder = Path(media_dir).resolve()
    for relative in relative_paths(url):
        if not relative or ".." in PurePosixPath(relative).parts:
            continue
        candidate = (folder / relative).resolve()
        if candidate.is_file() and candidate.is_relative_to(folder):
            return candidate
    return None


def load(url, media_dir):
    """``(upload, None)``: the image of ``url`` checked and re-encoded as a
    desk upload would be; or ``(None, why not)``."""
    path = find(url, media_dir)
    if path is None:
        where = f"in {media_dir}" if media_dir else "(no --media-dir given)"
        return None, f"image not found {where}: {url}"
    if path.stat().st_size > max_bytes():
        return None, f"image too large to import: {path.name}"
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    try:
        return clean_image(upload), None
    except ValidationError as error:
        return None, f"image refused ({' '.join(error.messages)}): {path.name}"


def credit_of(caption):
    """The credit a caption names ("Photo: Ana Ruiz"), else ""."""
    text = plain(caption)
    if CREDIT.match(text):
        return CREDIT.sub("", text, count=1)[:HERO_CREDIT_LENGTH]
    return ""


def texts_of(image):
    """The alt text, caption and credit a source image comes with."""
    caption = plain(image.caption)
    return {
        "alt": (plain(image.alt) or caption)[:HERO_ALT_LENGTH],
        "caption": caption[:HERO_CAPTION_LENGTH],
        "credit": credit_of(caption),
    }


def into_library(url, upload, **texts):
    """The library image of the source's ``url``, stored from ``upload``
    (from ``load``) with ``texts`` the first time, found after."""
    return add_once(f"Imported from {url}"[:SOURCE_LENGTH], upload, **texts)


def attach_hero(article, image, upload):
    """Make ``upload`` (from ``load``) the hero of ``article`` (not saved),
    through the library. Where this post describes a shared picture
    differently from the library, the article says it its own way (the
    hero's overrides). Returns what the desk will want to add, or ""."""
    texts = texts_of(image)
    article.hero_image = into_library(image.url, upload, **texts)
    for name, value in texts.items():
        differs = value != getattr(article.hero_image, name)
        setattr(article, f"hero_{name}", value if differs else "")
    missing = [
        what
        for what, value in (
            ("alt text", article.hero_alt_text),
            ("credit", article.hero_credit_text),
        )
        if not value
    ]
    return f"its hero image has no {' or '.join(missing)}" if missing else ""

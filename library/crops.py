"""The crop social networks show when a story is shared: 1200 × 630 pixels
(the size Facebook, X, LinkedIn and Bluesky ask for) cut around the image's
focal point, so the face or the scene that matters stays in the frame.

Drawn when an image is stored or its focal point moves, stored beside the
original under a name carrying the point (a moved point gives a new name:
no browser, CDN or network keeps the old crop), and named on the row, so a
page's ``og:image`` needs no storage call. Until it is drawn, a page shares
the picture itself (``Image.social_url``). Pictures added in bulk (an
archive's import, the demo: ``library.adding``) have theirs drawn by a task,
``draw_social_crop``, beside their renditions, so the import does not spend
a decode and an encode on each.
"""

import io
import logging
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task
from PIL import Image as Picture
from PIL import ImageOps

from library.models import SOCIAL_SIZE, Image
from newsroom import generations
from newsroom.uploads import UNREADABLE, to_srgb

logger = logging.getLogger(__name__)


def crop_name(image):
    x = round(image.focal_x * 1000)
    y = round(image.focal_y * 1000)
    return f"{image.file.name}.social-{x}-{y}.jpg"


def focal_crop(picture, size, focal_x, focal_y):
    """``picture`` cut to ``size``'s shape around (``focal_x``, ``focal_y``)
    (fractions), then scaled to ``size``."""
    return ImageOps.fit(
        picture, size, method=Picture.Resampling.LANCZOS, centering=(focal_x, focal_y)
    )


def draw(stored, focal_x, focal_y):
    """The JPEG bytes of the social crop of the picture in file ``stored``
    around (``focal_x``, ``focal_y``). Raises what Pillow raises on a file it
    cannot read (``UNREADABLE``)."""
    with Picture.open(stored) as picture:
        picture.load()
        upright = to_srgb(
            ImageOps.exif_transpose(picture), picture.info.get("icc_profile")
        ).convert("RGB")
    crop = focal_crop(upright, SOCIAL_SIZE, focal_x, focal_y)
    crop.info = {}
    buffer = io.BytesIO()
    crop.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def refresh_social_crop(image):
    """Draws ``image``'s social crop if its focal point or file has none yet,
    and records its name on the row (saved). Returns the name, or "" when
    the file cannot be read (the page then shares the picture itself)."""
    if not image.file:
        return ""
    name = crop_name(image)
    if image.social_crop == name:
        return name
    storage = image.file.storage
    try:
        with storage.open(image.file.name, "rb") as stored:
            content = draw(stored, image.focal_x, image.focal_y)
    except (FileNotFoundError, *UNREADABLE) as error:
        logger.warning("No social crop for %s: %s", image.file.name, error)
        return ""
    if storage.exists(name):
        storage.delete(name)
    stored_name = storage.save(name, ContentFile(content))
    previous = image.social_crop
    image.social_crop = stored_name
    type(image).objects.filter(pk=image.pk).update(social_crop=stored_name)
    if previous and previous != stored_name:
        storage.delete(previous)
    return stored_name


def queue_social_crop(image):
    """Has ``image``'s social crop drawn by a task once the row is committed
    (a worker must find it)."""
    transaction.on_commit(partial(_enqueue, image.pk))


def _enqueue(image_id):
    try:
        draw_social_crop.enqueue(image_id)
    except Exception:  # noqa: BLE001 - the image is saved; pages share it whole
        logger.exception("Could not queue the social crop of image %s", image_id)


@task()
def draw_social_crop(image_id):
    """Draws the social crop of library image ``image_id`` if it has none
    for its file and focal point yet; returns its name, or "" (the image is
    gone or cannot be read)."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return ""
    previous = image.social_crop
    name = refresh_social_crop(image)
    if name and name != previous:
        # Cached pages were rendered sharing the picture itself.
        generations.advance()
    return name

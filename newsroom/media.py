"""Media files as browsers and a CDN get them: which are served, and how long
they may be kept.

One rule for every way media is served: Django's own view (``serve_media``,
while ``NEWSROOM_SERVE_MEDIA`` is on) and the S3 bucket (``newsroom.s3``,
which stores the same header with each object).
"""

from pathlib import PurePath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

from newsroom import held_uploads
from newsroom.renditions import is_rendition
from newsroom.uploads import SERVED_EXTENSIONS

# A rendition's name is made from its original's, which is never overwritten
# (uploads get a random part, and storages never reuse a name): a name
# always means the same picture, so it may be kept as long as browsers and
# CDNs keep anything.
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
# Originals are the same, but some came from elsewhere under names of their
# own (imports, the demo, uploads from before names were made random), and
# a picture taken down should leave caches within a day.
ORIGINAL_CACHE_CONTROL = "public, max-age=86400"
# Held uploads (newsroom.held_uploads) are never served; should one be
# reached in a bucket, no cache may keep it.
PRIVATE_CACHE_CONTROL = "private, no-store"


def cache_control(name):
    """The ``Cache-Control`` for the stored file ``name``."""
    if name.startswith(held_uploads.PREFIX):
        return PRIVATE_CACHE_CONTROL
    if is_rendition(name):
        return RENDITION_CACHE_CONTROL
    return ORIGINAL_CACHE_CONTROL


def serve_media(request, path):
    """Local media, for installations that let Django serve it.

    Only the image types ``newsroom.uploads`` writes are served, so a file
    that got into the media folder some other way (an .html, an .svg, a held
    upload) is never handed to a browser as a page or a script. The content
    type comes from the extension, and nosniff keeps browsers from guessing
    another.
    """
    if PurePath(path).suffix.lower() not in SERVED_EXTENSIONS:
        raise Http404("Not a served media type.")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name the file system refuses (too long, say) names no file.
        raise Http404("No such media file.") from error
    response["X-Content-Type-Options"] = "nosniff"
    # Nothing in the media folder needs to run anything or be framed.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # On the 304 too: it renews what the browser keeps.
    response["Cache-Control"] = cache_control(path)
    return response

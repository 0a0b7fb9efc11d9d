"""Media on S3-compatible object storage (settings: ``NEWSROOM_S3_BUCKET``).

django-storages' ``S3Storage``, with each object's ``Cache-Control`` chosen
by its name (``newsroom.media.cache_control``), as Django's own media view
sends it: one header for every object would either keep originals too long
or renditions too briefly. Its own module so that only an installation with
a bucket imports boto3.

``PrivateStorage`` keeps what readers must never fetch (an archive export
waiting for its import: ``imports.uploads``) in the same bucket, private,
under its own prefix, with no public URL.
"""

from storages.backends.s3 import S3Storage

from newsroom.media import cache_control


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        return {
            **super().get_object_parameters(name),
            "CacheControl": cache_control(name),
        }


class PrivateStorage(S3Storage):
    def __init__(self, **options):
        # Whatever the media's options: no public ACL, URL or CDN domain.
        private = {"default_acl": "private", "querystring_auth": True}
        super().__init__(**{**options, **private, "custom_domain": None})

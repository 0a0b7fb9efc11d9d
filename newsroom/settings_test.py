"""What tests need differently: fast hashing, plain static files, no real mail."""

import tempfile

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploads made by tests never land in the project's media folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
# Tests never run collectstatic; let whitenoise look files up as they are asked for.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# django-axes needs the request on every authenticate(); the test client's
# login() has none. Tests of login throttling switch it on for themselves.
AXES_ENABLED = False
# Tests see each request rendered; the page cache's own tests (and the
# visibility matrix) switch it on with the ``page_cache`` fixture.
NEWSROOM_PAGE_CACHE_SECONDS = 0

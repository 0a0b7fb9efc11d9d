"""What an operator's environment turns on: read by a fresh interpreter,
as a server would start, since settings are read once at import."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.checks import run_checks

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
default_storage = storages["default"]
from django.db import connections
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "media_url": default_storage.url("heroes/bridge.png"),
    "serve_media": settings.SERVE_MEDIA,
    "cache": type(caches["default"]).__name__,
    "pool": connections["default"].settings_dict.get("OPTIONS", {}).get("pool"),
    "key_fallbacks": settings.SECRET_KEY_FALLBACKS,
    "smtp": [settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS],
    "debug": settings.DEBUG,
    "database": connections["default"].vendor,
    "mail": settings.EMAIL_BACKEND,
    "static": storages.backends["staticfiles"]["BACKEND"],
}))
"""

# A reader's request for a stylesheet, as the production server answers it.
STATIC_PROBE = """
import json, django
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", "--noinput", verbosity=0)
url = static("css/site.css")
response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
print(json.dumps({
    "url": url,
    "status": response.status_code,
    "encoding": response.get("Content-Encoding"),
    "cache": response.get("Cache-Control"),
}))
"""


def settings_under(probe=PROBE, **environ):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSROOM_", "DJANGO_", "REDIS_", "DATABASE_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings", **environ)
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_goes_to_the_s3_bucket_when_one_is_named():
    found = settings_under(
        NEWSROOM_S3_BUCKET="newsroom-media",
        NEWSROOM_MEDIA_DOMAIN="media.example.com",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",  # noqa: S106
    )
    assert found["storage"] == "newsroom.s3.MediaStorage"
    assert found["media_url"] == "https://media.example.com/heroes/bridge.png"
    assert found["serve_media"] is False


def test_local_files_and_memory_cache_without_configuration():
    found = settings_under()
    assert found["storage"].endswith("FileSystemStorage")
    assert found["serve_media"] is True
    assert found["cache"] == "LocMemCache"


def test_safe_local_defaults_without_configuration():
    found = settings_under()
    assert found["debug"] is False
    assert found["database"] == "sqlite"
    assert found["mail"] == "django.core.mail.backends.console.EmailBackend"
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_static_files_are_served_hashed_compressed_and_cached_for_a_year(tmp_path):
    found = settings_under(STATIC_PROBE, NEWSROOM_STATIC_ROOT=str(tmp_path))

    # The name carries the file's hash, so a new release is a new address.
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", found["url"])
    assert found["status"] == 200
    assert found["encoding"] in {"gzip", "br"}
    assert "max-age=315360000" in found["cache"]
    assert "immutable" in found["cache"]


def test_redis_and_a_pooled_postgresql_when_configured():
    found = settings_under(
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_URL="postgres://news:secret@db.example.com:5432/newsroom",
    )
    assert found["cache"] == "ResilientRedisCache"
    assert found["pool"] is True


def test_a_rotated_secret_key_keeps_the_old_one_as_a_fallback():
    found = settings_under(
        DJANGO_SECRET_KEY="new-key",  # noqa: S106
        DJANGO_SECRET_KEY_FALLBACKS="old-key, older-key",
    )
    assert found["key_fallbacks"] == ["old-key", "older-key"]


def test_the_smtp_server_is_read_from_the_environment():
    found = settings_under(
        DJANGO_EMAIL_HOST="smtp.example.com",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_USE_TLS="true",
    )
    assert found["smtp"] == ["smtp.example.com", 587, True]


def deploy_warnings():
    return {
        message.id
        for message in run_checks(include_deployment_checks=True)
        if message.id.startswith("newsroom.")
    }


def test_check_deploy_warns_when_mail_and_links_would_stay_on_this_machine(settings):
    settings.DEBUG = False
    settings.NEWSROOM_BASE_URL = "http://127.0.0.1:8000"
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    assert deploy_warnings() == {"newsroom.W001", "newsroom.W002"}


def test_check_deploy_is_quiet_for_a_public_address_and_a_mail_server(settings):
    settings.DEBUG = False
    settings.NEWSROOM_BASE_URL = "https://news.example.com"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    assert deploy_warnings() == set()


def test_check_deploy_warns_when_each_worker_would_keep_a_page_cache_of_its_own(
    settings, monkeypatch
):
    settings.DEBUG = False
    settings.NEWSROOM_BASE_URL = "https://news.example.com"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)

    assert deploy_warnings() == {"newsroom.W003"}

    # One worker: its memory is the only cache there is.
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert deploy_warnings() == set()
    monkeypatch.delenv("WEB_CONCURRENCY")
    # Redis: one cache for every worker.
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": "redis://cache.example.com:6379/0",
        }
    }
    assert deploy_warnings() == set()


IMPORTS_PROBE = """
import json, django
django.setup()
from django.conf import settings
from imports.uploads import storage
imports = storage()
print(json.dumps({
    "storage": type(imports).__module__ + "." + type(imports).__name__,
    "location": str(imports.location),
    "media": str(settings.MEDIA_ROOT),
    "acl": getattr(imports, "default_acl", None),
    "signed": getattr(imports, "querystring_auth", None),
}))
"""
S3 = {
    "NEWSROOM_S3_BUCKET": "newsroom-media",
    "NEWSROOM_MEDIA_DOMAIN": "media.example.com",
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
}


def test_uploaded_exports_wait_beside_the_media_never_among_them_by_default():
    found = settings_under(IMPORTS_PROBE)
    assert found["storage"].endswith("FileSystemStorage")
    assert Path(found["location"]).name == "import-files"
    assert not Path(found["location"]).is_relative_to(found["media"])


def test_uploaded_exports_wait_in_the_bucket_privately_for_workers_anywhere():
    found = settings_under(IMPORTS_PROBE, **S3)
    assert found["storage"] == "newsroom.s3.PrivateStorage"
    assert found["location"] == "private/imports"
    assert found["acl"] == "private" and found["signed"] is True


def test_uploaded_exports_wait_in_the_shared_folder_when_one_is_named(tmp_path):
    for environ in ({}, S3):
        found = settings_under(
            IMPORTS_PROBE, NEWSROOM_IMPORT_DIR=str(tmp_path), **environ
        )
        assert found["storage"].endswith("FileSystemStorage")
        assert found["location"] == str(tmp_path)

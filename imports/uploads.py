"""Where an export uploaded at the desk waits for its tasks (``storage``):
never the public media (an export holds e-mail addresses and unpublished
drafts), under a name the server chose, deleted once imported.

The dry run and the import may run on any task worker, on any machine, so
the file is kept where every one of them reads it:

- ``NEWSROOM_IMPORT_DIR``, a folder: a volume every web and worker node
  mounts at that path (one machine: any folder; the default is
  ``import-files`` beside the media folder, never under it);
- on an installation whose media are on S3 (``NEWSROOM_S3_BUCKET``) and
  without ``NEWSROOM_IMPORT_DIR``: the bucket, under ``private/imports/``,
  stored private (``newsroom.s3.PrivateStorage``);
- an ``"imports"`` entry of ``settings.STORAGES``, where one is given (the
  tests', or an installation's own choice), before either.

The parsers read a path (defusedxml and json read files): a worker gets a
local copy of an object-stored export for the run (``local_copy``). A file
missing where the worker looks is an ``ExportError`` naming the setting,
so the run fails with that, once, instead of a task failing again and again.
"""

import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

from imports.records import ExportError

SUFFIXES = {"wordpress": ".xml", "ghost": ".json"}
PRIVATE_PREFIX = "private/imports"
MISSING = (
    "The uploaded export is not where this task worker looks for it: workers "
    "on other machines need NEWSROOM_IMPORT_DIR on a volume they share, or "
    "the media bucket (docs/deploy.md). Upload it again once they have it."
)


def storage():
    if "imports" in settings.STORAGES:
        return storages["imports"]
    if settings.NEWSROOM_IMPORT_DIR:
        return FileSystemStorage(location=settings.NEWSROOM_IMPORT_DIR)
    media = settings.STORAGES["default"]
    if media["BACKEND"] == "newsroom.s3.MediaStorage":
        from newsroom.s3 import PrivateStorage  # only with a bucket: boto3

        return PrivateStorage(**media.get("OPTIONS", {}), location=PRIVATE_PREFIX)
    return FileSystemStorage(
        location=Path(settings.MEDIA_ROOT).resolve().parent / "import-files"
    )


def store(upload, system):
    """Saves ``upload``; returns the name it is stored under."""
    return storage().save(f"{secrets.token_hex(16)}{SUFFIXES[system]}", upload)


@contextmanager
def local_copy(name):
    """The path of the stored export ``name`` on this machine, for as long
    as the block runs; ``ExportError`` if it is not there."""
    files, name = storage(), Path(name).name  # never outside the storage
    if not files.exists(name):
        raise ExportError(MISSING)
    try:
        path = files.path(name)
    except NotImplementedError:
        path = None  # object storage: no path of its own
    if path is not None:
        yield Path(path)
        return
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as copy:
        with files.open(name, "rb") as stored:
            shutil.copyfileobj(stored, copy)
        copy.flush()
        yield Path(copy.name)


def discard(name):
    files = storage()
    name = Path(name).name
    if files.exists(name):
        files.delete(name)

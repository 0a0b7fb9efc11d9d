"""Where an export uploaded at the desk waits for its task: a folder of
its own, never under the public media (an export holds e-mail addresses
and unpublished drafts), named by the server, deleted once imported.

``NEWSROOM_IMPORT_DIR`` chooses the folder (default: ``import-files``
beside the media folder). The task reads it on the machine that runs it:
with workers on other machines, give them the folder too (docs/importing.md).
"""

import secrets
from pathlib import Path

from django.conf import settings

SUFFIXES = {"wordpress": ".xml", "ghost": ".json"}


def folder():
    configured = getattr(settings, "NEWSROOM_IMPORT_DIR", "")
    path = Path(
        configured or Path(settings.MEDIA_ROOT).resolve().parent / "import-files"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(upload, system):
    """Saves ``upload``; returns the name it is stored under."""
    name = f"{secrets.token_hex(16)}{SUFFIXES[system]}"
    with open(folder() / name, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return name


def path_of(name):
    return folder() / Path(name).name  # never outside the folder


def discard(name):
    path_of(name).unlink(missing_ok=True)

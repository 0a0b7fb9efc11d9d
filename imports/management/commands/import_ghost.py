"""``manage.py import_ghost EXPORT.json``: a Ghost site's posts, pages,
staff authors, tags and newsletter members from its JSON export (Ghost
2.x–6.x), with every old address redirected. See docs/importing.md."""

from imports import ghost
from imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a Ghost export (JSON, Ghost 2.x-6.x): posts, pages, authors, "
        "tags, newsletter members and old addresses. Safe to run again."
    )
    system = "ghost"
    parse = staticmethod(ghost.parse)

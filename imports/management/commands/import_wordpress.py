"""``manage.py import_wordpress EXPORT.xml``: a WordPress site's posts,
pages, authors, categories and tags from its export (Tools → Export, WXR),
with every old address redirected. See docs/importing.md."""

from imports import wxr
from imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a WordPress export (WXR 1.1/1.2): posts, pages, authors, "
        "categories, tags and old addresses. Safe to run again."
    )
    system = "wordpress"
    parse = staticmethod(wxr.parse)

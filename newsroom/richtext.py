"""The markup a section body may hold, defined once for editor and sanitiser.

The same extension list configures the admin's editor toolbar and the nh3
allow-list, so what a journalist can make is exactly what survives a save,
whatever a browser (or a forged POST) sends.
"""

from django_prose_editor.fields import ProseEditorField, create_sanitizer

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"protocols": ["http", "https", "mailto"], "enableTarget": False},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "History": True,
}

sanitize_body = create_sanitizer(BODY_EXTENSIONS)


def RichTextField(**kwargs):  # noqa: N802 - reads like a field class at call sites
    return ProseEditorField(extensions=BODY_EXTENSIONS, sanitize=True, **kwargs)

"""Editors read readers' messages on the desk and mark them handled.

View, and change for the "mark handled" actions (every field of a message is
read-only on the desk, so "change" edits nothing a reader wrote). Never add:
a message is what a reader sent. Never delete: it is the record of it.
Journalists get none of it.
"""

from django.db import migrations

from articles.migrations._grants import grant_to_group

EDITORS = "Editors"
GRANTS = [("contact", "contactmessage", ("view", "change"))]


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        # The roles' groups.
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(*grant_to_group(EDITORS, GRANTS))]

"""Editors may read the list of redirects (old addresses) on the desk.

Nobody adds, changes or deletes them there: they are recorded when a live
article's or a category's address changes (``articles.redirects``).
"""

from django.db import migrations

from articles.migrations._grants import grant_to_group

EDITORS = "Editors"
GRANTS = [("articles", "redirect", ("view",))]


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_search_and_redirects")]

    operations = [migrations.RunPython(*grant_to_group(EDITORS, GRANTS))]

"""Editors may read the workflow's audit trail (ArticleEvent) on the desk.

Nobody may add, change or delete events in the admin: only the workflow
writes them. Journalists read the events of their own articles on the
article's page, which needs no model permission.
"""

from django.db import migrations

from articles.migrations._grants import grant_to_group

EDITORS = "Editors"
GRANTS = [("articles", "articleevent", ("view",))]


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_preview_links")]

    operations = [migrations.RunPython(*grant_to_group(EDITORS, GRANTS))]

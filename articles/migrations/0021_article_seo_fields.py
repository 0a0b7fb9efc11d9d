"""Placeholder in the migration chain: the SEO title and description an article may carry (filled in by the writing-column work)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_working_draft")]

    operations = []

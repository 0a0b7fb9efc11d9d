"""Placeholder in the migration chain: notes on a story, with mentions (filled in by the notes work)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_article_seo_fields")]

    operations = []

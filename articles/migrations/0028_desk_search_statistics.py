"""Statistics for the desk search's trigram indexes (0027), on PostgreSQL only.

ANALYZE keeps statistics of an expression index's expression (here
``UPPER(dek)`` and the others), and until it has run after the index was made
the planner guesses how many rows a pattern matches by a fixed rule: 96 rows
for "%CITIES%", found in 6,836 intros of 100,000 articles. With that guess a
search for a common word read every match and sorted them all by last edit
(~110 ms); with the statistics the planner walks the last-edited index and
stops at the page's 50 (~2 ms). Autovacuum would analyze the table again only
after a tenth of its rows had changed: on a big archive, weeks after the
deploy. So the migration does it (about a second at 100,000 articles; it only
reads the table).
"""

from django.db import migrations


def analyze_articles(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ANALYZE articles_article")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0027_desk_search_trigram_indexes"),
    ]

    operations = [
        migrations.RunPython(analyze_articles, migrations.RunPython.noop),
    ]

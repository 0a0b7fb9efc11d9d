import articles.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_redirects_for_authors_and_tags"),
    ]

    operations = [
        # Letters of any script are a matter for validation and forms: the
        # column stays as it is. (As a plain AlterField, SQLite would rebuild
        # the whole articles table for nothing.)
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="slug",
                    field=models.SlugField(
                        allow_unicode=True,
                        max_length=200,
                        unique=True,
                        validators=[articles.models.validate_article_slug],
                    ),
                ),
            ],
        ),
    ]

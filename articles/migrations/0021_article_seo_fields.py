"""The SEO title and description an article may carry: both optional, empty
for every article there is (its page falls back to the headline and intro)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_working_draft")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="seo_title",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The title search engines and shares show, if it should "
                    "differ from the headline. About 60 characters show whole "
                    "in search results. Empty: the headline."
                ),
                max_length=100,
                verbose_name="SEO title",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="seo_description",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The sentence or two search engines and shares show under "
                    "the title. About 160 characters show whole. Empty: the "
                    "intro."
                ),
                max_length=200,
                verbose_name="SEO description",
            ),
        ),
    ]

"""Heroes move into the image library (3 of 3): the article's own file
columns go; the library holds the file, its size and renditions. The
alt text, caption and credit stay, as this article's overrides."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_hero_images_into_library")]

    operations = [
        migrations.RemoveField(model_name="article", name="hero_file"),
        migrations.RemoveField(model_name="article", name="hero_width"),
        migrations.RemoveField(model_name="article", name="hero_height"),
        migrations.RemoveField(model_name="article", name="hero_renditions"),
        # What the three texts are now: the article's own say over the library's.
        migrations.AlterField(
            model_name='article',
            name='hero_alt',
            field=models.CharField(blank=True, help_text="What the image shows, for readers who cannot see it. Leave empty to use the library's alt text.", max_length=250, verbose_name='hero alt text'),
        ),
        migrations.AlterField(
            model_name='article',
            name='hero_caption',
            field=models.CharField(blank=True, help_text="Leave empty to use the library's caption.", max_length=300),
        ),
        migrations.AlterField(
            model_name='article',
            name='hero_credit',
            field=models.CharField(blank=True, help_text="Shown as written, e.g. “Photo: Ana Ruiz”. Leave empty to use the library's credit.", max_length=150),
        ),
    ]

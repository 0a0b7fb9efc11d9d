"""Categories: the sections of the site, each with its own pages at
/<category>/, and the menu they make."""

from django.db import models

from articles.models.slugs import validate_category_slug
from newsroom.routes import slug_path


class CategoryQuerySet(models.QuerySet):
    def in_menu(self):
        return self.filter(is_in_menu=True).order_by("menu_order", "name")


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, validators=[validate_category_slug]
    )
    description = models.TextField(blank=True)
    menu_order = models.PositiveSmallIntegerField(default=0)
    is_in_menu = models.BooleanField("shown in menu", default=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["menu_order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("articles:category", self.slug)

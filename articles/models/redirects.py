"""Redirects from old addresses to what now stands at a new one
(``articles.redirects`` records and follows them)."""

import functools
import operator

from django.db import models

from articles.models.articles import Article
from articles.models.categories import Category

# The fields of a Redirect naming what an old address leads to.
REDIRECT_TARGETS = ("article", "category", "author", "tag")


def exactly_one_set(fields):
    """A condition: one of the nullable ``fields`` is set, the others null."""
    return functools.reduce(
        operator.or_,
        (
            models.Q(**{f"{field}__isnull": field != chosen for field in fields})
            for chosen in fields
        ),
    )


class Redirect(models.Model):
    """An address a live article, a category, an author or a tag had before
    its slug (or an article's category) changed, kept so old links and feed
    subscriptions still arrive.

    It names the article, category, author or tag, not a path: the target's
    *current* address is worked out when a reader asks, so a chain of renames
    is one hop and a move back simply deletes the row (``articles.redirects``).
    """

    old_path = models.CharField(max_length=500, unique=True)
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    tag = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_set(REDIRECT_TARGETS),
                name="redirect_has_one_target",
            )
        ]

    def __str__(self):
        return self.old_path

    @property
    def target(self):
        return self.article or self.category or self.author or self.tag

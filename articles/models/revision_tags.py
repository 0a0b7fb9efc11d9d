"""Tag names kept with each revision of an article (``articles.revisions``
restores them by name)."""

from django.db import models


class ArticleRevisionTags(models.Model):
    """An article's tag names as they were in one revision.

    django-reversion cannot follow taggit's generic tagged items in a way that
    restores cleanly (a tag deleted since would break the restore), so the
    names ride along as the revision's meta data and are set again by name.
    """

    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.CASCADE, related_name="article_tags"
    )
    # Not a foreign key: the revision outlives a deleted article.
    article_pk = models.BigIntegerField(db_index=True)
    names = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "article revision tags"
        verbose_name_plural = "article revision tags"

    def __str__(self):
        return ", ".join(self.names)

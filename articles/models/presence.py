"""Presence on the desk: who has an article's change page open right now.

One row per (login, article), rewritten by the page's heartbeat every few
seconds (``articles.admin.presence``). It is not content: readers never see
it, so writing it moves no page-cache generation, indexes nothing and makes
no revision (it is not written through ``articles.services``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.articles import Article

# Seen within this long counts as "here now": a few missed heartbeats (one
# every five seconds) before a name disappears.
PRESENCE_WINDOW = timedelta(seconds=20)
# Older rows are deleted by the heartbeat itself, so no cron job is needed.
PRESENCE_FORGOTTEN_AFTER = timedelta(minutes=5)


class ArticlePresenceQuerySet(models.QuerySet):
    def here(self, article, now=None):
        """Who had ``article`` open within ``PRESENCE_WINDOW``, with their
        logins, the longest-present first. Deactivated logins are left out."""
        since = (now or timezone.now()) - PRESENCE_WINDOW
        return (
            self.filter(article=article, seen_at__gte=since, user__is_active=True)
            .select_related("user")
            .order_by("first_seen_at", "pk")
        )

    def forgotten(self, article, now=None):
        """``article``'s rows old enough to delete."""
        since = (now or timezone.now()) - PRESENCE_FORGOTTEN_AFTER
        return self.filter(article=article, seen_at__lt=since)


class ArticlePresence(models.Model):
    """A login's article change page, last seen open at ``seen_at``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="presences"
    )
    # Whether they may change the article, as the heartbeat found: the desk
    # says "editing" or "viewing".
    editing = models.BooleanField(default=False)
    first_seen_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    objects = ArticlePresenceQuerySet.as_manager()

    class Meta:
        verbose_name = "presence on the desk"
        verbose_name_plural = "presences on the desk"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="articles_presence_one_per_user"
            )
        ]
        indexes = [
            models.Index(fields=["article", "seen_at"], name="articles_presence_seen")
        ]

    def __str__(self):
        return f"{self.user} on {self.article} at {self.seen_at:%H:%M:%S}"

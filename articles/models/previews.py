"""Preview links: shareable, expiring, revocable addresses of an unpublished
article (``articles.previews`` serves them)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.articles import Article


def new_preview_key():
    return secrets.token_urlsafe(24)


def default_preview_expiry():
    return timezone.now() + timedelta(days=settings.NEWSROOM_PREVIEW_DAYS)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """The links that open their article now: ``PreviewLink.is_active``
        as a filter, for lists (no query per link). The join to the creator
        leaves out a link whose login was deleted."""
        return self.filter(
            created_by__is_active=True,
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )


class PreviewLink(models.Model):
    """A shareable, expiring, revocable link to an unpublished article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    key = models.CharField(max_length=64, unique=True, default=new_preview_key)
    # Every link is made by a login (the desk's "make a link"). Empty only
    # once that login is deleted: the link stays on the record, stopped.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_preview_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview of {self.article}"

    def is_active(self, now=None):
        """Whether the link opens its article: not revoked (by hand, or by
        unpublishing the article), not expired, and made by a login that
        still exists and is active; a link outlives neither the trust in
        whoever shared it nor the article's takedown. A link whose login was
        deleted (``created_by`` emptied) has no one vouching for it and stops,
        as a deactivated login's does. Read ``created_by`` with
        ``select_related`` (``PreviewLinkQuerySet.active`` is the same rule
        for lists)."""
        return (
            self.revoked_at is None
            and self.expires_at > (now or timezone.now())
            and self.created_by is not None
            and self.created_by.is_active
        )

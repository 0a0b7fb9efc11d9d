"""The audit trail: one ``ArticleEvent`` per workflow step an article takes
(``articles.workflow`` writes them), kept after the article is deleted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.articles import Article


class ArticleEvent(models.Model):
    """One step of an article's way through the desk: the audit trail."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        WITHDRAW = "withdraw", _("Withdrawn from review")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        APPROVE = "approve", _("Approved")
        RESCHEDULE = "reschedule", _("Rescheduled")
        GO_LIVE = "go_live", _("Went live")
        UNPUBLISH = "unpublish", _("Unpublished")
        REOPEN = "reopen", _("Reopened")
        DELETE = "delete", _("Deleted")
        RECOVER = "recover", _("Recovered")
        END_COVERAGE = "end_coverage", _("Live coverage ended")

    # The trail outlives its article: deleting an article leaves its events
    # (and a "deleted" one) where they are, without a database constraint to
    # stop it, and recovering it (``articles.revisions.recover``, same id)
    # finds them again. Ids are never reused, so no other article inherits
    # them. ``article`` raises ``Article.DoesNotExist`` while it is deleted.
    article = models.ForeignKey(
        Article,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="events",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_events",
    )
    # Kept as text too, so the trail still names people whose login is gone.
    actor_name = models.CharField(max_length=150, blank=True)
    # Empty where there is no article: before a recovery, after a deletion.
    from_status = models.CharField(
        max_length=20, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField(
        max_length=20, choices=Article.Status.choices, blank=True
    )
    note = models.TextField(blank=True)
    publish_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    notified = models.JSONField(default=list, blank=True)
    notification_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        try:
            article = str(self.article)
        except Article.DoesNotExist:
            article = _("deleted article #%(pk)s") % {"pk": self.article_id}
        return f"{self.get_action_display()}: {article}"

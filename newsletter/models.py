import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def new_key():
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """One address on the mailing list, whatever its state.

    Rows are never duplicated: signing up again moves the same row along
    (see ``newsletter.subscriptions``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail address"), max_length=254)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # What the signed links in our e-mails carry. Renewed when a former
    # subscriber signs up again, so links from before they left stop working.
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    requested_at = models.DateTimeField(
        _("last sign-up request"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # An address brought over from another system's list (a Ghost import,
    # ``imports``) rather than confirmed here: where from, and when. Its
    # ``confirmed_at`` is then the consent that system recorded; nobody was
    # sent a confirmation.
    import_source = models.CharField(_("imported from"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # "Jane@example.com" and "jane@example.com" are one reader.
            models.UniqueConstraint(
                Lower("email"), name="newsletter_subscriber_email_ci_unique"
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.email


class Digest(models.Model):
    """One weekly digest: which week, which articles, and to whom it went."""

    # ISO year and week, e.g. "2025-W29": a second run in the same week finds
    # this row and only sends what is still owed.
    period = models.CharField(max_length=10, unique=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # Primary keys, not a relation: a retry later in the week sends the same
    # selection, and the app keeps no migration tie to the articles app.
    article_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return self.period


class Delivery(models.Model):
    """One subscriber's copy of one digest."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, related_name="deliveries"
    )
    # Kept when a subscriber is erased, so the digest's counts stay right.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "subscriber"], name="newsletter_one_delivery_each"
            ),
        ]

    def __str__(self):
        return f"{self.digest} → {self.subscriber or _('(erased)')}"

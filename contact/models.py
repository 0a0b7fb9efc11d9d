from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Limits shared by the model and the form, so what the form accepts always fits.
NAME_MAX = 100
SUBJECT_MAX = 150
MESSAGE_MAX = 5000


class ContactMessage(models.Model):
    """A message a reader sent through the contact form."""

    name = models.CharField(max_length=NAME_MAX)
    email = models.EmailField(_("e-mail address"), max_length=254)
    subject = models.CharField(max_length=SUBJECT_MAX)
    message = models.TextField()
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    # The copy e-mailed to the newsroom. The message is kept even when the
    # mail server refuses it; the desk sees the error here.
    mailed_to = models.EmailField(blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    mail_error = models.TextField(blank=True)
    is_handled = models.BooleanField(_("handled"), default=False)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["is_handled", "created_at"])]

    def __str__(self):
        return self.subject

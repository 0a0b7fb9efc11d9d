"""Live blogs: an article with a live flag, and the stream of entries under it.

A live blog keeps everything an article has (headline, bylines, category,
workflow, preview, redirects); ``LiveCoverage`` adds the flag and the
coverage's start and end to ``Article`` itself (abstract, so the fields are
the article's own columns; defined here because the article module is at
its size cap). Entries are rows of their own, never parts edited inline with
the article: posting one is a small write of its own
(``articles.live_blogs``) that must not move the site-wide cache generation.

What readers may see of the stream is one queryset method,
``LiveEntry.objects.shown()``: approved and not deleted. Every surface that
shows entries (the page, the updates endpoint, the feed, the JSON-LD,
search) starts from it, after the article itself passed ``published()``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.richtext import RichTextField, sanitize_body


class LiveCoverage(models.Model):
    """The article's live-blog columns."""

    is_live_blog = models.BooleanField(
        "live blog",
        default=False,
        help_text=_("A stream of short, timestamped updates under this headline."),
    )
    entries_need_approval = models.BooleanField(
        "journalists' entries need approval",
        default=False,
        help_text=_("Entries posted by journalists wait for an editor's approval."),
    )
    # When the coverage began: its first publication, unless the desk says
    # otherwise; ended by an editor (``articles.workflow.end_coverage``).
    coverage_started_at = models.DateTimeField(null=True, blank=True)
    coverage_ended_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_live_now(self):
        """A live blog whose coverage has not been ended."""
        return self.is_live_blog and self.coverage_ended_at is None

    @property
    def coverage_start(self):
        return self.coverage_started_at or self.first_published_at or self.published_at


class LiveEntryQuerySet(models.QuerySet):
    def shown(self):
        """What readers may see of a live blog's stream: the one definition."""
        return self.filter(is_approved=True, deleted_at__isnull=True)

    def for_stream(self):
        """Newest first, pinned on top, with what each entry shows."""
        return self.order_by("-is_pinned", "-posted_at", "-id").prefetch_related(
            "authors", "corrections"
        )


class LiveEntry(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="live_entries"
    )
    posted_at = models.DateTimeField(default=timezone.now)
    # Bumped by every change a reader could see (edit, pin, approval,
    # deletion): the updates endpoint's cursor reads it.
    updated_at = models.DateTimeField(default=timezone.now)
    authors = models.ManyToManyField(
        "authors.Author", related_name="live_entries", blank=True
    )
    title = models.CharField(max_length=200, blank=True)
    body = RichTextField()
    is_pinned = models.BooleanField("pinned", default=False)
    is_key_event = models.BooleanField("key event", default=False)
    is_approved = models.BooleanField("approved", default=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Deleting is recoverable: the row stays, hidden from every surface.
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-id"]
        verbose_name = "live entry"
        verbose_name_plural = "live entries"
        indexes = [
            # The stream and the updates endpoint's "changed since".
            models.Index(
                fields=["article", "updated_at"], name="live_entry_updated_idx"
            ),
            models.Index(fields=["article", "posted_at"], name="live_entry_posted_idx"),
        ]

    def __str__(self):
        return self.title or f"Entry of {self.posted_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # Sanitised here too, as a section's body: nothing reaches the
        # database unsanitised, whichever code path wrote it.
        self.body = sanitize_body(self.body or "")
        super().save(*args, **kwargs)

    @property
    def anchor(self):
        return f"entry-{self.pk}"


class LiveEntryCorrection(models.Model):
    """A correction of one entry, printed under it."""

    entry = models.ForeignKey(
        LiveEntry, on_delete=models.CASCADE, related_name="corrections"
    )
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]

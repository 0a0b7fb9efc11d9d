"""Notes on a story: the desk's conversation about an article, anchored to a
field (the headline, the intro…) or a part (a section, a key point, an FAQ),
with replies, @mentions and a resolved state (``articles.notes`` writes
them; ``articles.admin.notes`` shows them on the change page).

Notes are never content. No public page, feed, sitemap or search index reads
them, they are not registered with django-reversion (so no revision holds
them and a restore never touches them), and writing one moves no page-cache
generation. They live and die with their article (CASCADE).

A part is named by its kind and primary key rather than by a foreign key: a
note outlives the section it was written on (the desk says the section has
gone, and shows the subheading it had, kept in ``anchor_label``), and saving
an article's parts never has notes to update.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models.articles import Article

# A note is a remark, not a second draft: long enough for a paragraph of
# advice and a quoted sentence, short enough to read in the panel.
MAX_NOTE_LENGTH = 2000
# The anchors that name one of the article's parts (by ``anchor_part_id``),
# in the order the change page shows the parts.
PART_ANCHOR_NAMES = ("section", "key_point", "faq")


class NoteQuerySet(models.QuerySet):
    def threads(self):
        """Notes that start a thread (replies hang from them)."""
        return self.filter(parent__isnull=True)

    def open(self):
        """Threads not resolved."""
        return self.threads().filter(resolved_at__isnull=True)

    def in_open_threads(self):
        """Notes, first or reply, whose thread is not resolved."""
        return self.filter(
            Q(parent__isnull=True, resolved_at__isnull=True)
            | Q(parent__isnull=False, parent__resolved_at__isnull=True)
        )


class Note(models.Model):
    """One note, or a reply to one (``parent``; replies do not nest). The
    anchor, the resolution and the thread's place belong to the first note;
    a reply's are copied from it and never shown on their own."""

    class Anchor(models.TextChoices):
        STORY = "story", _("the whole story")
        HEADLINE = "headline", _("headline")
        SLUG = "slug", _("slug")
        DEK = "dek", _("intro")
        HERO = "hero", _("hero image")
        FILING = "filing", _("category and tags")
        SEO = "seo", _("search and sharing")
        SUMMARY = "summary", _("summary")
        SECTION = "section", _("section")
        KEY_POINT = "key_point", _("key point")
        FAQ = "faq", _("FAQ")

    # Anchors that name one of the article's parts by ``anchor_part_id``.
    PART_ANCHORS = frozenset(PART_ANCHOR_NAMES)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="article_notes",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(max_length=MAX_NOTE_LENGTH)
    anchor = models.CharField(
        max_length=20, choices=Anchor.choices, default=Anchor.STORY
    )
    anchor_part_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What the part was called when the note was written (a section's
    # subheading…), for when it has gone since.
    anchor_label = models.CharField(max_length=200, blank=True)
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="NoteMention",
        related_name="mentioned_in_notes",
        blank=True,
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A part's anchor names the part; any other anchor names none.
            models.CheckConstraint(
                condition=Q(anchor__in=PART_ANCHOR_NAMES, anchor_part_id__isnull=False)
                | (~Q(anchor__in=PART_ANCHOR_NAMES) & Q(anchor_part_id__isnull=True)),
                name="articles_note_part_anchor_has_part",
            ),
        ]
        indexes = [
            # The desk list's count of open notes per article.
            models.Index(
                fields=["article"],
                condition=Q(parent__isnull=True, resolved_at__isnull=True),
                name="articles_note_open",
            ),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}: {self.body[:40]}"

    @property
    def anchor_key(self):
        """``"headline"``, ``"section:12"``…: one string per anchor."""
        if self.anchor in self.PART_ANCHORS:
            return f"{self.anchor}:{self.anchor_part_id}"
        return self.anchor

    @property
    def thread(self):
        return self.parent or self

    def is_resolved(self):
        return self.thread.resolved_at is not None


class NoteMention(models.Model):
    """``user`` was mentioned in ``note``; the mail telling them, once sent
    (``emailed_at``) or the mail server's last refusal (``email_error``)."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["note", "user"], name="articles_note_mention_once"
            )
        ]

    def __str__(self):
        return f"{self.user} in note {self.note_id}"

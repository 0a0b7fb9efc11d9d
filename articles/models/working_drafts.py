"""Working drafts: what a person had typed into an article's change form and
not saved yet, kept by the desk's autosave (``articles.admin.autosave``).

One per person and article. A working draft is never a revision, never read
by the public pages or the search index and never written to the article: it
is the form's state, kept so that a closed tab or a crash loses no word. A
real save of the article by that person deletes it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.articles import Article

# The most one autosave may post: far above a long story with all its parts
# (a section holds at most ``limits.MAX_SECTION_BODY_KB``), far below what
# would let one person fill the database.
MAX_WORKING_DRAFT_BYTES = 1024 * 1024


class WorkingDraft(models.Model):
    """The change form of ``article`` as ``user`` left it: ``data`` holds the
    posted fields as ``{name: [values]}`` (no CSRF token, no files)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="working_drafts",
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="working_drafts"
    )
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField()

    class Meta:
        verbose_name = _("working draft")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="one_working_draft_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.article}"

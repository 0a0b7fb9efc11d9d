"""What an import made, by what it was at the source: so a second run of
the same export finds its rows again and duplicates nothing.

One ``ImportedItem`` per post, page, author, category, tag or member of an
export's site, keyed by the site (``Export.source``), the kind and the
source's own id (a WordPress post id, a Ghost object id). It keeps the
fingerprint of the record as last imported (a rerun with the same record
changes nothing) and the article's desk version then (an article saved at
the desk since is someone's work: it is not overwritten unless asked).
"""

from django.conf import settings
from django.db import models


class ImportedItem(models.Model):
    class Kind(models.TextChoices):
        POST = "post"
        PAGE = "page"
        AUTHOR = "author"
        CATEGORY = "category"
        TAG = "tag"
        MEMBER = "member"

    source = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source_id = models.CharField(max_length=300)
    guid = models.CharField(max_length=500, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    # The article's ``version`` (counted by the desk's saves) when imported.
    desk_version = models.PositiveIntegerField(null=True, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imported_from",
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        "articles.Category",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    site_page = models.ForeignKey(
        "newsroom.SitePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imported_from",
    )
    # A subscriber's consent, as the source recorded it: the import is not
    # a new sign-up, and nobody was e-mailed.
    consented_at = models.DateTimeField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="imports_one_row_per_item"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.source_id}"


class ImportRun(models.Model):
    """One import started from the desk: the uploaded export, its dry run's
    report, then the real run's, with progress, each run by a task
    (``imports.tasks``), never in the request."""

    class System(models.TextChoices):
        WORDPRESS = "wordpress", "WordPress (WXR .xml)"
        GHOST = "ghost", "Ghost (.json)"

    class Status(models.TextChoices):
        CHECKING = "checking", "Dry run queued or running"
        CHECKED = "checked", "Dry run done: waiting for confirmation"
        IMPORTING = "importing", "Import queued or running"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    system = models.CharField(max_length=10, choices=System.choices)
    file_name = models.CharField(max_length=255)  # as uploaded, for people
    stored_as = models.CharField(max_length=255, editable=False)  # imports.uploads
    media_dir = models.CharField(max_length=500, blank=True)
    default_category = models.ForeignKey(
        "articles.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    overwrite = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.CHECKING
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    summary = models.CharField(max_length=300, blank=True)
    dry_run_report = models.TextField(blank=True)
    report = models.TextField(blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "import"

    def __str__(self):
        return f"{self.get_system_display()}: {self.file_name}"

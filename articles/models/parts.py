"""The parts of an article edited inline with it: its sections, key points
and FAQs (ordered ``ArticlePart``s), and the corrections printed under it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.articles import Article
from newsroom.richtext import RichTextField, sanitize_body


class ArticlePart(models.Model):
    """An ordered piece of an article, edited inline with it."""

    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class Section(ArticlePart):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="sections"
    )
    subheading = models.CharField(max_length=200)
    body = RichTextField(blank=True)

    class Meta(ArticlePart.Meta):
        pass

    def __str__(self):
        return self.subheading

    def save(self, *args, **kwargs):
        # Sanitised here too, not only in forms: nothing reaches the database
        # unsanitised, whichever code path wrote it.
        self.body = sanitize_body(self.body or "")
        super().save(*args, **kwargs)


class KeyPoint(ArticlePart):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="key_points"
    )
    text = models.CharField(max_length=400)

    class Meta(ArticlePart.Meta):
        verbose_name = "key point"

    def __str__(self):
        return self.text


class FAQ(ArticlePart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = models.TextField()

    class Meta(ArticlePart.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    created_at = models.DateTimeField("date", default=timezone.now)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]
        # The newest correction of any live article: the articles sitemap's
        # last change.
        indexes = [models.Index(fields=["created_at"], name="correction_created_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.created_at:%Y-%m-%d}"

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.richtext import RichTextField, sanitize_body


class SiteSettings(models.Model):
    """The publication's identity: one row, edited in the admin."""

    name = models.CharField(max_length=120, default="The Daily Ledger")
    tagline = models.CharField(max_length=200, blank=True)
    logo = models.ImageField(upload_to="site/", blank=True)
    description = models.TextField(
        blank=True, help_text=_("Used as the home page's meta description.")
    )
    facebook_url = models.URLField("Facebook", blank=True)
    x_url = models.URLField("X", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # one publication per installation
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings

    @property
    def has_social_links(self):
        """Whether any of the publication's accounts is filled in: the lists
        of them (includes/social_links.html) and the phone menu that may
        hold nothing else show only then."""
        return bool(self.facebook_url or self.x_url or self.instagram_url)


class SitePage(models.Model):
    """About, Contact, Privacy, Accessibility, Terms: fixed addresses, edited text."""

    class Kind(models.TextChoices):
        ABOUT = "about", _("About Us")
        CONTACT = "contact", _("Get In Touch")
        PRIVACY = "privacy", _("Privacy Policy")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        TERMS = "terms", _("Terms and Conditions")

    slug = models.SlugField(choices=Kind.choices, unique=True)
    title = models.CharField(max_length=120)
    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body or "")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("site-page", kwargs={"slug": self.slug})


class PublicEdition(models.Model):
    """Which edition of the public site is current: one row.

    ``number`` moves on whenever something a reader can see changes (see
    ``newsroom.editions``), and the page cache keys every page by it, so a
    cached page is never older than the site. ``next_change_at`` is when the
    next scheduled article goes live: the edition moves on then too, though
    nobody saves anything.
    """

    SINGLETON_PK = 1

    number = models.PositiveBigIntegerField(default=0)
    next_change_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"edition {self.number}"


class ThrottleCount(models.Model):
    """Attempts made in one window of one throttle by one client or address
    (``newsroom.throttle``): a row per window, gone once the window is over."""

    key = models.CharField(primary_key=True, max_length=120)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.hits}"

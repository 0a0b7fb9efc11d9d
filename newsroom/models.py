from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel

from newsroom.richtext import RichTextField, sanitize_body


class SiteSettings(SingletonModel):
    """The publication's identity: one row, edited in the admin (django-solo).

    Every page shows it, so it is read from the cache (``SOLO_CACHE``), not
    the database. A save drops the copy at once and files the new row when
    its transaction commits (one that rolls back leaves the settings as they
    were), and moves the site's generation on with it (articles.services), so
    the page cache renders the next page with the new row. With Redis every
    process shares the copy; with each worker's own memory (newsroom.W003)
    another worker's copy lasts up to ``SOLO_CACHE_TIMEOUT``.
    """

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

    @property
    def has_social_links(self):
        """Whether any of the publication's accounts is filled in: the lists
        of them (includes/social_links.html) and the phone menu that may
        hold nothing else show only then."""
        return bool(self.facebook_url or self.x_url or self.instagram_url)

    @classmethod
    def load(cls):
        return cls.get_solo()

    @classmethod
    def get_solo(cls):
        """The settings, made with their defaults the first time: no query
        while the cache holds them, one otherwise."""
        cache = _solo_cache()
        if cache is None:
            return super().get_solo()
        row = cache.get(cls.get_cache_key())
        if row is None:
            row, _created = cls.objects.get_or_create(pk=cls.singleton_instance_id)
            # Added, never set: a save that committed since this read has
            # filed its newer row, which this copy must not replace.
            cache.add(cls.get_cache_key(), row, settings.SOLO_CACHE_TIMEOUT)
        return row

    def set_to_cache(self):
        # What django-solo's save() calls. The copy read before the save is
        # dropped now; the new row is filed once the save commits.
        cache = _solo_cache()
        if cache is None:
            return
        key = self.get_cache_key()
        cache.delete(key)
        transaction.on_commit(lambda: cache.set(key, self, settings.SOLO_CACHE_TIMEOUT))


def _solo_cache():
    name = getattr(settings, "SOLO_CACHE", None)
    return caches[name] if name else None


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


class CacheGeneration(models.Model):
    """The page cache's current generation: one row.

    ``number`` moves on when something touches every page (see
    ``newsroom.generations``), and the page cache keys every page by it.
    ``next_change_at`` is when the next scheduled article goes live: the first
    request after it moves the page keys of what that changes, though nobody
    saves anything.
    """

    SINGLETON_PK = 1

    number = models.PositiveBigIntegerField(default=0)
    next_change_at = models.DateTimeField(null=True, blank=True)
    # The last version handed to a page key (``PageKeyVersion``): the row is
    # locked from a write's bump to its commit, so versions commit in order
    # and "every key changed since N" is exact (``newsroom.page_keys``).
    keys_version = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"generation {self.number}"


class PageKeyVersion(models.Model):
    """When a page key last changed: ``article-12``, ``list-home``, ``site``...

    A cached page keeps the keys of what it shows; it is fresh while none of
    them has a version above the one it was rendered at
    (``newsroom.page_keys``). A row per key that ever changed; ``version``
    is ``CacheGeneration.keys_version`` at the change, so processes catch up
    with one indexed range read.
    """

    key = models.CharField(primary_key=True, max_length=100)
    version = models.PositiveBigIntegerField(db_index=True)

    def __str__(self):
        return f"{self.key} at {self.version}"


class ThrottleCount(models.Model):
    """Attempts made in one window of one throttle by one client or address
    (``newsroom.throttle``): a row per window, gone once the window is over."""

    key = models.CharField(primary_key=True, max_length=120)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.hits}"

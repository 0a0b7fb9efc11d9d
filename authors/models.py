from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsroom.routes import slug_path


class AuthorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Author(models.Model):
    """A byline. May belong to a login (staff) or stand alone (a guest)."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text="The login this profile belongs to; empty for guest contributors.",
    )
    job_title = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True)
    # A portrait from the image library (library.Image).
    avatar = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="avatar_of",
        help_text=_("Choose a portrait from the library, or upload a new one to it."),
    )
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True, help_text="Not shown to readers.")
    x_handle = models.CharField("X handle", max_length=60, blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Untick to take the profile off the site: no author page, feed "
        "or link, and no new bylines. Their articles keep the name.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:140]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("authors:detail", self.slug)

    @property
    def page_url(self):
        """Where a byline links: the author's page, or "" once they are taken
        off the site (inactive), when their bylines stay as plain names."""
        return self.get_absolute_url() if self.is_active else ""

    @property
    def x_url(self):
        handle = self.x_handle.lstrip("@")
        return f"https://x.com/{handle}" if handle else ""

    @property
    def initials(self):
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class LoginLinkChange(models.Model):
    """One change of the login an author profile belongs to: who changed it,
    from which login to which, when. Written only by ``authors.logins``.

    The four-eyes rule reads it (``authors.logins.profiles_of``): an editor's
    byline is theirs for good, even once the profile is linked elsewhere.
    """

    # The trail outlives the profile, as an article's events outlive it: no
    # database constraint, and deleting the profile leaves its rows (ids are
    # never reused). ``author`` raises ``Author.DoesNotExist`` once it is gone.
    author = models.ForeignKey(
        Author,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="login_changes",
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Login names kept as text too, so the trail still names logins since
    # deleted ("" for none).
    from_username = models.CharField(_("from login"), max_length=150, blank=True)
    to_username = models.CharField(_("to login"), max_length=150, blank=True)
    changed_by_name = models.CharField(_("changed by"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("login link change")

    def __str__(self):
        return f"{self.from_username or '-'} -> {self.to_username or '-'}"

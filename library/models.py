"""The image library: every picture the newsroom uses, uploaded once.

An ``Image`` is the stored file (checked, re-encoded and stripped by
``newsroom.uploads`` like every upload, with renditions for ``srcset`` by
``newsroom.renditions``) and what the newsroom knows of it: alt text,
caption, credit, copyright or licence, where it came from, and the point
that matters in it (the focal point), which every crop keeps in frame.
Articles' heroes and authors' avatars point at it (``PROTECT``): an image
in use cannot be deleted, and one picture serves many stories.

The focal point is kept as fractions of the width and height (0 left or
top, 1 right or bottom; the centre by default), so it survives any
rendition's size.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.renditions import (
    AVATAR_WIDTHS,
    HERO_WIDTHS,
    ImageWithRenditionsField,
    rendition_name,
)

# One picture may be a card, a hero or an avatar: renditions at every width
# any of those slots asks for (the browser picks by ``sizes``).
LIBRARY_WIDTHS = tuple(sorted(set(AVATAR_WIDTHS) | set(HERO_WIDTHS)))

# Steps the focal point is rounded to for the public pages' crops: the
# stylesheet has a class per step (site.css, "Focal points"), as the pages'
# policy allows no inline style.
FOCUS_STEPS = 10
# The desk's thumbnails: sharp at twice a 128-pixel box.
THUMBNAIL_WIDTH = 256
# What link previews show (Facebook, X, LinkedIn, Bluesky): library.crops.
SOCIAL_SIZE = (1200, 630)


def fraction_validators():
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def search(self, words):
        """Images whose alt text, caption, credit, source or copyright
        hold every one of ``words``."""
        matching = self
        for word in words.split():
            matching = matching.filter(
                models.Q(alt__icontains=word)
                | models.Q(caption__icontains=word)
                | models.Q(credit__icontains=word)
                | models.Q(source__icontains=word)
                | models.Q(copyright__icontains=word)
            )
        return matching


class Image(models.Model):
    file = ImageWithRenditionsField(
        _("image file"),
        upload_to="library/%Y/%m/",
        width_field="width",
        height_field="height",
        renditions_field="renditions",
        rendition_widths=LIBRARY_WIDTHS,
    )
    # Kept so pages reserve the picture's space without opening the file.
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Widths of the smaller copies beside it (newsroom.renditions).
    renditions = models.JSONField(default=list, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_(
            "What the image shows, for readers who cannot see it. An article "
            "may say it its own way."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=150,
        blank=True,
        help_text=_("Shown as written, e.g. “Photo: Ana Ruiz” or “Illustration: …”."),
    )
    copyright = models.CharField(
        _("copyright or licence"),
        max_length=200,
        blank=True,
        help_text=_("Who holds the rights, or the licence it is used under."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where it came from: staff, an agency, a reader, a handout."),
    )
    focal_x = models.FloatField(
        _("focal point, across"), default=0.5, validators=fraction_validators()
    )
    focal_y = models.FloatField(
        _("focal point, down"), default=0.5, validators=fraction_validators()
    )
    # The 1200 × 630 crop around the focal point that social networks show
    # (library.crops); its name changes with the point, so no cache keeps an
    # old one.
    social_crop = models.CharField(max_length=255, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [
            models.Index(fields=["uploaded_at", "id"], name="library_uploaded_idx")
        ]

    def __str__(self):
        return self.alt or self.caption or self.file.name.rsplit("/", 1)[-1]

    # The stored file's, so an image reads like the file it holds.
    @property
    def name(self):
        return self.file.name

    @property
    def storage(self):
        return self.file.storage

    @property
    def url(self):
        return self.file.url

    @property
    def srcset(self):
        return self.file.srcset

    @property
    def thumbnail_url(self):
        """A small copy for the desk's lists and choosers: the smallest
        rendition at least ``THUMBNAIL_WIDTH`` wide, else the file."""
        widths = [w for w in self.renditions or () if w >= THUMBNAIL_WIDTH]
        if widths:
            return self.file.storage.url(rendition_name(self.file.name, min(widths)))
        return self.file.url

    @property
    def focus_class(self):
        """The stylesheet's classes putting this image's focal point in the
        middle of a crop (``object-position``), e.g. ``"focus-x-3 focus-y-7"``;
        none for the centre, where a crop is centred anyway."""
        x = round(self.focal_x * FOCUS_STEPS)
        y = round(self.focal_y * FOCUS_STEPS)
        centre = FOCUS_STEPS // 2
        classes = [f"focus-x-{x}"] if x != centre else []
        classes += [f"focus-y-{y}"] if y != centre else []
        return " ".join(classes)

    @property
    def social_size(self):
        """(width, height) of what ``social_url`` names."""
        if self.social_crop:
            return SOCIAL_SIZE
        return (self.width, self.height)

    @property
    def social_url(self):
        """The 1200 × 630 crop for link previews, else the picture itself."""
        if self.social_crop:
            return self.file.storage.url(self.social_crop)
        return self.file.url

"""Site-wide parts of the desk: its branding, site settings and pages."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.forms import desk_time
from newsroom.forms import SiteSettingsForm
from newsroom.models import SitePage, SiteSettings
from newsroom.text import NFCModelForm

# The fallback when a page has no site settings at hand; base_site.html shows
# the publication's own name (from SiteSettings) in the header.
admin.site.site_header = _("Newsroom desk")
admin.site.site_title = _("Newsroom desk")
admin.site.index_title = _("The desk")

# --- Site settings and pages --------------------------------------------------


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row per installation: no second one, and never none."""

    form = SiteSettingsForm

    fieldsets = (
        (None, {"fields": ("name", "tagline", "logo", "description")}),
        (
            _("Contact and social links"),
            {"fields": ("contact_email", "facebook_url", "x_url", "instagram_url")},
        ),
    )

    # A pasted "example.com" becomes https://, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not (
            SiteSettings.objects.exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # A list of one is noise: go straight to the row.
        site_settings = SiteSettings.objects.first()
        if site_settings is not None and self.has_view_or_change_permission(
            request, site_settings
        ):
            return redirect(
                reverse("admin:newsroom_sitesettings_change", args=[site_settings.pk])
            )
        return super().changelist_view(request, extra_context)


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    form = NFCModelForm  # text read in NFC (newsroom.text)
    list_display = ("title", "slug", "updated_time")
    search_fields = ("title", "intro")
    fields = ("slug", "title", "intro", "body")

    @admin.display(description=_("last edited"), ordering="updated_at")
    def updated_time(self, obj):
        # The newsroom's clock, zone shown, as everywhere on the desk.
        return desk_time(obj.updated_at)


# --- "View on site" -------------------------------------------------------------


def view_on_site(request, content_type_id, object_id):
    """The desk's "view on site" shortcut (``/admin/r/<type>/<id>/``).

    Django's own (``contenttypes.views.shortcut``) redirects any staff login
    to any object's ``get_absolute_url()``, so it would tell a draft's
    address to a colleague who may not open the draft. Here the object's
    admin decides, as it does for its own "view on site" button: the login
    must be allowed to view the object, and the admin must give it a public
    address (an article has one only while it is published).
    """
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404("Nothing on the site for this type.")
    obj = model_admin.get_object(request, str(object_id))
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404("Nothing on the site for this object.")
    # The admin's own rule, not get_view_on_site_url(), which for a plain
    # True would point back at this view.
    rule = model_admin.view_on_site
    if callable(rule):
        url = rule(obj)
    elif rule and hasattr(obj, "get_absolute_url"):
        url = obj.get_absolute_url()
    else:
        url = None
    if not url:
        raise Http404("Not on the site.")
    return redirect(url)

"""Site-wide parts of the desk: its branding, site settings and pages, and
what every desk list makes of an address or a form mangled by hand."""

from datetime import MAXYEAR, MINYEAR

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections, models, router
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from solo.admin import SingletonModelAdmin

from newsroom.forms import SiteSettingsForm
from newsroom.models import SitePage, SiteSettings
from newsroom.text import NFCModelForm
from newsroom.times import desk_time

# The fallback when a page has no site settings at hand; base_site.html shows
# the publication's own name (from SiteSettings) in the header.
admin.site.site_header = _("Newsroom desk")
admin.site.site_title = _("Newsroom desk")
admin.site.index_title = _("The desk")

# --- Addresses and forms typed or mangled by hand ---------------------------------

# Parts of a date or time a list may be filtered by (``created_at__year=``):
# whole numbers, and no calendar has one of five digits.
DATE_PARTS = {
    "year": (MINYEAR, MAXYEAR),
    "iso_year": (MINYEAR, MAXYEAR),
    **{
        part: (0, 9999)
        for part in (
            "quarter",
            "month",
            "week",
            "week_day",
            "iso_week_day",
            "day",
            "hour",
            "minute",
            "second",
        )
    },
}


def readable_id(model, value):
    """``value`` as an id of ``model`` that can be looked up, or None: junk,
    or a number past what the column holds (SQLite cannot be asked for one,
    PostgreSQL refuses it; either was a server error)."""
    field = model._meta.pk
    try:
        pk = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None
    if pk is None or not _fits(field, pk, model):
        return None
    return pk


def _fits(field, value, model):
    if not isinstance(field, models.IntegerField):
        return True
    connection = connections[router.db_for_read(model)]
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is None or low <= value) and (high is None or value <= high)


def _compared(model, key):
    """(field, lookups) of a list's filter in its address: the field whose
    column the value is compared with, and the lookups and transforms after
    it. ``category__exact`` -> (Category's id, ["exact"]); ``created_at__year``
    -> (created_at, ["year"]); (None, ...) for a filter of the admin's own."""
    opts, field, parts = model._meta, None, key.split(LOOKUP_SEP)
    while parts:
        try:
            field = opts.get_field(parts[0])
        except FieldDoesNotExist:
            break
        parts.pop(0)
        if field.is_relation and field.related_model is not None:
            opts = field.related_model._meta
    if field is not None and field.is_relation and field.related_model is not None:
        field = opts.pk  # a relation is compared by the related row's id
    return field, parts


def filter_fits(model, key, values):
    """Whether a list's filter from its address (``key`` and its values) can
    be put to the database. Text that is not a number Django refuses itself;
    a number past an integer column's range, or a date part no calendar has,
    failed only when the query ran: a server error."""
    field, lookups = _compared(model, key)
    if field is None or "isnull" in lookups:
        return True
    if lookups and lookups[0] in DATE_PARTS:
        low, high = DATE_PARTS[lookups[0]]
    elif isinstance(field, models.IntegerField):
        low, high = None, None
    else:
        return True
    if isinstance(values, str):
        values = [values]
    for value in values:
        for number in value.split(",") if "in" in lookups else [value]:
            try:
                number = int(number)
            except ValueError:
                continue  # Django refuses it, as a filter it cannot read
            if low is not None and not low <= number <= high:
                return False
            if not _fits(field, number, model):
                return False
    return True


class DeskChangeList(ChangeList):
    """Django's list, refusing a filter the database could not be asked
    (``filter_fits``) as Django refuses one it cannot read: the list again,
    every item in it, with ``DeskAdminMixin``'s message."""

    def get_filters(self, request):
        for key, values in self.get_filters_params().items():
            if not filter_fits(self.model, key, values):
                raise IncorrectLookupParameters(key)
        return super().get_filters(request)


class ReadOnlyAdminMixin:
    """A record only its own code writes (an audit trail, redirects made by
    address changes): the desk may read it, nobody may add, change or
    delete it there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DeskAdminMixin:
    """What every list of the desk makes of an address or a bulk action typed
    or mangled by hand: a filter it cannot apply lists every item and says
    so; ticked ids that name nothing select nothing. Never a server error.
    And its rows' tick boxes, drawn without a template."""

    def get_changelist(self, request, **kwargs):
        return DeskChangeList

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            # Django sends the browser to the unfiltered list, saying nothing.
            messages.warning(
                request,
                gettext(
                    "The list could not be filtered as its address asked (a "
                    "value in it is not one the desk can read), so every "
                    "item is listed."
                ),
            )
            raise

    def action_checkbox(self, obj):
        # Django's own draws a form widget through the template engine, once
        # per row: about a quarter of rendering a list of 50 articles. The
        # same input, written out (its header and the ticking script go by
        # the column's name and these attributes).
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    def response_action(self, request, queryset):
        # Django filters by every ticked id as posted, and an id that is no
        # number the database holds failed there.
        ticked = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        readable = [pk for pk in ticked if readable_id(self.model, pk) is not None]
        if readable != ticked:
            request.POST = request.POST.copy()
            request.POST.setlist(helpers.ACTION_CHECKBOX_NAME, readable)
        return super().response_action(request, queryset)


def hold_to_desk_rules(model, *fixes):
    """Re-register the admin another app registered for ``model`` (Django's
    users and groups, the login throttle's lists) with ``DeskAdminMixin``
    and any ``fixes``, otherwise as it is: a list of theirs, typed or ticked
    by hand, is no more a server error than one of ours. A model its app
    left off the site (``AXES_ENABLE_ADMIN = False``) stays off."""
    if not admin.site.is_registered(model):
        return
    stock = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(stock.__name__, (DeskAdminMixin, *fixes, stock), {"__module__": __name__}),
    )


class AxesAttemptTimeFix:
    """django-axes' "Clean up expired attempts" reads the time axes gives a
    login request (``request.axes_attempt_time``) and failed on any other
    request, so on every use (django-axes issue #1424). None is the time it
    reads as "now"."""

    def response_action(self, request, queryset):
        if not hasattr(request, "axes_attempt_time"):
            request.axes_attempt_time = None
        return super().response_action(request, queryset)


# Their apps come before this one in INSTALLED_APPS: registered by now.
hold_to_desk_rules(get_user_model())
hold_to_desk_rules(Group)
hold_to_desk_rules(AccessAttempt, AxesAttemptTimeFix)
hold_to_desk_rules(AccessLog)
hold_to_desk_rules(AccessFailureLog)


# --- Site settings and pages --------------------------------------------------


@admin.register(SiteSettings)
class SiteSettingsAdmin(DeskAdminMixin, SingletonModelAdmin):
    """One row per installation (django-solo): no second one, and never none."""

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
class SitePageAdmin(DeskAdminMixin, admin.ModelAdmin):
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

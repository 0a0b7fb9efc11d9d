"""The mailing list on the desk: who is on it, and what each digest did.

Subscribers cannot be added here: an address joins only by its owner
following the confirmation link, or by an archive import bringing over a
list whose consent another system recorded (shown as such: the list's
"Imported" column and filter, the subscriber's "imported from"). Leaving and
erasing are allowed.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsletter import exports, subscriptions
from newsletter.models import Delivery, Digest, Subscriber
from newsroom.admin import DeskAdminMixin


class JoinedFilter(admin.SimpleListFilter):
    title = _("how they joined")
    parameter_name = "joined"

    def lookups(self, request, model_admin):
        return [
            ("here", _("Signed up and confirmed here")),
            ("imported", _("Imported with their consent elsewhere")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "here":
            return queryset.filter(import_source="")
        if self.value() == "imported":
            return queryset.exclude(import_source="")
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(DeskAdminMixin, admin.ModelAdmin):
    list_display = (
        "email",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "imported",
    )
    list_filter = ("status", JoinedFilter, "created_at", "confirmed_at")
    search_fields = ("email",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "email",
        "status",
        "created_at",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent",
        "import_source",
        "imported_at",
    )
    fields = readonly_fields
    actions = ("export_csv", "unsubscribe_selected")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("imported"), boolean=True, ordering="imported_at")
    def imported(self, obj):
        return bool(obj.import_source)

    @admin.display(description=_("consent"))
    def consent(self, obj):
        if not obj.confirmed_at:
            return "—"
        when = date_format(timezone.localtime(obj.confirmed_at), "DATETIME_FORMAT")
        if obj.import_source:
            return format_html(
                _("Given on {} at the old site ({}), as it recorded it; not sent "
                  "a confirmation here"),
                when,
                obj.import_source,
            )  # fmt: skip
        return format_html(_("Confirmed here on {} (the link in our e-mail)"), when)

    @admin.action(
        description=_("Export selected subscribers as CSV"), permissions=["view"]
    )
    def export_csv(self, request, queryset):
        return exports.subscribers_csv(queryset)

    @admin.action(
        description=_("Unsubscribe selected subscribers"), permissions=["change"]
    )
    def unsubscribe_selected(self, request, queryset):
        count = sum(subscriptions.unsubscribe(subscriber) for subscriber in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d subscriber unsubscribed.",
                "%(count)d subscribers unsubscribed.",
                count,
            )
            % {"count": count},
        )


@admin.register(Digest)
class DigestAdmin(DeskAdminMixin, admin.ModelAdmin):
    list_display = ("period", "starts_at", "ends_at", "articles", "sent", "failed")
    readonly_fields = ("period", "starts_at", "ends_at", "article_ids", "created_at")
    fields = readonly_fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count(
                    "deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)
                ),
                failed_count=Count(
                    "deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)
                ),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("articles"))
    def articles(self, obj):
        return len(obj.article_ids)

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, obj):
        return obj.failed_count


@admin.register(Delivery)
class DeliveryAdmin(DeskAdminMixin, admin.ModelAdmin):
    list_display = ("digest", "subscriber", "status", "attempts", "sent_at", "error")
    list_filter = ("status", "digest")
    list_select_related = ("digest", "subscriber")
    search_fields = ("subscriber__email",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

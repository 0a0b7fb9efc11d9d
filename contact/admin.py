"""Readers' messages on the desk: read them, find them, mark them handled.

What a reader wrote is evidence of what they wrote: every field is read-only,
and there is no "add". The admin escapes every value it shows.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contact import inbox
from contact.models import ContactMessage
from newsroom.admin import DeskAdminMixin
from newsroom.times import desk_time


@admin.register(ContactMessage)
class ContactMessageAdmin(DeskAdminMixin, admin.ModelAdmin):
    list_display = ("subject", "name", "email", "received", "is_handled", "mailed")
    list_filter = ("is_handled", "created_at")
    search_fields = ("name", "email", "subject", "message")
    date_hierarchy = "created_at"
    list_select_related = ("handled_by",)
    readonly_fields = (
        "name",
        "email",
        "subject",
        "message",
        "created_at",
        "mailed_to",
        "mailed_at",
        "mail_error",
        "is_handled",
        "handled_at",
        "handled_by",
    )
    fieldsets = (
        (None, {"fields": ("name", "email", "subject", "message", "created_at")}),
        (_("Handling"), {"fields": ("is_handled", "handled_at", "handled_by")}),
        (
            _("Copy to the newsroom"),
            {"fields": ("mailed_to", "mailed_at", "mail_error")},
        ),
    )
    actions = ("mark_handled", "mark_unhandled")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("received"), ordering="created_at")
    def received(self, obj):
        return desk_time(obj.created_at)

    @admin.display(description=_("e-mailed"), boolean=True)
    def mailed(self, obj):
        return obj.mailed_at is not None

    @admin.action(
        description=_("Mark selected messages as handled"), permissions=["change"]
    )
    def mark_handled(self, request, queryset):
        count = inbox.mark_handled(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d message marked as handled.",
                "%(count)d messages marked as handled.",
                count,
            )
            % {"count": count},
        )

    @admin.action(
        description=_("Mark selected messages as not handled"), permissions=["change"]
    )
    def mark_unhandled(self, request, queryset):
        count = inbox.mark_unhandled(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d message marked as not handled.",
                "%(count)d messages marked as not handled.",
                count,
            )
            % {"count": count},
        )

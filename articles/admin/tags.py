"""Tags on the desk: taggit's admin, held to the desk's rules."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from articles import services
from newsroom.admin import DeskAdminMixin
from newsroom.text import NFCModelForm


class TagAdmin(DeskAdminMixin, TaggitTagAdmin):
    """taggit's tag admin, its "merge tags" page held to the desk's rules.

    Merging re-tags every article carrying the merged tags, colleagues'
    published ones included: an editor's job, so it needs the permission to
    change tags. taggit's own page checks no permission at all, and fails
    (after creating the new tag) when the selection it keeps in the session
    is missing or stale.
    """

    form = NFCModelForm  # names read in NFC (newsroom.text)

    def save_model(self, request, obj, form, change):
        services.save_tag(tag=obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_tags(tags=Tag.objects.filter(pk=obj.pk), by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_tags(tags=queryset, by=request.user)

    @admin.action(description=_("Merge selected tags"), permissions=["change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = request.session.get("selected_tag_ids", "").split(",")
        existing = Tag.objects.filter(
            pk__in=[pk for pk in chosen if pk.isdigit()]
        ).values_list("pk", flat=True)
        if not existing:
            self.message_user(
                request,
                gettext("Choose the tags to merge in the list first."),
                messages.WARNING,
            )
            return redirect("admin:taggit_tag_changelist")
        request.session["selected_tag_ids"] = ",".join(map(str, existing))
        if request.method != "POST":
            return super().merge_tags_view(request)
        # Every tag merged and article re-tagged: one write.
        with services.writing(by=request.user):
            return super().merge_tags_view(request)

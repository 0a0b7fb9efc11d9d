"""The audit trail: every workflow step, read-only."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.admin import DeskAdminMixin, ReadOnlyAdminMixin
from newsroom.times import desk_time


class ArticleEventAdmin(ReadOnlyAdminMixin, DeskAdminMixin, admin.ModelAdmin):
    """Every workflow step across the desk, for editors: read, never edited.

    The workflow writes these rows; nobody changes or removes them here.
    """

    list_display = (
        "event_time",
        "action",
        "article_label",
        "from_status",
        "to_status",
        "actor_label",
        "notified_to",
    )
    list_filter = ("action", "to_status")
    search_fields = ("article__headline", "actor_name", "note")
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = (
        "article_label",
        "action",
        "from_status",
        "to_status",
        "actor_label",
        "event_time",
        "publish_time",
        "note",
        "notified_to",
        "notification_error",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        # A subquery, not a join: a deleted article's events stay listed.
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_headline=Subquery(
                    Article.objects.filter(pk=OuterRef("article_id")).values(
                        "headline"
                    )[:1]
                )
            )
        )

    @admin.display(description=_("article"))
    def article_label(self, obj):
        if obj.article_headline is None:
            return gettext("Deleted article #%(pk)s") % {"pk": obj.article_id}
        return obj.article_headline

    @admin.display(description=_("when"), ordering="created_at")
    def event_time(self, obj):
        return desk_time(obj.created_at)

    @admin.display(description=_("to go live"))
    def publish_time(self, obj):
        return desk_time(obj.publish_at) or "—"

    @admin.display(description=_("by"), ordering="actor_name")
    def actor_label(self, obj):
        return obj.actor_name or gettext("Scheduler")

    @admin.display(description=_("notified"))
    def notified_to(self, obj):
        return ", ".join(obj.notified)


# --- Categories ---------------------------------------------------------------

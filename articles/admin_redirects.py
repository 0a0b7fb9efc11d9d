"""The desk's list of old addresses that redirect (``articles.redirects``).

Read-only for everyone: rows are recorded when the address of a live
article, a category, an author or a tag changes, and removed when it moves
back; an edit by hand could only break a link readers hold.
"""

from django.contrib import admin
from django.db.models import BooleanField, ExpressionWrapper
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import redirects
from articles.models import Redirect
from newsroom.admin import DeskAdminMixin, ReadOnlyAdminMixin
from newsroom.times import desk_time


@admin.register(Redirect)
class RedirectAdmin(ReadOnlyAdminMixin, DeskAdminMixin, admin.ModelAdmin):
    list_display = ("old_path", "target_link", "leads_to", "recorded")
    list_select_related = ("article__category", "category", "author", "tag")
    search_fields = (
        "old_path",
        "article__headline",
        "category__name",
        "author__name",
        "tag__name",
    )
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = ("old_path", "target_link", "leads_to", "recorded")
    readonly_fields = fields

    def get_queryset(self, request):
        # Whether each row sends readers anywhere today, by the lookup's own
        # rule, for the whole page at once.
        return (
            super()
            .get_queryset(request)
            .annotate(
                leads_to_a_page=ExpressionWrapper(
                    redirects.leads_to_a_page(), output_field=BooleanField()
                )
            )
        )

    @admin.display(description=_("article, category, author or tag"))
    def target_link(self, obj):
        target = obj.target
        opts = target._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk]
        )
        return format_html('<a href="{}">{}</a>', url, target)

    @admin.display(description=_("leads to"))
    def leads_to(self, obj):
        if not obj.leads_to_a_page:
            if obj.tag_id:
                return _("nowhere while no live article carries the tag (404)")
            if obj.author_id:
                return _(
                    "nowhere while the author is inactive or has no live article (404)"
                )
            return _("nowhere while the article is not live (404)")
        return redirects.page_url(obj.target)

    @admin.display(description=_("recorded"), ordering="created_at")
    def recorded(self, obj):
        return desk_time(obj.created_at)

"""Categories on the desk."""

from django.contrib import admin, messages
from django.utils.translation import ngettext

from articles import services
from articles.models import Category
from newsroom.admin import DeskAdminMixin
from newsroom.text import NFCModelForm


class CategoryAdmin(DeskAdminMixin, admin.ModelAdmin):
    form = NFCModelForm  # names read in NFC (newsroom.text)
    list_display = ("name", "slug", "menu_order", "is_in_menu")
    list_editable = ("menu_order", "is_in_menu")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")
    fields = ("name", "slug", "description", "menu_order", "is_in_menu")

    def save_model(self, request, obj, form, change):
        services.save_category(category=obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_categories(
            categories=Category.objects.filter(pk=obj.pk), by=request.user
        )

    def delete_queryset(self, request, queryset):
        services.delete_categories(categories=queryset, by=request.user)

    def get_deleted_objects(self, objs, request):
        """Articles protect their category (``on_delete=PROTECT``): the
        confirmation page lists them and offers no button; this says why,
        and what to do instead."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        if protected:
            for category in objs:
                filed = category.articles.count()
                if filed:
                    self.message_user(
                        request,
                        ngettext(
                            "“%(name)s” cannot be deleted: %(count)d article is "
                            "filed under it. Move it to another category "
                            "first. Nothing has been deleted.",
                            "“%(name)s” cannot be deleted: %(count)d articles "
                            "are filed under it. Move them to another category "
                            "first. Nothing has been deleted.",
                            filed,
                        )
                        % {"name": category.name, "count": filed},
                        messages.WARNING,
                    )
        return deleted, counts, perms_needed, protected

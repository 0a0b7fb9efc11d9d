"""The image library on the desk: a list of thumbnails searched by words
and filtered by credit and upload date, one image's page with its focal
point picked by clicking the picture, uploads of one or several, and the
hero/avatar choosers' look-ups (``autocomplete_fields`` elsewhere search
here; ``summary`` gives the chosen image's thumbnail and texts).

Any journalist may upload, describe and use images (the Journalists group's
permissions, ``library/migrations``); only editors may delete one, and no
one may delete an image in use: ``PROTECT`` on every use makes Django's
delete pages, single and bulk, refuse with the list of what uses it.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from library import crops
from library.forms import BatchUploadForm, ImageForm
from library.inline_desk import InlineImageViews
from library.models import Image
from library.usage import uses
from newsroom.admin import DeskAdminMixin
from newsroom.roles import is_editor
from newsroom.times import desk_time

THUMBNAIL_BOX = 128


class CreditFilter(admin.SimpleListFilter):
    title = _("credit")
    parameter_name = "credit"
    # The commonest credits; others are found by searching.
    SHOWN = 30

    def lookups(self, request, model_admin):
        credits = (
            Image.objects.exclude(credit="")
            .values_list("credit", flat=True)
            .order_by("credit")
            .distinct()[: self.SHOWN]
        )
        return [(credit, credit) for credit in credits]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(credit=self.value())
        return queryset


@admin.register(Image)
class ImageAdmin(InlineImageViews, DeskAdminMixin, admin.ModelAdmin):
    form = ImageForm
    change_list_template = "admin/library/image/change_list.html"
    delete_confirmation_template = "admin/library/image/delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/library/image/delete_selected_confirmation.html"
    )
    list_display = ("thumbnail", "description", "credit", "uploaded_time")
    # The description is the link: the thumbnail beside it shows, it does not name.
    list_display_links = ("description",)
    list_filter = (CreditFilter, ("uploaded_at", admin.DateFieldListFilter))
    # Also what the hero and avatar choosers search.
    search_fields = ("alt", "caption", "credit", "source", "copyright")
    list_per_page = 48
    fieldsets = (
        (None, {"fields": ("file", "focal_picker", ("focal_x", "focal_y"))}),
        (
            _("About the picture"),
            {"fields": ("alt", "caption", "credit", "copyright", "source")},
        ),
        (_("Use"), {"fields": ("used_by", "uploaded")}),
    )
    readonly_fields = ("focal_picker", "used_by", "uploaded")

    class Media:
        css = {"all": ["css/library.css"]}
        js = ["js/library-focal.js"]

    # --- Who may do what ---------------------------------------------------------

    def has_delete_permission(self, request, obj=None):
        return is_editor(request.user) and super().has_delete_permission(request, obj)

    # --- The list ----------------------------------------------------------------

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        # The desk's policy allows inline styles (newsroom.middleware).
        return format_html(
            '<img class="library-thumb" src="{}" alt="" width="{}" height="{}" '
            'style="object-position: {}% {}%" loading="lazy">',
            obj.thumbnail_url,
            THUMBNAIL_BOX,
            THUMBNAIL_BOX * 2 // 3,
            round(obj.focal_x * 100),
            round(obj.focal_y * 100),
        )

    @admin.display(description=_("alt text and caption"), ordering="alt")
    def description(self, obj):
        return format_html(
            '<span class="library-alt">{}</span>{}',
            obj.alt or gettext("(no alt text yet)"),
            format_html('<span class="library-caption">{}</span>', obj.caption)
            if obj.caption
            else "",
        )

    @admin.display(description=_("uploaded"), ordering="uploaded_at")
    def uploaded_time(self, obj):
        return desk_time(obj.uploaded_at)

    # --- One image ---------------------------------------------------------------

    @admin.display(description=_("focal point"))
    def focal_picker(self, obj):
        if obj is None or not obj.pk or not obj.file:
            return gettext(
                "Save the image first, then click it to set its focal point."
            )
        return format_html(
            '<div class="library-focal" data-x-input="id_focal_x" '
            'data-y-input="id_focal_y">'
            '<div class="library-focal-frame">'
            '<img class="library-focal-image" src="{}" alt="" width="{}" height="{}">'
            '<span class="library-focal-mark" aria-hidden="true"></span></div>'
            '<p class="help">{}</p></div>',
            obj.file.url,
            obj.width or 800,
            obj.height or 600,
            gettext(
                "Click the picture on what must stay in frame when it is cropped "
                "(cards, avatars, link previews), or type the point in the two "
                "boxes below; then save."
            ),
        )

    @admin.display(description=_("used by"))
    def used_by(self, obj):
        if obj is None or not obj.pk:
            return "-"
        found = uses(obj)
        if not found:
            return gettext("Not used yet.")
        items = [
            format_html('<li>{}: <a href="{}">{}</a></li>', kind, url, row)
            if url
            else format_html("<li>{}: {}</li>", kind, row)
            for kind, row, url in found
        ]
        return format_html(
            '<ul class="library-used-by">{}</ul>', format_html("".join(items))
        )

    @admin.display(description=_("uploaded"))
    def uploaded(self, obj):
        if obj is None or not obj.pk:
            return "-"
        who = obj.uploaded_by
        name = (who.get_full_name() or who.get_username()) if who else ""
        when = desk_time(obj.uploaded_at)
        return f"{when}, {name}" if name else when

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: crops.refresh_social_crop(obj))

    # --- Uploading several, and the choosers' look-up ------------------------------

    def get_urls(self):
        own = [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="library_image_upload",
            ),
            path(
                "<path:object_id>/summary/",
                self.admin_site.admin_view(self.summary_view),
                name="library_image_summary",
            ),
            *self.inline_image_urls(),
        ]
        return own + super().get_urls()

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BatchUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                created = [
                    self._create(request, upload, metadata, form.cleaned_data["source"])
                    for metadata, upload in form.cleaned_data["files"]
                ]
            for image in created:
                transaction.on_commit(
                    lambda image=image: crops.refresh_social_crop(image)
                )
            messages.success(
                request,
                ngettext(
                    "%(count)d image added to the library. Give it alt text "
                    "before it is used.",
                    "%(count)d images added to the library. Give each alt text "
                    "before it is used.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect(reverse("admin:library_image_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Upload images"),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/library/image/upload.html", context)

    def _create(self, request, upload, metadata, source):
        image = Image(uploaded_by=request.user, source=source, **metadata)
        image.file.save(upload.name, upload, save=False)
        image.save()
        return image

    def summary_view(self, request, object_id):
        """What the article and author forms show of a chosen image."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        pk = unquote(object_id)
        image = Image.objects.filter(pk=pk).first() if pk.isdigit() else None
        if image is None:
            raise Http404
        return JsonResponse(
            {
                "id": image.pk,
                "thumbnail": image.thumbnail_url,
                "alt": image.alt,
                "caption": image.caption,
                "credit": image.credit,
                "width": image.width,
                "height": image.height,
                "change_url": reverse("admin:library_image_change", args=[image.pk]),
            }
        )

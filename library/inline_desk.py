"""The library's desk for inline images (a section body's "Library image"
button, static/js/prose-body.js): the dialog's search, answering with
thumbnails, by the library's own search (``ImageAdmin.search_fields``, so
the dialog finds what the library's list and the hero chooser find); and
the delete pages' refusal of an image a body still shows inline, listed
with the images' other uses (library/usage.py).

``ImageAdmin`` takes ``InlineImageViews`` among its bases and adds
``inline_image_urls()`` to its URLs.
"""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.text import capfirst

from library.models import Image
from library.usage import desk_url, inline_uses

# Results one search shows: the dialog is small; more words narrow it.
SEARCH_RESULTS = 12


class InlineImageViews:
    def inline_image_urls(self):
        return [
            path(
                "search/",
                self.admin_site.admin_view(self.inline_search_view),
                name="library_image_search",
            )
        ]

    def inline_search_view(self, request):
        """The newest images matching ``?q=`` (all, without words), as JSON."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        words = request.GET.get("q", "").strip()[:200]
        images, _duplicates = self.get_search_results(
            request, Image.objects.all(), words
        )
        images = images.order_by("-uploaded_at", "-id").distinct()
        return JsonResponse(
            {
                "results": [
                    {
                        "id": image.pk,
                        "thumbnail": image.thumbnail_url,
                        "alt": image.alt,
                        "caption": image.caption,
                        "credit": image.credit,
                    }
                    for image in images[:SEARCH_RESULTS]
                ]
            }
        )

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        for image in objs:
            for row in inline_uses(image):
                url = desk_url(row)
                kind = capfirst(row._meta.verbose_name)
                protected.append(
                    format_html('{}: <a href="{}">{}</a>', kind, url, row)
                    if url
                    else format_html("{}: {}", kind, row)
                )
        return deleted, counts, perms_needed, protected

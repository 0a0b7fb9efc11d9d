"""Choosing a library image in another desk form (an article's hero, an
author's portrait): Django's autocomplete select, searching the library by
the words of its alt text, caption, credit and source, with the chosen
picture's thumbnail and texts beside it (updated as another is chosen, by
``static/js/library-choose.js``), and the admin's "+" beside it to upload
a new one into the library in a popup, which then becomes the choice.

A ``ModelAdmin`` lists its library fields in ``library_fields`` and takes
``LibraryChooserMixin`` among its bases.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.template.loader import render_to_string
from django.urls import reverse

from library.models import Image


class LibraryChooserSelect(AutocompleteSelect):
    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-library-summary"] = reverse("admin:library_image_summary", args=[0])
        return attrs

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        chosen = None
        if value not in (None, "") and str(value).isdigit():
            chosen = Image.objects.filter(pk=value).first()
        input_id = (attrs or {}).get("id") or f"id_{name}"
        return html + render_to_string(
            "admin/library/chosen_image.html",
            {"image": chosen, "preview_id": f"{input_id}_preview"},
        )


class LibraryChooserMixin:
    library_fields = ()

    def get_autocomplete_fields(self, request):
        fields = tuple(super().get_autocomplete_fields(request))
        return fields + tuple(f for f in self.library_fields if f not in fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.library_fields:
            kwargs["widget"] = LibraryChooserSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["css/library.css"]}, js=["js/library-choose.js"]
        )

"""The desk's upload form for an import: which system, the file, and the
run's options; everything checked before anything is stored."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Category
from imports.models import ImportRun

# An export begins with these (after a byte-order mark and blank space).
FIRST_CHARACTER = {"wordpress": b"<", "ghost": b"{"}
EXTENSIONS = {"wordpress": ".xml", "ghost": ".json"}


class ImportUploadForm(forms.Form):
    system = forms.ChoiceField(
        label=_("Exported from"),
        choices=ImportRun.System.choices,
        widget=forms.RadioSelect,
    )
    export = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "WordPress: Tools → Export → All content (.xml). "
            "Ghost: Settings → Advanced → Import/Export → Export (.json)."
        ),
    )
    default_category = forms.ModelChoiceField(
        label=_("Category for posts filed under none"),
        queryset=Category.objects.order_by("name"),
        required=False,
    )
    media_dir = forms.CharField(
        label=_("Media folder on the server"),
        required=False,
        help_text=_(
            "Where the copied wp-content/uploads (or Ghost's content/images) "
            "is on this server; images are never fetched from the old site."
        ),
    )
    overwrite = forms.BooleanField(
        label=_("Replace articles edited at the desk since an earlier import"),
        required=False,
    )

    def clean_media_dir(self):
        folder = self.cleaned_data["media_dir"].strip()
        if folder and not Path(folder).is_dir():
            raise forms.ValidationError(
                _("There is no folder %(folder)s on the server."),
                params={"folder": folder},
            )
        return folder

    def clean(self):
        data = super().clean()
        system, upload = data.get("system"), data.get("export")
        if not (system and upload):
            return data
        if not upload.name.lower().endswith(EXTENSIONS[system]):
            self.add_error(
                "export",
                _("A %(system)s export is a %(extension)s file.")
                % {
                    "system": ImportRun.System(system).label.split(" (")[0],
                    "extension": EXTENSIONS[system],
                },
            )
            return data
        upload.seek(0)
        start = upload.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        upload.seek(0)
        if not start.startswith(FIRST_CHARACTER[system]):
            self.add_error("export", _("This file is not an export of that kind."))
        return data

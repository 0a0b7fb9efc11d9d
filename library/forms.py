"""The library's desk forms: one image with everything known of it, and a
batch of images at once.

Both read the credit, caption and copyright a photographer wrote into the
file (``library.metadata``) before the upload is re-encoded and stripped,
and put them into the fields left empty, where the journalist sees and may
change them. A single upload refused for something else (the alt text left
empty) is held for the next save (``newsroom.held_uploads``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from library.metadata import read_metadata
from library.models import Image
from newsroom.held_uploads import HeldImagesMixin
from newsroom.text import NFCInputMixin
from newsroom.uploads import ACCEPTED_CONTENT_TYPES, clean_image


def prefill(data, metadata, prefix=""):
    """``data`` (a form's submitted values) with ``metadata``'s texts in the
    fields it left empty; returns a copy."""
    data = data.copy()
    for field, text in metadata.items():
        key = f"{prefix}{field}"
        if not (data.get(key) or "").strip():
            data[key] = text
    return data


class ImageForm(NFCInputMixin, HeldImagesMixin, forms.ModelForm):
    image_fields = ("file",)

    class Meta:
        model = Image
        fields = (
            "file",
            "alt",
            "caption",
            "credit",
            "copyright",
            "source",
            "focal_x",
            "focal_y",
        )
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
        }
        error_messages = {
            "alt": {"required": _("Describe the image for readers who cannot see it.")}
        }
        help_texts = {
            "focal_x": _(
                "From 0 (left edge) to 1 (right edge); crops keep this point in frame."
            ),
            "focal_y": _("From 0 (top) to 1 (bottom)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        upload = self.files.get(self.add_prefix("file")) if self.is_bound else None
        if upload is not None:
            # Read before clean_image strips it; shown in the form either way.
            self.data = prefill(self.data, read_metadata(upload), self.add_prefix(""))


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """The files chosen in one input, each checked as a file (sent, named)."""

    widget = MultipleImageInput

    def clean(self, data, initial=None):
        chosen = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleImageField, self).clean(one, initial) for one in chosen]


class BatchUploadForm(forms.Form):
    """Several pictures at once, each becoming a library image with what
    its file says of it; alt text is written afterwards, per image."""

    files = MultipleImageField(
        label=_("Images"),
        widget=MultipleImageInput(
            attrs={"accept": ",".join(ACCEPTED_CONTENT_TYPES), "multiple": True}
        ),
        help_text=_("Choose one or several JPEG, PNG or WebP pictures."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where they came from, for all of them (optional)."),
    )

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        if not uploads:
            raise forms.ValidationError(_("Choose at least one image."))
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append((read_metadata(upload), clean_image(upload)))
            except forms.ValidationError as error:
                errors.append(
                    forms.ValidationError(
                        _("%(name)s: %(problem)s"),
                        params={
                            "name": upload.name,
                            "problem": " ".join(error.messages),
                        },
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return cleaned

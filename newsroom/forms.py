from django import forms

from newsroom.models import SiteSettings
from newsroom.text import NFCInputMixin
from newsroom.uploads import CleanImagesMixin


class SiteSettingsForm(NFCInputMixin, CleanImagesMixin, forms.ModelForm):
    # Checked and re-encoded by newsroom.uploads, like every uploaded image.
    image_fields = ("logo",)

    class Meta:
        model = SiteSettings
        # The admin adds the rest from its fieldsets (with its own widgets).
        fields = ("logo",)

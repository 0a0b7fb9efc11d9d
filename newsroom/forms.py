from django import forms

from newsroom.held_uploads import HeldImagesMixin
from newsroom.models import SiteSettings
from newsroom.text import NFCInputMixin


class SiteSettingsForm(NFCInputMixin, HeldImagesMixin, forms.ModelForm):
    # Checked and re-encoded by newsroom.uploads, like every uploaded image,
    # and kept across a save refused for something else (held_uploads).
    image_fields = ("logo",)

    class Meta:
        model = SiteSettings
        # The admin adds the rest from its fieldsets (with its own widgets).
        fields = ("logo",)

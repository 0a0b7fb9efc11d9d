from django import forms

from authors.models import Author
from newsroom.held_uploads import HeldImagesMixin
from newsroom.text import NFCInputMixin


class AuthorAdminForm(NFCInputMixin, HeldImagesMixin, forms.ModelForm):
    # Checked and re-encoded by newsroom.uploads, like every uploaded image.
    image_fields = ("avatar",)

    class Meta:
        model = Author
        # The admin adds the rest from its fieldsets (with its own widgets).
        fields = ("avatar",)

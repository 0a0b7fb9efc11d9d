from django import forms

from authors.models import Author
from newsroom.text import NFCInputMixin


class AuthorAdminForm(NFCInputMixin, forms.ModelForm):
    # The portrait is chosen from the image library (``library``), where the
    # upload itself is checked, re-encoded and held across a refused save.

    class Meta:
        model = Author
        # The admin adds the rest from its fieldsets (with its own widgets).
        fields = ("avatar",)

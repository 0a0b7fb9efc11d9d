from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from newsletter.subscriptions import normalise_email
from newsroom.text import NFCInputMixin


class SubscribeForm(NFCInputMixin, forms.Form):
    """A reader's address, read in NFC (``newsroom.text``) as every form's
    text is: a domain's "é" typed either way is one address, one subscriber."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "We send a link to this address. Your subscription starts when you "
            "follow it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The page writes the <form> tag, its CSRF token and the button.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("email", autocomplete="email", spellcheck="false")
        )

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

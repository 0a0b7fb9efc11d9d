from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.utils.translation import gettext_lazy as _

from contact.models import MESSAGE_MAX, NAME_MAX, SUBJECT_MAX
from newsroom.text import NFCInputMixin

HONEYPOT = "website"


def one_line(text):
    """Runs of whitespace, line breaks included, become one space: a subject
    or name must never break an e-mail header or a one-line list."""
    return " ".join(text.split())


class ContactForm(NFCInputMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("So we can reply. We never publish it."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    message = forms.CharField(
        label=_("Message"),
        min_length=10,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Hidden from people (see the layout); bots that fill in every field
    # fill this one too, and their message is quietly dropped.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, strip=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The page writes the <form> tag, its CSRF token and the button.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("name", autocomplete="name"),
            Field("email", autocomplete="email", spellcheck="false"),
            Field("subject"),
            Field("message"),
            # Off-screen (CSS), out of the accessibility tree (aria-hidden) and
            # out of the tab order (tabindex), with a label that says what to
            # do for any reader that still meets it.
            Div(
                Field(HONEYPOT, tabindex="-1", autocomplete="off"),
                css_class="form-trap",
                aria_hidden="true",
            ),
        )

    def clean_name(self):
        return one_line(self.cleaned_data["name"])

    def clean_subject(self):
        return one_line(self.cleaned_data["subject"])

    def clean_email(self):
        # The domain lower-cased, the mailbox part as typed (RFC 5321).
        return BaseUserManager.normalize_email(self.cleaned_data["email"])

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get(HONEYPOT))

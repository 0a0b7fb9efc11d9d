"""Uploads kept across a failed save.

A browser never sends a chosen file twice: when the desk's form comes back
with an error elsewhere (the hero image's alt text left empty, a section
without its heading, someone else's save in between), the file input is
empty again, and the next save would store the article without the picture.
So every image that passed ``newsroom.uploads.clean_image`` in a save that
did not go through is *held*:

- its cleaned bytes are written to the default storage under ``PREFIX``,
  under a random name with an extension no media server hands out (neither
  ``newsroom.media.serve_media`` nor the documented nginx rule serves
  ``.held``), so an unpublished picture has no address anyone could know;
- the re-displayed form carries a token naming it, signed
  (``django.core.signing``) with a salt that includes the desk user's id and
  valid for ``MAX_AGE``: a token cannot be forged, nor used by anyone else to
  attach their colleague's file, nor revived after the file is cleared away;
- the form says "Kept from your last attempt: <name>" beside a small
  thumbnail sent inside the page (a ``data:`` URL, shown only to the person
  who uploaded it), and lets them choose another file or drop it;
- the next save takes the held file through ``clean_image`` again, exactly
  as a fresh upload, and the held copy is deleted once that save commits.

Held files older than ``MAX_AGE`` are deleted whenever another is held, and
by ``manage.py clear_held_uploads`` (cron it daily), so abandoned forms
leave nothing behind for long.

Written here rather than taken from django-file-resubmit: it keeps files in
the cache (per process with the default local-memory cache, so a second
gunicorn worker would not find them), under unsigned keys anyone holding one
can use, and has had no release since 2018.
"""

import base64
import io
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from newsroom.uploads import UNREADABLE, CleanImagesMixin, ImageUploadField, clean_image

logger = logging.getLogger(__name__)

PREFIX = "held-uploads/"
SUFFIX = ".held"
MAX_AGE = timedelta(days=1)
_SALT = "newsroom.held_uploads"
# The thumbnail on the re-displayed form: enough to recognise the picture,
# a few kilobytes inside the page.
THUMBNAIL_BOX = (160, 160)

MESSAGES = {
    "gone": _(
        "The image kept from your last attempt is no longer available (images "
        "are kept for a day). Choose the file again, or save without it."
    ),
}


@dataclass(frozen=True)
class HeldUpload:
    token: str  # what the re-displayed form carries
    name: str  # the file's name as the journalist chose it
    stored_name: str  # where it is held
    content: bytes

    def as_upload(self):
        """The held picture as a fresh upload of the same name."""
        return SimpleUploadedFile(self.name, self.content)

    @property
    def thumbnail(self):
        """A ``data:`` URL of a small copy, or ``""`` if it cannot be made."""
        try:
            with Image.open(io.BytesIO(self.content)) as image:
                image.thumbnail(THUMBNAIL_BOX)
                small = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        except UNREADABLE:
            return ""
        buffer = io.BytesIO()
        small.save(buffer, format="WEBP", quality=70)
        encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
        return f"data:image/webp;base64,{encoded}"


def _salt(user):
    return f"{_SALT}:{user.pk}"


def hold(image, *, name, user, storage=None):
    """Holds ``image`` (a cleaned upload) for ``user``; returns the
    ``HeldUpload``, or ``None`` when the storage refused it (the form then
    says the file must be chosen again)."""
    storage = storage or default_storage
    image.seek(0)
    content = image.read()
    try:
        clear_expired(storage=storage)
        stored_name = storage.save(
            f"{PREFIX}{secrets.token_urlsafe(18)}{SUFFIX}", io.BytesIO(content)
        )
    except OSError:
        logger.exception("Could not hold an upload.")
        return None
    token = signing.dumps(
        {"stored": stored_name, "name": name}, salt=_salt(user), compress=True
    )
    return HeldUpload(token, name, stored_name, content)


def take(token, *, user, storage=None):
    """The upload ``token`` names, if it was held for ``user`` less than
    ``MAX_AGE`` ago and is still there; otherwise ``None``."""
    storage = storage or default_storage
    try:
        held = signing.loads(token, salt=_salt(user), max_age=MAX_AGE)
        stored_name, name = held["stored"], held["name"]
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        return None
    if not (isinstance(stored_name, str) and stored_name.startswith(PREFIX)):
        return None
    try:
        with storage.open(stored_name, "rb") as file:
            content = file.read()
    except OSError:  # cleared away (FileNotFoundError), or the storage failed
        return None
    return HeldUpload(token, str(name), stored_name, content)


def discard(held, *, storage=None):
    storage = storage or default_storage
    try:
        storage.delete(held.stored_name)
    except OSError:
        logger.warning("Could not delete held upload %s.", held.stored_name)


def clear_expired(*, storage=None, now=None):
    """Deletes held files older than ``MAX_AGE``; returns how many."""
    storage = storage or default_storage
    cutoff = (now or timezone.now()) - MAX_AGE
    try:
        _, names = storage.listdir(PREFIX)
    except FileNotFoundError:
        return 0  # nothing was ever held
    cleared = 0
    for name in names:
        stored_name = f"{PREFIX}{name}"
        try:
            if storage.get_modified_time(stored_name) < cutoff:
                storage.delete(stored_name)
                cleared += 1
        except FileNotFoundError:
            continue  # cleared meanwhile by another process
    return cleared


# --- In the desk's forms ---------------------------------------------------------


@dataclass(frozen=True)
class HeldChoice:
    """What the widget reads from a form that sends no new file but the
    token of a held one."""

    token: str


class HeldImageInput(AdminFileWidget):
    """The admin's file input ("Currently: … Change: …"), followed, on a
    form that comes back with an error, by the picture it holds (or a word
    that the file must be chosen again, if it could not be held)."""

    held_template_name = "admin/widgets/held_upload.html"

    class Media:
        css = {"all": ["css/held-uploads.css"]}

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.held = None  # the HeldUpload this form shows and carries
        self.lost_name = ""  # an upload that could not be held

    @staticmethod
    def token_name(name):
        return f"{name}-held"

    @staticmethod
    def drop_name(name):
        return f"{name}-drop-held"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        token = data.get(self.token_name(name))
        if not token or data.get(self.drop_name(name)):
            return value
        if value is None:
            return HeldChoice(token)
        if value is False:
            # "Clear" ticked and a kept picture not dropped: which one?
            return forms.widgets.FILE_INPUT_CONTRADICTION
        return value  # a newly chosen file replaces the held one

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and (
            self.token_name(name) not in data
        )

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.held is None and not self.lost_name:
            return html
        input_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        context = {
            "held": self.held,
            "lost_name": self.lost_name,
            "token_name": self.token_name(name),
            "drop_name": self.drop_name(name),
            "drop_id": f"{input_id}_drop_held",
            "thumbnail": self.held.thumbnail if self.held else "",
        }
        return html + render_to_string(self.held_template_name, context)


class HeldImageField(ImageUploadField):
    """``ImageUploadField`` whose upload survives a failed save (see the
    module's docstring). ``user`` is who the held file is for; without one
    nothing is held, and the re-displayed form says so."""

    widget = HeldImageInput

    def __init__(self, *, widget=None, **kwargs):
        # The admin's widget, with its "currently" link, becomes ours.
        if widget is not None and not isinstance(widget, HeldImageInput):
            widget = HeldImageInput(attrs=widget.attrs)
        super().__init__(widget=widget, **kwargs)
        self.user = None
        self.held = None  # held before this submit and taken by it
        self.chosen_name = ""  # the name of a file chosen in this submit

    def to_python(self, data):
        if isinstance(data, HeldChoice):
            held = take(data.token, user=self.user) if self.user else None
            if held is None:
                raise forms.ValidationError(MESSAGES["gone"], code="held_gone")
            self.held = held
            # Checked again, as any upload: the limits may have changed.
            return clean_image(held.as_upload())
        if isinstance(data, UploadedFile):
            self.chosen_name = data.name
        return super().to_python(data)

    def keep(self, value):
        """After validation: hold ``value`` (this field's cleaned upload)
        for a re-displayed form, or show again what was held before."""
        widget = self.widget
        if self.held is not None:
            widget.held = self.held
        elif isinstance(value, UploadedFile) and self.chosen_name:
            if self.user is not None:
                self.held = hold(value, name=self.chosen_name, user=self.user)
            widget.held = self.held
            widget.lost_name = "" if self.held else self.chosen_name

    def forget(self):
        """After a save: the held copy is no longer needed once it commits."""
        if self.held is not None:
            transaction.on_commit(partial(discard, self.held), robust=True)


def desk_user_of(form):
    """The person a desk form is for: ``desk_user`` where the admin sets it,
    else the request the admin built the form class for (``ModelAdmin.
    get_form`` binds it into the class's ``formfield_callback``), so a
    ``ModelAdmin`` needs nothing of its own for its uploads to be held."""
    user = getattr(form, "desk_user", None)
    if user is None:
        callback = getattr(form._meta, "formfield_callback", None)
        request = getattr(callback, "keywords", {}).get("request")
        user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user


class HeldImagesMixin(CleanImagesMixin):
    """``CleanImagesMixin`` whose uploads survive a failed save."""

    image_field_class = HeldImageField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = desk_user_of(self)
        for _name, field in self._held_fields():
            field.user = user

    def _held_fields(self):
        for name in self.image_fields:
            field = self.fields.get(name)
            if isinstance(field, HeldImageField):
                yield name, field

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # Held whatever this form's own verdict: the admin may still refuse
        # the save for an error in an inline (a section, a byline).
        for name, field in self._held_fields():
            field.keep(self.cleaned_data.get(name))

    def save(self, commit=True):
        saved = super().save(commit)
        for _name, field in self._held_fields():
            field.forget()
        return saved

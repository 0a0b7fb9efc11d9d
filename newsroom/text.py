"""Text as people type it: one spelling of each letter, one look per address.

**One spelling (NFC).** "Café" can arrive as five code points (é precomposed)
or six (e and a combining accent): the same word to a reader, two different
strings to the database, so two tags, two addresses, a search that finds one
and not the other. Everything typed into a desk or reader form is read in
Unicode's composed form (NFC) before any field sees it (``NFCInputMixin``),
and so are tags however they are parsed (``parse_tags``, taggit's
``TAGGIT_TAGS_FROM_STRING``) and a reader's search (``search.clean_query``).
NFC, not NFKC: compatibility folding would change what was written
(ligatures, superscripts, full-width letters).

**One look per address.** A headline with a Cyrillic "К" where a Latin "K"
belongs makes an address that reads exactly like another story's. Two
addresses look alike when, letter by letter, each is the other's letter or a
homoglyph of it in either case (Unicode's confusables data, UTS #39, as the
``confusable_homoglyphs`` package ships it; the package used by
django-registration for the same job on usernames). ``look_alikes()`` finds
such addresses among existing ones, so a new one can be numbered or refused.

The package answers "which characters look like this one", not UTS #39's
"skeleton" of a whole string, so the comparison is per letter: a look-alike
made of several letters for one ("rn" for "m") is not caught, and two
addresses written in plain ASCII are never called look-alikes (that is a
spelling, not a spoof; "top-10" and "top-l0" are both honest addresses).
PyICU's ``SpoofChecker`` has the skeleton, but it is a C++ build against the
system's ICU on every machine, for one check.
"""

import functools
import re
import unicodedata

from confusable_homoglyphs import confusables
from django import forms
from django.db.models.functions import Length
from taggit.utils import _parse_tags

# What an address (slug) is made of: Django's unicode slug characters.
SLUG_CHARACTER = re.compile(r"[-\w]")

# --- One spelling -------------------------------------------------------------


def nfc(value):
    """``value`` in NFC when it is text; anything else as it is."""
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def nfc_data(data):
    """A copy of a form's submitted ``data`` with every text value in NFC
    (a ``QueryDict``, each of a key's values; or a plain mapping)."""
    if hasattr(data, "setlist"):
        normalised = data.copy()
        for key, values in data.lists():
            normalised.setlist(key, [nfc(value) for value in values])
        return normalised
    return {
        key: [nfc(item) for item in value] if isinstance(value, list) else nfc(value)
        for key, value in data.items()
    }


class NFCInputMixin:
    """For a form or a formset: what was submitted is read in NFC, before any
    field, ``clean_*()`` or uniqueness check sees it (and a formset's rows
    read their data from the formset's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = nfc_data(self.data)


class NFCModelForm(NFCInputMixin, forms.ModelForm):
    """The admin's default model form, reading NFC (categories, tags)."""


def parse_tags(tagstring):
    """Taggit's own parser, reading the text in NFC
    (``settings.TAGGIT_TAGS_FROM_STRING``)."""
    return _parse_tags(nfc(tagstring))


# --- One look per address -----------------------------------------------------


@functools.cache
def _look_alike_characters(character):
    """The slug characters a reader could take for ``character``: itself, its
    other case, and the homoglyphs of either, lower-cased too. Capitals count:
    the headline shows the "К" that its slug writes "к", and a Cyrillic "К"
    is a Latin "K" to the eye."""
    forms = {character, character.lower(), character.upper()}
    found = {form for form in forms if len(form) == 1}
    for form in list(found):
        for entry in confusables.is_confusable(form, greedy=True) or ():
            for glyph in entry["homoglyphs"]:
                found.update({glyph["c"], glyph["c"].lower()})
    return frozenset(
        glyph for glyph in found if len(glyph) == 1 and SLUG_CHARACTER.match(glyph)
    )


def look_alike_pattern(slug):
    """A regular expression matching every slug that looks like ``slug``
    letter by letter (``slug`` itself included). Written for both Python's
    ``re`` (SQLite) and PostgreSQL: bracket expressions of word characters,
    a hyphen only ever first, so nothing needs escaping."""
    classes = []
    for character in slug:
        glyphs = sorted(_look_alike_characters(character) | {character})
        hyphen = ["-"] if "-" in glyphs else []
        classes.append("[" + "".join(hyphen + [g for g in glyphs if g != "-"]) + "]")
    return "^" + "".join(classes) + "$"


def look_alikes(slug, queryset, field="slug"):
    """The values of ``field`` in ``queryset`` that look like ``slug`` without
    being it, unless both are plain ASCII (see the module's docstring)."""
    if not slug:
        return []
    matches = (
        queryset.annotate(_address_length=Length(field))
        .filter(_address_length=len(slug))
        .filter(**{f"{field}__regex": look_alike_pattern(slug)})
        .exclude(**{field: slug})
        .values_list(field, flat=True)
    )
    return [match for match in matches if not (match.isascii() and slug.isascii())]

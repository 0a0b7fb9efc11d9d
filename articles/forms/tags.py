"""The article's tags as the desk types them: separated by commas only, so a
tag may contain spaces, and refused when a reader could not tell its page
from another tag's."""

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField, TagWidget
from taggit.models import Tag

from articles import limits
from newsroom.text import look_alikes


class CommaSeparatedTagWidget(TagWidget):
    """Shows tags as typed: ``city council, budget``, quoting only a comma."""

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            names = sorted(tag.name for tag in value)
            value = ", ".join(f'"{name}"' if "," in name else name for name in names)
        return super().format_value(value)


class CommaSeparatedTagField(TagField):
    """Taggit's field, read with commas only.

    Taggit splits on spaces when the text holds no comma, so a lone
    "city council" would become two tags; a newsroom means one.
    """

    widget = CommaSeparatedTagWidget

    def clean(self, value):
        if value and "," not in value:
            value = f"{value},"
        names = super().clean(value)
        # Counted first: every check below, and the save, costs a query or
        # more per tag, and thousands of them outlasted the worker.
        if len(names) > limits.MAX_TAGS:
            raise forms.ValidationError(
                _(
                    "An article may have at most %(limit)d tags; these are "
                    "%(count)d. Keep the ones readers would follow, then save "
                    "again."
                ),
                params={"limit": limits.MAX_TAGS, "count": len(names)},
                code="too_many_tags",
            )
        # A tag's page lives at its slug; one of punctuation alone has none.
        unaddressable = [name for name in names if not Tag().slugify(name)]
        if unaddressable:
            raise forms.ValidationError(
                _("A tag needs at least one letter or digit: %(names)s."),
                params={"names": ", ".join(unaddressable)},
                code="tag_without_slug",
            )
        self._refuse_look_alikes(names)
        return names

    def _refuse_look_alikes(self, names):
        """A new tag whose page address would look the same as an existing
        tag's ("Кyiv" with a Cyrillic К beside "Kyiv") is refused, naming
        the tag meant (newsroom.text)."""
        for name in names:
            if Tag.objects.filter(name__iexact=name).exists():
                continue
            found = look_alikes(Tag().slugify(name), Tag.objects.all())
            if found:
                existing = Tag.objects.filter(slug=found[0]).first()
                raise forms.ValidationError(
                    _(
                        "The tag “%(name)s” would look the same as the tag "
                        "“%(existing)s” but for letters from another script; "
                        "readers could not tell their pages apart. Use "
                        "“%(existing)s”, or spell it differently."
                    ),
                    params={"name": name, "existing": existing.name},
                    code="look_alike_tag",
                )

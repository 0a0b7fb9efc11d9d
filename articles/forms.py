"""Forms of the newsroom desk (the admin's article and part forms)."""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField, TagWidget

from articles.models import Article


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
        return super().clean(value)


class ArticleAdminForm(forms.ModelForm):
    tags = CommaSeparatedTagField(
        label=_("Tags"),
        required=False,
        help_text=_(
            "Separate tags with commas, e.g. “city council, budget”. "
            "A tag may contain spaces."
        ),
        widget=CommaSeparatedTagWidget(attrs={"class": "vTextField"}),
    )

    class Meta:
        model = Article
        fields = (
            "headline",
            "slug",
            "dek",
            "hero_image",
            "hero_alt",
            "hero_caption",
            "hero_credit",
            "category",
            "tags",
            "summary",
            "status",
            "published_at",
            "is_featured",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Filled in from the headline when left empty (no JavaScript).
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The article's address; made from the headline if left empty."
            )

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            cleaned_data["slug"] = slugify(cleaned_data.get("headline", ""))[:200]
        if (
            cleaned_data.get("status") == Article.Status.PUBLISHED
            and "published_at" in self.fields
            and not cleaned_data.get("published_at")
            and "published_at" not in self.errors
        ):
            # "Published" with no time means now, as approving will.
            cleaned_data["published_at"] = timezone.now()
        return cleaned_data


class OrderedPartForm(forms.ModelForm):
    """A row of an orderable inline (its model has a ``position``)."""

    def has_changed(self):
        changed = self.changed_data
        if self.instance._state.adding:
            # A blank new row that the ordering script merely renumbered is
            # still blank: it must not be validated (or saved) as a part.
            changed = [name for name in changed if name != "position"]
        return bool(changed)


class OrderedInlineFormSet(BaseInlineFormSet):
    """Numbers new rows after the existing ones, so a part added at the bottom
    lands at the bottom even when no script renumbers the rows."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index >= self.initial_form_count():
            offset = index - self.initial_form_count()
            kwargs["initial"] = {"position": self.next_position + offset}
        return kwargs

    @cached_property
    def next_position(self):
        positions = [part.position for part in self.get_queryset()]
        return max(positions, default=-1) + 1


class BylineFormSet(OrderedInlineFormSet):
    default_error_messages = {
        "too_few_forms": _("Add at least one byline."),
    }

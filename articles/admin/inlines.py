"""The parts of an article as the change page edits them."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles import limits
from articles.forms import (
    ArticlePartsFormSet,
    BylineFormSet,
    CorrectionForm,
    FAQForm,
    OrderedInlineFormSet,
    OrderedPartForm,
    SectionForm,
)
from articles.models import FAQ, Byline, Correction, KeyPoint, Section
from articles.roles import is_editor, own_author

# The classes of a fieldset or inline shown beside the writing column, not in
# it (templates/admin/articles/article/change_form.html): what files and
# describes the story rather than tells it.
SIDE = ("desk-side",)


class ArticlePartInlineMixin:
    """One kind of part of an article: at most ``max_num`` rows (see
    ``articles.limits``), which the server checks too, saying ``too_many``
    (Django's own words name no part); and a row deleted meanwhile by someone
    else put back only for a person who may add such a part."""

    too_many = None

    def get_formset(self, request, obj=None, **kwargs):
        may_add = self.has_add_permission(request, obj)
        # Without the permission to add, the admin allows no rows beyond
        # those there are (max_num 0): nothing to count.
        kwargs.setdefault("validate_max", may_add)
        formset = super().get_formset(request, obj, **kwargs)
        # A class made for this request (inlineformset_factory), so these
        # are this person's.
        formset.default_error_messages = {"too_many_forms": self.too_many}
        formset.may_put_back = may_add
        return formset


class OrderedInlineMixin(ArticlePartInlineMixin):
    """Parts that keep an order: a ``position`` per row, renumbered by the
    ordering script when rows are moved (and typed by hand without it)."""

    form = OrderedPartForm
    formset = OrderedInlineFormSet

    def get_extra(self, request, obj=None, **kwargs):
        # One blank row to start a new article with; "Add another" after that.
        return 1 if obj is None else 0


class BylineInline(OrderedInlineMixin, admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    fields = ("author", "position")
    autocomplete_fields = ("author",)
    verbose_name_plural = _("bylines")
    classes = SIDE
    max_num = limits.MAX_BYLINES
    too_many = ngettext_lazy(
        "An article may have at most %(num)d byline. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "An article may have at most %(num)d bylines. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "num",
    )

    def get_extra(self, request, obj=None, **kwargs):
        return 0

    def get_min_num(self, request, obj=None, **kwargs):
        # A journalist with a profile is bylined automatically on a new
        # article (see ArticleAdmin.save_related); everyone else names one.
        if obj is None and not is_editor(request.user) and own_author(request.user):
            return 0
        return 1

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("validate_min", True)
        return super().get_formset(request, obj, **kwargs)


class SectionInline(OrderedInlineMixin, admin.StackedInline):
    model = Section
    form = SectionForm
    fields = ("subheading", "body", "position")
    max_num = limits.MAX_SECTIONS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d section. Merge or remove some, "
        "then save again: everything else you typed is still in the form.",
        "An article may have at most %(num)d sections. Merge or remove some, "
        "then save again: everything else you typed is still in the form.",
        "num",
    )


class KeyPointInline(OrderedInlineMixin, admin.TabularInline):
    model = KeyPoint
    fields = ("text", "position")
    max_num = limits.MAX_KEY_POINTS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d key point. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "An article may have at most %(num)d key points. Remove some, then "
        "save again: everything else you typed is still in the form.",
        "num",
    )


class FAQInline(OrderedInlineMixin, admin.StackedInline):
    model = FAQ
    form = FAQForm
    fields = ("question", "answer", "position")
    max_num = limits.MAX_FAQS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d FAQ. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "An article may have at most %(num)d FAQs. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "num",
    )


class CorrectionInline(ArticlePartInlineMixin, admin.TabularInline):
    # Ordered by date, not by hand; editors only (journalists see them).
    model = Correction
    form = CorrectionForm
    formset = ArticlePartsFormSet
    fields = ("created_at", "kind", "text")
    extra = 0
    max_num = limits.MAX_CORRECTIONS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d correction. Remove some, then "
        "save again: everything else you typed is still in the form.",
        "An article may have at most %(num)d corrections. Remove some, then "
        "save again: everything else you typed is still in the form.",
        "num",
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "created_at":
            # Entered and shown on the newsroom's clock: say which one.
            field.help_text = _("Newsroom time (%(zone)s).") % {
                "zone": timezone.get_default_timezone_name()
            }
        return field

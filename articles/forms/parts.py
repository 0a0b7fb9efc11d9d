"""The parts of an article as the desk edits them: the forms of one row
(section, FAQ, correction, any row with a ``position``) and the formsets of
one kind of part, which put back a part someone else deleted meanwhile and
number new rows after the existing ones."""

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles import limits
from articles.forms.lengths import refuse_longer_than
from articles.revisions import ever_held
from newsroom.text import NFCInputMixin


class OrderedPartForm(forms.ModelForm):
    """A row of an orderable inline (its model has a ``position``)."""

    def has_changed(self):
        changed = self.changed_data
        if self.instance._state.adding:
            # A blank new row that the ordering script merely renumbered is
            # still blank: it must not be validated (or saved) as a part.
            changed = [name for name in changed if name != "position"]
        return bool(changed)


class SectionForm(OrderedPartForm):
    """A section: its body at most ``limits.MAX_SECTION_BODY_KB`` of HTML."""

    def clean_body(self):
        body = self.cleaned_data["body"]
        # Measured as it will be stored: what the editor sent, sanitised.
        size = limits.section_body_bytes(body)
        limit = limits.MAX_SECTION_BODY_KB * 1024
        if size > limit:
            raise forms.ValidationError(
                _(
                    "This section is %(size)d KB of text and markup; a section "
                    "may hold at most %(limit)d KB. Split it into two or more "
                    "sections (each with its own subheading)."
                ),
                params={"size": limits.kb(size), "limit": limits.MAX_SECTION_BODY_KB},
                code="section_too_long",
            )
        return body


class FAQForm(OrderedPartForm):
    """A question and its answer, the answer at most
    ``limits.MAX_FAQ_ANSWER_CHARS`` characters."""

    def clean_answer(self):
        return refuse_longer_than(
            self.cleaned_data["answer"],
            limits.MAX_FAQ_ANSWER_CHARS,
            _(
                "This answer is %(count)d characters long; an answer may "
                "have at most %(limit)d. Shorten it, or make the rest a "
                "section of the article."
            ),
        )


class CorrectionForm(forms.ModelForm):
    """A correction, at most ``limits.MAX_CORRECTION_CHARS`` characters."""

    def clean_text(self):
        return refuse_longer_than(
            self.cleaned_data["text"],
            limits.MAX_CORRECTION_CHARS,
            _(
                "This correction is %(count)d characters long; a correction "
                "may have at most %(limit)d. Say briefly what was wrong and "
                "what is right."
            ),
        )


class ArticlePartsFormSet(NFCInputMixin, BaseInlineFormSet):
    """The rows of one kind of part (sections, bylines...) of an article.

    A form loaded before someone else deleted one of its parts still posts
    that part's row. Its save was refused as a conflict; saving again is the
    person's deliberate choice to replace the other version with theirs
    (``ArticleAdminForm``), so the row is saved as a new part, with what it
    holds, and listed in ``put_back`` (posted id, new part) for the admin to
    say so. Without this the row's id is no longer a valid choice: an error
    on a hidden field, which the admin does not show, and no way to save.

    Putting a part back adds one: only for a person who may add parts of
    this kind (``may_put_back``, set by the admin's inline per request).
    Without that permission the row is left alone, as the admin leaves
    every row of a part one may only view. And only a part the article's
    saved revisions show it had: any other id (made up, or another
    article's part) is an error on its row.
    """

    may_put_back = True
    # Set when a stale save is merged (``apply_merged``): the parts' keys in
    # the order the merge arranged them, numbered so once saved.
    merged_order = None
    # Parts saved meanwhile that the merge dropped and no row holds.
    merged_away = ()

    def __init__(self, *args, posted_with=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The list of formsets posted with the article form
        # (ArticleAdmin.get_formset_kwargs): the form counts the parts this
        # save would leave when it checks what publishing needs.
        if posted_with is not None:
            posted_with.append(self)

    def add_fields(self, form, index):
        super().add_fields(form, index)  # the id among them, checked
        pk_name = self.model._meta.pk.name
        if (
            self.may_put_back
            and form.is_bound
            and index is not None
            and index < self.initial_form_count()
            and form.instance._state.adding
            and self.data.get(form.add_prefix(pk_name))
        ):
            # The posted id stays in the page (a re-displayed form puts the
            # part back again) but is no longer checked against the parts.
            form.fields[pk_name] = forms.IntegerField(
                required=False, widget=forms.HiddenInput
            )
            form.is_put_back = True

    def get_queryset(self):
        # The admin pairs each posted row with the part it edits by their
        # places in this queryset (InlineAdminFormSet.__iter__): with a part
        # gone, every later row would show under the wrong part and the last
        # one not at all, its text lost. Once the rows are built, the parts
        # they edit, in the order posted.
        if self.is_bound and "forms" in self.__dict__:
            return [form.instance for form in self.initial_forms]
        return super().get_queryset()

    def clean(self):
        super().clean()
        pk_name = self.model._meta.pk.name
        for form in self.initial_forms:
            if not getattr(form, "is_put_back", False):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue  # not saved: whatever it names, nothing to check
            pk = form.cleaned_data.get(pk_name)
            if pk is None or not ever_held(self.instance, self.model, pk):
                form.add_error(
                    None,
                    forms.ValidationError(
                        _(
                            "This row names a %(part)s the article never had, "
                            "so it cannot be saved. Tick “Delete” on it, or "
                            "open the article again."
                        ),
                        params={"part": self.model._meta.verbose_name},
                        code="unknown_part",
                    ),
                )

    def rows_kept(self):
        """How many rows this save keeps or adds: not those ticked for
        deletion, nor a new row left blank."""
        self.is_valid()  # cleans it (once), as the admin's save would
        kept = 0
        for index, form in enumerate(self.forms):
            if self.can_delete and self._should_delete_form(form):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            kept += 1
        return kept

    def row_key(self, index, form):
        """The part a row stands for: the id it was loaded with (a part
        deleted since included), or ("new", index) for a row added."""
        if index >= self.initial_form_count():
            return ("new", index)
        if getattr(form, "is_put_back", False):
            return form.cleaned_data.get(self.model._meta.pk.name)
        return form.instance.pk

    def apply_merged(self, parts, *, ordered):
        """Make this formset's save write the merged ``parts`` ([(key,
        {field: value})], ``articles.merge``): each row takes its part's
        merged values; a row whose part the merge dropped is deleted (or,
        deleted by someone else already, not put back). Parts no row holds
        (added by someone else) are left as they are unless the merge
        dropped them (``merged_away``), and all are numbered
        in the merged order after the save when ``ordered``."""
        merged = dict(parts)
        for index, form in enumerate(self.forms):
            if index >= self.initial_form_count() and not form.has_changed():
                continue  # a blank new row
            values = merged.get(self.row_key(index, form))
            if values is None:
                form.is_put_back = False
                form.cleaned_data[DELETION_FIELD_NAME] = True
                continue
            form.cleaned_data[DELETION_FIELD_NAME] = False
            for name, value in values.items():
                attribute = "author_id" if name == "author" else name
                setattr(form.instance, attribute, value)
        # deleted_forms is computed once; the merge changed what it holds.
        self.__dict__.pop("_deleted_form_indexes", None)
        self.merged_order = [key for key, _values in parts] if ordered else None
        # The saved parts the merge dropped, deleted first on saving: one
        # added meanwhile has no row to delete it (the same author bylined
        # on both sides, kept once under your row), and one a row deletes
        # may hold the value a row before it takes.
        saved = self.model.objects.filter(article=self.instance)
        self.merged_away = [
            pk for pk in saved.values_list("pk", flat=True) if pk not in merged
        ]

    def save(self, commit=True):
        if commit and self.merged_away:
            # Before any row is written: the value it held (one byline per
            # author) is then free for the row that keeps it.
            self.model.objects.filter(pk__in=self.merged_away).delete()
        saved = super().save(commit)
        if commit and self.merged_order is not None:
            self._number_in_merged_order()
        return saved

    def _number_in_merged_order(self):
        ids = {}
        for index, form in enumerate(self.forms):
            if form.instance.pk is not None:
                ids[self.row_key(index, form)] = form.instance.pk
        parts = {
            part.pk: part for part in self.model.objects.filter(article=self.instance)
        }
        for position, key in enumerate(self.merged_order):
            part = parts.get(ids.get(key, key))
            if part is not None and part.position != position:
                part.position = position
                part.save(update_fields=["position"])

    def save_new_objects(self, commit=True):
        super().save_new_objects(commit)
        self.put_back = []
        pk_name = self.model._meta.pk.name
        for form in self.initial_forms:
            if not getattr(form, "is_put_back", False):
                continue  # saved (or deleted) by the formset itself
            if self.can_delete and self._should_delete_form(form):
                continue  # deleted here too: it is gone already, as meant
            part = self.save_new(form, commit=commit)
            self.new_objects.append(part)
            self.put_back.append((form.cleaned_data[pk_name], part))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects


class OrderedInlineFormSet(ArticlePartsFormSet):
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

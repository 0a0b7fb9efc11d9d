"""Forms of the newsroom desk (the admin's article and part forms, and the
small forms behind the workflow buttons)."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.forms.models import BaseInlineFormSet
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField, TagWidget
from taggit.models import Tag

from articles import limits
from articles.models import Article, Byline, Section
from articles.revisions import ever_held, last_saved
from articles.roles import may_edit
from newsroom.held_uploads import HeldImagesMixin
from newsroom.text import NFCInputMixin, look_alikes
from newsroom.times import desk_time, newsroom_zone


def display_name(user):
    """A person as the desk names them: full name, else login name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def refuse_longer_than(text, limit, message):
    """``text``, or a ValidationError saying ``message`` (with its length
    and ``limit``) when it is longer than ``limit`` characters (one of
    ``articles.limits``)."""
    count = limits.text_length(text)
    if count > limit:
        raise forms.ValidationError(
            message, code="too_long", params={"count": count, "limit": limit}
        )
    return text


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


class ArticleAdminForm(NFCInputMixin, HeldImagesMixin, forms.ModelForm):
    """The article as the desk edits it.

    Two people may have the same article open. The form carries the version
    it was loaded at; ``clean()`` locks the article's row (held until the
    admin's transaction ends, so through the save) and refuses the save when
    someone else saved in between, naming them. The refused input stays in
    the re-displayed form, so nothing typed is lost.

    A published or in-review article keeps what publishing needs
    (``Article.publication_problems``, the workflow's own check): a save
    that would take any of it away is refused, saying what would be missing.
    """

    # Set per request by ArticleAdmin.get_form(): the person saving.
    desk_user = None
    # Statuses in which an article must stay publishable: it is live (or
    # scheduled), or an editor is about to approve it.
    KEPT_PUBLISHABLE = frozenset({Article.Status.PUBLISHED, Article.Status.IN_REVIEW})
    # Checked and re-encoded by newsroom.uploads, like every uploaded image,
    # and kept across a save refused for something else (held_uploads).
    image_fields = ("hero_image",)

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
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
            "is_featured",
        )
        # status, published_at and first_published_at are not here on purpose:
        # only the workflow (articles/workflow.py) changes them.
        error_messages = {
            "slug": {
                "unique": _(
                    "Another article already has this slug, so its address "
                    "would be taken; choose another (or leave it empty to "
                    "have one made from the headline)."
                )
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the conflict check found: the version under lock, and who
        # saved in between (for the page's message), if anyone.
        self.locked_version = None
        self.conflict = None
        # The article as saved, once the lock showed this form is current.
        self.current = None
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version
        if "slug" in self.fields:
            # Filled in from the headline when left empty (no JavaScript).
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The article's address; made from the headline if left empty."
            )

    def clean_dek(self):
        return refuse_longer_than(
            self.cleaned_data["dek"],
            limits.MAX_DEK_CHARS,
            _(
                "This intro is %(count)d characters long; an intro may have "
                "at most %(limit)d. Shorten it (the sections are the place "
                "for more), then save again."
            ),
        )

    def clean_summary(self):
        return refuse_longer_than(
            self.cleaned_data["summary"],
            limits.MAX_SUMMARY_CHARS,
            _(
                "This summary is %(count)d characters long; a summary may "
                "have at most %(limit)d. Shorten it (the sections are the "
                "place for more), then save again."
            ),
        )

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            cleaned_data["slug"] = Article.slug_for(
                cleaned_data.get("headline", ""), exclude_pk=self.instance.pk
            )
        elif "slug" in self.fields and cleaned_data["slug"] != self.instance.slug:
            self._refuse_look_alike_slug(cleaned_data["slug"])
        if self.instance.pk is not None:
            self._check_still_current(cleaned_data.get("loaded_version"))
        return cleaned_data

    def _refuse_look_alike_slug(self, slug):
        # A typed slug; one made from the headline is numbered instead.
        if look_alikes(slug, Article.objects.exclude(pk=self.instance.pk)):
            self.add_error(
                "slug",
                forms.ValidationError(
                    _(
                        "This address would look the same as another "
                        "article's but for letters from another script (such "
                        "as a Cyrillic “К” for a Latin “K”); readers could not "
                        "tell them apart. Choose another, or leave it empty "
                        "to have one made from the headline."
                    ),
                    code="look_alike",
                ),
            )

    def _check_still_current(self, loaded_version):
        # Locked until the admin's transaction commits: nobody can save, or
        # move the article on, between this check and this save.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        self.locked_version = current.version
        if self.desk_user is not None and not may_edit(self.desk_user, current):
            raise forms.ValidationError(
                _(
                    "Not saved: the article is %(status)s now, and no longer "
                    "yours to change. Your text is still in the form below; "
                    "copy what you need."
                ),
                code="not_editable",
                params={"status": current.get_status_display().lower()},
            )
        if loaded_version == current.version:
            self.current = current
            return
        user, saved_at = last_saved(current)
        self.conflict = {
            "by": display_name(user) or _("someone else"),
            "at": desk_time(saved_at),
        }
        # A second, deliberate save of this form replaces their version:
        # the person has been told whose work that is.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = current.version
        raise forms.ValidationError(
            _(
                "Not saved: %(by)s saved this article on %(at)s, after you "
                "opened it. Your changes are still in the form below. Compare "
                "with their version (open the article in another tab), then "
                "save again to replace it with yours."
            ),
            code="conflict",
            params=self.conflict,
        )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what was typed
        self._check_still_publishable()

    def _check_still_publishable(self):
        if self.current is None or self.current.status not in self.KEPT_PUBLISHABLE:
            return  # new, a draft, returned, unpublished: saved as it is
        counts = {}
        # The inline formsets posted with this form (ArticleAdmin puts them
        # on the article): the parts as this save would leave them. Parts not
        # posted are counted as saved.
        for formset in getattr(self.instance, "posted_formsets", ()):
            name = {Byline: "bylines", Section: "sections"}.get(formset.model)
            if name is not None:
                counts[name] = rows_kept(formset)
        had = {str(problem) for problem in self.current.publication_problems()}
        # What it lacked already (an article published before a rule was) is
        # no reason to refuse a correction; only what this save takes away.
        missing = [
            str(problem)
            for problem in self.instance.publication_problems(**counts)
            if str(problem) not in had
        ]
        if not missing:
            return
        if self.current.status == Article.Status.PUBLISHED:
            message = _(
                "Not saved: this article is published, and it would no "
                "longer have what publishing needs: %(missing)s. Your "
                "changes are still in the form below: put back what is "
                "missing, or unpublish the article before taking it away."
            )
        else:
            message = _(
                "Not saved: this article is in review, and it would no "
                "longer have what publishing needs: %(missing)s. Your "
                "changes are still in the form below: put back what is "
                "missing, or request changes before taking it away."
            )
        self.add_error(
            None,
            forms.ValidationError(
                message,
                code="unpublishable",
                params={"missing": get_text_list(missing, _("and"))},
            ),
        )


def rows_kept(formset):
    """How many rows of an inline ``formset`` its save keeps or adds: not
    those ticked for deletion, nor a new row left blank."""
    formset.is_valid()  # cleans it (once), as the admin's save would
    kept = 0
    for index, form in enumerate(formset.forms):
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        kept += 1
    return kept


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

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        pk_name = self.model._meta.pk.name
        if (
            self.may_put_back
            and self.is_bound
            and i < self.initial_form_count()
            and form.instance._state.adding
            and self.data.get(form.add_prefix(pk_name))
        ):
            # The posted id stays in the page (a re-displayed form puts the
            # part back again) but is no longer checked against the parts.
            form.fields[pk_name] = forms.IntegerField(
                required=False, widget=forms.HiddenInput
            )
            form.is_put_back = True
        return form

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


# --- Workflow buttons -----------------------------------------------------------


class TransitionForm(forms.Form):
    """The note that goes with a step of the workflow.

    Whether a note is required is the workflow's rule (it raises
    ``InvalidTransition`` without one); ``note_required`` only marks the field
    for the browser, so most people are told before they send.
    """

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
    )

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.note_required = note_required
        if note_required:
            self.fields["note"].widget.attrs["required"] = True

    def transition_kwargs(self):
        """Keyword arguments for the workflow function."""
        return {"note": self.cleaned_data["note"]}


class ApproveForm(TransitionForm):
    """Approve now, or at a date and time in the newsroom's zone."""

    schedule_legend = _("Schedule (optional)")

    publish_date = forms.DateField(
        label=_("Go live on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    publish_time = forms.TimeField(
        label=_("at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean(self):
        cleaned_data = super().clean()
        day = cleaned_data.get("publish_date")
        at = cleaned_data.get("publish_time")
        cleaned_data["publish_at"] = None
        if self.errors:
            return cleaned_data
        if (day is None) != (at is None):
            raise forms.ValidationError(
                _("Give both a date and a time to schedule, or neither to publish now.")
            )
        if day is not None:
            # The newsroom's zone, whatever zone a request may have activated:
            # 09:00 means 09:00 on the newsroom's clock. A time that does not
            # exist there (the hour skipped when clocks go forward) is refused.
            with timezone.override(newsroom_zone()):
                cleaned_data["publish_at"] = from_current_timezone(
                    datetime.combine(day, at)
                )
        return cleaned_data

    def transition_kwargs(self):
        kwargs = super().transition_kwargs()
        kwargs["publish_at"] = self.cleaned_data["publish_at"]
        return kwargs


class RescheduleForm(ApproveForm):
    """A scheduled article's new time, in the newsroom's zone, or none to
    publish it now."""

    schedule_legend = _("New time (optional)")


class PreviewLinkForm(forms.Form):
    """A new shareable preview link and how long it works."""

    days = forms.IntegerField(
        label=_("Expires in (days)"),
        min_value=1,
        max_value=90,
        widget=forms.NumberInput(attrs={"size": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.NEWSROOM_PREVIEW_DAYS

"""Autosave on the article's change page: each person's working draft
(``WorkingDraft``), stored by ``static/js/desk-autosave.js`` while they type,
offered again when they reopen the article, restored into the form without
saving, discarded on request and cleared by a real save.

Storing a draft touches nothing else: not the article or its parts, not its
revisions (only real saves make those), not the search index or the page
cache. Restoring fills the form's initial values, so what is restored is
saved by the ordinary save, with its checks (the version the draft's form was
loaded at comes back too: a colleague's save since is caught as a conflict).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpResponseNotAllowed, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext

from articles.forms import display_name
from articles.models import MAX_WORKING_DRAFT_BYTES, WorkingDraft
from articles.revisions import last_saved
from newsroom.times import desk_time, newsroom_time

# ``?restore=working-draft`` on the change page: the form as the draft left it.
RESTORE = "working-draft"

# Posted with the form but not part of what was typed.
NOT_STORED = frozenset({"csrfmiddlewaretoken", "_save", "_continue", "_addanother"})


def form_data(post):
    """What a posted change form holds, as ``{name: [values]}``: no CSRF
    token, no buttons, no empty template rows of the inlines."""
    return {
        name: post.getlist(name)
        for name in post
        if name not in NOT_STORED and "__prefix__" not in name
    }


def as_query_dict(data):
    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, [str(value) for value in values])
    return query


def initial_from(fields, data):
    """The initial values that show ``data`` (posted ``{name: [values]}``)
    in ``fields``, read by each field's widget as a bound form reads it (a
    checkbox left out is unticked). Files are never in a draft."""
    query = as_query_dict(data)
    initial = {}
    for name, field in fields.items():
        if isinstance(field, forms.FileField):
            continue
        widget = field.widget
        if widget.value_omitted_from_data(query, {}, name):
            continue
        value = widget.value_from_datadict(query, {}, name)
        if isinstance(field, forms.ModelChoiceField) and not chosen(field, value):
            continue  # no longer there (or never was): the saved choice stays
        initial[name] = value
    return initial


def chosen(field, value):
    """Whether ``value`` names rows ``field`` may choose now, or nothing."""
    if value in field.empty_values:
        return True
    try:
        field.clean(value)
    except ValidationError:
        return False
    return True


def draft_rows(data, prefix, pk_name):
    """The rows of one inline in a draft: ``{pk: row}`` for the parts the
    form edited, and the new rows, each as ``{field: [values]}``."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ["0"])[0])
    except ValueError:
        total = 0
    existing, new = {}, []
    for index in range(min(total, 1000)):
        start = f"{prefix}-{index}-"
        row = {
            name[len(start) :]: values
            for name, values in data.items()
            if name.startswith(start)
        }
        pk = (row.get(pk_name) or [""])[0]
        if pk:
            existing[pk] = row
        elif row:
            new.append(row)
    return existing, new


def restored_formset(formset_class, data):
    """``formset_class`` whose forms start from the draft's rows: an existing
    part's row with what the draft held for it (its "Delete" ticked if it was),
    and as many extra rows as the draft had new ones. A draft's row for a
    part deleted since comes back as a new row: its words are not lost."""
    prefix = formset_class.get_default_prefix()
    pk_name = formset_class.model._meta.pk.name

    class RestoredFormSet(formset_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            rows, new = draft_rows(data, prefix, pk_name)
            kept = {str(part.pk) for part in self.get_queryset()}
            self.restored_rows = {pk: row for pk, row in rows.items() if pk in kept}
            gone = [
                row
                for pk, row in rows.items()
                if pk not in kept and DELETION_FIELD_NAME not in row
            ]
            self.restored_new_rows = [
                {name: values for name, values in row.items() if name != pk_name}
                for row in [*gone, *new]
            ]
            self.extra = max(self.extra, len(self.restored_new_rows))

        def get_form_kwargs(self, index):
            kwargs = super().get_form_kwargs(index)
            if index is None:
                return kwargs  # the empty template row
            if index < self.initial_form_count():
                pk = str(self.get_queryset()[index].pk)
                row = self.restored_rows.get(pk)
            else:
                offset = index - self.initial_form_count()
                rows = self.restored_new_rows
                row = rows[offset] if offset < len(rows) else None
            if row is not None:
                initial = initial_from(self.form.base_fields, row)
                if self.can_delete and DELETION_FIELD_NAME in row:
                    initial[DELETION_FIELD_NAME] = True
                kwargs["initial"] = {**kwargs.get("initial", {}), **initial}
            return kwargs

    RestoredFormSet.__name__ = formset_class.__name__
    return RestoredFormSet


def restored_form(form_class, data):
    """``form_class`` whose unbound form starts from the draft's values."""

    class RestoredForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.is_bound:
                self.initial.update(initial_from(self.fields, data))

    RestoredForm.__name__ = form_class.__name__
    return RestoredForm


class AutosaveViews:
    """Working drafts on the change page. Mixed into ``ArticleAdmin``, whose
    ``_url``, ``_url_name`` and ``_article_or_404`` it uses; listed before the
    admin's own classes so that its form hooks wrap theirs."""

    def autosave_urls(self):
        return [
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name=self._url_name("autosave"),
            ),
            path(
                "<path:object_id>/autosave/discard/",
                self.admin_site.admin_view(self.autosave_discard_view),
                name=self._url_name("autosave_discard"),
            ),
        ]

    def autosave_view(self, request, object_id):
        """POST: the form as it is now becomes this person's working draft
        of the article (replacing their earlier one). JSON either way."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            return JsonResponse(
                {"error": gettext("You may not change this article.")}, status=403
            )
        # Measured before the body is read.
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        if size > MAX_WORKING_DRAFT_BYTES:
            return JsonResponse(
                {
                    "error": gettext(
                        "Not kept as a working draft: the form is %(size)d KB, "
                        "and a working draft may hold at most %(limit)d KB. "
                        "Save the article to keep your work."
                    )
                    % {
                        "size": size // 1024,
                        "limit": MAX_WORKING_DRAFT_BYTES // 1024,
                    }
                },
                status=413,
            )
        now = timezone.now()
        WorkingDraft.objects.update_or_create(
            user=request.user,
            article=article,
            defaults={"data": form_data(request.POST), "saved_at": now},
        )
        return JsonResponse(
            {
                "saved_at": now.isoformat(),
                "message": gettext("Saved as your working draft at %(time)s")
                % {"time": newsroom_time(now, "H:i")},
            }
        )

    def autosave_discard_view(self, request, object_id):
        """POST: this person's working draft of the article is deleted."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        WorkingDraft.objects.filter(user=request.user, article=article).delete()
        self.message_user(
            request, gettext("Your unsaved work was discarded."), messages.SUCCESS
        )
        return redirect(self._url("change", article))

    # The change page ----------------------------------------------------------

    def working_draft(self, request, article):
        """This person's working draft of ``article`` (None if they have
        none), looked up once per page view."""
        if article is None or article.pk is None:
            return None
        cached = getattr(request, "working_draft_of", None)
        if cached is None or cached[0] != article.pk:
            draft = WorkingDraft.objects.filter(
                user=request.user, article=article
            ).first()
            request.working_draft_of = cached = (article.pk, draft)
        return cached[1]

    def _restoring(self, request, article):
        """The draft to fill the form from: asked for, on a GET, and allowed."""
        if request.method != "GET" or request.GET.get("restore") != RESTORE:
            return None
        if not self.has_change_permission(request, article):
            return None
        return self.working_draft(request, article)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        draft = self._restoring(request, obj) if change else None
        return restored_form(form, draft.data) if draft else form

    def get_formsets_with_inlines(self, request, obj=None):
        draft = self._restoring(request, obj) if obj is not None else None
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if draft is not None:
                formset = restored_formset(formset, draft.data)
            yield formset, inline

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if change and obj is not None:
            context.update(self.autosave_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def autosave_context(self, request, article):
        may_change = self.has_change_permission(request, article)
        draft = self.working_draft(request, article) if may_change else None
        context = {
            "autosave_url": self._url("autosave", article) if may_change else None,
            "working_draft": draft,
        }
        if draft is None:
            return context
        context.update(
            working_draft_time=desk_time(draft.saved_at),
            working_draft_restored=self._restoring(request, article) is not None,
            working_draft_restore_url=f"?restore={RESTORE}",
            working_draft_discard_url=self._url("autosave_discard", article),
        )
        by, saved = last_saved(article)
        if saved and saved > draft.saved_at:
            context["working_draft_saved_since_by"] = display_name(by) or gettext(
                "someone else"
            )
        return context

    def response_change(self, request, obj):
        # Reached only once the save went through: the work is in the
        # article now, so its working draft goes.
        WorkingDraft.objects.filter(user=request.user, article=obj).delete()
        return super().response_change(request, obj)

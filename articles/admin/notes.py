"""Notes on the story, on the article's change page: the panel (open notes
with their anchor, author and time, replies, resolve and reopen, resolved
notes behind a toggle), the form to add one, and a small page of its own.

``static/js/desk-notes.js`` posts the panel's forms with ``fetch`` and
puts the panel it gets back in place, so the article's form, and whatever
is unsaved in it, stays as it is. Without JavaScript the same forms post
normally and land on the notes page (``<id>/notes/``), which holds the
same panel. Every view checks, on every request, that the person may see
the article (``articles.notes.may_see``; anyone else gets the desk's 404)
and, to resolve, that they may resolve the note. The rules and the writes
are ``articles.notes``'.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles import notes
from articles.forms import display_name
from articles.models import MAX_NOTE_LENGTH, Note

PANEL_TEMPLATE = "admin/articles/article/includes/notes_panel.html"
BODY_HELP = gettext_lazy(
    "Type @ and a name to mention someone who may open this article: they "
    "get an e-mail. At most %(limit)d characters."
) % {"limit": MAX_NOTE_LENGTH}


EMPTY = {"required": gettext_lazy("Write something in the note.")}


class NoteForm(forms.Form):
    """A new note: what it is on, and what it says (kept as plain text).
    The anchor is checked by ``notes.add_note``, which says what is wrong
    with one that names a part deleted since the page was loaded."""

    anchor = forms.CharField(label=gettext_lazy("On"), required=False)
    body = forms.CharField(
        label=gettext_lazy("Note"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        help_text=BODY_HELP,
        error_messages=EMPTY,
    )

    def __init__(self, *args, article, **kwargs):
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)
        self.fields["anchor"].widget = forms.Select(
            choices=notes.anchor_choices(article)
        )

    def clean_body(self):
        return notes.clean_body(self.cleaned_data["body"])


class ReplyForm(forms.Form):
    body = forms.CharField(error_messages=EMPTY)

    def clean_body(self):
        return notes.clean_body(self.cleaned_data["body"])


class NotesViews:
    """The notes' URLs and views. Mixed into ``ArticleAdmin``, whose
    ``_url``, ``_url_name`` and ``_article_or_404`` it uses."""

    def notes_urls(self):
        def route(suffix, view, name):
            return path(
                f"<path:object_id>/notes/{suffix}",
                self.admin_site.admin_view(view),
                name=self._url_name(name),
            )

        return [
            route("", self.notes_view, "notes"),
            route("add/", self.note_add_view, "note_add"),
            route("<int:note_id>/reply/", self.note_reply_view, "note_reply"),
            route("<int:note_id>/resolve/", self.note_resolve_view, "note_resolve"),
            route("<int:note_id>/reopen/", self.note_reopen_view, "note_reopen"),
        ]

    # The list ---------------------------------------------------------------------

    def get_queryset(self, request):
        # The desk list's column: the open notes counted in the list's own
        # query (a subquery per row, no query per row).
        return super().get_queryset(request).annotate(open_notes=notes.open_count())

    @admin.display(description=gettext_lazy("open notes"))
    def open_notes_column(self, obj):
        count = getattr(obj, "open_notes", 0)
        if not count:
            return ""
        return format_html(
            '<a class="desk-notes-count" href="{}#desk-notes">{}</a>',
            self._url("change", obj),
            ngettext("%(count)d open note", "%(count)d open notes", count)
            % {"count": count},
        )

    # Pages and answers ------------------------------------------------------------

    def _notes_article(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not notes.may_see(request.user, article):
            raise Http404(_("No such article."))
        return article

    def notes_context(self, request, article, *, form=None, show_resolved=False):
        """What the notes panel shows of ``article`` to ``request.user``."""
        threads = notes.threads_of(article)
        for thread in threads:
            thread.anchor_text = notes.anchor_text(thread)
            thread.may_resolve = notes.may_resolve(request.user, thread)
            for url in ("reply", "resolve", "reopen"):
                setattr(
                    thread, f"{url}_url", self._url(f"note_{url}", article, thread.pk)
                )
        resolved = sum(1 for thread in threads if thread.resolved_at is not None)
        people = [
            {"username": user.username, "name": display_name(user)}
            for user in notes.mentionable(article).exclude(pk=request.user.pk)
        ]
        return {
            "notes_article": article,
            "note_threads": threads,
            "notes_open_count": len(threads) - resolved,
            "notes_resolved_count": resolved,
            "notes_show_resolved": show_resolved,
            "notes_counts": notes.open_counts(threads),
            "notes_people": people,
            "note_form": form or NoteForm(article=article),
            "notes_max_length": MAX_NOTE_LENGTH,
            "notes_add_url": self._url("note_add", article),
            "notes_page_url": self._url("notes", article),
            "notes_change_url": self._url("change", article),
        }

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if change and obj is not None and notes.may_see(request.user, obj):
            context.update(self.notes_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def notes_view(self, request, object_id):
        """The notes page: the panel on a page of its own (the fallback of
        the change page's panel without JavaScript)."""
        article = self._notes_article(request, object_id)
        return self._notes_page(request, article)

    def _notes_page(self, request, article, *, form=None, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Notes on “%(headline)s”") % {"headline": article.headline},
            **self.notes_context(
                request,
                article,
                form=form,
                show_resolved=request.GET.get("resolved") == "1",
            ),
        }
        return TemplateResponse(
            request, "admin/articles/article/notes.html", context, status=status
        )

    def _answer(self, request, article, message, *, warning=""):
        """After a note was written or changed: the panel as it is now (for
        the page's script), or the notes page again, with the messages."""
        if _wants_json(request):
            context = self.notes_context(request, article)
            return JsonResponse(
                {
                    "message": message,
                    "warning": warning,
                    "panel": render_to_string(PANEL_TEMPLATE, context, request),
                    "open": context["notes_open_count"],
                }
            )
        self.message_user(request, message, messages.SUCCESS)
        if warning:
            self.message_user(request, warning, messages.WARNING)
        return redirect(f"{self._url('notes', article)}#desk-notes")

    def _refused(self, request, article, form, *, status=400):
        """A form that did not validate: its errors, and nothing typed lost
        (the script keeps the text; the page shows it again)."""
        if _wants_json(request):
            errors = [str(error) for errors in form.errors.values() for error in errors]
            return JsonResponse(
                {"error": " ".join(errors) or _("The note was not saved.")},
                status=status,
            )
        return self._notes_page(request, article, form=form, status=status)

    # Writing ----------------------------------------------------------------------

    def note_add_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._notes_article(request, object_id)
        form = NoteForm(request.POST, article=article)
        if not form.is_valid():
            return self._refused(request, article, form)
        try:
            written = notes.add_note(
                article=article,
                by=request.user,
                body=form.cleaned_data["body"],
                anchor=form.cleaned_data["anchor"],
            )
        except ValidationError as error:
            form.add_error("anchor", error)
            return self._refused(request, article, form)
        return self._answer(
            request, article, _written_message(written), warning=written.warning()
        )

    def note_reply_view(self, request, object_id, note_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article, note = self._note_or_404(request, object_id, note_id)
        form = ReplyForm(request.POST)
        if not form.is_valid():
            return self._refused(request, article, form)
        written = notes.reply(
            note=note, by=request.user, body=form.cleaned_data["body"]
        )
        return self._answer(
            request, article, _written_message(written), warning=written.warning()
        )

    def note_resolve_view(self, request, object_id, note_id):
        return self._resolution(request, object_id, note_id, notes.resolve)

    def note_reopen_view(self, request, object_id, note_id):
        return self._resolution(request, object_id, note_id, notes.reopen)

    def _resolution(self, request, object_id, note_id, change):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article, note = self._note_or_404(request, object_id, note_id)
        try:
            change(note=note, by=request.user)
        except PermissionDenied as error:
            if _wants_json(request):
                return JsonResponse({"error": str(error)}, status=403)
            raise
        if change is notes.resolve:
            message = _("Note resolved.")
        else:
            message = _("Note reopened.")
        return self._answer(request, article, message)

    def _note_or_404(self, request, object_id, note_id):
        article = self._notes_article(request, object_id)
        note = (
            Note.objects.select_related("parent", "article")
            .filter(pk=note_id, article=article)
            .first()
        )
        if note is None:
            raise Http404(_("No such note."))
        return article, note


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _written_message(written):
    if written.mentioned:
        names = ", ".join(display_name(user) for user in written.mentioned)
        return _("Note added; %(names)s will get an e-mail.") % {"names": names}
    return _("Note added.")

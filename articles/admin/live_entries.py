"""The live blog's desk page: post entries fast, and keep the stream right.

``<article id>/live/`` shows a compact "new entry" form at the top (the
section bodies' rich editor) and the stream below it, every entry with its
state (waiting for approval, deleted) and its buttons: edit, pin, key event,
delete or restore, approve, correct. With ``static/js/desk-live.js`` the
form and the buttons post without reloading (the answer is the entry as the
desk shows it); without it each is a plain form and the page comes back.

Two editors on one story: the desk page follows the stream. Its script asks
``live/updates/?after=<cursor>`` every few seconds for the entries changed
since (a colleague's post, edit, deletion, an entry waiting for approval),
each as this desk lists it, buttons included, by the readers' cursor rule
(``articles.live_pages.changed_after``). Unlike the readers' updates it
answers every entry, and per user (the buttons are theirs), so it is never
kept anywhere (``private, no-store``). One small query per open desk page
every five seconds: a handful of editors, not a crowd.

Every request is checked on the server: the article must be one the user may
see on the desk (``_article_or_404``) and a live blog, and the user one who
may post on it (``articles.live_blogs.may_post``); the service checks each
step again under the article's lock, and that is the rule that counts.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from articles import live_blogs, live_pages
from articles.models import LiveEntry
from articles.roles import is_editor
from newsroom.richtext import RichTextField

ITEM_TEMPLATE = "admin/articles/article/includes/live_entry_item.html"
SHOWN_ON_DESK = 100
# How often an open desk page asks for its colleagues' changes.
FOLLOW_SECONDS = 5


class LiveEntryForm(forms.Form):
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    body = RichTextField().formfield(label=_("Update"))
    is_key_event = forms.BooleanField(label=_("Key event"), required=False)
    is_pinned = forms.BooleanField(label=_("Pin to the top"), required=False)


class LiveEntryCorrectionForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea({"rows": 2}))


# Each button of an entry: the service it calls, with what.
ACTIONS = {
    "pin": (live_blogs.set_pinned, {"pinned": True}),
    "unpin": (live_blogs.set_pinned, {"pinned": False}),
    "key": (live_blogs.set_key_event, {"key_event": True}),
    "unkey": (live_blogs.set_key_event, {"key_event": False}),
    "delete": (live_blogs.delete_entry, {}),
    "restore": (live_blogs.restore_entry, {}),
    "approve": (live_blogs.approve_entry, {}),
}


class LiveEntriesViews:
    def live_entries_urls(self):
        def route(suffix, view, name):
            return path(
                f"<path:object_id>/live/{suffix}",
                self.admin_site.admin_view(view),
                name=self._url_name(name),
            )

        return [
            route("", self.live_desk_view, "live"),
            route("updates/", self.live_updates_view, "live_updates"),
            route("<int:entry_id>/edit/", self.live_edit_view, "live_edit"),
            route("<int:entry_id>/correct/", self.live_correct_view, "live_correct"),
            route("<int:entry_id>/<slug:action>/", self.live_action_view, "live_act"),
        ]

    # --- Pages and answers ---------------------------------------------------

    def _live_blog(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not article.is_live_blog:
            raise Http404(_("This article is not a live blog."))
        if not live_blogs.may_post(request.user, article):
            raise PermissionDenied(_("Only its bylined journalists or an editor."))
        return article

    def _entry(self, article, entry_id):
        return get_object_or_404(LiveEntry, pk=entry_id, article=article)

    def live_desk_view(self, request, object_id):
        """The desk page (GET), or a new entry (POST)."""
        article = self._live_blog(request, object_id)
        form = LiveEntryForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    entry = live_blogs.post_entry(
                        article, by=request.user, **form.cleaned_data
                    )
                except live_blogs.LiveBlogError as refusal:
                    form.add_error(None, str(refusal))
                else:
                    return self._live_answer(
                        request, article, entry, _("Posted."), status=201
                    )
            if _wants_json(request):
                return JsonResponse({"errors": _errors(form)}, status=400)
        return self._live_page(request, article, form)

    def live_updates_view(self, request, object_id):
        """The entries changed after ``?after=<cursor>``, as this desk lists
        them (JSON; the module docstring)."""
        article = self._live_blog(request, object_id)
        after = live_pages.cursor_from(request)
        if after is None:
            answer = JsonResponse(
                {"errors": [_("“after” must be a cursor this page gave.")]},
                status=400,
            )
        else:
            changed, cursor = live_pages.changed_after(
                LiveEntry.objects.filter(article=article)
                .select_related("posted_by")
                .prefetch_related("corrections"),
                after,
            )
            answer = JsonResponse(
                {"reload": True, "cursor": cursor}
                if changed is None
                else {
                    "cursor": cursor,
                    "entries": [
                        {
                            "id": entry.pk,
                            "html": self._item_html(request, article, entry),
                        }
                        for entry in changed
                    ],
                }
            )
        patch_cache_control(answer, private=True, no_store=True)
        return answer

    def live_edit_view(self, request, object_id, entry_id):
        """An entry's words, edited on a page of their own."""
        article = self._live_blog(request, object_id)
        entry = self._entry(article, entry_id)
        initial = {"title": entry.title, "body": entry.body}
        form = LiveEntryForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                live_blogs.edit_entry(
                    entry,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data["title"],
                )
            except live_blogs.LiveBlogError as refusal:
                form.add_error("body", str(refusal))
            else:
                self.message_user(request, _("Entry updated."), messages.SUCCESS)
                return redirect(f"{self._url('live', article)}#desk-entry-{entry.pk}")
        context = {
            **self._live_context(request, article),
            "title": _("Edit an entry of “%(headline)s”")
            % {"headline": article.headline},
            "entry_form": form,
            "edited": entry,
        }
        return TemplateResponse(
            request, "admin/articles/article/live_entry_edit.html", context
        )

    def live_action_view(self, request, object_id, entry_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._live_blog(request, object_id)
        entry = self._entry(article, entry_id)
        if action not in ACTIONS:
            raise Http404(_("No such step."))
        step, arguments = ACTIONS[action]
        try:
            entry = step(entry, by=request.user, **arguments)
        except live_blogs.LiveBlogError as refusal:
            return self._live_refused(request, article, str(refusal))
        return self._live_answer(request, article, entry, _("Done."))

    def live_correct_view(self, request, object_id, entry_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._live_blog(request, object_id)
        entry = self._entry(article, entry_id)
        form = LiveEntryCorrectionForm(request.POST)
        if not form.is_valid():
            return self._live_refused(
                request, article, _("Say what the correction is.")
            )
        try:
            entry = live_blogs.correct_entry(
                entry, by=request.user, text=form.cleaned_data["text"]
            )
        except live_blogs.LiveBlogError as refusal:
            return self._live_refused(request, article, str(refusal))
        return self._live_answer(request, article, entry, _("Correction added."))

    def _live_answer(self, request, article, entry, message, *, status=200):
        if _wants_json(request):
            return JsonResponse(
                {
                    "message": message,
                    "id": entry.pk,
                    "html": self._item_html(request, article, entry),
                },
                status=status,
            )
        self.message_user(request, message, messages.SUCCESS)
        return redirect(f"{self._url('live', article)}#desk-entry-{entry.pk}")

    def _live_refused(self, request, article, message):
        if _wants_json(request):
            return JsonResponse({"errors": [message]}, status=400)
        self.message_user(request, message, messages.ERROR)
        return redirect(self._url("live", article))

    def _live_page(self, request, article, form):
        cursor = live_pages.latest_cursor(article)
        entries = (
            LiveEntry.objects.filter(article=article)
            .for_stream()
            .select_related("posted_by")[:SHOWN_ON_DESK]
        )
        context = {
            **self._live_context(request, article),
            "title": _("Live: “%(headline)s”") % {"headline": article.headline},
            "entry_form": form,
            "media": form.media,
            "updates_url": self._url("live_updates", article),
            "cursor": cursor,
            "follow_seconds": FOLLOW_SECONDS,
            "entries": [
                self._item_context(request, article, entry) for entry in entries
            ],
        }
        status = 400 if form.errors else 200
        return TemplateResponse(
            request, "admin/articles/article/live_entries.html", context, status=status
        )

    def _live_context(self, request, article):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "live_url": self._url("live", article),
            "change_url": self._url("change", article),
            "is_editor": is_editor(request.user),
        }

    def _item_html(self, request, article, entry):
        return render_to_string(
            ITEM_TEMPLATE, self._item_context(request, article, entry), request
        )

    def _item_context(self, request, article, entry):
        """One entry as the desk lists it, with the buttons ``request.user``
        may use on it."""
        may_change = live_blogs.may_change(request.user, entry, article)
        editor = is_editor(request.user)
        buttons = []
        if may_change and entry.deleted_at is None:
            buttons += [
                ("unpin", _("Unpin")) if entry.is_pinned else ("pin", _("Pin")),
                ("unkey", _("Not a key event"))
                if entry.is_key_event
                else ("key", _("Key event")),
            ]
            if editor and not entry.is_approved:
                buttons.append(("approve", _("Approve")))
            buttons.append(("delete", _("Delete")))
        elif may_change:
            buttons.append(("restore", _("Restore")))
        return {
            "entry": entry,
            "may_change": may_change,
            "may_correct": editor and entry.deleted_at is None,
            "buttons": [
                (self._url("live_act", article, entry.pk, action), action, label)
                for action, label in buttons
            ],
            "edit_url": self._url("live_edit", article, entry.pk),
            "correct_url": self._url("live_correct", article, entry.pk),
        }


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _errors(form):
    return [str(error) for errors in form.errors.values() for error in errors]

"""The workflow steps on an article's change page: one button and form per
step, each calling the workflow's function (``articles.workflow``) and
nothing else.
"""

import copy

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles import previews, workflow
from articles.forms import (
    ApproveForm,
    PreviewLinkForm,
    RescheduleForm,
    TransitionForm,
    display_name,
)
from articles.models import Article, ArticleEvent
from articles.roles import is_editor
from newsroom.times import desk_time

Action = ArticleEvent.Action


# --- Workflow buttons -----------------------------------------------------------


class Transition:
    """A workflow step as the change page offers it: a button and its form."""

    def __init__(self, action, label, function, form_class=TransitionForm):
        self.action = action
        self.label = label
        self.function = function
        self.form_class = form_class

    def form(self, data=None):
        # Several of these forms share the page: the prefix keeps ids apart.
        return self.form_class(
            data, prefix=self.action, note_required=self.action in NOTE_REQUIRED
        )


# Only a hint for the browser (see TransitionForm): the workflow enforces it.
NOTE_REQUIRED = frozenset({Action.REQUEST_CHANGES, Action.UNPUBLISH})

TRANSITIONS = {
    transition.action: transition
    for transition in [
        Transition(Action.SUBMIT, _("Submit for review"), workflow.submit),
        Transition(Action.WITHDRAW, _("Withdraw from review"), workflow.withdraw),
        Transition(
            Action.REQUEST_CHANGES, _("Request changes"), workflow.request_changes
        ),
        Transition(
            Action.APPROVE, _("Approve and publish"), workflow.approve, ApproveForm
        ),
        Transition(
            Action.RESCHEDULE, _("Reschedule"), workflow.reschedule, RescheduleForm
        ),
        Transition(Action.UNPUBLISH, _("Unpublish"), workflow.unpublish),
        Transition(Action.REOPEN, _("Reopen"), workflow.reopen),
        Transition(
            Action.END_COVERAGE, _("End the live coverage"), workflow.end_coverage
        ),
    ]
}


def transition_done_message(event, article):
    if event.action in (Action.APPROVE, Action.RESCHEDULE):
        if event.publish_at and event.publish_at > timezone.now():
            return gettext("“%(headline)s” is scheduled to go live on %(time)s.") % {
                "headline": article.headline,
                "time": desk_time(event.publish_at),
            }
        return gettext("“%(headline)s” is published.") % {"headline": article.headline}
    return gettext("“%(headline)s”: %(action)s.") % {
        "headline": article.headline,
        "action": event.get_action_display().lower(),
    }


class WorkflowViews:
    """The change page's workflow box (its buttons, the audit trail, the
    preview links) and the view each button posts to. Mixed into
    ``ArticleAdmin``, whose ``_url`` and ``_article_or_404`` it uses."""

    def workflow_urls(self):
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name=self._url_name("transition"),
            ),
        ]

    def desk_context(self, request, article, typed=None):
        """What the change page shows around the form: the workflow buttons,
        the audit trail and the preview links. ``typed``: (action, bound
        form) of a step just refused for what was typed in it."""
        user = request.user
        now = timezone.now()
        available = workflow.available_actions(article, user)
        may_preview = previews.may_preview(user, article)
        # One query for the panel and the unpublish button's warning.
        open_links = (
            list(article.preview_links.active(now).select_related("created_by"))
            if may_preview or Action.UNPUBLISH in available
            else []
        )
        typed_action, typed_form = typed or (None, None)
        actions = [
            {
                "action": action,
                "label": TRANSITIONS[action].label,
                "url": self._url("transition", article, action),
                "form": (
                    typed_form if action == typed_action else TRANSITIONS[action].form()
                ),
                "warning": (
                    self._unpublish_warning(len(open_links))
                    if action == Action.UNPUBLISH
                    else ""
                ),
            }
            for action in available
        ]
        context = {
            "desk_actions": actions,
            "desk_status": self.status_badge(article),
            # Why there is no Approve (or Reschedule) button for an editor,
            # when the four-eyes rule is the reason.
            "desk_four_eyes": self._four_eyes_objection(user, article),
            "desk_events": list(article.events.all()),
            "desk_zone": timezone.get_default_timezone_name(),
            "may_preview": may_preview,
        }
        if may_preview:
            context.update(
                staff_preview_url=reverse("staff-preview", args=[article.pk]),
                preview_links=[
                    {
                        "link": link,
                        "url": request.build_absolute_uri(previews.url_for(link)),
                        "revoke_url": self._url("preview_revoke", article, link.pk),
                        "made_by": display_name(link.created_by),
                    }
                    for link in open_links
                ],
                preview_link_form=PreviewLinkForm(),
                preview_create_url=self._url("preview_create", article),
            )
        return context

    @staticmethod
    def _unpublish_warning(count):
        # Unpublishing revokes them (workflow.unpublish): say so before.
        if not count:
            return ""
        return ngettext(
            "Its %(count)d open preview link will stop working.",
            "Its %(count)d open preview links will stop working.",
            count,
        ) % {"count": count}

    def _four_eyes_objection(self, user, article):
        if not is_editor(user):
            return ""
        if article.status == Article.Status.IN_REVIEW:
            return workflow.four_eyes_objection(article, user)
        if article.is_scheduled():
            return workflow.four_eyes_objection(article, user, Action.RESCHEDULE)
        return ""

    def transition_view(self, request, object_id, action):
        """POST: one workflow step. The workflow checks who may take it
        (``PermissionDenied`` becomes a 403) and whether it is possible now
        (``InvalidTransition`` is shown as an error, and nothing changes).

        A step refused for what was typed in its form (a time gone by, a
        date without a time) shows the page again with that form holding
        what was typed, so it can be put right rather than typed again."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        transition = TRANSITIONS.get(action)
        if transition is None:
            raise Http404(gettext("No such step."))
        article = self._article_or_404(request, object_id)
        change_url = self._url("change", article)
        form = transition.form(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
            return self._change_page_with_typed(request, article, action, form)
        try:
            event = transition.function(
                article, by=request.user, **form.transition_kwargs()
            )
        except workflow.InvalidGoLiveTime as error:
            self.message_user(request, str(error), messages.ERROR)
            form.add_error(None, str(error))
            return self._change_page_with_typed(request, article, action, form)
        except workflow.InvalidTransition as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(change_url)
        self.message_user(
            request, transition_done_message(event, article), messages.SUCCESS
        )
        return redirect(change_url)

    def _change_page_with_typed(self, request, article, action, form):
        """The change page as a GET would show it, but with the refused
        step's ``form`` bound to what was posted. Not a redirect: what was
        typed would be lost with it, and keeping it elsewhere (the session)
        would write for a refused request. Nothing is saved: the page's own
        form is shown as stored."""
        if action not in workflow.available_actions(article, request.user):
            # Not a step of theirs: no form of it to show again.
            return redirect(self._url("change", article))
        page_request = copy.copy(request)
        page_request.method = "GET"
        return self.change_view(
            page_request,
            str(article.pk),
            extra_context={"desk_typed": (action, form)},
        )

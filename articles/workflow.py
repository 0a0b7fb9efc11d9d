"""The editorial workflow: the only code that changes an article's status.

One function per transition (DESIGN.md §5). Each locks the article, checks the
actor's role (``PermissionDenied``) and the transition's legality
(``InvalidTransition``), saves only the fields it changes, records an event and
notifies by e-mail after commit.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import revisions
from articles.desk import GO_LIVE_GRACE, is_scheduled
from articles.forms import desk_time
from articles.models import Article, ArticleEvent
from articles.notifications import notify_after_commit
from articles.signals import article_unpublished, article_went_live
from newsroom.roles import is_bylined, is_editor, may_edit, own_author

Status = Article.Status
Action = ArticleEvent.Action


class InvalidTransition(Exception):
    """The article's state (or what it lacks) does not allow this step."""


# The four-eyes rule's refusal (``four_eyes_objection``): the step refused,
# and why.
_FOUR_EYES_STEPS = {
    Action.APPROVE: gettext_lazy("approve"),
    Action.RESCHEDULE: gettext_lazy("reschedule"),
}
_FOUR_EYES_REASONS = {
    "bylined": gettext_lazy("you are or were bylined on it"),
    "submitted": gettext_lazy("you submitted it"),
    "created": gettext_lazy("you created it"),
}


def submit(article, *, by, note=""):
    with transaction.atomic():
        article = _lock(article)
        if not (is_editor(by) or _may_submit_own(by, article)):
            raise PermissionDenied(
                _("Only its bylined journalists or an editor may submit this article.")
            )
        _require_status(
            article, {Status.DRAFT, Status.CHANGES_REQUESTED}, Action.SUBMIT
        )
        _require_ready(article)
        return _move(article, Action.SUBMIT, Status.IN_REVIEW, by=by, note=note)


def request_changes(article, *, by, note):
    with transaction.atomic():
        article = _lock(article)
        _require_editor(by)
        _require_status(article, {Status.IN_REVIEW}, Action.REQUEST_CHANGES)
        _require_note(note, Action.REQUEST_CHANGES)
        return _move(
            article, Action.REQUEST_CHANGES, Status.CHANGES_REQUESTED, by=by, note=note
        )


def approve(article, *, by, publish_at=None, note=""):
    """Publish now, or schedule for ``publish_at`` when that is in the future."""
    with transaction.atomic():
        article = _lock(article)
        _require_editor(by)
        objection = four_eyes_objection(article, by)
        if objection:
            raise PermissionDenied(objection)
        own = is_bylined(by, article)
        allowed = {Status.IN_REVIEW, Status.DRAFT} if own else {Status.IN_REVIEW}
        _require_status(article, allowed, Action.APPROVE)
        _require_ready(article)

        now = timezone.now()
        publish_at = max(publish_at or now, now)
        article.status = Status.PUBLISHED
        article.published_at = publish_at
        if article.first_published_at is None:
            article.first_published_at = publish_at
        # A new publication: its go-live effects are due again.
        article.live_effects_at = None
        event = _move(
            article,
            Action.APPROVE,
            Status.PUBLISHED,
            by=by,
            note=note,
            publish_at=publish_at,
            fields=["published_at", "first_published_at", "live_effects_at"],
        )
        if publish_at <= now:
            # Live at once: run its go-live effects now rather than at the next
            # `publish_scheduled`; the claim keeps them to exactly once.
            transaction.on_commit(lambda: run_go_live_effects(article_ids=[article.pk]))
        return event


def reschedule(article, *, by, publish_at=None, note=""):
    """Move a scheduled article's go-live time to ``publish_at`` (in the
    future), or publish it now when that is None. Its go-live effects run
    once, at the new time (at once when published now)."""
    with transaction.atomic():
        article = _lock(article)
        _require_editor(by)
        objection = four_eyes_objection(article, by, Action.RESCHEDULE)
        if objection:
            raise PermissionDenied(objection)
        now = timezone.now()
        if not is_scheduled(article, now):
            # A live article cannot be moved: that would hide or re-date a
            # story readers have already seen.
            raise InvalidTransition(
                _("Only a scheduled article can be rescheduled; this one is %(state)s.")
                % {"state": _state_label(article)}
            )
        _require_ready(article)
        if publish_at is not None and publish_at <= now:
            raise InvalidTransition(
                _(
                    "%(time)s has already passed: give a time still to come, or "
                    "leave the time empty to publish now."
                )
                % {"time": desk_time(publish_at)}
            )
        if publish_at == article.published_at:
            raise InvalidTransition(
                _("It is already scheduled for %(time)s.")
                % {"time": desk_time(publish_at)}
            )

        was = article.published_at
        publish_at = publish_at or now
        article.published_at = publish_at
        fields = ["published_at"]
        if article.first_published_at is None or article.first_published_at > now:
            # Never seen by readers yet: its first publication moves with it.
            article.first_published_at = publish_at
            fields.append("first_published_at")
        # live_effects_at is left as it is: empty while scheduled, so the
        # go-live effects run once, at the new time. (Were it set, they would
        # have run already for this publication, and must not run again.)
        if not (note or "").strip():
            note = _reschedule_note(was, publish_at, now)
        event = _move(
            article,
            Action.RESCHEDULE,
            Status.PUBLISHED,
            by=by,
            note=note,
            publish_at=publish_at,
            fields=fields,
        )
        if publish_at <= now:
            # Published now: its go-live effects run at once, as approving
            # for now does; the claim keeps them to exactly once.
            transaction.on_commit(lambda: run_go_live_effects(article_ids=[article.pk]))
        return event


def unpublish(article, *, by, note):
    with transaction.atomic():
        article = _lock(article)
        _require_editor(by)
        _require_status(article, {Status.PUBLISHED}, Action.UNPUBLISH)
        _require_note(note, Action.UNPUBLISH)
        fields = []
        if article.first_published_at and article.first_published_at > timezone.now():
            # Pulled before its scheduled time: it was never published.
            article.first_published_at = None
            fields.append("first_published_at")
        event = _move(
            article,
            Action.UNPUBLISH,
            Status.UNPUBLISHED,
            by=by,
            note=note,
            fields=fields,
        )
        transaction.on_commit(
            lambda: article_unpublished.send(sender=Article, article=article)
        )
        return event


def reopen(article, *, by, note=""):
    with transaction.atomic():
        article = _lock(article)
        _require_editor(by)
        _require_status(article, {Status.UNPUBLISHED}, Action.REOPEN)
        return _move(article, Action.REOPEN, Status.DRAFT, by=by, note=note)


def delete(article, *, by):
    """Delete ``article``, keeping what the newsroom needs afterwards: a last
    revision to recover it from, and its trail, which outlives it (see
    ``ArticleEvent.article``) with a "deleted" event added."""
    with transaction.atomic():
        article = _lock(article)
        if not (by.has_perm("articles.delete_article") and may_edit(by, article)):
            raise PermissionDenied(_("You may not delete this article."))
        revisions.record_before_delete(article, by=by)
        _record(
            article,
            Action.DELETE,
            by=by,
            from_status=article.status,
            to_status="",
            # The trail of a deleted article names it, where nothing else can.
            note=_("Deleted “%(headline)s”.") % {"headline": article.headline},
        )
        article.delete()


def recover(version, *, by):
    """Bring a deleted article back as a draft from its last ``version``
    (``revisions.recover``: editors only), under its old id, so its trail is
    its own again; records that. Returns the article."""
    with transaction.atomic():
        article = revisions.recover(version, by=by)
        _record(
            article,
            Action.RECOVER,
            by=by,
            from_status="",
            to_status=article.status,
            note=_("Recovered after deletion, as a draft."),
        )
    return article


def available_actions(article, user):
    """The transitions ``user`` may take on ``article`` now, for the desk's buttons."""
    editor = is_editor(user)
    own = is_bylined(user, article)
    actions = []
    if article.status in (Status.DRAFT, Status.CHANGES_REQUESTED) and (
        editor or _may_submit_own(user, article)
    ):
        actions.append(Action.SUBMIT)
    if editor:
        if article.status == Status.IN_REVIEW:
            actions.append(Action.REQUEST_CHANGES)
        if (
            article.status == Status.IN_REVIEW
            or (article.status == Status.DRAFT and own)
        ) and not four_eyes_objection(article, user):
            actions.append(Action.APPROVE)
        if is_scheduled(article) and not four_eyes_objection(
            article, user, Action.RESCHEDULE
        ):
            actions.append(Action.RESCHEDULE)
        if article.status == Status.PUBLISHED:
            actions.append(Action.UNPUBLISH)
        if article.status == Status.UNPUBLISHED:
            actions.append(Action.REOPEN)
    return actions


def four_eyes_objection(article, user, action=Action.APPROVE):
    """Why ``user`` may not approve ``article`` under the four-eyes rule
    (``settings.NEWSROOM_FOUR_EYES``), or "" when they may. Rescheduling
    (``action``) is approving it for another time: the same rule, in its
    own words.

    The rule asks whether they had a hand in the article at any time, not only
    what its bylines say at the moment of approval: bylines can be taken off
    and put back, or a story written under a colleague's name. So an editor
    may not approve an article they are bylined on now, were bylined on in
    any saved revision, submitted, or created. (Approving one's own draft
    directly is submitting it too, and is therefore never possible here.)
    """
    if not settings.NEWSROOM_FOUR_EYES:
        return ""
    author = own_author(user)
    if is_bylined(user, article) or (
        author is not None and author.pk in revisions.authors_ever_bylined(article)
    ):
        reason = "bylined"
    elif article.events.filter(action=Action.SUBMIT, actor=user).exists():
        reason = "submitted"
    elif revisions.creator_id(article) == user.pk:
        reason = "created"
    else:
        return ""
    return _("Another editor must %(step)s this article: %(reason)s.") % {
        "step": _FOUR_EYES_STEPS[action],
        "reason": _FOUR_EYES_REASONS[reason],
    }


def run_go_live_effects(*, now=None, article_ids=None):
    """Notify and fire hooks for every article that has gone live since its
    effects last ran; returns the articles handled by this call.

    Safe to run often and concurrently: each article is claimed by one
    conditional UPDATE, which only one runner can win, so the effects happen
    exactly once per publication; anything missed while no runner ran is
    caught up on the next run.
    """
    now = now or timezone.now()
    due = Article.objects.published().filter(
        live_effects_at__isnull=True, published_at__lte=now
    )
    if article_ids is not None:
        due = due.filter(pk__in=article_ids)
    handled = []
    for pk in due.order_by("published_at").values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Article.objects.filter(
                pk=pk,
                live_effects_at__isnull=True,
                status=Status.PUBLISHED,
                published_at__lte=now,
            ).update(live_effects_at=now)
            if not claimed:
                continue  # another runner has it, or it was pulled meanwhile
            article = Article.objects.get(pk=pk)
            event = ArticleEvent.objects.create(
                article=article,
                action=Action.GO_LIVE,
                actor_name="",
                from_status=Status.PUBLISHED,
                to_status=Status.PUBLISHED,
                publish_at=article.published_at,
                note=_went_live_note(article.published_at, now),
                created_at=now,
            )
            notify_after_commit(event)
            transaction.on_commit(
                lambda article=article: article_went_live.send(
                    sender=Article, article=article
                )
            )
        handled.append(article)
    return handled


# --- Helpers ---------------------------------------------------------------


def _lock(article):
    """The article as it is in the database now, locked until commit: the
    check below must see the current status, not a stale copy."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _may_submit_own(user, article):
    return user.has_perm("articles.change_article") and is_bylined(user, article)


def _require_editor(user):
    if not is_editor(user):
        raise PermissionDenied(_("Only editors may do this."))


def _require_status(article, allowed, action):
    if article.status not in allowed:
        raise InvalidTransition(
            _("“%(action)s” is not possible while the article is %(status)s.")
            % {
                "action": Action(action).label,
                "status": article.get_status_display().lower(),
            }
        )


def _require_note(note, action):
    if not (note or "").strip():
        raise InvalidTransition(
            _("“%(action)s” needs a note saying why.")
            % {"action": Action(action).label}
        )


def _require_ready(article):
    problems = article.publication_problems()
    if problems:
        raise InvalidTransition(
            _("The article still needs %(missing)s.")
            % {"missing": get_text_list([str(p) for p in problems], _("and"))}
        )


def _state_label(article):
    if article.is_published():
        return _("live")
    return article.get_status_display().lower()


def _reschedule_note(was, publish_at, now):
    if publish_at <= now:
        return _("Published now, at %(new)s, instead of at %(old)s.") % {
            "new": desk_time(publish_at),
            "old": desk_time(was),
        }
    return _("Moved from %(old)s to %(new)s.") % {
        "old": desk_time(was),
        "new": desk_time(publish_at),
    }


def _went_live_note(published_at, now):
    note = _("Went live at %(time)s.") % {"time": desk_time(published_at)}
    if now - published_at > GO_LIVE_GRACE:
        # The trail says when readers could first see it, and also that the
        # mails and hooks came late (the scheduler was not running).
        note += " " + _("Its go-live notices went out late, at %(time)s.") % {
            "time": desk_time(now)
        }
    return note


def _move(article, action, to_status, *, by, note="", publish_at=None, fields=()):
    from_status = article.status
    article.status = to_status
    # updated_at is left alone: moving through the desk is not an edit.
    article.save(update_fields=["status", *fields])
    event = _record(
        article,
        action,
        by=by,
        from_status=from_status,
        to_status=to_status,
        note=note,
        publish_at=publish_at,
    )
    notify_after_commit(event)
    return event


def _record(article, action, *, by, from_status, to_status, note="", publish_at=None):
    return ArticleEvent.objects.create(
        article=article,
        action=action,
        actor=by,
        actor_name=by.get_full_name() or by.get_username(),
        from_status=from_status,
        to_status=to_status,
        note=(note or "").strip(),
        publish_at=publish_at,
    )

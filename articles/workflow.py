"""The editorial workflow: the only code that changes an article's status.

One function per transition (DESIGN.md §5). Each locks the article, checks the
actor's role (``PermissionDenied``) and the transition's legality
(``InvalidTransition``), saves only the fields it changes, records an event and
notifies by e-mail after commit.

Two rules the steps apply live beside it: who may approve under the
four-eyes rule (``articles.four_eyes``), and what follows when an article
goes live (``articles.go_live``), which approving or rescheduling for now
starts at once.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from articles import revisions, services
from articles.four_eyes import four_eyes_objection
from articles.go_live import run_go_live_effects
from articles.models import Article, ArticleEvent, PreviewLink
from articles.notifications import notify_after_commit
from articles.roles import is_bylined, is_editor, may_delete
from articles.signals import article_unpublished
from newsroom.times import desk_time

Status = Article.Status
Action = ArticleEvent.Action


class InvalidTransition(Exception):
    """The article's state (or what it lacks) does not allow this step."""


class InvalidGoLiveTime(InvalidTransition):
    """The go-live time given cannot be used; the step may be taken with
    another (the desk shows its form again, holding what was typed)."""


def submit(article, *, by, note=""):
    with services.writing(by=by):
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


def withdraw(article, *, by, note=""):
    """Take a submitted article back to draft, before an editor has acted on
    it: the same people who may submit it."""
    with services.writing(by=by):
        article = _lock(article)
        if not (is_editor(by) or _may_submit_own(by, article)):
            raise PermissionDenied(
                _(
                    "Only its bylined journalists or an editor may withdraw this "
                    "article."
                )
            )
        _require_status(article, {Status.IN_REVIEW}, Action.WITHDRAW)
        return _move(article, Action.WITHDRAW, Status.DRAFT, by=by, note=note)


def request_changes(article, *, by, note):
    with services.writing(by=by):
        article = _lock(article)
        _require_editor(by)
        _require_status(article, {Status.IN_REVIEW}, Action.REQUEST_CHANGES)
        _require_note(note, Action.REQUEST_CHANGES)
        return _move(
            article, Action.REQUEST_CHANGES, Status.CHANGES_REQUESTED, by=by, note=note
        )


def approve(article, *, by, publish_at=None, note=""):
    """Publish now (``publish_at`` None, or in the current minute), or
    schedule for ``publish_at``; a time gone by is refused
    (``InvalidGoLiveTime``, see ``_go_live_time``)."""
    with services.writing(by=by):
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
        publish_at = _go_live_time(publish_at, now)
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
            # Live at once: claim and queue its go-live effects now rather
            # than at the next `publish_scheduled`; the claim keeps them to
            # exactly once.
            transaction.on_commit(lambda: run_go_live_effects(article_ids=[article.pk]))
        return event


def reschedule(article, *, by, publish_at=None, note=""):
    """Move a scheduled article's go-live time to ``publish_at`` (in the
    future), or publish it now when that is None (or in the current minute,
    as for ``approve``). Its go-live effects run once, at the new time (at
    once when published now)."""
    with services.writing(by=by):
        article = _lock(article)
        _require_editor(by)
        objection = four_eyes_objection(article, by, Action.RESCHEDULE)
        if objection:
            raise PermissionDenied(objection)
        now = timezone.now()
        if not article.is_scheduled(now):
            # A live article cannot be moved: that would hide or re-date a
            # story readers have already seen.
            raise InvalidTransition(
                _("Only a scheduled article can be rescheduled; this one is %(state)s.")
                % {"state": _state_label(article)}
            )
        _require_ready(article)
        publish_at = _go_live_time(publish_at, now)
        if publish_at == article.published_at:
            raise InvalidGoLiveTime(
                _("It is already scheduled for %(time)s.")
                % {"time": desk_time(publish_at)}
            )

        was = article.published_at
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
            # Published now: its go-live effects are queued at once, as
            # approving for now does; the claim keeps them to exactly once.
            transaction.on_commit(lambda: run_go_live_effects(article_ids=[article.pk]))
        return event


def unpublish(article, *, by, note):
    with services.writing(by=by):
        article = _lock(article)
        _require_editor(by)
        _require_status(article, {Status.PUBLISHED}, Action.UNPUBLISH)
        _require_note(note, Action.UNPUBLISH)
        now = timezone.now()
        fields = []
        if article.first_published_at and article.first_published_at > now:
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
        # A takedown reaches the shared previews too: every link not yet
        # revoked is, expired ones included, so none works again whatever
        # happens to the article or its creator's login later. Revoked at
        # this event's time, the trail says why.
        PreviewLink.objects.filter(article=article, revoked_at__isnull=True).update(
            revoked_at=event.created_at
        )
        transaction.on_commit(
            lambda: article_unpublished.send(sender=Article, article=article)
        )
        return event


def reopen(article, *, by, note=""):
    with services.writing(by=by):
        article = _lock(article)
        _require_editor(by)
        _require_status(article, {Status.UNPUBLISHED}, Action.REOPEN)
        return _move(article, Action.REOPEN, Status.DRAFT, by=by, note=note)


def end_coverage(article, *, by, note=""):
    """End a live blog's coverage now: its page then says so and leads with
    the summary, and takes no more entries. Editors only; a change of the
    article, so every page showing it is rendered again."""
    with services.writing(by=by):
        article = _lock(article)
        _require_editor(by)
        if not article.is_live_blog:
            raise InvalidTransition(_("This article is not a live blog."))
        if article.coverage_ended_at is not None:
            raise InvalidTransition(_("This live coverage has already ended."))
        article.coverage_ended_at = timezone.now()
        article.save(update_fields=["coverage_ended_at"])
        return _record(
            article,
            Action.END_COVERAGE,
            by=by,
            from_status=article.status,
            to_status=article.status,
            note=note,
        )


def delete(article, *, by):
    """Delete ``article``, keeping what the newsroom needs afterwards: a last
    revision to recover it from, and its trail, which outlives it (see
    ``ArticleEvent.article``) with a "deleted" event added."""
    with services.writing(by=by):
        article = _lock(article)
        if not may_delete(by, article):
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
    with services.writing(by=by):
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
    if article.status == Status.IN_REVIEW and (
        editor or _may_submit_own(user, article)
    ):
        actions.append(Action.WITHDRAW)
    if editor:
        if article.status == Status.IN_REVIEW:
            actions.append(Action.REQUEST_CHANGES)
        if (
            article.status == Status.IN_REVIEW
            or (article.status == Status.DRAFT and own)
        ) and not four_eyes_objection(article, user):
            actions.append(Action.APPROVE)
        if article.is_scheduled() and not four_eyes_objection(
            article, user, Action.RESCHEDULE
        ):
            actions.append(Action.RESCHEDULE)
        if article.status == Status.PUBLISHED:
            actions.append(Action.UNPUBLISH)
        if article.status == Status.UNPUBLISHED:
            actions.append(Action.REOPEN)
        if article.is_live_now:
            actions.append(Action.END_COVERAGE)
    return actions


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


def _go_live_time(publish_at, now):
    """When an article approved or rescheduled for ``publish_at`` goes live:
    ``now`` for no time, else the time given, if it is still to come.

    The desk picks minutes, so a time in the current minute is "now" typed
    as the clock shows it, and means now. Anything earlier is refused, not
    read as "now": a time gone by is likelier a mistyped date than a wish
    to publish at once, and the trail must not say otherwise."""
    if publish_at is None or publish_at > now:
        return publish_at or now
    if publish_at >= now.replace(second=0, microsecond=0):
        return now
    raise InvalidGoLiveTime(
        _(
            "%(time)s has already passed: give a time still to come, or "
            "leave the time empty to publish now."
        )
        % {"time": desk_time(publish_at)}
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


def _move(article, action, to_status, *, by, note="", publish_at=None, fields=()):
    # The status as locked, before this step: callers set other fields on
    # the article first, never its status.
    from_status = article.status
    changes = services.current()
    if changes is not None:
        # Its status as locked: no need to read it again before the save.
        changes.article_before(article.pk, from_status)
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

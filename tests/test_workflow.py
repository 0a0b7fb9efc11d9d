"""The editorial workflow: who may move an article where, and what it leaves behind."""

import io
import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleEvent
from articles.workflow import InvalidTransition
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    EditorFactory,
    JournalistFactory,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
Action = ArticleEvent.Action


class BrokenMailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def draft_by(user, **fields):
    """A complete article bylined on ``user``, a draft unless told otherwise."""
    fields = {"status": Status.DRAFT, "published_at": None, **fields}
    return ArticleFactory(with_parts=True, bylines=[user.author_profile], **fields)


def test_journalist_submits_own_draft_and_editors_are_told_after_commit(
    journalist, editor, django_capture_on_commit_callbacks
):
    article = draft_by(journalist)

    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.submit(article, by=journalist, note="Ready when you are")

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert (event.action, event.from_status, event.to_status) == (
        Action.SUBMIT,
        Status.DRAFT,
        Status.IN_REVIEW,
    )
    assert event.actor == journalist and event.note == "Ready when you are"
    assert [m.to for m in mail.outbox] == [["ed@example.com"]]
    assert "Ready when you are" in mail.outbox[0].body
    event.refresh_from_db()
    assert event.notified == ["ed@example.com"]


def test_nothing_is_mailed_when_the_transition_rolls_back(journalist, editor):
    article = draft_by(journalist)
    # Without running on-commit callbacks (the test's transaction never commits)
    # no mail goes out: mail waits for the commit.
    workflow.submit(article, by=journalist)
    assert mail.outbox == []


def test_submitting_an_incomplete_draft_says_what_is_missing(journalist):
    article = ArticleFactory(
        status=Status.DRAFT, dek="", category=None, bylines=[journalist.author_profile]
    )
    with pytest.raises(InvalidTransition) as error:
        workflow.submit(article, by=journalist)
    message = str(error.value)
    assert "an intro" in message
    assert "a category" in message
    assert "at least one section" in message
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_hero_image_without_alt_text_or_credit_blocks_submission(journalist):
    from tests.factories import png_upload

    article = draft_by(journalist, hero_image=png_upload(), hero_alt="", hero_credit="")
    with pytest.raises(InvalidTransition, match="alt text for the hero image"):
        workflow.submit(article, by=journalist)


def test_journalist_cannot_submit_someone_elses_draft(journalist):
    other = JournalistFactory(username="other")
    article = draft_by(other)
    with pytest.raises(PermissionDenied):
        workflow.submit(article, by=journalist)


@pytest.mark.parametrize(
    "transition", ["approve", "reschedule", "request_changes", "unpublish", "reopen"]
)
def test_journalists_cannot_take_editors_steps_even_on_their_own_article(
    journalist, transition
):
    article = draft_by(journalist)
    with pytest.raises(PermissionDenied):
        getattr(workflow, transition)(article, by=journalist, note="because")
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_request_changes_needs_a_note_and_returns_the_article(journalist, editor):
    article = draft_by(journalist, status=Status.IN_REVIEW)
    with pytest.raises(InvalidTransition, match="needs a note"):
        workflow.request_changes(article, by=editor, note="   ")

    workflow.request_changes(article, by=editor, note="Source for paragraph 2?")
    article.refresh_from_db()
    assert article.status == Status.CHANGES_REQUESTED


def test_approving_with_a_future_time_schedules_the_article(journalist, editor):
    article = draft_by(journalist, status=Status.IN_REVIEW)
    go_live = timezone.now() + timedelta(hours=3)

    workflow.approve(article, by=editor, publish_at=go_live)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == go_live
    assert article.first_published_at == go_live
    assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(go_live):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_approving_for_a_time_gone_by_is_refused_with_a_clear_message(
    journalist, editor, settings
):
    # A mistyped date (last year for next year) must not publish at once.
    settings.TIME_ZONE = "Europe/London"
    article = draft_by(journalist, status=Status.IN_REVIEW)

    with pytest.raises(InvalidTransition) as error:
        workflow.approve(
            article, by=editor, publish_at=datetime(2020, 7, 1, 8, 0, tzinfo=UTC)
        )

    assert str(error.value) == (
        "1 Jul 2020, 09:00 BST has already passed: give a time still to come, "
        "or leave the time empty to publish now."
    )
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.IN_REVIEW, None)
    assert not article.events.exists()


@pytest.mark.parametrize("step", ["approve", "reschedule"])
def test_the_current_minute_typed_as_a_go_live_time_means_now(journalist, editor, step):
    # The desk picks minutes: at 14:05:30, "14:05" is now as the clock
    # shows it; "14:04" has gone by.
    now = datetime(2031, 7, 1, 14, 5, 30, tzinfo=UTC)
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        if step == "approve":
            article = draft_by(journalist, status=Status.IN_REVIEW)
        else:
            article = scheduled_by(journalist, now + timedelta(hours=1))
    this_minute, last_minute = now.replace(second=0), now.replace(minute=4, second=0)

    with time_machine.travel(now, tick=False):
        with pytest.raises(InvalidTransition, match="has already passed"):
            getattr(workflow, step)(article, by=editor, publish_at=last_minute)
        event = getattr(workflow, step)(article, by=editor, publish_at=this_minute)
        article.refresh_from_db()
        assert article.is_published()

    assert article.published_at == now == event.publish_at


def test_editor_may_approve_own_draft_directly_but_not_someone_elses(
    journalist, settings
):
    editor = EditorFactory(username="writing-editor")
    from tests.factories import AuthorFactory

    AuthorFactory(user=editor)
    editor.refresh_from_db()
    own = draft_by(editor)
    workflow.approve(own, by=editor)
    own.refresh_from_db()
    assert own.status == Status.PUBLISHED

    theirs = draft_by(journalist)
    with pytest.raises(InvalidTransition):
        workflow.approve(theirs, by=editor)


def test_four_eyes_rule_stops_an_editor_approving_their_own_article(settings):
    settings.NEWSROOM_FOUR_EYES = True
    from tests.factories import AuthorFactory

    editor = EditorFactory(username="writing-editor")
    AuthorFactory(user=editor)
    editor.refresh_from_db()
    article = draft_by(editor, status=Status.IN_REVIEW)

    with pytest.raises(PermissionDenied, match="Another editor"):
        workflow.approve(article, by=editor)
    workflow.approve(article, by=EditorFactory(username="second-pair"))
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_approving_an_incomplete_article_says_what_is_missing(journalist, editor):
    article = ArticleFactory(
        status=Status.IN_REVIEW,
        published_at=None,
        dek="",
        category=None,
        bylines=[journalist.author_profile],
    )
    with pytest.raises(InvalidTransition) as error:
        workflow.approve(article, by=editor)
    assert str(error.value) == (
        "The article still needs an intro, a category and at least one section."
    )
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert not article.events.exists()


def test_a_stale_copy_cannot_replay_a_transition(journalist, editor):
    article = draft_by(journalist, status=Status.IN_REVIEW)
    stale = Article.objects.get(pk=article.pk)
    workflow.approve(article, by=editor)

    # The stale copy still says "in review"; the workflow reads the database.
    with pytest.raises(InvalidTransition, match="published"):
        workflow.request_changes(stale, by=editor, note="too late")


def test_unpublish_needs_a_note_and_hides_the_article_everywhere(editor):
    article = ArticleFactory(with_parts=True)
    with pytest.raises(InvalidTransition):
        workflow.unpublish(article, by=editor, note="")

    workflow.unpublish(article, by=editor, note="Legal asked us to pull it")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_unpublishing_mails_the_bylined_journalists_the_reason(
    journalist, editor, django_capture_on_commit_callbacks
):
    colleague = JournalistFactory(username="co", email="co@example.com")
    JournalistFactory(username="bystander", email="by@example.com")
    article = ArticleFactory(
        with_parts=True, bylines=[journalist.author_profile, colleague.author_profile]
    )

    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.unpublish(article, by=editor, note="Legal asked us to pull it")

    [sent] = mail.outbox
    assert sent.subject.startswith("Unpublished: ")
    assert sorted(sent.to) == ["co@example.com", "jo@example.com"]
    assert "Legal asked us to pull it" in sent.body
    event.refresh_from_db()
    assert event.notified == ["co@example.com", "jo@example.com"]


def test_pulling_a_scheduled_article_before_its_time_leaves_it_never_published(
    journalist, editor
):
    article = draft_by(journalist, status=Status.IN_REVIEW)
    workflow.approve(article, by=editor, publish_at=timezone.now() + timedelta(days=1))
    workflow.unpublish(article, by=editor, note="Embargo moved")
    article.refresh_from_db()
    assert article.first_published_at is None


def test_reopen_brings_an_unpublished_article_back_to_draft(editor):
    article = ArticleFactory(status=Status.UNPUBLISHED)
    workflow.reopen(article, by=editor)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_reopening_tells_the_bylined_journalists_their_story_is_a_draft_again(
    journalist, editor, django_capture_on_commit_callbacks
):
    article = draft_by(journalist, status=Status.UNPUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.reopen(article, by=editor, note="Fix the quote and resend")

    [sent] = mail.outbox
    assert sent.subject == f"Reopened: {article.headline}"
    assert sent.to == ["jo@example.com"]
    assert "Fix the quote and resend" in sent.body
    event.refresh_from_db()
    assert event.notified == ["jo@example.com"]


def test_every_step_records_the_status_it_left_and_the_one_it_reached(
    journalist, editor, django_capture_on_commit_callbacks
):
    # One article through every step: each event holds the real transition
    # (approving once recorded "published" as where it came from).
    article = draft_by(journalist)
    steps = [
        (workflow.submit, {}),
        (workflow.withdraw, {}),
        (workflow.submit, {}),
        (workflow.request_changes, {"note": "Source?"}),
        (workflow.submit, {}),
        (workflow.approve, {"publish_at": timezone.now() + timedelta(hours=1)}),
        (workflow.reschedule, {}),
        (workflow.unpublish, {"note": "Legal"}),
        (workflow.reopen, {}),
    ]

    for step, kwargs in steps:
        by = journalist if step in (workflow.submit, workflow.withdraw) else editor
        # Rescheduled to now, it goes live on commit: a step of its own.
        with django_capture_on_commit_callbacks(execute=True):
            step(article, by=by, **kwargs)

    trail = [
        (e.action, e.from_status, e.to_status) for e in reversed(article.events.all())
    ]
    assert trail == [
        (Action.SUBMIT, Status.DRAFT, Status.IN_REVIEW),
        (Action.WITHDRAW, Status.IN_REVIEW, Status.DRAFT),
        (Action.SUBMIT, Status.DRAFT, Status.IN_REVIEW),
        (Action.REQUEST_CHANGES, Status.IN_REVIEW, Status.CHANGES_REQUESTED),
        (Action.SUBMIT, Status.CHANGES_REQUESTED, Status.IN_REVIEW),
        (Action.APPROVE, Status.IN_REVIEW, Status.PUBLISHED),
        (Action.RESCHEDULE, Status.PUBLISHED, Status.PUBLISHED),
        (Action.GO_LIVE, Status.PUBLISHED, Status.PUBLISHED),
        (Action.UNPUBLISH, Status.PUBLISHED, Status.UNPUBLISHED),
        (Action.REOPEN, Status.UNPUBLISHED, Status.DRAFT),
    ]


def test_an_editor_approving_their_own_draft_records_it_left_draft():
    writer = EditorFactory(username="writing-editor")
    AuthorFactory(user=writer)
    writer.refresh_from_db()

    event = workflow.approve(draft_by(writer), by=writer)

    assert (event.from_status, event.to_status) == (Status.DRAFT, Status.PUBLISHED)


# --- Withdrawing ------------------------------------------------------------------


def test_journalist_withdraws_their_submission_and_editors_are_told(
    journalist, editor, django_capture_on_commit_callbacks
):
    co_author = JournalistFactory(username="co", email="co@example.com")
    article = draft_by(journalist, status=Status.IN_REVIEW)
    article.bylines.create(author=co_author.author_profile, position=1)

    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.withdraw(article, by=journalist, note="A figure is wrong")

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert (event.action, event.actor, event.note) == (
        Action.WITHDRAW,
        journalist,
        "A figure is wrong",
    )
    # The editors (it left their queue) and the co-author (their story is a
    # draft again); never the journalist who did it.
    [sent] = mail.outbox
    assert sent.subject == f"Withdrawn from review: {article.headline}"
    assert sorted(sent.to) == ["co@example.com", "ed@example.com"]
    assert "A figure is wrong" in sent.body
    # Back in their hands: they may edit it again.
    assert workflow.available_actions(article, journalist) == [Action.SUBMIT]


def test_only_a_submitted_article_can_be_withdrawn_and_only_by_its_people(
    journalist, editor
):
    article = draft_by(journalist, status=Status.IN_REVIEW)
    with pytest.raises(PermissionDenied, match="bylined journalists or an editor"):
        workflow.withdraw(article, by=JournalistFactory(username="other"))

    for status in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED):
        other = draft_by(journalist, status=status)
        with pytest.raises(InvalidTransition, match="not possible while"):
            workflow.withdraw(other, by=journalist)

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert not ArticleEvent.objects.filter(action=Action.WITHDRAW).exists()


# --- Deleting ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CHANGES_REQUESTED])
def test_a_journalist_deletes_their_own_never_published_draft(journalist, status):
    article = draft_by(journalist, status=status)

    workflow.delete(article, by=journalist)

    assert not Article.objects.filter(pk=article.pk).exists()
    [deleted] = ArticleEvent.objects.filter(article_id=article.pk)
    assert (deleted.action, deleted.actor, deleted.from_status) == (
        Action.DELETE,
        journalist,
        status,
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.IN_REVIEW},
        {"status": Status.PUBLISHED, "published_at": timezone.now()},
        # Published once, then unpublished and reopened: on the record.
        {"first_published_at": datetime(2031, 7, 1, 9, 0, tzinfo=UTC)},
    ],
    ids=["in_review", "published", "reopened_draft"],
)
def test_a_journalist_may_not_delete_what_left_their_hands_or_was_ever_published(
    journalist, fields
):
    own = draft_by(journalist, **fields)
    theirs = draft_by(JournalistFactory(username="other"))

    for article in (own, theirs):
        with pytest.raises(PermissionDenied):
            workflow.delete(article, by=journalist)

    assert Article.objects.filter(pk__in=[own.pk, theirs.pk]).count() == 2
    assert not ArticleEvent.objects.filter(action=Action.DELETE).exists()


def test_a_failing_mail_server_neither_blocks_nor_undoes_the_transition(
    journalist, editor, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_workflow.BrokenMailBackend"
    article = draft_by(journalist)

    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.submit(article, by=journalist)

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    event.refresh_from_db()
    assert "mail server down" in event.notification_error
    assert event.notified == []


def test_mails_give_times_in_the_newsrooms_zone_and_name_it(
    journalist, editor, settings, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "Europe/London"
    article = draft_by(journalist, status=Status.IN_REVIEW)
    go_live = datetime(2031, 7, 1, 8, 0, tzinfo=UTC)  # 09:00 in London (BST)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, by=editor, publish_at=go_live)
    with (
        time_machine.travel(go_live + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.run_go_live_effects()

    approved, went_live = (m.body for m in mail.outbox)
    assert "Goes live: 1 Jul 2031, 09:00 BST (Europe/London time)" in approved
    assert "Went live: 1 Jul 2031, 09:00 BST (Europe/London time)" in went_live
    assert "UTC" not in approved + went_live


def test_a_failing_mail_server_at_go_live_neither_blocks_it_nor_loses_the_event(
    journalist, editor, settings, django_capture_on_commit_callbacks
):
    article = draft_by(journalist, status=Status.IN_REVIEW)
    go_live = timezone.now() + timedelta(hours=1)
    workflow.approve(article, by=editor, publish_at=go_live)
    settings.EMAIL_BACKEND = "tests.test_workflow.BrokenMailBackend"

    with (
        time_machine.travel(go_live + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert workflow.run_go_live_effects() == [article]

    article.refresh_from_db()
    assert article.live_effects_at is not None  # not retried as if never run
    event = ArticleEvent.objects.get(article=article, action=Action.GO_LIVE)
    assert "mail server down" in event.notification_error
    assert event.notified == []


def test_available_actions_follow_role_and_status(journalist, editor):
    article = draft_by(journalist)
    assert workflow.available_actions(article, journalist) == [Action.SUBMIT]
    assert workflow.available_actions(article, editor) == [Action.SUBMIT]
    article.status = Status.IN_REVIEW
    assert workflow.available_actions(article, journalist) == [Action.WITHDRAW]
    assert workflow.available_actions(article, editor) == [
        Action.WITHDRAW,
        Action.REQUEST_CHANGES,
        Action.APPROVE,
    ]
    colleague = JournalistFactory(username="other")
    assert workflow.available_actions(article, colleague) == []


README = Path(__file__).resolve().parents[1] / "README.md"


def documented_steps():
    """The README's workflow table: step -> (from, to, who)."""
    readme = README.read_text()
    section = readme[readme.index("## The editorial workflow") :]
    section = section[: section.index("\n## ", 1)]
    rows = re.findall(r"^\| `(\w+)`[^|]*\|([^|]*)\|([^|]*)\|([^|]*)\|$", section, re.M)
    return {step: tuple(cell.strip() for cell in cells) for step, *cells in rows}


def test_the_readme_lists_every_step_people_take_with_who_may_take_it():
    steps = documented_steps()

    # Going live is the scheduler's doing, not a person's step.
    assert set(steps) == {action.value for action in Action} - {Action.GO_LIVE}
    assert steps["withdraw"] == (
        "in review",
        "draft",
        "its bylined journalists, editors",
    )
    assert steps["delete"] == (
        "draft, changes requested, never published (editors: any)",
        "deleted, recoverable",
        "its bylined journalists, editors",
    )


def test_available_actions_offer_rescheduling_only_on_a_scheduled_article(
    journalist, editor
):
    article = scheduled_by(journalist, timezone.now() + timedelta(hours=2))
    assert workflow.available_actions(article, editor) == [
        Action.RESCHEDULE,
        Action.UNPUBLISH,
    ]
    assert workflow.available_actions(article, journalist) == []
    article.published_at = timezone.now() - timedelta(minutes=1)  # live
    assert workflow.available_actions(article, editor) == [Action.UNPUBLISH]


def test_go_live_effects_run_exactly_once_and_catch_up_after_downtime(
    journalist, editor, django_capture_on_commit_callbacks
):
    article = draft_by(journalist, status=Status.IN_REVIEW)
    go_live = timezone.now() + timedelta(hours=1)
    workflow.approve(article, by=editor, publish_at=go_live)

    assert workflow.run_go_live_effects() == []  # not yet
    # The scheduler was down for a day: the next run catches up, once.
    with time_machine.travel(go_live + timedelta(days=1)):
        with django_capture_on_commit_callbacks(execute=True):
            assert workflow.run_go_live_effects() == [article]
        assert workflow.run_go_live_effects() == []

    events = ArticleEvent.objects.filter(article=article, action=Action.GO_LIVE)
    assert events.count() == 1
    # The trail keeps both times: when readers first saw it, and that the
    # notices came a day late.
    assert "Went live at" in events[0].note
    assert "went out late" in events[0].note
    went_live_mail = [m for m in mail.outbox if m.subject.startswith("Went live")]
    assert [m.to for m in went_live_mail] == [["jo@example.com"]]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_publish_scheduled_commands_mail_each_go_live_once(
    journalist, editor
):
    go_live = timezone.now() + timedelta(minutes=5)
    articles = []
    for _ in range(5):
        article = draft_by(journalist, status=Status.IN_REVIEW)
        workflow.approve(article, by=editor, publish_at=go_live)
        articles.append(article)

    barrier = threading.Barrier(2)
    outputs = []

    def scheduler():
        out = io.StringIO()
        try:
            barrier.wait()
            call_command("publish_scheduled", stdout=out)
            outputs.append(out.getvalue())
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    with time_machine.travel(go_live + timedelta(seconds=1), tick=True):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert len(outputs) == 2
    counts = [int(re.search(r"(\d+) article\(s\) went live", o)[1]) for o in outputs]
    assert sum(counts) == 5
    for article in articles:
        events = ArticleEvent.objects.filter(article=article, action=Action.GO_LIVE)
        assert events.count() == 1
    went_live = [m.subject for m in mail.outbox if m.subject.startswith("Went live")]
    assert sorted(went_live) == sorted(f"Went live: {a.headline}" for a in articles)


# --- Rescheduling ------------------------------------------------------------------


def scheduled_by(user, go_live):
    """A complete article bylined on ``user``, approved to go live at ``go_live``."""
    article = draft_by(user, status=Status.IN_REVIEW)
    workflow.approve(article, by=EditorFactory(username="approver"), publish_at=go_live)
    article.refresh_from_db()
    return article


def is_visible(article):
    return Article.objects.published().filter(pk=article.pk).exists()


def test_editor_moves_a_scheduled_story_later_and_readers_see_it_only_at_the_new_time(
    journalist, editor
):
    old = timezone.now() + timedelta(hours=1)
    new = old + timedelta(hours=5)
    article = scheduled_by(journalist, old)

    event = workflow.reschedule(article, by=editor, publish_at=new)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.PUBLISHED, new)
    assert article.first_published_at == new  # never seen yet: moves with it
    assert (event.action, event.from_status, event.to_status) == (
        Action.RESCHEDULE,
        Status.PUBLISHED,
        Status.PUBLISHED,
    )
    assert (event.actor, event.publish_at) == (editor, new)
    with time_machine.travel(old + timedelta(minutes=1)):
        assert not is_visible(article)
        assert workflow.run_go_live_effects() == []  # nothing goes live at the old time
    with time_machine.travel(new):
        assert is_visible(article)


def test_editor_publishes_a_scheduled_story_now_and_its_go_live_effects_run_once(
    journalist, editor, django_capture_on_commit_callbacks
):
    article = scheduled_by(journalist, timezone.now() + timedelta(days=1))
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.reschedule(article, by=editor)

    article.refresh_from_db()
    assert is_visible(article)
    assert before <= article.published_at <= timezone.now()
    assert article.first_published_at == article.published_at
    assert article.live_effects_at is not None  # run at once, as approving does
    # The scheduler finds nothing left to do.
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", stdout=io.StringIO())
    assert (
        ArticleEvent.objects.filter(article=article, action=Action.GO_LIVE).count() == 1
    )
    went_live = [m.to for m in mail.outbox if m.subject.startswith("Went live")]
    assert went_live == [["jo@example.com"]]


def test_go_live_effects_run_once_at_the_new_time_after_a_reschedule(
    journalist, editor, django_capture_on_commit_callbacks
):
    old = timezone.now() + timedelta(hours=1)
    new = old + timedelta(hours=1)
    article = scheduled_by(journalist, old)
    workflow.reschedule(article, by=editor, publish_at=new)

    with time_machine.travel(new + timedelta(seconds=30)):
        with django_capture_on_commit_callbacks(execute=True):
            assert workflow.run_go_live_effects() == [article]
        assert workflow.run_go_live_effects() == []
    [went_live] = ArticleEvent.objects.filter(article=article, action=Action.GO_LIVE)
    assert went_live.publish_at == new
    assert "went out late" not in went_live.note


def test_a_story_that_was_live_before_keeps_its_first_publication_when_rescheduled(
    journalist, editor
):
    first = timezone.now() - timedelta(days=3)
    article = draft_by(
        journalist,
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=1),
        first_published_at=first,
    )

    workflow.reschedule(
        article, by=editor, publish_at=timezone.now() + timedelta(days=1)
    )

    article.refresh_from_db()
    assert article.first_published_at == first


def test_journalists_cannot_reschedule_even_their_own_scheduled_story(
    journalist, editor
):
    old = timezone.now() + timedelta(hours=1)
    article = scheduled_by(journalist, old)

    with pytest.raises(PermissionDenied):
        workflow.reschedule(article, by=journalist)

    article.refresh_from_db()
    assert article.published_at == old
    assert not article.events.filter(action=Action.RESCHEDULE).exists()


@pytest.mark.parametrize(
    ("status", "published_at", "state"),
    [
        (Status.PUBLISHED, timedelta(hours=-1), "live"),
        (Status.DRAFT, None, "draft"),
        (Status.IN_REVIEW, None, "in review"),
        (Status.CHANGES_REQUESTED, None, "changes requested"),
        (Status.UNPUBLISHED, timedelta(hours=1), "unpublished"),
    ],
)
def test_only_a_scheduled_story_can_be_rescheduled(
    journalist, editor, status, published_at, state
):
    if published_at is not None:
        published_at = timezone.now() + published_at
    article = draft_by(journalist, status=status, published_at=published_at)

    for publish_at in (None, timezone.now() + timedelta(days=1)):
        with pytest.raises(InvalidTransition) as error:
            workflow.reschedule(article, by=editor, publish_at=publish_at)
        assert str(error.value) == (
            f"Only a scheduled article can be rescheduled; this one is {state}."
        )

    article.refresh_from_db()
    assert (article.status, article.published_at) == (status, published_at)
    assert not article.events.exists()


def test_rescheduling_to_a_time_in_the_past_is_refused_with_a_clear_message(
    journalist, editor, settings
):
    settings.TIME_ZONE = "Europe/London"
    old = timezone.now() + timedelta(hours=1)
    article = scheduled_by(journalist, old)

    with pytest.raises(InvalidTransition) as error:
        workflow.reschedule(
            article, by=editor, publish_at=datetime(2020, 7, 1, 8, 0, tzinfo=UTC)
        )

    assert str(error.value) == (
        "1 Jul 2020, 09:00 BST has already passed: give a time still to come, "
        "or leave the time empty to publish now."
    )
    article.refresh_from_db()
    assert article.published_at == old
    assert not article.events.filter(action=Action.RESCHEDULE).exists()


def test_four_eyes_rule_stops_an_editor_rescheduling_their_own_article(settings):
    settings.NEWSROOM_FOUR_EYES = True
    from tests.factories import AuthorFactory

    writer = EditorFactory(username="writing-editor")
    AuthorFactory(user=writer)
    writer.refresh_from_db()
    old = timezone.now() + timedelta(hours=1)
    article = scheduled_by(writer, old)

    assert Action.RESCHEDULE not in workflow.available_actions(article, writer)
    with pytest.raises(PermissionDenied, match="Another editor must reschedule"):
        workflow.reschedule(article, by=writer)
    article.refresh_from_db()
    assert article.published_at == old

    workflow.reschedule(article, by=EditorFactory(username="second-pair"))
    article.refresh_from_db()
    assert article.is_published()


def test_rescheduling_notes_the_old_and_new_time_and_mails_the_journalists(
    journalist, editor, settings, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "Europe/London"
    article = scheduled_by(journalist, datetime(2031, 7, 1, 8, 0, tzinfo=UTC))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.reschedule(
            article, by=editor, publish_at=datetime(2031, 7, 2, 16, 30, tzinfo=UTC)
        )

    assert event.note == "Moved from 1 Jul 2031, 09:00 BST to 2 Jul 2031, 17:30 BST."
    [sent] = mail.outbox
    assert sent.subject == f"Rescheduled: {article.headline}"
    assert sent.to == ["jo@example.com"]
    assert "Goes live: 2 Jul 2031, 17:30 BST (Europe/London time)" in sent.body
    assert event.note in sent.body
    event.refresh_from_db()
    assert event.notified == ["jo@example.com"]


def test_a_typed_note_replaces_the_automatic_one_and_publishing_now_says_so(
    journalist, editor
):
    article = scheduled_by(journalist, timezone.now() + timedelta(hours=1))
    typed = workflow.reschedule(
        article,
        by=editor,
        publish_at=timezone.now() + timedelta(hours=2),
        note="Embargo moved",
    )
    now = workflow.reschedule(article, by=editor)

    assert typed.note == "Embargo moved"
    assert now.note.startswith("Published now, at ")
    assert "instead of at " in now.note

"""Going live: an article is public from its time on, by query time; its
go-live effects (the "went live" mail, the ``article_went_live`` hook) are a
task queued once per publication, which a worker runs.

Every other test runs tasks in the caller (settings_test); these queue on
the database backend, as a deployment does, to see what waits for a worker.
"""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.backends.base import BaseTaskBackend

from articles import workflow
from articles.models import Article, ArticleEvent
from articles.signals import article_went_live
from newsroom.settings import TASK_BACKENDS
from tests.factories import ArticleFactory, EditorFactory, JournalistFactory
from tests.task_worker import tasks_queued
from tests.test_tasks import mails_in, run_worker

Status = Article.Status
Action = ArticleEvent.Action
GO_LIVE_TASK = "articles.go_live.deliver_go_live_effects"


class QueueDownBackend(BaseTaskBackend):
    """A task queue that cannot be reached (Redis down, say)."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("queue down")


@pytest.fixture
def enqueued():
    """The go-live tasks queued while the test runs (others, such as the
    approval's mail, are not these tests' business)."""
    with tasks_queued(lambda path: path == GO_LIVE_TASK) as results:
        yield results


@pytest.fixture
def hook_calls():
    """The articles ``article_went_live`` was sent for."""
    calls = []

    def record(sender, article, **kwargs):
        calls.append(article.pk)

    article_went_live.connect(record)
    yield calls
    article_went_live.disconnect(record)


def scheduled_story(go_live):
    """A complete story bylined on Jo, approved by an editor for ``go_live``."""
    journalist = JournalistFactory(username="jo", email="jo@example.com")
    editor = EditorFactory(username="ed", email="ed@example.com")
    article = ArticleFactory(
        status=Status.IN_REVIEW,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
        headline="Harbour bridge reopens",
    )
    workflow.approve(article, by=editor, publish_at=go_live)
    return article


def publish_scheduled():
    call_command("publish_scheduled", stdout=io.StringIO())


def is_visible(article):
    return Article.objects.published().filter(pk=article.pk).exists()


def went_live_mail():
    return [m.to for m in mail.outbox if m.subject.startswith("Went live")]


@pytest.mark.django_db
def test_go_live_effects_wait_as_a_queued_task_while_readers_already_see_the_story(
    settings, enqueued, hook_calls, django_capture_on_commit_callbacks
):
    go_live = timezone.now() + timedelta(hours=1)
    article = scheduled_story(go_live)
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}

    with time_machine.travel(go_live + timedelta(seconds=30)):
        with django_capture_on_commit_callbacks(execute=True):
            publish_scheduled()
        # A second run finds it claimed: nothing queued twice.
        with django_capture_on_commit_callbacks(execute=True):
            publish_scheduled()
        assert is_visible(article)  # by query time, whatever the queue does

    event = ArticleEvent.objects.get(article=article, action=Action.GO_LIVE)
    (queued,) = enqueued
    assert queued.args == [event.pk]
    # The task's row waits for a worker: no one told, no hook fired yet.
    assert default_task_backend.get_result(queued.id).status == TaskResultStatus.READY
    assert went_live_mail() == []
    assert hook_calls == []
    assert event.notified == []


@pytest.mark.django_db
def test_go_live_effects_that_could_not_be_queued_run_once_on_the_next_run(
    settings, hook_calls, django_capture_on_commit_callbacks
):
    go_live = timezone.now() + timedelta(hours=1)
    article = scheduled_story(go_live)
    settings.TASKS = {"default": {"BACKEND": "tests.test_go_live.QueueDownBackend"}}

    with time_machine.travel(go_live + timedelta(seconds=30)):
        with django_capture_on_commit_callbacks(execute=True):
            publish_scheduled()
        assert is_visible(article)

    # Not claimed: the desk's overdue warning counts it, the next run takes it.
    article.refresh_from_db()
    assert article.live_effects_at is None
    assert not ArticleEvent.objects.filter(action=Action.GO_LIVE).exists()

    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS["immediate"]}}
    with time_machine.travel(go_live + timedelta(minutes=1, seconds=30)):
        for _run in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                publish_scheduled()

    assert ArticleEvent.objects.filter(action=Action.GO_LIVE).count() == 1
    assert went_live_mail() == [["jo@example.com"]]
    assert hook_calls == [article.pk]


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_delivers_the_go_live_mail_publish_scheduled_queued(
    settings, tmp_path, enqueued
):
    go_live = timezone.now() + timedelta(hours=1)
    article = scheduled_story(go_live)
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}

    with time_machine.travel(go_live + timedelta(seconds=30)):
        publish_scheduled()

    (queued,) = enqueued
    worker = run_worker("database", tmp_path)

    assert worker.returncode == 0, worker.stdout + worker.stderr
    went_live = [m for m in mails_in(tmp_path) if m["Subject"].startswith("Went")]
    assert [(m["To"], m["Subject"]) for m in went_live] == [
        ("jo@example.com", "Went live: Harbour bridge reopens")
    ]
    event = ArticleEvent.objects.get(article=article, action=Action.GO_LIVE)
    assert event.notified == ["jo@example.com"]
    assert default_task_backend.get_result(queued.id).status == (
        TaskResultStatus.SUCCESSFUL
    )

"""Background tasks: a desk step never waits on the mail server, and a real
worker process (the database backend's, and RQ's when Redis is there) picks
the queued mail up and delivers it.

Every other test runs tasks in the request (settings_test); these set the
backend a deployment runs."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend

from articles import workflow
from articles.models import Article, ArticleEvent
from articles.notifications import deliver_event_notifications
from newsroom.settings import TASK_BACKENDS
from tests.factories import ArticleFactory, EditorFactory, JournalistFactory
from tests.task_worker import tasks_queued

ROOT = Path(__file__).resolve().parent.parent
NOTIFY_TASK = "articles.notifications.deliver_event_notifications"


def rq_or_skip():
    """RQ needs a Redis (REDIS_URL); CI's PostgreSQL run asks for it
    (NEWSROOM_EXPECT_TASKS=rq), and then a missing one fails."""
    expected = os.environ.get("NEWSROOM_EXPECT_TASKS", "")
    if not django_settings.TASKS_REDIS_URL:
        message = "No REDIS_URL: the RQ backend is not tested."
        if expected == "rq":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    import django_rq

    queue = django_rq.get_queue("default")
    queue.connection.ping()  # a Redis that is not there fails here, never skips
    queue.empty()  # what an earlier, interrupted run left behind
    return queue


@pytest.fixture(params=["database", "rq"])
def backend(request, settings):
    """The backend a deployment runs, in this test process and its worker."""
    if request.param == "rq":
        queue = rq_or_skip()
        request.addfinalizer(queue.empty)
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS[request.param]}}
    return request.param


@pytest.fixture
def enqueued():
    """The tasks queued while the test runs, but for search's re-indexes and
    CDN purges: every article or author saved queues them
    (tests/test_search_reindex.py, tests/test_cdn_purge.py)."""
    unwatched = {"articles.search.reindex_articles", "newsroom.cdn.purge_keys"}
    with tasks_queued(lambda path: path not in unwatched) as results:
        yield results


@pytest.fixture
def silent_smtp(settings):
    """An SMTP server that takes the connection and never says a word, as a
    hung mail server does: the kernel accepts on the listening socket, no one
    answers the greeting the client waits for."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        # Long enough that a request waiting on it cannot pass the test.
        settings.EMAIL_TIMEOUT = 20
        yield server


def submit_on_the_desk(journalist, article):
    client = Client()
    client.force_login(journalist)
    url = reverse(
        "admin:articles_article_transition",
        args=[article.pk, ArticleEvent.Action.SUBMIT],
    )
    return client.post(url)


def draft_of(journalist):
    return ArticleFactory(
        status=Article.Status.DRAFT,
        with_parts=True,
        bylines=[journalist.author_profile],
        headline="Harbour bridge reopens",
    )


@pytest.mark.django_db
def test_a_desk_step_returns_at_once_while_the_mail_server_never_answers(
    backend, silent_smtp, enqueued, django_capture_on_commit_callbacks
):
    journalist = JournalistFactory(username="jo", email="jo@example.com")
    EditorFactory(username="ed", email="ed@example.com")
    article = draft_of(journalist)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_on_the_desk(journalist, article)
    took = time.monotonic() - started

    assert response.status_code == 302
    assert took < 10, f"the desk waited {took:.1f}s on the mail server"
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    event = ArticleEvent.objects.get(article=article)
    (queued,) = enqueued
    assert queued.task.module_path == NOTIFY_TASK
    assert queued.args == [event.pk]
    # Waiting for a worker: nobody told yet, and no error either.
    stored = default_task_backend.get_result(queued.id)
    assert stored.status == TaskResultStatus.READY
    assert event.notified == []
    assert event.notification_error == ""


def database_url():
    """The test database, as a URL a worker process reads."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "localhost"
    port = db["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


def run_worker(backend, mail_dir):
    """A real worker process that runs what is queued, then stops."""
    command = {
        "database": [
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
        ],
        "rq": ["rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job"],
    }[backend]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "DATABASE_URL": database_url(),
        "NEWSROOM_TEST_TASKS": backend,
        "NEWSROOM_TEST_MAIL_DIR": str(mail_dir),
    }
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def mails_in(folder):
    found = []
    for path in sorted(Path(folder).iterdir()):
        # The file backend writes each message as it would go on the wire.
        with contextlib.suppress(OSError):
            found.append(message_from_bytes(path.read_bytes()))
    return found


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_delivers_the_notification_a_desk_step_queued(
    backend, tmp_path, enqueued
):
    journalist = JournalistFactory(username="jo", email="jo@example.com")
    EditorFactory(username="ed", email="ed@example.com")
    article = draft_of(journalist)

    response = submit_on_the_desk(journalist, article)
    assert response.status_code == 302
    (queued,) = enqueued
    assert ArticleEvent.objects.get(article=article).notified == []

    worker = run_worker(backend, tmp_path)

    assert worker.returncode == 0, worker.stdout + worker.stderr
    (mail,) = mails_in(tmp_path)
    assert mail["To"] == "ed@example.com"
    assert mail["Subject"] == "Submitted for review: Harbour bridge reopens"
    event = ArticleEvent.objects.get(article=article)
    assert event.notified == ["ed@example.com"]
    assert default_task_backend.get_result(queued.id).status == (
        TaskResultStatus.SUCCESSFUL
    )


READER_FORMS = {
    "contact": (
        "/contact/",
        {
            "name": "Ada Reader",
            "email": "ada@example.com",
            "subject": "Bins not collected",
            "message": "The bins on Harbour Road have not been collected for weeks.",
            "website": "",
        },
        "contact.tasks.mail_contact_message",
    ),
    "newsletter": (
        "/subscribe/",
        {"email": "reader@example.com"},
        "newsletter.tasks.send_signup_mail",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("form", READER_FORMS)
def test_a_reader_form_returns_at_once_while_the_mail_server_never_answers(
    form, settings, silent_smtp, enqueued
):
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}
    path, data, task_path = READER_FORMS[form]

    started = time.monotonic()
    response = Client().post(path, data)
    took = time.monotonic() - started

    assert response.status_code == 302
    assert took < 10, f"the reader waited {took:.1f}s on the mail server"
    (queued,) = enqueued
    assert queued.task.module_path == task_path
    assert default_task_backend.get_result(queued.id).status == (TaskResultStatus.READY)


@pytest.mark.django_db
def test_a_failed_notification_is_tried_again_later_a_few_times_then_left_recorded(
    settings, enqueued
):
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}
    settings.EMAIL_BACKEND = "tests.test_workflow.BrokenMailBackend"
    settings.NEWSROOM_NOTIFICATION_ATTEMPTS = 3
    journalist = JournalistFactory(username="jo", email="jo@example.com")
    EditorFactory(username="ed", email="ed@example.com")
    article = draft_of(journalist)
    workflow.submit(article, by=journalist)  # its mail waits for a commit
    event = ArticleEvent.objects.get(article=article)
    now = timezone.now()

    with time_machine.travel(now, tick=False):
        deliver_event_notifications.call(event.pk)
        deliver_event_notifications.call(event.pk, attempt=2)
        deliver_event_notifications.call(event.pk, attempt=3)

    # Two more tries, each waiting longer; the third failure is the last.
    assert [(r.args, r.kwargs, r.task.run_after) for r in enqueued] == [
        ([event.pk], {"attempt": 2}, now + timedelta(minutes=1)),
        ([event.pk], {"attempt": 3}, now + timedelta(minutes=4)),
    ]
    event.refresh_from_db()
    assert event.notification_error == "ConnectionRefusedError: mail server down"
    assert event.notified == []

    # The server is back for a later try: told, and the error is gone.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    deliver_event_notifications.call(event.pk, attempt=2)
    event.refresh_from_db()
    assert event.notified == ["ed@example.com"]
    assert event.notification_error == ""
    assert [m.subject for m in mail.outbox] == [
        "Submitted for review: Harbour bridge reopens"
    ]

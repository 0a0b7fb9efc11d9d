"""Re-indexing is a task: a desk save queues one re-index of its article, a
worker runs it, and until then search still answers, and never with a draft.

Every other test runs tasks in the request (settings_test), where the
re-index happens inside the save as it did before tasks; these set the
backends a deployment runs."""

import pytest
from django.test import Client
from django_tasks import TaskResultStatus, default_task_backend

from articles import search
from articles.models import Article
from newsroom.settings import TASK_BACKENDS
from tests.admin_urls import change_url
from tests.factories import ArticleFactory, EditorFactory, admin_article_data
from tests.task_worker import tasks_queued
from tests.test_tasks import rq_or_skip, run_worker

REINDEX_TASK = "articles.search.reindex_articles"


@pytest.fixture
def reindexes():
    """The re-index tasks queued while the test runs."""
    with tasks_queued(lambda path: path == REINDEX_TASK) as results:
        yield results


def found(query):
    return [article.headline for article in search.search(query)]


def save_on_the_desk(article, body):
    """The article saved on the desk with its first section's body ``body``."""
    desk = Client()
    desk.force_login(EditorFactory())
    data = admin_article_data(article)
    data["sections-0-body"] = body
    response = desk.post(change_url(article), data)
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", ["database", "rq"])
def test_a_desk_save_queues_one_reindex_that_a_worker_process_runs(
    backend, request, settings, reindexes, tmp_path
):
    if backend == "rq":
        request.addfinalizer(rq_or_skip().empty)
    # Made and indexed as the tests' immediate backend does it...
    article = ArticleFactory(headline="Council meets", with_parts=True)
    reindexes.clear()
    # ...then saved on a site whose tasks wait for a worker.
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS[backend]}}

    save_on_the_desk(article, "<p>Talk turned to the lighthouse.</p>")

    (queued,) = reindexes
    assert queued.args == [[article.pk]]
    stored = default_task_backend.get_result(queued.id)
    assert stored.status == TaskResultStatus.READY
    # Until a worker runs it, search answers from the index as it was.
    assert found("lighthouse") == []
    assert found("detail") == ["Council meets"]

    worker = run_worker(backend, tmp_path)

    assert worker.returncode == 0, worker.stdout + worker.stderr
    assert default_task_backend.get_result(queued.id).status == (
        TaskResultStatus.SUCCESSFUL
    )
    assert found("lighthouse") == ["Council meets"]


@pytest.mark.django_db
def test_a_queue_outside_the_database_is_given_the_reindex_once_the_save_commits(
    settings, reindexes, django_capture_on_commit_callbacks
):
    # RQ's Redis, say: a worker there could read the rows before the commit.
    article = ArticleFactory(headline="Council meets", with_parts=True)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    reindexes.clear()

    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        save_on_the_desk(article, "<p>Talk turned to the lighthouse.</p>")
    assert reindexes == []

    for callback in on_commit:
        callback()

    (queued,) = reindexes
    assert queued.args == [[article.pk]]


@pytest.mark.django_db
def test_a_stale_index_never_shows_a_draft(settings, reindexes):
    article = ArticleFactory(headline="Lighthouse keeper retires", with_parts=True)
    assert found("lighthouse") == ["Lighthouse keeper retires"]
    reindexes.clear()
    # Tasks wait for a worker that has not come: the index still holds the
    # article as it was when it was live.
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    save_on_the_desk(Article.objects.get(pk=article.pk), "<p>Redrafted.</p>")

    assert len(reindexes) == 1
    assert found("lighthouse") == []

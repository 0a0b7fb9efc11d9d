"""The database task backend in a test: tasks wait in the database for a
worker, as by default in production, and ``run_the_worker`` runs them here,
inside the test's transaction (tests/test_tasks.py starts real worker
processes, for what only a process proves)."""

from contextlib import contextmanager

import pytest
from django_tasks.signals import task_enqueued
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from newsroom.settings import TASK_BACKENDS


@pytest.fixture
def database_tasks(settings):
    """Tasks queued on the database backend; yields each one queued."""
    settings.TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}
    queued = []

    def record(sender, task_result, **kwargs):
        queued.append(task_result)

    task_enqueued.connect(record)
    yield queued
    task_enqueued.disconnect(record)


def queued_of(task, results):
    """Of ``results``, those of ``task``."""
    return [result for result in results if result.task.func is task.func]


def run_the_worker():
    """Runs what is ready (not what waits for a later time), in order, as
    the database backend's worker does, then stops. ``Worker.run`` itself
    would close the connection between tasks, as a long-lived process
    should, and with it the test's transaction."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (queued := DBTaskResult.objects.ready().get_locked()) is not None:
        queued.claim(worker.worker_id)
        worker.run_task(queued)


@contextmanager
def tasks_queued(keep):
    """The tasks queued inside the block whose ``module_path`` ``keep`` accepts."""
    results = []

    def record(sender, task_result, **kwargs):
        if keep(task_result.task.module_path):
            results.append(task_result)

    task_enqueued.connect(record)
    try:
        yield results
    finally:
        task_enqueued.disconnect(record)

"""The desk's imports run here, in a task worker (``newsroom.tasks``), never
in a request: first a dry run (its report shown for confirmation), then,
once confirmed, the real run; the progress of each saved to the
``ImportRun`` as it goes for the desk's page to show (a dry run's between
its batches, each rolled back: ``imports.importer``)."""

import logging
from pathlib import Path

from django.db.models import F
from django_tasks import task

from imports import ghost, uploads, wxr
from imports.importer import Importer
from imports.models import ImportRun
from imports.records import ExportError

logger = logging.getLogger(__name__)
PARSERS = {"wordpress": wxr.parse, "ghost": ghost.parse}
# Progress is saved every this many posts (and at the end).
PROGRESS_EVERY = 10
MEDIA_MISSING = (
    "The media folder {folder} is not on the machine running the import (a "
    "task worker): mount it there at the same path, then upload again."
)


@task()
def run_import(run_id, dry_run):
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    Status = ImportRun.Status  # noqa: N806
    try:
        if run.media_dir and not Path(run.media_dir).is_dir():
            # Checked by the upload form, on the web server; the worker may
            # be another machine.
            raise ExportError(MEDIA_MISSING.format(folder=run.media_dir))
        with uploads.local_copy(run.stored_as) as path:
            export = PARSERS[run.system](path)
    except ExportError as error:
        ImportRun.objects.filter(pk=run.pk).update(
            status=Status.FAILED, error=str(error)
        )
        uploads.discard(run.stored_as)
        return

    def progress(done, total, report):
        if done == total or done % PROGRESS_EVERY == 0:
            ImportRun.objects.filter(pk=run.pk).update(
                done=done, total=total, summary=report.summary()[:300]
            )

    try:
        report = Importer(
            export,
            media_dir=run.media_dir or None,
            dry_run=dry_run,
            overwrite=run.overwrite,
            default_category=run.default_category,
            progress=progress,
        ).run()
    except Exception as error:
        logger.exception("Import %s failed", run.pk)
        ImportRun.objects.filter(pk=run.pk).update(
            status=Status.FAILED, error=f"{type(error).__name__}: {error}"
        )
        raise
    if dry_run:
        ImportRun.objects.filter(pk=run.pk).update(
            status=Status.CHECKED,
            dry_run_report=report.text(),
            summary=report.summary()[:300],
            total=len(export.posts),
        )
    else:
        ImportRun.objects.filter(pk=run.pk).update(
            status=Status.DONE,
            report=report.text(),
            summary=report.summary()[:300],
            done=F("total"),
        )
        uploads.discard(run.stored_as)

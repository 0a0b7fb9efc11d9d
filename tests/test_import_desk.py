"""The desk's Import page (imports.admin): administrators only, checked on
every request; an upload starts a dry run in a task and shows its report;
confirming starts the import; bad files get a clear message, never a 500."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from articles.models import Article
from imports import importer, tasks, uploads
from imports.models import ImportRun
from tests.factories import client_for
from tests.import_helpers import OWN_EXPORTS

pytestmark = pytest.mark.django_db
ADD = "/admin/imports/importrun/add/"
EXPORT = OWN_EXPORTS / "harbour-gazette.xml"


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "exports"},
        },
    }
    return tmp_path / "exports"


def upload(client, path=EXPORT, system="wordpress", **fields):
    with open(path, "rb") as file:
        data = {"system": system, "export": SimpleUploadedFile(path.name, file.read())}
    return client.post(ADD, {**data, **fields})


@pytest.fixture
def tasks_run(django_capture_on_commit_callbacks):
    """The tasks a request queues on commit, run (the test's transaction
    never commits; tasks run immediately in tests)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def confirm(client, run):
    return client.post(f"/admin/imports/importrun/{run.pk}/confirm/")


def test_only_administrators_reach_the_import_page(journalist, editor, superuser):
    run = ImportRun.objects.create(system="wordpress", file_name="x.xml", stored_as="x")
    urls = [
        ADD,
        f"/admin/imports/importrun/{run.pk}/change/",
        f"/admin/imports/importrun/{run.pk}/progress/",
    ]
    for user in (journalist, editor):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        assert (
            client.post(f"/admin/imports/importrun/{run.pk}/confirm/").status_code
            == 403
        )
        assert upload(client).status_code == 403
    anonymous = client_for(None)
    assert anonymous.get(ADD).status_code == 302  # to the log-in page
    assert client_for(superuser).get(ADD).status_code == 200
    assert not Article.objects.exists()


def test_an_upload_shows_the_dry_run_report_and_saves_nothing(
    superuser, import_dir, tasks_run
):
    client = client_for(superuser)
    with tasks_run():
        response = upload(client)
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/imports/importrun/{run.pk}/change/"
    assert run.status == ImportRun.Status.CHECKED
    page = client.get(response["Location"]).content.decode()
    assert "Dry run report" in page and "9 imported" in page
    assert "Import for real" in page
    assert not Article.objects.exists()
    assert list(import_dir.iterdir())  # the export waits for the confirmation


def test_confirming_imports_and_the_report_follows(superuser, import_dir, tasks_run):
    client = client_for(superuser)
    with tasks_run():
        upload(client)
    run = ImportRun.objects.get()
    with tasks_run():
        response = confirm(client, run)
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert Article.objects.count() == 9
    page = client.get(f"/admin/imports/importrun/{run.pk}/change/").content.decode()
    assert "Import report" in page and "9 imported" in page
    assert list(import_dir.iterdir()) == []  # the export is gone once imported
    progress = client.get(f"/admin/imports/importrun/{run.pk}/progress/").json()
    # Every post and page of the file, the skipped ones too.
    assert progress["status"] == "done" and progress["done"] == progress["total"] == 13


def test_a_run_is_confirmed_once(superuser, tasks_run):
    client = client_for(superuser)
    with tasks_run():
        upload(client)
    run = ImportRun.objects.get()
    with tasks_run():
        confirm(client, run)
    with tasks_run():
        again = client.post(f"/admin/imports/importrun/{run.pk}/confirm/", follow=True)
    assert "not waiting for confirmation" in again.content.decode()
    assert Article.objects.count() == 9


def test_a_confirmation_is_a_post(superuser):
    client = client_for(superuser)
    upload(client)
    run = ImportRun.objects.get()
    assert client.get(f"/admin/imports/importrun/{run.pk}/confirm/").status_code == 405


@pytest.mark.parametrize(
    ("name", "content", "system", "message"),
    [
        ("export.json", b'{"db": []}', "wordpress", "A WordPress export is a .xml"),
        ("export.xml", b"%PDF-1.4", "wordpress", "not an export of that kind."),
        ("export.json", b"<rss/>", "ghost", "not an export of that kind."),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_with_a_message(
    superuser, tmp_path, name, content, system, message
):
    path = tmp_path / name
    path.write_bytes(content)
    response = upload(client_for(superuser), path=path, system=system)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_export_that_cannot_be_read_fails_with_its_reason(
    superuser, tmp_path, tasks_run
):
    path = tmp_path / "cut.xml"
    path.write_bytes(EXPORT.read_bytes()[:2000])
    client = client_for(superuser)
    with tasks_run():
        response = upload(client, path=path)
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Not a readable XML file" in page


def test_a_media_folder_that_does_not_exist_is_refused(superuser):
    response = upload(client_for(superuser), media_dir="/nowhere/uploads")
    assert "There is no folder /nowhere/uploads on the server." in (
        response.content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_the_dry_run_shows_its_progress_as_it_goes_and_saves_nothing(
    superuser, monkeypatch
):
    """The desk's page reads the progress from another process: it must be
    committed while the dry run goes on, not rolled back with it."""
    monkeypatch.setattr(importer, "BATCH", 2)
    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 1)
    with open(EXPORT, "rb") as file:
        stored = uploads.store(
            SimpleUploadedFile(EXPORT.name, file.read()), "wordpress"
        )
    run = ImportRun.objects.create(
        system="wordpress", file_name=EXPORT.name, stored_as=stored
    )
    desk = client_for(superuser)
    seen = []
    finish = importer.Importer.finish

    def look_from_the_desk(self, articles):
        finish(self, articles)
        reader = threading.Thread(target=read_progress)
        reader.start()
        reader.join()

    def read_progress():
        # Another thread: another database connection, as another process.
        try:
            seen.append(desk.get(f"/admin/imports/importrun/{run.pk}/progress/").json())
        finally:
            connection.close()  # back to the pool (PostgreSQL)

    monkeypatch.setattr(importer.Importer, "finish", look_from_the_desk)
    tasks.run_import.call(run.pk, True)

    assert [p["done"] for p in seen][:4] == [0, 2, 4, 6]
    assert all(p["status"] == "checking" and p["total"] == 13 for p in seen[1:])
    run.refresh_from_db()
    assert run.status == ImportRun.Status.CHECKED and run.total == 13
    assert "9 imported" in run.dry_run_report
    assert not Article.objects.exists()


def test_an_export_missing_where_the_worker_looks_fails_the_run_with_the_fix(
    superuser, import_dir, tasks_run
):
    """A worker on another machine without the shared folder: the run says
    so and stops, once; it never waits or retries for ever."""
    client = client_for(superuser)
    with tasks_run():
        upload(client)
    run = ImportRun.objects.get()
    for stored in import_dir.iterdir():
        stored.unlink()  # as a worker elsewhere sees the folder
    with tasks_run():
        confirm(client, run)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "NEWSROOM_IMPORT_DIR" in run.error
    page = client.get(f"/admin/imports/importrun/{run.pk}/change/").content.decode()
    assert "not where this task worker looks for it" in page
    assert not Article.objects.exists()


def test_a_media_folder_missing_on_the_worker_fails_the_run_with_the_fix(
    superuser, tmp_path, tasks_run
):
    media = tmp_path / "uploads"
    media.mkdir()
    client = client_for(superuser)
    with tasks_run():
        upload(client, media_dir=str(media))
    media.rmdir()  # there on the web server, not on the worker
    run = ImportRun.objects.get()
    with tasks_run():
        confirm(client, run)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert f"The media folder {media} is not on the machine" in run.error
    assert not Article.objects.exists()

"""The database task backend's app (django-tasks-db), installed without its
page on the desk.

django-tasks-db registers a list of task results on the admin site. Its
filters answer a crafted number with a server error (tests/test_junk_urls.py
finds them), and nothing on it is for the newsroom's editors; operators read
the queue as docs/operations.md shows.
"""

from django.contrib import admin
from django_tasks_db.apps import TasksAppConfig


class DatabaseTasksConfig(TasksAppConfig):
    def ready(self):
        super().ready()
        # Models load after app configs; and by now the admin app, first in
        # INSTALLED_APPS, has imported every app's admin module.
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)

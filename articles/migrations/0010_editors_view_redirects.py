"""Editors may read the list of redirects (old addresses) on the desk.

Nobody adds, changes or deletes them there: they are recorded when a live
article's or a category's address changes (``articles.redirects``).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
GRANTS = [("articles", "redirect", ("view",))]


def create_model_permissions(apps, schema_editor):
    # As in 0002_roles: on a fresh database permissions only appear after
    # `migrate` has finished, too late for this migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(
            app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias
        )
        app_config.models_module = None


def permissions(apps, db):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, actions in GRANTS:
        codenames = [f"{action}_{model}" for action in actions]
        rows = list(
            Permission.objects.using(db).filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=codenames,
            )
        )
        if len(rows) != len(codenames):
            raise LookupError(f"Missing permissions for {app_label}.{model}")
        found += rows
    return found


def grant(apps, schema_editor):
    create_model_permissions(apps, schema_editor)
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.using(db).get_or_create(name=EDITORS)
    group.permissions.add(*permissions(apps, db))


def revoke(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    group = Group.objects.using(db).filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(*permissions(apps, db))


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_search_and_redirects")]

    operations = [migrations.RunPython(grant, revoke)]

"""What the role migrations share: creating permissions early and granting them.

Not a migration itself (Django's loader skips modules starting with "_").
"""

from django.contrib.auth.management import create_permissions


def create_model_permissions(apps, schema_editor):
    # Permissions are normally created after `migrate` finishes (post_migrate),
    # too late for a migration on a fresh database; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(
            app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias
        )
        app_config.models_module = None


def find_permissions(apps, db, grants):
    """The Permission rows for ``grants``: [(app label, model, actions)]."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, actions in grants:
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


def grant_to_group(group_name, grants):
    """A (forward, backward) pair for RunPython: add ``grants`` to the group,
    and take exactly those away again."""

    def grant(apps, schema_editor):
        create_model_permissions(apps, schema_editor)
        db = schema_editor.connection.alias
        Group = apps.get_model("auth", "Group")
        group, _created = Group.objects.using(db).get_or_create(name=group_name)
        group.permissions.add(*find_permissions(apps, db, grants))

    def revoke(apps, schema_editor):
        db = schema_editor.connection.alias
        Group = apps.get_model("auth", "Group")
        group = Group.objects.using(db).filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(*find_permissions(apps, db, grants))

    # What it grants, readable from the migration: the tests' factories build
    # the groups again from every app's grants after a flush empties them.
    grant.group_name = group_name
    grant.grants = grants
    return grant, revoke

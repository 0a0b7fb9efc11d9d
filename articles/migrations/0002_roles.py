"""The newsroom's two roles, as Django groups with model permissions.

Journalists write: they add articles and edit the parts of their own drafts
(the admin narrows "their own" and "while a draft"; a group can only say which
models). Editors run the desk: everything on articles, authors and tags, plus
the site pages' text. Users and site settings stay with superusers.
"""

from django.db import migrations

from articles.migrations._grants import create_model_permissions

JOURNALISTS = "Journalists"
EDITORS = "Editors"

ALL = ("view", "add", "change", "delete")
ARTICLE_PARTS = ("section", "keypoint", "faq", "byline")

# (app label, model name, actions)
GROUP_PERMISSIONS = {
    JOURNALISTS: [
        ("articles", "article", ("view", "add", "change")),
        # Deleting a part is part of editing one's own draft: a journalist
        # must be able to drop a key point or a co-byline they added.
        *[("articles", part, ALL) for part in ARTICLE_PARTS],
        ("articles", "correction", ("view",)),
        ("articles", "category", ("view",)),
        # "change" is narrowed to their own profile by the admin.
        ("authors", "author", ("view", "change")),
        ("taggit", "tag", ("view", "add")),
    ],
    EDITORS: [
        *[
            ("articles", model, ALL)
            for model in ("article", *ARTICLE_PARTS, "correction", "category")
        ],
        ("authors", "author", ALL),
        ("taggit", "tag", ALL),
        ("newsroom", "sitepage", ("view", "change")),
    ],
}


def create_groups(apps, schema_editor):
    create_model_permissions(apps, schema_editor)
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    for group_name, grants in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.using(db).get_or_create(name=group_name)
        for app_label, model, actions in grants:
            codenames = [f"{action}_{model}" for action in actions]
            permissions = list(
                Permission.objects.using(db).filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=codenames,
                )
            )
            if len(permissions) != len(codenames):
                raise LookupError(
                    f"Missing permissions for {app_label}.{model}: {codenames}"
                )
            # add(), not set(): running again never strips what an
            # administrator granted by hand since.
            group.permissions.add(*permissions)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=GROUP_PERMISSIONS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("authors", "0001_initial"),
        ("newsroom", "0001_initial"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]

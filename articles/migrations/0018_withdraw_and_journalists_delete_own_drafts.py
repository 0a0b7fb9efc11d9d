"""A journalist may withdraw a submitted article, and delete their own drafts.

The "withdrawn" step is a new kind of event. Deleting needs the model
permission; which rows a journalist may delete (their own drafts that were
never published) is narrowed by ``newsroom.roles.may_delete``, which the admin
and the workflow both ask.
"""

from django.db import migrations, models

from articles.migrations._grants import grant_to_group

GROUP = "Journalists"
GRANTS = [("articles", "article", ("delete",))]


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_reschedule_event")]

    operations = [
        migrations.AlterField(
            model_name="articleevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("submit", "Submitted for review"),
                    ("withdraw", "Withdrawn from review"),
                    ("request_changes", "Changes requested"),
                    ("approve", "Approved"),
                    ("reschedule", "Rescheduled"),
                    ("go_live", "Went live"),
                    ("unpublish", "Unpublished"),
                    ("reopen", "Reopened"),
                    ("delete", "Deleted"),
                    ("recover", "Recovered"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(*grant_to_group(GROUP, GRANTS)),
    ]

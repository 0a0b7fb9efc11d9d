"""The desk on a breaking-news day, for ``bench.breaking``: ``python -m
bench.newsdesk TASK``, in a process of its own with the benchmark's
production settings and database, writing through the project's services
and workflow as the desk's forms do (``articles.services.save_article``,
``articles.workflow.submit``/``approve``, a revision per edit), never with
raw updates: what the benchmark measures is what an edit on the desk costs
the readers.

- ``prepare``: takes the home page's lead (the newest live story) as the
  breaking story, featured so it stays the lead while new stories arrive,
  after undoing what an interrupted run left; prints it and the menu's
  category pages as one JSON line.
- ``run SECONDS EDIT_EVERY STORY_EVERY``: edits the lead's headline every
  ``EDIT_EVERY`` seconds and publishes a new story every ``STORY_EVERY``,
  printing one JSON line per write once it has committed: what to look for
  (``marker``), where (``paths``) and the commit's time (``at``, epoch
  seconds).
- ``restore``: the lead's headline and featured flag as they were, the
  stories it published deleted, so the seeded database keeps its article
  count and later benchmarks reuse it (``bench.common.prepare``).

What was changed is kept in ``bench/var/breaking-desk.json`` until restored.
"""

import json
import os
import re
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

import reversion  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402

from articles import revisions, services, workflow  # noqa: E402
from articles.models import Article, Category, Section  # noqa: E402
from bench.common import VAR  # noqa: E402

STATE = VAR / "breaking-desk.json"
STORY_SLUG = "breaking-bench-story"
EDITED = re.compile(r" \(update \d+\)$")
# Events stop this long before the readers do, so the last one is seen
# under the same load as the others.
QUIET_END = 8


def emit(data):
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def users():
    model = get_user_model()
    return model.objects.get(username="editor"), model.objects.get(
        username="journalist"
    )


def prepare():
    restore()
    editor, _journalist = users()
    lead = Article.objects.published().order_by("-published_at", "-id").first()
    if lead is None:
        raise SystemExit("No live article to lead with.")
    STATE.write_text(
        json.dumps(
            {"lead": lead.pk, "headline": lead.headline, "featured": lead.is_featured}
        )
    )
    if not lead.is_featured:
        lead.is_featured = True
        services.save_article(article=lead, by=editor, fields=["is_featured"])
    categories = [
        f"/{slug}/"
        for slug in Category.objects.in_menu().values_list("slug", flat=True)
    ]
    emit(
        {
            "lead": lead.pk,
            "lead_path": lead.get_absolute_url(),
            "headline": lead.headline,
            "categories": categories,
        }
    )


def run(seconds, edit_every, story_every):
    editor, journalist = users()
    state = json.loads(STATE.read_text())
    lead = Article.objects.get(pk=state["lead"])
    revisions.record_before_first_edit(lead)
    started = time.monotonic()
    # The first edit soon after the readers start, the stories in between.
    due = {"edit": edit_every / 2, "story": story_every * 2 / 3}
    counts = {"edit": 0, "story": 0}
    while True:
        kind = min(due, key=due.get)
        if due[kind] > seconds - QUIET_END:
            break
        time.sleep(max(0.0, started + due[kind] - time.monotonic()))
        counts[kind] += 1
        if kind == "edit":
            emit(edit(lead, editor, counts[kind]))
        else:
            emit(publish(lead, editor, journalist, counts[kind]))
        due[kind] += edit_every if kind == "edit" else story_every


def edit(lead, editor, number):
    """A correction of the lead's headline, saved as the desk's form saves it."""
    lead.refresh_from_db()
    marker = f"(update {number})"
    lead.headline = f"{EDITED.sub('', lead.headline)} {marker}"
    lead.version += 1
    with reversion.create_revision():
        reversion.set_user(editor)
        services.save_article(
            article=lead, by=editor, fields=["headline", "version", "updated_at"]
        )
        revisions.record(lead)
    return {
        "kind": "edit",
        "number": number,
        "marker": marker,
        "paths": ["/", lead.get_absolute_url()],
        "at": time.time(),
    }


def publish(lead, editor, journalist, number):
    """A new story: written by the journalist, submitted, approved by the
    editor, live at once."""
    headline = f"Breaking bench story {number} {int(time.time())}"
    story = Article(
        headline=headline,
        slug=f"{STORY_SLUG}-{number}-{int(time.time())}",
        dek="What we know so far, updated as the story develops.",
        category_id=lead.category_id,
    )
    with reversion.create_revision():
        reversion.set_user(journalist)
        with services.writing(by=journalist):
            services.save_article(
                article=story,
                by=journalist,
                first_author=journalist.author_profile,
            )
            Section.objects.create(
                article=story,
                subheading="What happened",
                body="<p>Emergency services were called in the early hours.</p>",
            )
        revisions.record(story)
    workflow.submit(story, by=journalist)
    story.refresh_from_db()
    workflow.approve(story, by=editor)
    return {
        "kind": "story",
        "number": number,
        "marker": headline,
        "paths": ["/", story.get_absolute_url()],
        "at": time.time(),
    }


def restore():
    """Undo what a run changed (also after one that was interrupted)."""
    editor, _journalist = users()
    stories = Article.objects.filter(slug__startswith=STORY_SLUG)
    if stories.exists():
        with services.writing(by=editor):
            for story in stories:
                story.delete()
    if not STATE.exists():
        return
    state = json.loads(STATE.read_text())
    lead = Article.objects.filter(pk=state["lead"]).first()
    if lead is not None and (
        lead.headline != state["headline"] or lead.is_featured != state["featured"]
    ):
        lead.headline, lead.is_featured = state["headline"], state["featured"]
        lead.version += 1
        services.save_article(
            article=lead,
            by=editor,
            fields=["headline", "is_featured", "version", "updated_at"],
        )
    STATE.unlink()


if __name__ == "__main__":
    task, args = sys.argv[1], [float(a) for a in sys.argv[2:]]
    {"prepare": prepare, "run": run, "restore": restore}[task](*args)

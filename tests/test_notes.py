"""Notes on the story over HTTP and through their service (articles/notes.py,
articles/admin/notes.py): anchored to a field or a part, replied to,
resolved and reopened by the people allowed to; @mentions that mail the
mentioned person through the task queue and list the note on their desk
home; the open notes counted on the desk list; never public, never in a
revision; escaped wherever they are shown."""

import re

import pytest
import reversion
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import notes, search
from articles.models import Article, Note, NoteMention, Section
from newsroom import generations, retries
from tests import task_worker
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    JournalistFactory,
    UserFactory,
    add_parts,
    client_for,
)
from tests.task_worker import queued_of, run_the_worker
from tests.test_xss_corpus import Shape, hazards
from tests.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db

database_tasks = task_worker.database_tasks  # a fixture here too

JSON = {"HTTP_ACCEPT": "application/json"}
CHANGELIST = "/admin/articles/article/"


def notes_url(article, name="notes", *args):
    return reverse(f"admin:articles_article_{name}", args=[article.pk, *args])


@pytest.fixture
def sam(journalist):
    journalist.first_name, journalist.last_name = "Sam", "Reporter"
    journalist.save()
    return journalist


@pytest.fixture
def eda(editor):
    editor.first_name, editor.last_name = "Eda", "Chief"
    editor.save()
    return editor


@pytest.fixture
def story(sam):
    article = ArticleFactory(
        headline="Harbour wall rebuilt",
        status=Article.Status.DRAFT,
        published_at=None,
        bylines=[sam.author_profile],
    )
    add_parts(article, sections=2, key_points=1, faqs=1)
    Section.objects.filter(article=article, position=0).update(
        body="<p>Secret draft wording about the harbour.</p>"
    )
    return article


def first_section(article):
    return article.sections.order_by("position").first()


def add(client, article, body, anchor="story", **extra):
    return client.post(
        notes_url(article, "note_add"), {"anchor": anchor, "body": body}, **extra
    )


# --- Writing, mentions and their mail ---------------------------------------------


def test_a_mention_mails_the_mentioned_journalist_through_the_task_queue(
    story, sam, eda, database_tasks, django_capture_on_commit_callbacks
):
    section = first_section(story)
    with django_capture_on_commit_callbacks(execute=True):
        response = add(
            client_for(eda),
            story,
            "@jo, can you source the second quote?",
            anchor=f"section:{section.pk}",
            **JSON,
        )

    assert response.status_code == 200
    assert "Sam Reporter will get an e-mail" in response.json()["message"]
    assert not mail.outbox  # queued, not sent in the request
    assert len(queued_of(notes.deliver_mention_mail, database_tasks)) == 1

    run_the_worker()

    [message] = mail.outbox
    assert message.to == [sam.email]
    assert message.subject == "Eda Chief mentioned you on “Harbour wall rebuilt”"
    assert "@jo, can you source the second quote?" in message.body
    assert "(section)" in message.body
    note = Note.objects.get()
    assert f"/admin/articles/article/{story.pk}/change/#note-{note.pk}" in message.body
    # The draft's own words stay on the desk.
    assert "Secret draft wording" not in message.body
    assert section.subheading not in message.body
    assert NoteMention.objects.get().emailed_at is not None


def test_the_mail_goes_once_however_often_its_task_runs(story, sam, eda):
    written = notes.add_note(article=story, by=eda, body="@jo look")
    mention = NoteMention.objects.get(note=written.note)
    # (The test's transaction never commits: nothing was queued yet.)

    notes.send_mention_mail(mention.pk)
    notes.send_mention_mail(mention.pk)

    assert len(mail.outbox) == 1
    mention.refresh_from_db()
    assert mention.emailed_at is not None


def test_a_refused_mail_is_recorded_and_tried_again_later(
    story, sam, eda, database_tasks, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.test_newsletter.BouncingBackend"
    sam.email = "bounce@example.com"
    sam.save()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        notes.add_note(article=story, by=eda, body="@jo call me")

    with time_machine.travel(now, tick=False):
        run_the_worker()

    mention = NoteMention.objects.get()
    assert mention.emailed_at is None
    assert "SMTPRecipientsRefused" in mention.email_error
    retry = queued_of(notes.deliver_mention_mail, database_tasks)[-1]
    assert retry.args == [mention.pk]
    assert retry.task.run_after == now + retries.FIRST_RETRY_AFTER

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(now + retries.FIRST_RETRY_AFTER, tick=False):
        run_the_worker()

    assert [message.to for message in mail.outbox] == [["bounce@example.com"]]
    mention.refresh_from_db()
    assert mention.emailed_at is not None and mention.email_error == ""


def test_no_mail_goes_to_someone_taken_off_the_story_before_it_was_sent(
    story, sam, eda, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notes.add_note(article=story, by=eda, body="@jo the figures?")
    story.bylines.all().delete()

    run_the_worker()

    assert not mail.outbox
    assert "may no longer open" in NoteMention.objects.get().email_error


def test_someone_who_cannot_open_the_article_is_not_mentioned_and_the_writer_is_told(
    story, eda, database_tasks
):
    outsider = JournalistFactory(username="kim")  # not on the byline
    UserFactory(username="pat", is_staff=False)  # no desk login at all

    response = add(
        client_for(eda), story, "@kim and @pat and @nobody: thoughts?", **JSON
    )

    warning = response.json()["warning"]
    assert "@kim" in warning and "@pat" in warning and "@nobody" in warning
    assert "Only people who may open this article" in warning
    assert not NoteMention.objects.exists()
    assert not queued_of(notes.deliver_mention_mail, database_tasks)
    run_the_worker()
    assert not mail.outbox
    assert outsider.email not in response.content.decode()


def test_a_mention_at_the_end_of_a_sentence_counts_and_an_email_address_does_not(
    story, sam, eda
):
    written = notes.add_note(
        article=story, by=eda, body="Write to jo@example.com first. Then ask @jo."
    )

    assert written.mentioned == [sam]
    assert written.not_mentioned == []


def test_the_autocomplete_offers_only_people_who_may_open_the_article(story, sam, eda):
    JournalistFactory(username="kim", first_name="Kim")
    page = client_for(eda).get(change_url(story)).content.decode()

    people = re.search(
        r'<script id="desk-notes-people-data" type="application/json">(.*?)</script>',
        page,
    )[1]
    assert '"jo"' in people and "Sam Reporter" in people
    assert "kim" not in people
    assert sam.email not in people


def test_without_javascript_a_note_lands_on_the_notes_page_with_its_messages(
    story, eda
):
    client = client_for(eda)

    response = add(client, story, "@jo and @nobody, see the intro", anchor="dek")

    assert response.status_code == 302
    assert response.url == notes_url(story) + "#desk-notes"
    page = client.get(response.url).content.decode()
    assert "Note added; Sam Reporter will get an e-mail." in page
    assert "Not mentioned, so not told: @nobody." in page
    assert "see the intro" in page
    assert re.search(r"Eda Chief</strong>\s*on <span[^>]*>intro</span>", page)
    assert Note.objects.get().anchor == "dek"


def test_an_empty_or_too_long_note_is_refused_with_a_message_and_nothing_is_lost(
    story, eda
):
    client = client_for(eda)
    empty = add(client, story, "   ", **JSON)
    assert empty.status_code == 400
    assert "Write something" in empty.json()["error"]

    # Without JavaScript: the notes page again, with the text still in the box.
    long = "A" * 1990 + " <b>tail</b> " + "B" * 20
    response = add(client, story, long)
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 2000 characters" in page
    assert "A" * 1990 + " &lt;b&gt;tail&lt;/b&gt;" in page
    assert not Note.objects.exists()


def test_a_note_on_a_part_that_has_gone_is_refused_and_one_kept_says_it_has_gone(
    story, eda
):
    section = first_section(story)
    gone = story.sections.exclude(pk=section.pk).get()
    gone_pk = gone.pk
    gone.delete()
    refused = add(client_for(eda), story, "here?", anchor=f"section:{gone_pk}", **JSON)
    assert refused.status_code == 400
    assert "not there any more" in refused.json()["error"]

    notes.add_note(
        article=story, by=eda, body="Tighten", anchor=f"section:{section.pk}"
    )
    section.delete()
    page = client_for(eda).get(notes_url(story)).content.decode()
    assert "section: Subheading 1" in page
    assert "Tighten" in page


# --- Replies, resolving ------------------------------------------------------------


def test_the_journalist_replies_and_resolves_and_the_desk_list_counts_it_no_more(
    story, sam, eda
):
    note = notes.add_note(article=story, by=eda, body="Check the date").note
    journalist = client_for(sam)
    listing = client_for(eda).get(CHANGELIST).content.decode()
    assert "1 open note" in listing

    reply = journalist.post(
        notes_url(story, "note_reply", note.pk),
        {"body": "Done, it was the 4th."},
        **JSON,
    )
    assert reply.status_code == 200
    assert "Done, it was the 4th." in reply.json()["panel"]

    resolved = journalist.post(notes_url(story, "note_resolve", note.pk), **JSON)
    assert resolved.status_code == 200
    assert resolved.json()["open"] == 0
    note.refresh_from_db()
    assert note.resolved_by == sam
    assert "open note" not in client_for(eda).get(CHANGELIST).content.decode()

    # Reopened, it counts again.
    client_for(eda).post(notes_url(story, "note_reopen", note.pk))
    assert "1 open note" in client_for(eda).get(CHANGELIST).content.decode()


def test_a_reply_to_a_resolved_note_reopens_it(story, sam, eda):
    note = notes.add_note(article=story, by=eda, body="Check").note
    notes.resolve(note=note, by=sam)

    notes.reply(note=note, by=eda, body="Still wrong, sorry")

    note.refresh_from_db()
    assert note.resolved_at is None


def test_resolved_notes_are_hidden_until_asked_for(story, eda):
    note = notes.add_note(article=story, by=eda, body="Old business").note
    notes.resolve(note=note, by=eda)

    change = client_for(eda).get(change_url(story)).content.decode()
    assert re.search(rf'id="note-{note.pk}"[^>]*hidden', change)
    shown = client_for(eda).get(notes_url(story) + "?resolved=1").content.decode()
    assert not re.search(rf'id="note-{note.pk}"[^>]*hidden', shown)
    assert "Resolved by Eda Chief" in shown


def test_open_notes_per_field_and_part_feed_the_change_pages_markers(story, eda):
    section = first_section(story)
    notes.add_note(article=story, by=eda, body="a", anchor=f"section:{section.pk}")
    notes.add_note(article=story, by=eda, body="b", anchor=f"section:{section.pk}")
    notes.add_note(article=story, by=eda, body="c", anchor="headline")
    resolved = notes.add_note(article=story, by=eda, body="d", anchor="dek").note
    notes.resolve(note=resolved, by=eda)

    page = client_for(eda).get(change_url(story)).content.decode()
    counts = re.search(
        r'<script id="desk-notes-counts" type="application/json">(.*?)</script>', page
    )[1]
    assert f'"section:{section.pk}": 2' in counts
    assert '"headline": 1' in counts
    assert "dek" not in counts
    # The select offers the parts by number and title.
    assert "Section 1: Subheading 1" in page


# --- Who may -----------------------------------------------------------------------


def test_a_journalist_cannot_read_or_write_notes_on_an_article_they_cannot_open(
    story, eda
):
    note = notes.add_note(article=story, by=eda, body="Confidential remark").note
    kim = JournalistFactory(username="kim")
    other = client_for(kim)

    assert other.get(notes_url(story)).status_code == 404
    assert add(other, story, "hello").status_code == 404
    assert (
        other.post(notes_url(story, "note_reply", note.pk), {"body": "x"}).status_code
        == 404
    )
    assert other.post(notes_url(story, "note_resolve", note.pk)).status_code == 404
    assert other.post(notes_url(story, "note_reopen", note.pk)).status_code == 404
    assert Note.objects.count() == 1
    assert Note.objects.get().resolved_at is None
    with pytest.raises(notes.PermissionDenied):
        notes.add_note(article=story, by=kim, body="x")


def test_a_journalist_taken_off_the_byline_loses_the_notes_and_their_mentions(
    story, sam, eda
):
    notes.add_note(article=story, by=eda, body="@jo please look")
    home = client_for(sam).get("/admin/").content.decode()
    assert "please look" in home

    story.bylines.all().delete()

    assert client_for(sam).get(notes_url(story)).status_code == 404
    assert "please look" not in client_for(sam).get("/admin/").content.decode()


def test_a_note_in_another_articles_url_is_not_found(story, eda):
    note = notes.add_note(article=story, by=eda, body="here").note
    elsewhere = ArticleFactory()

    response = client_for(eda).post(notes_url(elsewhere, "note_resolve", note.pk))

    assert response.status_code == 404


def test_every_write_needs_a_post_with_the_csrf_token(story, eda):
    note = notes.add_note(article=story, by=eda, body="here").note
    browser = client_for(eda, csrf=True)

    for url in (
        notes_url(story, "note_add"),
        notes_url(story, "note_reply", note.pk),
        notes_url(story, "note_resolve", note.pk),
        notes_url(story, "note_reopen", note.pk),
    ):
        assert browser.post(url, {"body": "x", "anchor": "story"}).status_code == 403
        assert client_for(eda).get(url).status_code == 405
    assert Note.objects.count() == 1


# --- The desk home -------------------------------------------------------------------


def test_mentions_for_you_lists_open_notes_that_mention_you_until_resolved(
    story, sam, eda
):
    asked = notes.add_note(article=story, by=eda, body="@jo can you check the figures?")
    notes.add_note(article=story, by=eda, body="A note for no one in particular")
    home = client_for(sam).get("/admin/").content.decode()

    mentions = home[home.index('id="desk-mentions"') :]
    mentions = mentions[: mentions.index("</section>")]
    assert "can you check the figures?" in mentions
    assert "no one in particular" not in mentions
    assert f"#note-{asked.note.pk}" in mentions

    notes.resolve(note=asked.note, by=sam)
    home = client_for(sam).get("/admin/").content.decode()
    assert "can you check the figures?" not in home
    assert "No open notes mention you." in home


# --- Never public --------------------------------------------------------------------


def test_notes_are_never_public_nor_in_a_revision_nor_content(story, sam, eda):
    live = ArticleFactory(headline="Live story", bylines=[sam.author_profile])
    before = generations.current()
    for article in (story, live):
        notes.add_note(article=article, by=eda, body="Zanzibarquokka is our word")

    assert generations.current() == before
    with reversion.create_revision():
        live.save()
    versions = Version.objects.get_for_object(live)
    assert versions and all("Zanzibarquokka" not in v.serialized_data for v in versions)
    reader = client_for(None)
    for url in (live.get_absolute_url(), "/", "/feed/", "/sitemap.xml"):
        response = reader.get(url, follow=True)
        assert "Zanzibarquokka" not in response.content.decode(), url
    assert live.pk in search.search("Live story").pks  # indexed
    assert not list(search.search("Zanzibarquokka"))


def test_deleting_an_article_deletes_its_notes(story, eda):
    notes.add_note(article=story, by=eda, body="@jo look")

    story.delete()

    assert not Note.objects.exists()
    assert not NoteMention.objects.exists()


# --- Escaped everywhere --------------------------------------------------------------


def test_every_xss_payload_in_a_note_shows_as_text(story, sam, eda):
    client = client_for(eda)
    pages = {
        "change": change_url(story),
        "notes": notes_url(story) + "?resolved=1",
    }
    harmless = notes.add_note(article=story, by=eda, body="@jo plain words\nline two")
    notes.reply(note=harmless.note, by=sam, body="plain reply")
    shapes = {
        name: Shape().learn(client.get(url).content.decode())
        for name, url in pages.items()
    }
    home_shape = Shape().learn(client_for(sam).get("/admin/").content.decode())

    for payload in PAYLOADS:
        written = notes.add_note(article=story, by=eda, body=f"@jo {payload}")
        notes.reply(note=written.note, by=sam, body=payload)

    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert not hazards(page, shapes[name]), name
    home = client_for(sam).get("/admin/").content.decode()
    assert not hazards(home, home_shape)
    panel = client.post(
        notes_url(story, "note_resolve", harmless.note.pk), **JSON
    ).json()["panel"]
    assert "<script>alert(1)</script>" not in panel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel

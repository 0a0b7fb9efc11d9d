"""The workflow on the desk: buttons, who may press them, history, previews,
scheduling in the newsroom's zone and the scheduler warning, over HTTP."""

import html
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import previews, workflow
from articles.models import Article, ArticleEvent, PreviewLink, SchedulerHeartbeat
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    UserFactory,
    admin_article_data,
    client_for,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
Action = ArticleEvent.Action
UTC = ZoneInfo("UTC")
LONDON = ZoneInfo("Europe/London")

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


# The status each transition starts from, and where it leads.
TRANSITIONS = {
    Action.SUBMIT: (Status.DRAFT, Status.IN_REVIEW),
    Action.REQUEST_CHANGES: (Status.IN_REVIEW, Status.CHANGES_REQUESTED),
    Action.APPROVE: (Status.IN_REVIEW, Status.PUBLISHED),
    Action.UNPUBLISH: (Status.PUBLISHED, Status.UNPUBLISHED),
    Action.REOPEN: (Status.UNPUBLISHED, Status.DRAFT),
}


def transition_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def page_text(response):
    return html.unescape(response.content.decode())


def shown_actions(response):
    """The workflow buttons on a change page, in page order."""
    return re.findall(
        r'class="desk-action" data-action="([a-z_]+)"', page_text(response)
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def users(journalist, editor):
    return {
        "anonymous": None,
        "journalist_own": journalist,
        "journalist_other": JournalistFactory(username="other"),
        "editor": editor,
        "superuser": UserFactory(username="root", is_superuser=True),
    }


def own_article(journalist, status, **fields):
    """A complete article bylined on ``journalist`` in ``status``."""
    published_at = (
        timezone.now() - timedelta(hours=1)
        if status in (Status.PUBLISHED, Status.UNPUBLISHED)
        else None
    )
    fields = {"published_at": published_at, **fields}
    return ArticleFactory(
        status=status,
        with_parts=True,
        bylines=[journalist.author_profile],
        **fields,
    )


# --- Transition URLs --------------------------------------------------------------
# Who may take which step from which state, and open which page, is the matrix
# of tests/test_permission_boundaries.py; here, how the URLs answer.


@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_forged_transition_without_csrf_token_is_refused(editor, journalist, action):
    from_status, _to = TRANSITIONS[action]
    article = own_article(journalist, from_status)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(transition_url(article, action), {f"{action}-note": "x"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == from_status


def test_transition_urls_answer_only_to_post(editor, journalist):
    article = own_article(journalist, Status.IN_REVIEW)
    client = client_for(editor)

    assert client.get(transition_url(article, Action.APPROVE)).status_code == 405
    assert client.post(transition_url(article, "go_live")).status_code == 404
    assert client.post(transition_url(article, "publish")).status_code == 404
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_journalist_cannot_submit_a_colleagues_draft_by_guessing_its_url(
    users, journalist
):
    article = own_article(journalist, Status.DRAFT)
    response = client_for(users["journalist_other"]).post(
        transition_url(article, Action.SUBMIT)
    )
    assert response.status_code == 404
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_read_only_page_of_a_submitted_article_offers_no_save(journalist):
    article = own_article(journalist, Status.IN_REVIEW)

    response = client_for(journalist).get(change_url(article))

    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    # Only taking it back: it is the editors' now.
    assert shown_actions(response) == [Action.WITHDRAW]


# --- Buttons -----------------------------------------------------------------------


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("role", ["journalist_own", "editor", "superuser"])
def test_buttons_shown_are_exactly_the_available_actions(
    users, journalist, role, status
):
    article = own_article(journalist, status)
    user = users[role]

    response = client_for(user).get(change_url(article))

    assert response.status_code == 200
    expected = workflow.available_actions(article, user)
    assert shown_actions(response) == [str(action) for action in expected]


def test_buttons_carry_their_labels_and_a_note_field(editor, journalist):
    article = own_article(journalist, Status.IN_REVIEW)

    page = page_text(client_for(editor).get(change_url(article)))

    assert "Request changes</button>" in page
    assert "Approve and publish</button>" in page
    assert 'name="request_changes-note"' in page
    assert 'name="approve-note"' in page
    # The note is marked as required where the workflow needs one.
    assert re.search(r'name="request_changes-note"[^>]*required', page)
    assert not re.search(r'name="approve-note"[^>]*required', page)


@pytest.mark.parametrize("action", [Action.REQUEST_CHANGES, Action.UNPUBLISH])
def test_a_step_that_needs_a_note_is_refused_without_one(editor, journalist, action):
    from_status, _to = TRANSITIONS[action]
    article = own_article(journalist, from_status)

    response = client_for(editor).post(
        transition_url(article, action), {f"{action}-note": "   "}, follow=True
    )

    assert response.redirect_chain[-1][0] == change_url(article)
    assert any("needs a note" in message for message in messages_of(response))
    article.refresh_from_db()
    assert article.status == from_status
    assert not article.events.exists()


def test_an_impossible_step_is_reported_and_changes_nothing(editor, journalist):
    article = own_article(journalist, Status.DRAFT)

    response = client_for(editor).post(
        transition_url(article, Action.UNPUBLISH), {"unpublish-note": "x"}, follow=True
    )

    assert response.redirect_chain[-1][0] == change_url(article)
    assert any("not possible while" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_submitting_an_incomplete_draft_says_what_is_missing(journalist):
    article = ArticleFactory(
        status=Status.DRAFT,
        published_at=None,
        dek="",
        bylines=[journalist.author_profile],
    )

    response = client_for(journalist).post(
        transition_url(article, Action.SUBMIT), follow=True
    )

    message = " ".join(messages_of(response))
    assert "an intro" in message and "at least one section" in message
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_workflow_fields_are_read_only_for_everyone(users, journalist):
    article = own_article(journalist, Status.DRAFT)
    for role in ("journalist_own", "editor", "superuser"):
        page = client_for(users[role]).get(change_url(article)).content.decode()
        for name in ("status", "published_at_0", "first_published_at_0"):
            assert f'name="{name}"' not in page, (role, name)


# --- Four eyes -----------------------------------------------------------------------


def assert_approval_refused(client, article, objection):
    """No Approve button, the reason on the page, and a forged POST is a 403
    that changes nothing."""
    page = client.get(change_url(article))
    assert Action.APPROVE not in shown_actions(page)
    assert objection in page_text(page)

    forged = client.post(transition_url(article, Action.APPROVE))

    assert forged.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert not article.events.filter(action=Action.APPROVE).exists()


def test_four_eyes_an_editor_cannot_approve_an_article_they_are_bylined_on(
    settings, writing_editor
):
    settings.NEWSROOM_FOUR_EYES = True
    article = ArticleFactory(
        status=Status.IN_REVIEW,
        published_at=None,
        with_parts=True,
        bylines=[writing_editor.author_profile],
    )

    assert_approval_refused(
        client_for(writing_editor), article, "you are or were bylined on it"
    )

    # A second pair of eyes may.
    second = client_for(EditorFactory(username="second-pair"))
    assert Action.APPROVE in shown_actions(second.get(change_url(article)))
    second.post(transition_url(article, Action.APPROVE))
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_four_eyes_taking_ones_byline_off_before_approving_is_refused(
    settings, writing_editor, journalist
):
    settings.NEWSROOM_FOUR_EYES = True
    article = ArticleFactory(
        status=Status.DRAFT,
        published_at=None,
        with_parts=True,
        bylines=[writing_editor.author_profile, journalist.author_profile],
    )
    client_for(journalist).post(transition_url(article, Action.SUBMIT))
    client = client_for(writing_editor)
    # The editor saves the article without their own byline...
    bylines = list(article.bylines.all())
    own = next(
        i for i, b in enumerate(bylines) if b.author == writing_editor.author_profile
    )
    response = client.post(
        change_url(article),
        admin_article_data(article, **{f"bylines-{own}-DELETE": "on"}),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.byline_authors == [journalist.author_profile]

    # ...but was bylined on it: they may still not approve it.
    assert_approval_refused(client, article, "you are or were bylined on it")


@pytest.mark.parametrize("submitter", ["editor", "journalist"])
def test_four_eyes_an_editor_cannot_approve_what_they_wrote_under_a_colleagues_byline(
    settings, writing_editor, journalist, submitter
):
    settings.NEWSROOM_FOUR_EYES = True
    client = client_for(writing_editor)
    response = client.post(
        ADD_URL,
        admin_article_data(
            headline="Ghost-written story",
            slug="ghost-written-story",
            category=CategoryFactory().pk,
            dek="Written by one, bylined on another.",
            inlines={
                "bylines": [{"author": journalist.author_profile.pk, "position": 0}],
                "sections": [
                    {"subheading": "Body", "body": "<p>Text.</p>", "position": 0}
                ],
            },
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="ghost-written-story")
    assert article.byline_authors == [journalist.author_profile]
    submitting = writing_editor if submitter == "editor" else journalist
    client_for(submitting).post(transition_url(article, Action.SUBMIT))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    objection = "you submitted it" if submitter == "editor" else "you created it"
    assert_approval_refused(client, article, objection)


# --- Scheduling in the newsroom's zone -----------------------------------------------


def approve(client, article, day="", at="", note=""):
    return client.post(
        transition_url(article, Action.APPROVE),
        {"approve-publish_date": day, "approve-publish_time": at, "approve-note": note},
        follow=True,
    )


@pytest.mark.parametrize(
    ("zone", "day", "expected_utc"),
    [
        ("Europe/London", "2031-07-01", datetime(2031, 7, 1, 8, 0, tzinfo=UTC)),
        ("Europe/London", "2031-01-15", datetime(2031, 1, 15, 9, 0, tzinfo=UTC)),
        ("America/New_York", "2031-07-01", datetime(2031, 7, 1, 13, 0, tzinfo=UTC)),
    ],
)
def test_a_schedule_is_entered_in_the_newsrooms_zone(
    settings, editor, journalist, zone, day, expected_utc
):
    settings.TIME_ZONE = zone
    article = own_article(journalist, Status.IN_REVIEW)
    client = client_for(editor)

    page = page_text(client.get(change_url(article)))
    response = approve(client, article, day, "09:00")

    assert f"{zone} time" in page  # the zone is named next to the field
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == expected_utc
    local = article.published_at.astimezone(ZoneInfo(zone))
    assert (local.hour, local.minute) == (9, 0)
    assert any(
        "scheduled to go live" in m and "09:00" in m for m in messages_of(response)
    )


def test_schedule_and_history_show_the_zone(settings, editor, journalist):
    settings.TIME_ZONE = "Europe/London"
    article = own_article(journalist, Status.IN_REVIEW)
    client = client_for(editor)

    approve(client, article, "2031-07-01", "09:00")
    page = page_text(client.get(change_url(article)))

    assert "1 Jul 2031, 09:00 BST" in page  # publication time and history
    assert "Scheduled" in page


def test_a_time_the_clocks_skip_is_refused(settings, editor, journalist):
    settings.TIME_ZONE = "Europe/London"
    article = own_article(journalist, Status.IN_REVIEW)

    # 30 March 2031: clocks go from 01:00 to 02:00 in London.
    response = approve(client_for(editor), article, "2031-03-30", "01:30")

    assert messages_of(response)
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_a_date_without_a_time_is_refused(editor, journalist):
    article = own_article(journalist, Status.IN_REVIEW)

    response = approve(client_for(editor), article, "2031-07-01", "")

    assert any("both a date and a time" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_approving_for_a_time_gone_by_is_refused_and_the_form_keeps_what_was_typed(
    settings, editor, journalist
):
    # A mistyped year: refused, with the form as it was typed to put right.
    settings.TIME_ZONE = "Europe/London"
    article = own_article(journalist, Status.IN_REVIEW)

    response = approve(
        client_for(editor), article, "2020-07-01", "09:00", note="Lead for the morning"
    )

    refusal = (
        "1 Jul 2020, 09:00 BST has already passed: give a time still to come, "
        "or leave the time empty to publish now."
    )
    assert messages_of(response) == [refusal]
    page = page_text(response)
    form = page[page.index('data-action="approve"') :]
    form = form[: form.index("</form>")]
    assert refusal in form
    assert 'name="approve-publish_date" value="2020-07-01"' in form
    assert 'name="approve-publish_time" value="09:00"' in form
    assert "Lead for the morning</textarea>" in form
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.IN_REVIEW, None)
    assert not article.events.exists()


def test_approving_without_a_time_publishes_now(editor, journalist):
    article = own_article(journalist, Status.IN_REVIEW)

    response = approve(client_for(editor), article)

    article.refresh_from_db()
    assert article.is_published()
    assert any("is published" in m for m in messages_of(response))


def test_changelist_shows_times_in_the_newsrooms_zone(settings, editor):
    settings.TIME_ZONE = "Europe/London"
    ArticleFactory(
        headline="Summer story",
        published_at=datetime(2025, 7, 1, 8, 0, tzinfo=UTC),
    )

    page = page_text(client_for(editor).get(CHANGELIST_URL))

    assert "1 Jul 2025, 09:00 BST" in page


# --- Rescheduling a scheduled article -------------------------------------------------


def scheduled_article(journalist, go_live, **fields):
    """A complete article bylined on ``journalist``, approved for ``go_live``
    by an editor of its own."""
    article = own_article(journalist, Status.IN_REVIEW, **fields)
    workflow.approve(article, by=EditorFactory(username="approver"), publish_at=go_live)
    article.refresh_from_db()
    return article


def reschedule(client, article, day="", at="", note="", follow=True):
    return client.post(
        transition_url(article, Action.RESCHEDULE),
        {
            "reschedule-publish_date": day,
            "reschedule-publish_time": at,
            "reschedule-note": note,
        },
        follow=follow,
    )


def test_the_reschedule_button_is_offered_to_editors_on_a_scheduled_article_only(
    settings, editor, journalist
):
    settings.TIME_ZONE = "Europe/London"
    article = scheduled_article(journalist, timezone.now() + timedelta(hours=2))

    response = client_for(editor).get(change_url(article))
    page = page_text(response)

    assert shown_actions(response) == [Action.RESCHEDULE, Action.UNPUBLISH]
    assert "Reschedule</button>" in page
    assert 'name="reschedule-publish_date"' in page
    assert 'name="reschedule-publish_time"' in page
    assert "Europe/London time" in page
    assert "Leave empty to publish now." in page
    assert not re.search(r'name="reschedule-note"[^>]*required', page)
    assert shown_actions(client_for(journalist).get(change_url(article))) == []
    live = own_article(journalist, Status.PUBLISHED)
    assert shown_actions(client_for(editor).get(change_url(live))) == [Action.UNPUBLISH]


def test_editor_moves_a_scheduled_story_later_and_readers_see_it_at_the_new_time(
    settings, editor, journalist, page_cache
):
    settings.TIME_ZONE = "Europe/London"
    old = timezone.now() + timedelta(hours=1)
    article = scheduled_article(journalist, old)
    day = (timezone.localdate() + timedelta(days=2)).isoformat()
    reader = Client()
    assert reader.get("/").status_code == 200  # the home page, cached

    response = reschedule(client_for(editor), article, day, "09:00")

    new = datetime.combine(
        datetime.fromisoformat(day), datetime.min.time().replace(hour=9)
    ).replace(tzinfo=LONDON)
    article.refresh_from_db()
    assert article.published_at == new
    assert any(
        "scheduled to go live" in m and "09:00" in m for m in messages_of(response)
    )
    url = article.get_absolute_url()
    with time_machine.travel(old + timedelta(minutes=1), tick=False):
        assert reader.get(url).status_code == 404
        assert article.headline not in page_text(reader.get("/"))
    with time_machine.travel(new, tick=False):
        assert reader.get(url).status_code == 200
        assert article.headline in page_text(reader.get("/"))


def test_editor_publishes_a_scheduled_story_now_and_readers_see_it_at_once(
    editor, journalist, page_cache, django_capture_on_commit_callbacks
):
    article = scheduled_article(
        journalist, timezone.now() + timedelta(days=1), tag_names=["Harbour"]
    )
    reader = Client()
    surfaces = ["/", article.category.get_absolute_url(), "/feed/"]
    for url in surfaces:  # each rendered and cached without it
        assert article.headline not in page_text(reader.get(url)), url
    assert reader.get(article.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = reschedule(client_for(editor), article)

    assert any("is published" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.is_published()
    page = reader.get(article.get_absolute_url())
    assert page.status_code == 200
    assert article.headline in page_text(page)
    for url in surfaces:
        assert article.headline in page_text(reader.get(url)), url

    # The scheduler sends the go-live mail, once however often it runs.
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", stdout=io.StringIO())
    sent = [(m.subject.split(":")[0], m.to) for m in mail.outbox]
    assert sent == [
        ("Rescheduled", ["jo@example.com"]),
        ("Went live", ["jo@example.com"]),
    ]


def test_a_journalists_forged_reschedule_post_is_refused_and_changes_nothing(
    journalist,
):
    old = timezone.now() + timedelta(hours=2)
    article = scheduled_article(journalist, old)

    response = reschedule(client_for(journalist), article, follow=False)

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.published_at == old
    assert not article.events.filter(action=Action.RESCHEDULE).exists()
    other = reschedule(client_for(JournalistFactory(username="other")), article)
    assert other.status_code == 404


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.DRAFT, Status.IN_REVIEW])
def test_rescheduling_a_live_draft_or_in_review_article_is_refused(
    editor, journalist, status
):
    article = own_article(journalist, status)
    day = (timezone.localdate() + timedelta(days=2)).isoformat()

    for when in [("", ""), (day, "09:00")]:
        response = reschedule(client_for(editor), article, *when)
        assert response.redirect_chain[-1][0] == change_url(article)
        assert any(
            "Only a scheduled article can be rescheduled" in m
            for m in messages_of(response)
        )

    before = (article.status, article.published_at)
    article.refresh_from_db()
    assert (article.status, article.published_at) == before
    assert not article.events.exists()


def test_rescheduling_to_a_time_gone_by_is_refused_with_a_clear_message(
    settings, editor, journalist
):
    settings.TIME_ZONE = "Europe/London"
    old = timezone.now() + timedelta(hours=2)
    article = scheduled_article(journalist, old)

    response = reschedule(client_for(editor), article, "2020-07-01", "09:00")

    assert messages_of(response) == [
        "1 Jul 2020, 09:00 BST has already passed: give a time still to come, "
        "or leave the time empty to publish now."
    ]
    article.refresh_from_db()
    assert article.published_at == old
    assert not article.events.filter(action=Action.RESCHEDULE).exists()


def test_four_eyes_an_editor_cannot_reschedule_an_article_they_are_bylined_on(
    settings, writing_editor
):
    settings.NEWSROOM_FOUR_EYES = True
    old = timezone.now() + timedelta(hours=2)
    article = scheduled_article(writing_editor, old)
    client = client_for(writing_editor)

    page = client.get(change_url(article))
    assert Action.RESCHEDULE not in shown_actions(page)
    assert (
        "Another editor must reschedule this article: you are or were bylined on it."
        in page_text(page)
    )
    forged = reschedule(client, article, follow=False)
    assert forged.status_code == 403
    article.refresh_from_db()
    assert article.published_at == old

    # A second pair of eyes may.
    second = client_for(EditorFactory(username="second-pair"))
    assert Action.RESCHEDULE in shown_actions(second.get(change_url(article)))
    reschedule(second, article)
    article.refresh_from_db()
    assert article.is_published()


def test_the_reschedule_and_its_note_show_in_the_history(
    settings, editor, journalist, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "Europe/London"
    article = scheduled_article(journalist, datetime(2031, 7, 1, 8, 0, tzinfo=UTC))
    client = client_for(editor)

    with django_capture_on_commit_callbacks(execute=True):
        reschedule(client, article, "2031-07-02", "09:00", note="Embargo moved")
    with django_capture_on_commit_callbacks(execute=True):
        reschedule(client, article, "2031-07-03", "10:15")
    page = page_text(client.get(change_url(article)))

    trail = page[page.index('id="desk-events"') :]
    assert trail.count("Rescheduled") == 2
    assert "to go live 3 Jul 2031, 10:15 BST" in trail
    assert "to go live 2 Jul 2031, 09:00 BST" in trail
    assert "Published → Published" in trail
    assert "Moved from 2 Jul 2031, 09:00 BST to 3 Jul 2031, 10:15 BST." in trail
    assert trail.index("Moved from") < trail.index("Embargo moved")  # newest first
    assert "jo@example.com" in trail  # told of each


# --- History on the article's page ----------------------------------------------------


def test_history_lists_the_events_newest_first_with_notes_and_recipients(
    editor, journalist, django_capture_on_commit_callbacks
):
    article = own_article(journalist, Status.DRAFT)
    client = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(journalist).post(
            transition_url(article, Action.SUBMIT), {"submit-note": "First go"}
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            transition_url(article, Action.REQUEST_CHANGES),
            {"request_changes-note": "Name the <b>source</b>"},
        )

    response = client.get(change_url(article))
    page = response.content.decode()

    section = page[page.index('id="desk-events"') :]
    assert section.index("Changes requested") < section.index("Submitted for review")
    assert "Name the &lt;b&gt;source&lt;/b&gt;" in section  # escaped
    assert "First go" in section
    assert "Draft → In review" in html.unescape(section)
    assert "ed@example.com" in section  # told of the submission
    assert "jo@example.com" in section  # told of the request


def test_history_shows_a_failed_notification(
    settings, editor, journalist, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_workflow.BrokenMailBackend"
    article = own_article(journalist, Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        client_for(journalist).post(transition_url(article, Action.SUBMIT))
    page = page_text(client_for(editor).get(change_url(article)))

    assert "Not sent: ConnectionRefusedError: mail server down" in page


def test_events_are_listed_for_editors_and_never_editable(editor, journalist):
    article = own_article(journalist, Status.IN_REVIEW)
    workflow.request_changes(article, by=editor, note="Tighten it")
    event = ArticleEvent.objects.get()
    client = client_for(editor)
    event_change = reverse("admin:articles_articleevent_change", args=[event.pk])
    event_delete = reverse("admin:articles_articleevent_delete", args=[event.pk])

    listing = client.get(reverse("admin:articles_articleevent_changelist"))
    page = client.get(event_change)
    forged = client.post(event_change, {"note": "Rewritten"})
    deleted = client.post(event_delete, {"post": "yes"})
    added = client.get(reverse("admin:articles_articleevent_add"))

    assert listing.status_code == 200 and "Changes requested" in page_text(listing)
    assert page.status_code == 200 and "Tighten it" in page_text(page)
    assert 'name="note"' not in page.content.decode()
    assert forged.status_code == 403
    assert deleted.status_code == 403
    assert added.status_code == 403
    event.refresh_from_db()
    assert event.note == "Tighten it"
    # Journalists read their article's trail on its page, not the whole log.
    listing = client_for(journalist).get(
        reverse("admin:articles_articleevent_changelist")
    )
    assert listing.status_code == 403


def test_an_editor_may_delete_an_article_that_has_a_history(editor, journalist):
    article = own_article(journalist, Status.IN_REVIEW)
    workflow.request_changes(article, by=editor, note="Tighten it")

    response = client_for(editor).post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_a_journalist_withdraws_their_submission_from_the_desk(
    journalist, editor, django_capture_on_commit_callbacks
):
    article = own_article(journalist, Status.IN_REVIEW)
    client = client_for(journalist)
    assert "Withdraw from review</button>" in page_text(client.get(change_url(article)))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            transition_url(article, Action.WITHDRAW),
            {"withdraw-note": "A figure is wrong"},
            follow=True,
        )

    assert messages_of(response) == [f"“{article.headline}”: withdrawn from review."]
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    # Theirs to edit and submit again.
    assert 'name="_save"' in page_text(response)
    assert shown_actions(response) == [Action.SUBMIT]
    trail = page_text(response)[page_text(response).index('id="desk-events"') :]
    assert "In review → Draft" in trail and "A figure is wrong" in trail
    assert [(m.subject, m.to) for m in mail.outbox] == [
        (f"Withdrawn from review: {article.headline}", ["ed@example.com"])
    ]


def test_a_journalist_deletes_their_never_published_draft_and_only_that(journalist):
    draft = own_article(journalist, Status.DRAFT, headline="Never ran")
    reopened = own_article(
        journalist,
        Status.DRAFT,
        headline="Ran, then pulled",
        first_published_at=timezone.now() - timedelta(days=1),
    )
    client = client_for(journalist)

    def delete_url(article):
        return reverse("admin:articles_article_delete", args=[article.pk])

    # The button is there only where they may use it...
    assert delete_url(draft) in page_text(client.get(change_url(draft)))
    assert delete_url(reopened) not in page_text(client.get(change_url(reopened)))
    # ...and the server refuses the other, whatever is posted.
    assert client.post(delete_url(reopened), {"post": "yes"}).status_code == 403
    response = client.post(delete_url(draft), {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert Article.objects.filter(pk=reopened.pk).exists()
    assert [e.action for e in ArticleEvent.objects.filter(article_id=draft.pk)] == [
        Action.DELETE
    ]


# --- Previews -------------------------------------------------------------------------


def test_change_page_links_to_the_staff_preview(journalist):
    article = own_article(journalist, Status.DRAFT)

    page = client_for(journalist).get(change_url(article)).content.decode()

    assert f'href="{reverse("staff-preview", args=[article.pk])}"' in page


def test_bylined_journalist_makes_a_shareable_link_that_lasts_the_default_time(
    settings, journalist
):
    settings.NEWSROOM_PREVIEW_DAYS = 5
    article = own_article(journalist, Status.DRAFT, headline="Harbour deal draft")
    client = client_for(journalist)

    form_page = page_text(client.get(change_url(article)))
    before = timezone.now()
    response = client.post(
        reverse("admin:articles_article_preview_create", args=[article.pk]),
        {"days": 5},
        follow=True,
    )

    assert 'name="days" value="5"' in form_page
    link = PreviewLink.objects.get(article=article)
    assert link.created_by == journalist
    assert (
        before + timedelta(days=5)
        <= link.expires_at
        <= timezone.now() + timedelta(days=5)
    )
    page = page_text(response)
    full_url = f"http://testserver{previews.url_for(link)}"
    assert full_url in page  # the whole address, ready to copy
    assert "0 times" in page
    # The link works for a reader without a login.
    assert Client().get(previews.url_for(link)).status_code == 200
    assert "1 time" in page_text(client.get(change_url(article)))


def test_a_revoked_link_leaves_the_page_and_stops_working(editor, journalist):
    article = own_article(journalist, Status.DRAFT)
    link = PreviewLink.objects.create(article=article, created_by=journalist)
    client = client_for(editor)

    response = client.post(
        reverse("admin:articles_article_preview_revoke", args=[article.pk, link.pk]),
        follow=True,
    )

    link.refresh_from_db()
    assert link.revoked_at is not None
    assert previews.url_for(link) not in page_text(response)
    assert Client().get(previews.url_for(link)).status_code == 410


def test_a_link_of_another_article_cannot_be_revoked_through_this_one(
    editor, journalist
):
    mine = own_article(journalist, Status.DRAFT)
    other = ArticleFactory(status=Status.DRAFT)
    link = PreviewLink.objects.create(article=other)

    response = client_for(journalist).post(
        reverse("admin:articles_article_preview_revoke", args=[mine.pk, link.pk])
    )

    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_unpublish_form_says_how_many_preview_links_will_stop_working(
    editor, journalist
):
    article = own_article(journalist, Status.PUBLISHED)
    open_links = [
        PreviewLink.objects.create(article=article, created_by=who)
        for who in (journalist, editor)
    ]
    # Links that work no longer are not counted, nor listed.
    PreviewLink.objects.create(article=article, revoked_at=timezone.now())
    gone = UserFactory(username="gone", is_active=False)
    stopped = PreviewLink.objects.create(article=article, created_by=gone)
    client = client_for(editor)

    page = page_text(client.get(change_url(article)))
    form = page[page.index('data-action="unpublish"') :]
    form = form[: form.index("</form>")]
    assert "Its 2 open preview links will stop working." in form
    for link in open_links:
        assert previews.token_for(link) in page
    assert previews.token_for(stopped) not in page

    response = client.post(
        transition_url(article, Action.UNPUBLISH),
        {"unpublish-note": "Legal takedown"},
        follow=True,
    )

    assert "No active links." in page_text(response)
    for link in open_links:
        assert Client().get(previews.url_for(link)).status_code == 410


def test_expired_links_are_not_listed(journalist):
    article = own_article(journalist, Status.DRAFT)
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() - timedelta(minutes=1)
    )

    page = page_text(client_for(journalist).get(change_url(article)))

    assert previews.token_for(link) not in page


# --- The scheduler warning ---------------------------------------------------


def overdue_article():
    return ArticleFactory(
        published_at=timezone.now() - timedelta(minutes=10), live_effects_at=None
    )


@pytest.mark.parametrize("page", ["changelist", "change"])
def test_editors_are_warned_when_go_live_effects_are_overdue_and_never_ran(
    editor, page
):
    article = overdue_article()
    url = CHANGELIST_URL if page == "changelist" else change_url(article)

    text = page_text(client_for(editor).get(url))

    assert "1 article went live more than two minutes ago" in text
    assert "manage.py publish_scheduled</code> has never run" in text


def test_the_warning_says_when_the_scheduler_last_ran(settings, editor):
    settings.TIME_ZONE = "Europe/London"
    SchedulerHeartbeat.record(at=datetime(2026, 1, 5, 7, 30, tzinfo=UTC), handled=0)
    overdue_article()

    text = page_text(client_for(editor).get(CHANGELIST_URL))

    assert "last finished a run on 5 Jan 2026, 07:30 GMT" in text


def test_no_warning_when_nothing_is_overdue(editor):
    # Live a minute ago: within the scheduler's grace, so not overdue yet.
    ArticleFactory(published_at=timezone.now() - timedelta(minutes=1))
    ArticleFactory(published_at=timezone.now() + timedelta(hours=1))  # scheduled

    text = page_text(client_for(editor).get(CHANGELIST_URL))

    assert "went live more than two minutes ago" not in text


def test_journalists_are_not_shown_the_scheduler_warning(journalist):
    overdue_article()

    text = page_text(client_for(journalist).get(CHANGELIST_URL))

    assert "publish_scheduled" not in text


def test_publish_scheduled_records_every_run_and_clears_the_warning(editor):
    overdue_article()
    assert SchedulerHeartbeat.last_run_at_or_none() is None

    call_command("publish_scheduled", stdout=io.StringIO())
    first = SchedulerHeartbeat.last_run_at_or_none()
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
        second = SchedulerHeartbeat.last_run_at_or_none()

    assert first is not None and second > first
    assert SchedulerHeartbeat.objects.count() == 1
    text = page_text(client_for(editor).get(CHANGELIST_URL))
    assert "went live more than two minutes ago" not in text


# --- The whole story ---------------------------------------------------------------


def test_the_whole_story_from_draft_to_the_readers_screen(
    settings, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "Europe/London"
    journalist = JournalistFactory(username="jo", email="jo@example.com")
    editor = EditorFactory(
        username="ed", email="ed@example.com", first_name="Ed", last_name="Itor"
    )
    category = CategoryFactory(name="City", slug="city")
    desk_for_jo, desk_for_ed, reader = (
        client_for(journalist),
        client_for(editor),
        Client(),
    )

    def step(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        assert response.status_code == 302, getattr(response, "context", None)
        return response

    # The journalist drafts on the desk; they are bylined automatically.
    step(
        desk_for_jo,
        ADD_URL,
        admin_article_data(
            headline="Harbour bridge reopens",
            slug="harbour-bridge-reopens",
            category=category.pk,
            dek="Traffic returns to the crossing.",
            inlines={
                "sections": [
                    {"subheading": "The repairs", "body": "<p>Done.</p>", "position": 0}
                ]
            },
        ),
    )
    article = Article.objects.get(slug="harbour-bridge-reopens")
    assert article.status == Status.DRAFT
    assert article.byline_authors == [journalist.author_profile]

    step(desk_for_jo, transition_url(article, Action.SUBMIT), {"submit-note": "Ready"})
    # A slip spotted before anyone looked: they take it back, and resubmit.
    step(
        desk_for_jo,
        transition_url(article, Action.WITHDRAW),
        {"withdraw-note": "Wrong day in the intro"},
    )
    step(
        desk_for_jo,
        transition_url(article, Action.SUBMIT),
        {"submit-note": "Day fixed"},
    )
    step(
        desk_for_ed,
        transition_url(article, Action.REQUEST_CHANGES),
        {"request_changes-note": "Who said it reopens today?"},
    )

    # The journalist sees why on the article's page, revises and resubmits.
    page = page_text(desk_for_jo.get(change_url(article)))
    assert "Who said it reopens today?" in page
    article.refresh_from_db()
    revised = admin_article_data(article, dek="The council confirmed it today.")
    step(desk_for_jo, change_url(article), revised)
    step(
        desk_for_jo,
        transition_url(article, Action.SUBMIT),
        {"submit-note": "Sourced to the council"},
    )

    # The editor schedules it for 09:00 tomorrow, newsroom time.
    tomorrow = timezone.localdate() + timedelta(days=1)
    step(
        desk_for_ed,
        transition_url(article, Action.APPROVE),
        {
            "approve-publish_date": tomorrow.isoformat(),
            "approve-publish_time": "09:00",
            "approve-note": "Lead for the morning",
        },
    )
    article.refresh_from_db()
    go_live = datetime.combine(tomorrow, datetime.min.time().replace(hour=9))
    assert article.published_at == go_live.replace(tzinfo=LONDON)
    go_live_zone = article.published_at.astimezone(LONDON).tzname()  # GMT or BST
    assert article.dek == "The council confirmed it today."

    # Readers see nothing until then; afterwards, the article.
    public_url = f"/city/{article.slug}/"
    assert reader.get(public_url).status_code == 404
    with time_machine.travel(article.published_at - timedelta(minutes=1)):
        assert reader.get(public_url).status_code == 404
    with time_machine.travel(article.published_at + timedelta(minutes=1)):
        response = reader.get(public_url)
        assert response.status_code == 200
        assert "Harbour bridge reopens" in page_text(response)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", stdout=io.StringIO())

    # The trail: every step, newest first, each with the move it really
    # made and its note; the scheduler's says when the article went live,
    # in newsroom time.
    events = list(article.events.all())
    day = f"{tomorrow.day} {tomorrow:%b %Y}"
    went_live_note = f"Went live at {day}, 09:00 {go_live_zone}."
    trail = [
        (Action.GO_LIVE, Status.PUBLISHED, Status.PUBLISHED, went_live_note),
        (Action.APPROVE, Status.IN_REVIEW, Status.PUBLISHED, "Lead for the morning"),
        (
            Action.SUBMIT,
            Status.CHANGES_REQUESTED,
            Status.IN_REVIEW,
            "Sourced to the council",
        ),
        (
            Action.REQUEST_CHANGES,
            Status.IN_REVIEW,
            Status.CHANGES_REQUESTED,
            "Who said it reopens today?",
        ),
        (Action.SUBMIT, Status.DRAFT, Status.IN_REVIEW, "Day fixed"),
        (Action.WITHDRAW, Status.IN_REVIEW, Status.DRAFT, "Wrong day in the intro"),
        (Action.SUBMIT, Status.DRAFT, Status.IN_REVIEW, "Ready"),
    ]
    assert [(e.action, e.from_status, e.to_status, e.note) for e in events] == trail
    # The desk shows the same, row by row.
    page = page_text(desk_for_ed.get(change_url(article)))
    rows = page[page.index('id="desk-events"') :].split('class="desk-event ')[1:]
    assert len(rows) == len(trail)
    for row, (action, from_status, to_status, note) in zip(rows, trail, strict=True):
        moved = f"{Status(from_status).label} → {Status(to_status).label}"
        assert moved in row and note in row, (action, row)

    # Mail went to the right people: editors for submissions and the
    # withdrawal, the journalist for everything else; never whoever acted.
    sent = [(m.subject.split(":")[0], m.to) for m in mail.outbox]
    assert sent == [
        ("Submitted for review", ["ed@example.com"]),
        ("Withdrawn from review", ["ed@example.com"]),
        ("Submitted for review", ["ed@example.com"]),
        ("Changes requested", ["jo@example.com"]),
        ("Submitted for review", ["ed@example.com"]),
        ("Approved", ["jo@example.com"]),
        ("Went live", ["jo@example.com"]),
    ]

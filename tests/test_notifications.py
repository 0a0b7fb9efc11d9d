"""Workflow notification mails, written from templates/articles/email/: the
words and lines each step's mail carries."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.models import ArticleEvent
from articles.notifications import message_for
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_rescheduled_story_mail_names_the_step_who_when_the_note_and_the_desk_link(
    settings,
):
    settings.NEWSROOM_BASE_URL = "https://news.example.com"
    article = ArticleFactory(headline='Harbour <bridge>\n & "ferry" reopen')
    event = ArticleEvent(
        article=article,
        action=ArticleEvent.Action.RESCHEDULE,
        actor_name="Ed O'Neil",
        publish_at=datetime(2031, 7, 2, 17, 30, tzinfo=ZoneInfo("Europe/London")),
        note="Moved for the <b>minister's</b> statement & reply.",
    )

    subject, body = message_for(event)

    assert subject == 'Rescheduled: Harbour <bridge> & "ferry" reopen'
    assert body == (
        'Rescheduled: Harbour <bridge> & "ferry" reopen\n'
        "By: Ed O'Neil\n"
        "Goes live: 2 Jul 2031, 17:30 BST (Europe/London time)\n"
        "\n"
        "Note:\n"
        "Moved for the <b>minister's</b> statement & reply.\n"
        "\n"
        f"Open it on the desk: https://news.example.com/admin/articles/article/"
        f"{article.pk}/change/\n"
    )


def test_a_step_by_no_one_in_particular_without_note_or_time_is_two_lines_and_a_link():
    article = ArticleFactory(headline="Harbour bridge reopens")
    event = ArticleEvent(article=article, action=ArticleEvent.Action.SUBMIT)

    subject, body = message_for(event)

    assert subject == "Submitted for review: Harbour bridge reopens"
    lines = body.splitlines()
    assert lines[:3] == [subject, "By: the newsroom", ""]
    assert lines[3].startswith("Open it on the desk: http")
    assert len(lines) == 4

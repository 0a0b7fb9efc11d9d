"""The desk's home page and calendar: each person's lists, in newsroom time."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import workflow
from articles.models import Article
from articles.workflow import run_go_live_effects
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    EditorFactory,
    JournalistFactory,
    UserFactory,
    add_parts,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
DESK_URL = reverse("admin:index")
CALENDAR_URL = reverse("desk-calendar")
CHANGELIST_URL = reverse("admin:articles_article_changelist")

# A summer Tuesday, noon in London (BST, UTC+1).
NOW = datetime(2025, 7, 15, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def newsroom_in_london(settings, time_machine):
    # The examples below are worked out for London's clocks.
    settings.TIME_ZONE = "Europe/London"
    time_machine.move_to(NOW, tick=False)


def page_text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def plain_text(page):
    return " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace(" :", ":")


def desk_list(page, key):
    """The HTML of one list on the desk home."""
    match = re.search(rf'<section[^>]*id="desk-{key}".*?</section>', page, re.S)
    assert match, f"no {key} list on the page"
    return match[0]


def day_cell(page, day):
    """The HTML of one day's cell in the calendar."""
    match = re.search(rf'<td id="day-{day}".*?</td>', page, re.S)
    assert match, f"no cell for {day} on the page"
    return match[0]


def make_articles(authors, label):
    """One article bylined on ``authors`` in each state the desk lists."""
    states = {
        "draft": {"status": Status.DRAFT, "published_at": None},
        "returned": {"status": Status.CHANGES_REQUESTED, "published_at": None},
        "in review": {"status": Status.IN_REVIEW, "published_at": None},
        "scheduled": {
            "status": Status.PUBLISHED,
            "published_at": NOW + timedelta(days=2),
        },
        "live": {"status": Status.PUBLISHED, "published_at": NOW - timedelta(hours=3)},
    }
    return {
        state: ArticleFactory(headline=f"{label} {state}", bylines=authors, **fields)
        for state, fields in states.items()
    }


# --- Who sees what on the desk home -------------------------------------------


def test_journalist_desk_lists_only_their_own_articles(client, journalist):
    make_articles([journalist.author_profile], "Mine")
    make_articles([JournalistFactory().author_profile], "Colleague's")
    client.force_login(journalist)

    page = page_text(client.get(DESK_URL))

    assert "Mine draft" in desk_list(page, "drafts")
    assert "Mine returned" in desk_list(page, "returned")
    assert "Mine in review" in desk_list(page, "review")
    assert "Mine scheduled" in desk_list(page, "scheduled")
    assert "Mine live" in desk_list(page, "published")
    assert "Colleague's" not in page


def test_editor_desk_shows_everyones_queue_but_only_their_own_drafts(
    client, writing_editor, journalist
):
    make_articles([writing_editor.author_profile], "Editor's")
    make_articles([journalist.author_profile], "Reporter's")
    client.force_login(writing_editor)

    page = page_text(client.get(DESK_URL))

    drafts, returned = desk_list(page, "drafts"), desk_list(page, "returned")
    assert "Editor's draft" in drafts
    assert "Reporter's draft" not in drafts
    assert "Editor's returned" in returned
    assert "Reporter's returned" not in returned
    for key, state in [
        ("review", "in review"),
        ("scheduled", "scheduled"),
        ("published", "live"),
    ]:
        section = desk_list(page, key)
        assert f"Editor's {state}" in section
        assert f"Reporter's {state}" in section


def test_desk_rows_link_to_the_change_page_with_status_and_bylines(client, journalist):
    co_author = AuthorFactory(name="Cora Coauthor")
    article = ArticleFactory(
        headline="Tram line opens",
        status=Status.IN_REVIEW,
        published_at=None,
        bylines=[journalist.author_profile, co_author],
    )
    client.force_login(journalist)

    review = desk_list(page_text(client.get(DESK_URL)), "review")

    change_url = reverse("admin:articles_article_change", args=[article.pk])
    assert f'href="{change_url}">Tram line opens</a>' in review
    assert "In review" in review
    assert f"By {journalist.author_profile.name}, Cora Coauthor" in review


def test_returned_article_shows_the_editors_note(client, journalist):
    article = add_parts(
        ArticleFactory(
            headline="Ferry fares rise",
            status=Status.IN_REVIEW,
            published_at=None,
            bylines=[journalist.author_profile],
        )
    )
    workflow.request_changes(
        article, by=EditorFactory(), note="Check the fare table with the operator."
    )
    client.force_login(journalist)

    returned = desk_list(page_text(client.get(DESK_URL)), "returned")

    assert "Ferry fares rise" in returned
    assert "Check the fare table with the operator." in returned


def test_desk_lists_are_short_with_a_link_to_the_full_list(client, journalist):
    for number in range(10):
        ArticleFactory(
            headline=f"Waiting story {number}",
            status=Status.IN_REVIEW,
            published_at=None,
            bylines=[journalist.author_profile],
        )
    client.force_login(journalist)

    review = desk_list(page_text(client.get(DESK_URL)), "review")

    assert review.count('class="desk-list__item"') == 8
    assert f'href="{CHANGELIST_URL}?status__exact=in_review"' in review


def test_editors_see_all_links_open_the_filtered_article_list(
    client, writing_editor, journalist
):
    make_articles([writing_editor.author_profile], "Editor's")
    make_articles([journalist.author_profile], "Reporter's")
    client.force_login(writing_editor)
    page = page_text(client.get(DESK_URL))

    drafts_link = re.search(r'<a href="([^"]+)">All my drafts</a>', page)[1]
    drafts = page_text(client.get(drafts_link))
    review_link = re.search(r'<a href="([^"]+)">All awaiting review</a>', page)[1]
    review = page_text(client.get(review_link))

    assert "Editor's draft" in drafts
    assert "Reporter's draft" not in drafts
    assert "Editor's in review" in review
    assert "Reporter's in review" in review
    assert "Editor's draft" not in review


def test_desk_lists_say_so_when_empty(client, journalist):
    client.force_login(journalist)

    page = page_text(client.get(DESK_URL))

    assert "You have no drafts." in desk_list(page, "drafts")
    assert "Nothing has been returned to you." in desk_list(page, "returned")
    assert "None of your articles is waiting for review." in desk_list(page, "review")
    assert "Nothing is scheduled for the next 7 days." in desk_list(page, "scheduled")
    assert "None of your articles has been published yet." in desk_list(
        page, "published"
    )


def test_scheduled_list_shows_the_next_seven_days_in_newsroom_time(client, journalist):
    author = journalist.author_profile
    ArticleFactory(
        headline="Budget day preview",
        published_at=datetime(2025, 7, 16, 13, 30, tzinfo=UTC),
        bylines=[author],
    )
    ArticleFactory(
        headline="Autumn fair guide",
        published_at=NOW + timedelta(days=7, minutes=1),
        bylines=[author],
    )
    client.force_login(journalist)

    scheduled = desk_list(page_text(client.get(DESK_URL)), "scheduled")

    assert "Budget day preview" in scheduled
    assert "Wed 16 Jul, 14:30 BST" in scheduled  # 13:30 UTC, in London
    assert "Europe/London" in scheduled
    assert "Autumn fair guide" not in scheduled


def test_desk_home_links_to_the_calendar(client, journalist):
    client.force_login(journalist)

    page = page_text(client.get(DESK_URL))

    assert f'href="{CALENDAR_URL}"' in page


def test_staff_without_article_permissions_get_no_desk_lists(client):
    client.force_login(UserFactory())  # staff, in no group

    desk = client.get(DESK_URL)
    calendar = client.get(CALENDAR_URL)

    assert desk.status_code == 200
    assert 'id="desk-drafts"' not in desk.content.decode()
    assert calendar.status_code == 403


def test_desk_tells_a_login_without_an_author_profile_why_its_lists_are_empty(
    admin_client,
):
    ArticleFactory(headline="Someone's draft", status=Status.DRAFT, published_at=None)

    page = page_text(admin_client.get(DESK_URL))

    drafts = desk_list(page, "drafts")
    assert "Your login has no author profile" in drafts
    assert "Someone's draft" not in drafts
    assert "All my drafts" not in drafts


def same_queries_with_more_rows(client, url, fill, more, django_assert_num_queries):
    """The page at ``url`` after ``fill(1)``, then after ``fill(more)``: it
    must cost the same queries both times. Returns the fuller page's text."""
    fill(1)
    client.get(url)  # the first request creates the site settings row
    with CaptureQueriesContext(connection) as queries:
        page_text(client.get(url))
    fill(more)
    with django_assert_num_queries(len(queries)):
        return page_text(client.get(url))


@pytest.mark.parametrize("role", ["journalist", "writing_editor"])
def test_desk_home_queries_do_not_grow_with_its_lists(
    client, django_assert_num_queries, request, role
):
    user = request.getfixturevalue(role)
    client.force_login(user)

    def fill(count):
        for _ in range(count):
            # Two bylines each, so a missed prefetch would show.
            make_articles([user.author_profile, AuthorFactory()], "Story")

    page = same_queries_with_more_rows(
        client, DESK_URL, fill, 10, django_assert_num_queries
    )
    assert page.count('class="desk-list__item"') == 5 * 8


# --- The overdue go-live warning ---------------------------------------------


def test_overdue_warning_appears_until_go_live_effects_run(client, writing_editor):
    ArticleFactory(published_at=NOW - timedelta(minutes=10))
    ArticleFactory(published_at=NOW - timedelta(minutes=30))
    # Not overdue: inside the grace minutes, or still scheduled.
    ArticleFactory(published_at=NOW - timedelta(minutes=1))
    ArticleFactory(published_at=NOW + timedelta(hours=1))
    client.force_login(writing_editor)

    before = page_text(client.get(DESK_URL))
    run_go_live_effects()
    after = page_text(client.get(DESK_URL))

    assert (
        "2 articles went live more than two minutes ago, but their notifications "
        "and cache purges have not run."
    ) in plain_text(before)
    assert "publish_scheduled has never run" in plain_text(before)
    assert "went live more than" not in after


def test_overdue_warning_is_for_editors_only(client, journalist):
    ArticleFactory(
        published_at=NOW - timedelta(minutes=10), bylines=[journalist.author_profile]
    )
    client.force_login(journalist)

    assert "went live more than" not in page_text(client.get(DESK_URL))


# --- The calendar -------------------------------------------------------------


@pytest.mark.parametrize(
    ("published_at", "month", "day", "not_on"),
    [
        # 23:30 UTC in summer is 00:30 BST the next day.
        (datetime(2025, 7, 20, 23, 30, tzinfo=UTC), "2025-07", "2025-07-21", "20"),
        # In winter London is on UTC: the same day.
        (datetime(2025, 1, 20, 23, 30, tzinfo=UTC), "2025-01", "2025-01-20", "21"),
        # The last summer evening of July is the first morning of August...
        (datetime(2025, 7, 31, 23, 30, tzinfo=UTC), "2025-08", "2025-08-01", None),
        # ...and the last UTC evening of June the first morning of July.
        (datetime(2025, 6, 30, 23, 30, tzinfo=UTC), "2025-07", "2025-07-01", None),
    ],
)
def test_calendar_puts_an_article_on_its_newsroom_day(
    client, writing_editor, published_at, month, day, not_on
):
    ArticleFactory(headline="Night train returns", published_at=published_at)
    client.force_login(writing_editor)

    page = page_text(client.get(CALENDAR_URL, {"month": month}))

    assert "Night train returns" in day_cell(page, day)
    assert page.count("Night train returns") == 1
    if not_on:
        assert "Night train returns" not in day_cell(page, f"{month}-{not_on}")


def test_calendar_leaves_an_article_out_of_the_month_it_is_not_in(
    client, writing_editor
):
    ArticleFactory(
        headline="Night train returns",
        published_at=datetime(2025, 7, 31, 23, 30, tzinfo=UTC),  # 1 August, BST
    )
    client.force_login(writing_editor)

    page = page_text(client.get(CALENDAR_URL, {"month": "2025-07"}))

    assert "Night train returns" not in page


def test_calendar_marks_scheduled_and_published_articles_with_times(
    client, writing_editor
):
    live = ArticleFactory(
        headline="Harbour reopens",
        published_at=datetime(2025, 7, 14, 8, 0, tzinfo=UTC),
    )
    ArticleFactory(
        headline="Festival line-up",
        published_at=datetime(2025, 7, 18, 17, 15, tzinfo=UTC),
    )
    ArticleFactory(
        headline="Never approved",
        status=Status.IN_REVIEW,
        published_at=datetime(2025, 7, 18, 9, 0, tzinfo=UTC),
    )
    client.force_login(writing_editor)

    page = page_text(client.get(CALENDAR_URL))

    monday, friday = day_cell(page, "2025-07-14"), day_cell(page, "2025-07-18")
    assert "09:00" in monday
    assert "Published" in monday
    change_url = reverse("admin:articles_article_change", args=[live.pk])
    assert f'href="{change_url}">Harbour reopens</a>' in monday
    assert "18:15" in friday
    assert "Scheduled" in friday
    assert "Festival line-up" in friday
    assert "Never approved" not in page
    assert "Europe/London" in page


def test_calendar_defaults_to_this_month_with_today_highlighted(client, writing_editor):
    client.force_login(writing_editor)

    page = page_text(client.get(CALENDAR_URL))

    assert "Scheduled and published articles, July 2025" in page
    assert 'aria-current="date"' in day_cell(page, "2025-07-15")
    assert page.count('aria-current="date"') == 1
    assert '<th scope="col">' in page
    assert "<caption" in page


def test_calendar_links_to_the_previous_and_next_months(client, writing_editor):
    client.force_login(writing_editor)

    page = page_text(client.get(CALENDAR_URL, {"month": "2025-01"}))

    assert "Scheduled and published articles, January 2025" in page
    assert 'href="?month=2024-12" rel="prev">‹ December 2024</a>' in page
    assert 'href="?month=2025-02" rel="next">February 2025 ›</a>' in page
    assert f'href="{CALENDAR_URL}">This month</a>' in page
    assert 'aria-current="date"' not in page


@pytest.mark.parametrize(
    "month", ["junk", "2025-13", "2025-00", "2025-7", "0000-01", "99999-01", ""]
)
def test_calendar_shows_this_month_for_a_month_it_cannot_read(
    client, writing_editor, month
):
    client.force_login(writing_editor)

    page = page_text(client.get(CALENDAR_URL, {"month": month}))

    assert "Scheduled and published articles, July 2025" in page


@pytest.mark.parametrize(
    ("month", "heading", "beyond", "within"),
    [
        ("0002-01", "January 0002", 'rel="prev"', 'rel="next"'),
        ("9998-12", "December 9998", 'rel="next"', 'rel="prev"'),
    ],
)
def test_calendar_stops_navigation_at_the_ends_of_time(
    client, writing_editor, month, heading, beyond, within
):
    client.force_login(writing_editor)

    page = page_text(client.get(CALENDAR_URL, {"month": month}))

    assert f"Scheduled and published articles, {heading}" in page
    assert beyond not in page
    assert within in page


def test_journalist_calendar_shows_only_their_own_articles(client, journalist):
    ArticleFactory(
        headline="My column",
        published_at=NOW + timedelta(days=1),
        bylines=[journalist.author_profile],
    )
    ArticleFactory(headline="A colleague's column", published_at=NOW)
    client.force_login(journalist)

    page = page_text(client.get(CALENDAR_URL))

    assert "My column" in day_cell(page, "2025-07-16")
    assert "colleague" not in page


def test_calendar_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(CALENDAR_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert "next=" in response.url


@pytest.mark.parametrize("role", ["journalist", "writing_editor"])
def test_calendar_queries_do_not_grow_with_the_month(
    client, django_assert_num_queries, request, role
):
    user = request.getfixturevalue(role)
    client.force_login(user)

    def fill(count):
        for number in range(count):
            ArticleFactory(
                published_at=NOW + timedelta(days=number % 10, hours=number),
                bylines=[user.author_profile, AuthorFactory()],
            )

    page = same_queries_with_more_rows(
        client, CALENDAR_URL, fill, 15, django_assert_num_queries
    )
    assert page.count('class="desk-calendar__article"') == 16

"""The desk's home page and calendar: what is on each person's plate, the
notes that mention them included.

Who sees what follows the two roles (``articles.roles``) exactly as the
article admin does: editors see every article, everyone else the articles they
are bylined on, so a link from the desk never leads to a page that refuses
them. Times are the newsroom's (``settings.TIME_ZONE``), whoever is looking.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query import prefetch_related_objects
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles.models import Article, ArticleEvent, Byline, Note
from articles.roles import is_editor, own_author
from newsroom.times import newsroom_zone

Status = Article.Status
Action = ArticleEvent.Action

# Short lists: the desk is a glance, the changelist is for browsing.
DESK_LIST_LENGTH = 8
SCHEDULE_HORIZON = timedelta(days=7)
# `publish_scheduled` runs every minute; past this, a missed run is likelier
# than a slow one.
GO_LIVE_GRACE = timedelta(minutes=2)

# The few fields a desk row shows; anything else would cost a query per row.
ROW_FIELDS = ("id", "headline", "status", "published_at", "updated_at")


def may_use_desk(user):
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def visible_articles(user):
    """The articles ``user`` may see on the desk (as in the article admin)."""
    if is_editor(user):
        return Article.objects.all()
    return Article.objects.filter(_bylined_on(user))


# --- The desk home -------------------------------------------------------------


@dataclass
class DeskList:
    """One short list on the desk home; ``articles`` carry a ``desk_time``."""

    key: str
    title: str
    time_label: str
    empty_text: str
    articles: list
    see_all_url: str = ""
    see_all_text: str = ""
    note: str = ""


def desk_lists(user, *, now=None):
    """The desk home's lists for ``user``, in a fixed number of queries: one
    per list and one for every list's bylines, whatever their lengths."""
    if not may_use_desk(user):
        return []
    now = now or timezone.now()
    editor = is_editor(user)
    author = own_author(user)
    mine = Article.objects.filter(_bylined_on(user))
    visible = Article.objects.all() if editor else mine
    changelist = reverse("admin:articles_article_changelist")

    def filtered_changelist(status, *, own=False):
        params = {"status__exact": status}
        if own and editor:
            if author is None:
                return ""  # nothing of theirs to list
            # Journalists' changelist holds only their own articles already;
            # an editor's needs the byline filter.
            params["bylines__author__id__exact"] = author.pk
        return f"{changelist}?{urlencode(params)}"

    no_profile = _(
        "Your login has no author profile, so no article carries your byline."
    )
    lists = [
        DeskList(
            key="drafts",
            title=_("My drafts"),
            time_label=_("Last edited"),
            empty_text=_("You have no drafts.") if author else no_profile,
            articles=_rows(
                mine.filter(status=Status.DRAFT),
                desk_time=F("updated_at"),
                newest_first=True,
            ),
            see_all_url=filtered_changelist(Status.DRAFT, own=True),
            see_all_text=_("All my drafts"),
        ),
        DeskList(
            key="returned",
            title=_("Returned to me"),
            time_label=_("Returned"),
            empty_text=_("Nothing has been returned to you.") if author else no_profile,
            articles=_rows(
                mine.filter(status=Status.CHANGES_REQUESTED).annotate(
                    returned_note=_latest_event(Action.REQUEST_CHANGES, "note")
                ),
                desk_time=_latest_event_time(Action.REQUEST_CHANGES),
                newest_first=True,
            ),
            see_all_url=filtered_changelist(Status.CHANGES_REQUESTED, own=True),
            see_all_text=_("All returned to me"),
        ),
        DeskList(
            key="review",
            title=_("Awaiting review"),
            time_label=_("Submitted"),
            empty_text=_("Nothing is waiting for review.")
            if editor
            else _("None of your articles is waiting for review."),
            # Oldest first: a review queue is worked from the front.
            articles=_rows(
                visible.filter(status=Status.IN_REVIEW),
                desk_time=_latest_event_time(Action.SUBMIT),
                newest_first=False,
            ),
            see_all_url=filtered_changelist(Status.IN_REVIEW),
            see_all_text=_("All awaiting review"),
        ),
        DeskList(
            key="scheduled",
            title=_("Scheduled"),
            time_label=_("Goes live"),
            empty_text=_("Nothing is scheduled for the next 7 days."),
            articles=_rows(
                visible.scheduled(now).filter(published_at__lte=now + SCHEDULE_HORIZON),
                desk_time=F("published_at"),
                newest_first=False,
            ),
            # No changelist filter tells scheduled from live: the calendar does.
            see_all_url=reverse("desk-calendar"),
            see_all_text=_("Calendar"),
            note=_("Next 7 days; times are %(zone)s time.")
            % {"zone": timezone.get_default_timezone_name()},
        ),
        DeskList(
            key="published",
            title=_("Recently published"),
            time_label=_("Went live"),
            empty_text=_("Nothing has been published yet.")
            if editor
            else _("None of your articles has been published yet."),
            articles=_rows(
                visible.published(),
                desk_time=F("published_at"),
                newest_first=True,
            ),
            see_all_url=filtered_changelist(Status.PUBLISHED),
            see_all_text=_("All published"),
        ),
    ]
    rows = [article for desk_list in lists for article in desk_list.articles]
    prefetch_related_objects(
        rows, Prefetch("bylines", queryset=Byline.objects.select_related("author"))
    )
    return lists


def mentions_for(user, *, limit=DESK_LIST_LENGTH):
    """ "Mentions for you": the notes in open threads that mention ``user``
    (a reply's mention included), on articles they may still see, newest
    first, with their article and author: one query."""
    if not may_use_desk(user):
        return []
    notes = Note.objects.in_open_threads().filter(mentions__user=user)
    if not is_editor(user):
        notes = notes.filter(
            Exists(
                Byline.objects.filter(article=OuterRef("article"), author__user=user)
            )
        )
    return list(
        notes.select_related("author", "article").order_by("-created_at", "-id")[:limit]
    )


def overdue_go_live_count(*, now=None):
    """How many articles went live more than ``GO_LIVE_GRACE`` ago and still
    wait for their go-live effects: a sign that `publish_scheduled` is not
    being run. One query."""
    now = now or timezone.now()
    return Article.objects.filter(
        status=Status.PUBLISHED,
        published_at__lt=now - GO_LIVE_GRACE,
        live_effects_at__isnull=True,
    ).count()


# --- The calendar -------------------------------------------------------------

# Years whose neighbouring months and local midnights stay inside what
# `datetime` can hold, in any time zone.
MIN_YEAR = datetime.min.year + 1
MAX_YEAR = datetime.max.year - 1
MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")


@dataclass
class CalendarDay:
    date: date
    in_month: bool
    is_today: bool
    articles: list = field(default_factory=list)


@dataclass
class MonthCalendar:
    first: date  # the month's first day
    today: date
    weekdays: list  # (abbreviation, full name), in the locale's week order
    weeks: list  # rows of CalendarDay
    previous: date | None
    next: date | None

    @property
    def is_current(self):
        return (self.first.year, self.first.month) == (
            self.today.year,
            self.today.month,
        )


def parse_month(value, *, today):
    """The first day of the month named by ``YYYY-MM``; anything else means
    the month of ``today``."""
    match = MONTH_RE.fullmatch(value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12:
            return date(year, month, 1)
    return today.replace(day=1)


def month_calendar(user, first, *, today=None):
    """The month starting on ``first`` as weeks of days, each with the
    published and scheduled articles going live on it (newsroom time) that
    ``user`` may see. One query."""
    zone = newsroom_zone()
    today = today or timezone.localdate(timezone=zone)
    following = _add_month(first, 1)
    # The month's bounds are local midnights, so an article at 23:30 UTC on a
    # summer evening lands on the next day in London, as the newsroom sees it.
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(following, time.min, tzinfo=zone)
    articles = (
        visible_articles(user)
        .filter(status=Status.PUBLISHED, published_at__gte=start, published_at__lt=end)
        .only(*ROW_FIELDS)
        .order_by("published_at", "id")
    )
    by_day = {}
    for article in articles:
        day = timezone.localtime(article.published_at, zone).date()
        by_day.setdefault(day, []).append(article)

    week = calendar.Calendar(firstweekday=_first_weekday())
    weeks = [
        [
            CalendarDay(
                date=day,
                in_month=day.month == first.month,
                is_today=day == today,
                articles=by_day.get(day, []),
            )
            for day in days
        ]
        for days in week.monthdatescalendar(first.year, first.month)
    ]
    previous = _add_month(first, -1)
    return MonthCalendar(
        first=first,
        today=today,
        weekdays=[(WEEKDAYS_ABBR[day], WEEKDAYS[day]) for day in week.iterweekdays()],
        weeks=weeks,
        previous=previous if previous.year >= MIN_YEAR else None,
        next=following if following.year <= MAX_YEAR else None,
    )


def calendar_view(request):
    """Scheduled and published articles by day for ``?month=YYYY-MM``.

    Routed through ``admin.site.admin_view`` (staff login, no caching); the
    admin's own context gives it the desk's header and sidebar.
    """
    if not may_use_desk(request.user):
        raise PermissionDenied
    today = timezone.localdate(timezone=newsroom_zone())
    first = parse_month(request.GET.get("month"), today=today)
    context = {
        **admin.site.each_context(request),
        "title": _("Calendar"),
        "subtitle": formats.date_format(first, "YEAR_MONTH_FORMAT"),
        "calendar": month_calendar(request.user, first, today=today),
        "zone_name": timezone.get_default_timezone_name(),
        "is_editor": is_editor(request.user),
    }
    return TemplateResponse(request, "admin/desk/calendar.html", context)


# --- Helpers ---------------------------------------------------------------------


def _bylined_on(user):
    # A subquery rather than a join, so a row never repeats for two bylines.
    return Exists(Byline.objects.filter(article=OuterRef("pk"), author__user=user))


def _latest_event(action, field_name):
    return Subquery(
        ArticleEvent.objects.filter(article=OuterRef("pk"), action=action)
        .order_by("-created_at", "-id")
        .values(field_name)[:1]
    )


def _latest_event_time(action):
    # Articles moved by hand before the workflow existed have no event.
    return Coalesce(_latest_event(action, "created_at"), F("updated_at"))


def _rows(queryset, *, desk_time, newest_first):
    order = ("-desk_time", "-id") if newest_first else ("desk_time", "id")
    return list(
        queryset.only(*ROW_FIELDS)
        .annotate(desk_time=desk_time)
        .order_by(*order)[:DESK_LIST_LENGTH]
    )


def _add_month(first, months):
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def _first_weekday():
    """The locale's first day of the week, in `calendar`'s numbering (Django
    counts from Sunday, `calendar` from Monday)."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7

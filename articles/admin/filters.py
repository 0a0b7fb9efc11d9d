"""The article list's filters: by byline, by date range, by year."""

from datetime import UTC, datetime

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline


class BylineAuthorFilter(admin.RelatedOnlyFieldListFilter):
    """The authors with a byline on an article of the list.

    Django's own query joins every article of the list to its bylines: the
    whole archive, on every page view of an editor. This one asks of each
    author whether one of their bylines is on such an article, through the
    byline index; an editor's list is every article, so the question is only
    whether they have a byline at all.
    """

    def field_choices(self, field, request, model_admin):
        articles = model_admin.get_queryset(request)
        bylines = Byline.objects.filter(author=OuterRef("pk"))
        if articles.query.where:
            bylines = bylines.filter(article__in=articles.order_by().values("pk"))
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(Exists(bylines)),
            ordering=ordering,
        )


class PublishedDateFilter(admin.DateFieldListFilter):
    """Django's date filter on ``published_at`` (today, past 7 days, this
    month, this year; no date, has date), which lets an address typed or
    mangled by hand through: an unreadable date is a database error page.
    This one says it could not read the date and lists every date."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        bounds = [self.lookup_kwarg_since, self.lookup_kwarg_until]
        values = [v for b in bounds for v in self.used_parameters.get(b, [])]
        if all(readable_time(field, value) for value in values):
            return
        for bound in bounds:
            self.used_parameters.pop(bound, None)
            self.date_params.pop(bound, None)
        messages.warning(
            request,
            gettext(
                "The publication date in the address could not be read, so "
                "articles of every date are listed."
            ),
        )


def readable_time(field, value):
    """Whether ``value`` is a time ``field`` can be filtered by."""
    try:
        moment = field.to_python(value)
        if moment is not None and timezone.is_aware(moment):
            # A time zone that takes it out of the calendar's range.
            moment.astimezone(UTC)
    except (ValidationError, OverflowError):
        return False
    return moment is not None


class PublishedYearFilter(admin.SimpleListFilter):
    """The year an article goes or went live, newest first: from the oldest
    publication (one index lookup) to this year, each a range of
    ``published_at`` in the newsroom's time zone."""

    title = _("year published")
    parameter_name = "published_year"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        value = self.value()
        if value is not None and self.year() is None:
            # Typed or mangled by hand: say so, and list every year.
            self.used_parameters.pop(self.parameter_name)
            messages.warning(
                request,
                gettext(
                    "“%(year)s” is not a year, so articles of every year are listed."
                )
                % {"year": value},
            )

    def year(self):
        try:
            year = int(self.value())
        except (TypeError, ValueError):
            return None
        return year if 1 < year < 9999 else None

    def lookups(self, request, model_admin):
        oldest = (
            Article.objects.filter(status=Article.Status.PUBLISHED)
            .order_by("published_at", "id")
            .values_list("published_at", flat=True)
            .first()
        )
        if oldest is None:
            return []
        this_year = timezone.localdate().year
        first = min(timezone.localtime(oldest).year, this_year)
        return [(str(year), str(year)) for year in range(this_year, first - 1, -1)]

    def queryset(self, request, queryset):
        year = self.year()
        if year is None:
            return queryset  # no year chosen: every year
        zone = timezone.get_default_timezone()
        return queryset.filter(
            published_at__gte=datetime(year, 1, 1, tzinfo=zone),
            published_at__lt=datetime(year + 1, 1, 1, tzinfo=zone),
        )

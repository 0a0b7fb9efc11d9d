"""Subscriber lists as CSV, safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse
from django.utils import timezone

# A cell starting with one of these is a formula to Excel, LibreOffice and
# Google Sheets; an address like "=HYPERLINK(...)@x" must stay text (OWASP
# "CSV injection"). Tab and carriage return start formulas in some of them too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "email",
    "status",
    "created_at",
    "confirmed_at",
    "unsubscribed_at",
    "import_source",  # consent recorded by another system: which
    "imported_at",
)


def spreadsheet_safe(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def subscribers_csv(queryset):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for subscriber in queryset.order_by("email").iterator():
        writer.writerow(
            [
                spreadsheet_safe(subscriber.email),
                subscriber.status,
                *(
                    _when(getattr(subscriber, name))
                    for name in ("created_at", "confirmed_at", "unsubscribed_at")
                ),
                spreadsheet_safe(subscriber.import_source),
                _when(subscriber.imported_at),
            ]
        )
    return response


def _when(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""

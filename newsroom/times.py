"""Times as the newsroom's clock shows them: the one formatter for the desk,
its messages and the mails.

Every time is shown in the newsroom's zone (``settings.TIME_ZONE``) whatever
zone is active, and names that zone, so an editor abroad and one at home read
the same hour. Site-wide and below the content apps: it imports none of them.
"""

from functools import lru_cache

from django.utils import formats, timezone
from django.utils.translation import get_language

# The named formats; any other name is taken as a date format string.
FORMATS = {
    # "24 Nov 2026, 16:04 GMT": the desk's forms, messages, history and mails.
    "desk": "j M Y, H:i T",
    # "Sat 19 Jul, 14:30 BST": the desk home's lists, all within a few days.
    "list": "D j M, H:i T",
}


def newsroom_zone():
    return timezone.get_default_timezone()


def newsroom_time(value, format="desk", *, zone_in_full=False):
    """An aware datetime in the newsroom's zone, in a named format (or a
    date format string); an empty string for none.

    ``zone_in_full`` adds the zone's name, "(Europe/London time)": a reader
    of a mail may be anywhere and not know the newsroom's abbreviation.
    """
    text = ""
    if value:
        text = _formatted(
            value, FORMATS.get(format, format), newsroom_zone(), get_language()
        )
    if zone_in_full:
        text = f"{text} ({timezone.get_default_timezone_name()} time)"
    return text


def desk_time(value):
    """A time as the desk shows it, year and zone included."""
    return newsroom_time(value, "desk")


@lru_cache(maxsize=4096)
def _formatted(value, format, zone, language):
    # Django's date formatting takes ~0.1 ms a time (it translates month
    # names afresh each time), two times a row of the desk's list of 50:
    # a time shown again (the list viewed again, a page of the calendar)
    # is not formatted again. Keyed on all the text depends on.
    return formats.date_format(timezone.localtime(value, zone), format)

"""The project's back-off for a task that failed: try again later, a few times.

One rule for every task that talks to something outside (a mail server, a
CDN): the second try waits ``first_after``, each later one four times longer
(1, 4, 16 minutes for mail), up to ``NEWSROOM_NOTIFICATION_ATTEMPTS`` tries
in all.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

# The wait before a mail's second try: a mail server back within the half
# hour gets them all.
FIRST_RETRY_AFTER = timedelta(minutes=1)


def try_again_later(task, *args, attempt, first_after=FIRST_RETRY_AFTER):
    """Queue ``task(*args)`` again ``first_after`` × 4^(attempt-1) after
    ``attempt`` failed. The immediate backend cannot wait: the error logged
    or recorded is the record."""
    if attempt >= settings.NEWSROOM_NOTIFICATION_ATTEMPTS:
        return
    if not task.get_backend().supports_defer:
        return
    wait = first_after * 4 ** (attempt - 1)
    task.using(run_after=timezone.now() + wait).enqueue(*args, attempt=attempt + 1)

"""The four-eyes rule: an editor may not publish what they had a hand in.

With ``settings.NEWSROOM_FOUR_EYES`` on, approving an article (and
rescheduling it, which is approving it for another time) takes an editor
who neither is nor was bylined on it, nor submitted it, nor created it.
``articles.workflow`` refuses the step with the objection given here, and
the desk leaves its button out.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import revisions
from articles.models import ArticleEvent
from authors import logins

Action = ArticleEvent.Action

# The refusal: the step refused, and why.
_STEPS = {
    Action.APPROVE: gettext_lazy("approve"),
    Action.RESCHEDULE: gettext_lazy("reschedule"),
}
_REASONS = {
    "bylined": gettext_lazy("you are or were bylined on it"),
    "submitted": gettext_lazy("you submitted it"),
    "created": gettext_lazy("you created it"),
}


def four_eyes_objection(article, user, action=Action.APPROVE):
    """Why ``user`` may not approve ``article`` under the four-eyes rule
    (``settings.NEWSROOM_FOUR_EYES``), or "" when they may. Rescheduling
    (``action``) is approving it for another time: the same rule, in its
    own words.

    The rule asks whether they had a hand in the article at any time, not only
    what its bylines say at the moment of approval: bylines can be taken off
    and put back, or a story written under a colleague's name. So an editor
    may not approve an article they are bylined on now, were bylined on in
    any saved revision, submitted, or created. (Approving one's own draft
    directly is submitting it too, and is therefore never possible here.)

    Nor only what their login is linked to now: a profile can be unlinked
    before approving and linked back after. A byline is theirs if it is of
    any profile their login is or ever was linked to (``authors.logins``
    records every change of that link).
    """
    if not settings.NEWSROOM_FOUR_EYES:
        return ""
    if _ever_bylined(user, article):
        reason = "bylined"
    elif article.events.filter(action=Action.SUBMIT, actor=user).exists():
        reason = "submitted"
    elif revisions.creator_id(article) == user.pk:
        reason = "created"
    else:
        return ""
    return _("Another editor must %(step)s this article: %(reason)s.") % {
        "step": _STEPS[action],
        "reason": _REASONS[reason],
    }


def _ever_bylined(user, article):
    """Whether a profile ``user`` is or ever was linked to is bylined on
    ``article`` now or in any of its saved revisions."""
    profiles = logins.profiles_of(user)
    if not profiles:
        return False
    # bylines.all() reads a prefetch when there is one.
    if profiles & {byline.author_id for byline in article.bylines.all()}:
        return True
    return bool(profiles & revisions.authors_ever_bylined(article))

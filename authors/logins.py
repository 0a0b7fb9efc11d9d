"""Which login an author profile belongs to: changed here and nowhere else.

A profile's login decides whose byline it is, and so what the four-eyes rule
(``articles.workflow.four_eyes_objection``) stops an editor approving. Were
the link a plain field, an editor could unlink their profile, approve their
own story and link it back. So linking is for administrators (the desk shows
the field read-only to everyone else), every change is recorded
(``LoginLinkChange``), and the rule asks ``profiles_of()``: every profile the
login is or ever was linked to.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from authors.models import Author, LoginLinkChange


def link(author, login, *, by):
    """Make ``login`` (None: no login) the one ``author`` belongs to, and
    record the change; returns whether anything changed. ``author`` must be
    saved; its ``user`` is set to match."""
    with transaction.atomic():
        current_id = (
            Author.objects.select_for_update()
            .filter(pk=author.pk)
            .values_list("user_id", flat=True)
            .get()
        )
        new_id = login.pk if login is not None else None
        author.user = login
        if current_id == new_id:
            return False
        current = get_user_model().objects.filter(pk=current_id).first()
        Author.objects.filter(pk=author.pk).update(user=login)
        LoginLinkChange.objects.create(
            author=author,
            from_user=current,
            from_username=current.get_username() if current else "",
            to_user=login,
            to_username=login.get_username() if login else "",
            changed_by=by,
            changed_by_name=by.get_username() if by else "",
        )
        return True


def profiles_of(user):
    """The ids of every author profile ``user`` is or ever was linked to."""
    linked = Author.objects.filter(user=user).values_list("pk", flat=True)
    changed = LoginLinkChange.objects.filter(
        Q(from_user=user) | Q(to_user=user)
    ).values_list("author_id", flat=True)
    return set(linked) | set(changed)

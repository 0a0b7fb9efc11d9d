"""Which articles each role may touch, defined once for the desk and the workflow.

Who is an editor is site-wide (``newsroom.roles``, re-exported here so article
code asks one module); model permissions say which models a role may touch;
these helpers say which rows.
"""

from articles.models import Article
from newsroom.roles import EDITORS, JOURNALISTS, is_editor

__all__ = [
    "EDITABLE_BY_JOURNALISTS",
    "EDITORS",
    "JOURNALISTS",
    "is_bylined",
    "is_editor",
    "may_delete",
    "may_edit",
    "own_author",
]

# What a journalist may still edit; everything later belongs to the editors.
EDITABLE_BY_JOURNALISTS = frozenset(
    {Article.Status.DRAFT, Article.Status.CHANGES_REQUESTED}
)


def own_author(user):
    """The login's author profile, or None for a login without one."""
    return getattr(user, "author_profile", None)


def is_bylined(user, article):
    author = own_author(user)
    # bylines.all() reads a prefetch when there is one.
    return author is not None and any(
        byline.author_id == author.pk for byline in article.bylines.all()
    )


def may_edit(user, article):
    """Editors edit anything; journalists their own, while it is a draft.

    Pass the article as it is in the database now (locked, where it matters):
    a copy read before a transition would answer for a status it no longer has.
    """
    return is_editor(user) or (
        article.status in EDITABLE_BY_JOURNALISTS and is_bylined(user, article)
    )


def may_delete(user, article):
    """Editors delete any article; journalists only their own draft that
    readers never saw (``first_published_at`` empty), while it is theirs to
    edit. Anything once published stays on the record: taking it down is
    unpublishing, an editor's decision. Either way the deletion keeps a
    revision to recover from (``workflow.delete``).

    Pass the article as it is in the database now (see ``may_edit``).
    """
    if not user.has_perm("articles.delete_article"):
        return False
    return is_editor(user) or (
        article.first_published_at is None and may_edit(user, article)
    )

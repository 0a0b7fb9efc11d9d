"""Writing a live blog's stream: post, edit, pin, mark, delete, restore and
approve entries, and correct one.

Each function is one write (``articles.services.writing``): it locks the
article's row, checks on the server who may do it (``PermissionDenied``) and
whether it can be done (``LiveBlogError``), saves the entry with a fresh
``updated_at`` and records a revision of it (django-reversion, with who and
why: the entries' audit trail, as the article's revisions are its own).

Locking the article serialises every write to one stream, and each entry's
time is taken under the lock, so entries' ``updated_at`` grow in commit
order: a reader's cursor (``articles.live_pages``) never skips an entry
committed after one it already has. Times are kept to the millisecond the
cursor counts in.

What follows a write is said once, at its end, by the write itself: search
re-indexes the article (entries' text is part of its document) and the
article's page key moves on (``articles.stale_pages``), so the page cache
renders again the live blog's page and the pages that show its card, and
nothing else of the site. A CDN may keep the live blog's page and its
updates only a few seconds while the coverage is live
(``articles.live_pages``), so readers behind one see the change within
seconds too. Ending the coverage is a change of the article itself
(``articles.workflow.end_coverage``).

Who may do what: editors anything on any live blog; a journalist bylined on
the live blog posts, and edits, pins, marks and deletes their own entries.
Where the live blog's entries need approval, a journalist's entry waits for
an editor (shown to the desk, never to readers), and so does a journalist's
edit of one already approved (it leaves the page until approved again).
Approving and correcting an entry are the editors'.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import services
from articles.models import Article, LiveEntry, LiveEntryCorrection
from articles.roles import is_bylined, is_editor, own_author
from newsroom.richtext import refused_embeds, sanitize_body


class LiveBlogError(Exception):
    """The entry or the live blog's state does not allow this; the message
    says why."""


# --- Who may ---------------------------------------------------------------------


def may_post(user, article):
    """Editors; journalists bylined on the live blog."""
    if not (user.is_active and user.is_staff):
        return False
    return is_editor(user) or (
        user.has_perm("articles.change_article") and is_bylined(user, article)
    )


def may_change(user, entry, article):
    """Editors any entry; a journalist who may post, their own."""
    return is_editor(user) or (
        may_post(user, article) and entry.posted_by_id == user.pk
    )


# --- The writes --------------------------------------------------------------------


def post_entry(article, *, by, body, title="", is_key_event=False, is_pinned=False):
    """A new entry on ``article``'s stream by ``by`` (their author profile
    its author), approved unless the live blog wants journalists' entries
    approved. Returns the entry."""
    with services.writing(by=by), reversion.create_revision():
        article = _lock(article)
        if not may_post(by, article):
            raise PermissionDenied(
                _("Only its bylined journalists or an editor may post here.")
            )
        if not article.is_live_now:
            raise LiveBlogError(
                _("This live coverage has ended: no new entries.")
                if article.is_live_blog
                else _("This article is not a live blog.")
            )
        now = stream_time()
        entry = LiveEntry(
            article=article,
            posted_at=now,
            updated_at=now,
            title=title.strip(),
            body=body,
            is_key_event=is_key_event,
            is_pinned=is_pinned,
            is_approved=is_editor(by) or not article.entries_need_approval,
            posted_by=by,
        )
        _require_body(entry)
        entry.save()
        author = own_author(by)
        if author is not None:
            entry.authors.add(author)
        _record(entry, by, _("Posted."))
        return entry


def edit_entry(entry, *, by, body, title=""):
    """New words for ``entry``; its time stays that of its posting."""

    def change(entry):
        entry.title = title.strip()
        entry.body = body
        _require_body(entry)
        if entry.article.entries_need_approval and not is_editor(by):
            # Approved words, not approved authors: new words wait again.
            entry.is_approved = False

    return _change(entry, by, change, _("Edited."))


def set_pinned(entry, *, by, pinned):
    def change(entry):
        entry.is_pinned = pinned

    return _change(entry, by, change, _("Pinned.") if pinned else _("Unpinned."))


def set_key_event(entry, *, by, key_event):
    def change(entry):
        entry.is_key_event = key_event

    comment = _("Marked a key event.") if key_event else _("No longer a key event.")
    return _change(entry, by, change, comment)


def delete_entry(entry, *, by):
    """Hide ``entry`` from every surface; ``restore_entry`` brings it back."""

    def change(entry):
        if entry.deleted_at is not None:
            raise LiveBlogError(_("This entry is already deleted."))
        entry.deleted_at = timezone.now()
        entry.deleted_by = by

    return _change(entry, by, change, _("Deleted."))


def restore_entry(entry, *, by):
    def change(entry):
        if entry.deleted_at is None:
            raise LiveBlogError(_("This entry is not deleted."))
        entry.deleted_at = None
        entry.deleted_by = None

    return _change(entry, by, change, _("Restored after deletion."))


def approve_entry(entry, *, by):
    def change(entry):
        if entry.is_approved:
            raise LiveBlogError(_("This entry is already approved."))
        entry.is_approved = True

    return _change(entry, by, change, _("Approved."), editors_only=True)


def correct_entry(entry, *, by, text):
    """A correction printed under ``entry`` (a public record: editors only)."""
    text = (text or "").strip()

    def change(entry):
        if not text:
            raise LiveBlogError(_("Say what the correction is."))
        LiveEntryCorrection.objects.create(
            entry=entry, text=text, created_at=entry.updated_at
        )

    return _change(entry, by, change, _("Corrected."), editors_only=True)


# --- Helpers -------------------------------------------------------------------


def stream_time():
    """Now, to the millisecond: the unit of the updates endpoint's cursor."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _change(entry, by, change, comment, *, editors_only=False):
    with services.writing(by=by), reversion.create_revision():
        article = _lock(entry.article)
        entry = LiveEntry.objects.get(pk=entry.pk, article=article)
        entry.article = article
        allowed = is_editor(by) if editors_only else may_change(by, entry, article)
        if not allowed:
            raise PermissionDenied(_("You may not change this entry."))
        entry.updated_at = stream_time()
        change(entry)
        entry.save()
        _record(entry, by, comment)
        return entry


def _lock(article):
    """The article as it is now, locked until commit: every write to one
    stream waits for the one before it (see the module docstring)."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _require_body(entry):
    if problems := refused_embeds(entry.body or ""):
        raise LiveBlogError(" ".join(str(p) for p in problems))
    entry.body = sanitize_body(entry.body)
    if not entry.body:
        raise LiveBlogError(_("An entry needs some text."))


def _record(entry, by, comment):
    reversion.add_to_revision(entry)
    reversion.set_user(by)
    reversion.set_comment(comment)
    # A change of the article's page (and of its search document, which
    # holds the entries' text): its page key moves on, so the pages that show
    # the live blog are rendered again and no other (``articles.stale_pages``).
    services.current().article(entry.article_id)
    # A bookkeeping update, as the article's parts' own: no signal, no move.
    entry.article.refresh_reading_time()

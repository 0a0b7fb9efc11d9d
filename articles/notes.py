"""Notes on a story: writing, replying to, resolving and reopening them, who
may do each, who may be @mentioned, and the mail a mention sends.

Who may read and write an article's notes is who may see the article on the
desk (``articles.roles``: its editors, its bylined journalists), checked on
every call; resolving is for the note's author, the article's bylined
journalists and the editors. A mention names a desk login as ``@username``
(the change page's autocomplete offers people by their names and writes
that); only someone who may see the article can be mentioned, and the
writer is told of every other name, in one sentence that does not say
whether the login exists.

A mention is one ``NoteMention`` row and one mail to that person, sent by a
task queued once the note has committed (as the workflow's notifications
are: a slow or failing mail server never holds up the desk), tried again a
few times when the mail server refuses it, and recorded on the row. The mail
carries the note, the article's headline and a link to the desk; never the
draft's words beyond the note.

Notes are not content: nothing here goes through ``articles.services``, so
no revision is made, nothing is re-indexed and the page cache's generation
stays where it is.
"""

import logging
import re
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tasks import task

from articles.desk_home import may_use_desk
from articles.forms import display_name
from articles.models import MAX_NOTE_LENGTH, Note, NoteMention
from articles.roles import EDITORS, is_bylined, is_editor
from newsroom.retries import try_again_later
from newsroom.text import nfc

logger = logging.getLogger(__name__)

Anchor = Note.Anchor

# ``@`` and a login name (Django's: letters, digits and ``@.+-_``), not
# inside a word or an e-mail address.
MENTION = re.compile(r"(?<![\w.+@-])@([\w.@+-]+)")
# Punctuation that ends a sentence rather than a login name: "ask @sam."
TRAILING = ".,@+-"

# The article's own fields a note may be written on, in the change form's
# order. The parts (sections, key points, FAQs) follow, one by one.
FIELD_ANCHORS = (
    Anchor.STORY,
    Anchor.HEADLINE,
    Anchor.SLUG,
    Anchor.DEK,
    Anchor.HERO,
    Anchor.FILING,
    Anchor.SEO,
    Anchor.SUMMARY,
)
# Related name of each part anchor's parts, and what the part's title is.
PARTS = {
    Anchor.SECTION: ("sections", "subheading"),
    Anchor.KEY_POINT: ("key_points", "text"),
    Anchor.FAQ: ("faqs", "question"),
}
LABEL_LENGTH = 60


# --- Who may do what ----------------------------------------------------------------


def may_see(user, article):
    """Whether ``user`` may read and write ``article``'s notes: whoever may
    open the article on the desk."""
    return may_use_desk(user) and (is_editor(user) or is_bylined(user, article))


def may_resolve(user, note):
    """The note's author, the article's bylined journalists and editors."""
    article = note.article
    return may_see(user, article) and (
        note.author_id == user.pk or is_editor(user) or is_bylined(user, article)
    )


def mentionable(article):
    """The logins who may see ``article`` on the desk, as ``may_see`` says,
    in one query: active staff with the permission to view articles (a
    superuser has it) who are editors or bylined on it."""
    view = Q(codename="view_article", content_type__app_label="articles")
    may_view = (
        Q(is_superuser=True)
        | Q(groups__permissions__in=_permissions(view))
        | Q(user_permissions__in=_permissions(view))
    )
    role = (
        Q(is_superuser=True)
        | Q(groups__name=EDITORS)
        | Q(author_profile__bylines__article=article)
    )
    people = get_user_model().objects.filter(is_active=True, is_staff=True)
    return people.filter(
        pk__in=people.filter(may_view).filter(role).values("pk")
    ).order_by("first_name", "last_name", "username")


def _permissions(condition):
    # A subquery: Permission is the auth app's, found through the user model.
    Permission = get_user_model().user_permissions.field.related_model
    return Permission.objects.filter(condition).values("pk")


# --- Anchors ------------------------------------------------------------------------


def anchor_choices(article):
    """``[(group, [(key, label)])]`` for the note form's anchor select: the
    article's fields, then each kind of part it has, numbered as the change
    page orders them."""
    choices = [(_("The article"), [(a.value, capital(a.label)) for a in FIELD_ANCHORS])]
    for anchor, (related, title) in PARTS.items():
        parts = list(getattr(article, related).all())
        if parts:
            choices.append(
                (
                    capital(Note.Anchor(anchor).label),
                    [
                        (
                            f"{anchor}:{part.pk}",
                            f"{capital(anchor.label)} {number}: "
                            f"{Truncator(getattr(part, title)).chars(LABEL_LENGTH)}",
                        )
                        for number, part in enumerate(parts, start=1)
                    ],
                )
            )
    return choices


def capital(text):
    text = str(text)
    return text[:1].upper() + text[1:]


def parse_anchor(article, key):
    """``(anchor, part_id, label)`` for an anchor key of ``article`` (as
    ``anchor_choices`` offers them); ValidationError for anything else."""
    key = (key or Anchor.STORY).strip()
    if key in FIELD_ANCHORS:
        return key, None, ""
    kind, _sep, pk = key.partition(":")
    if kind in PARTS and pk.isdigit():
        related, title = PARTS[kind]
        part = getattr(article, related).filter(pk=int(pk)).first()
        if part is not None:
            return kind, part.pk, Truncator(getattr(part, title)).chars(200)
    raise ValidationError(
        _(
            "That part of the article is not there any more: choose what "
            "the note is about from the list."
        )
    )


def anchor_text(note):
    """What a note is on, as the desk says it: "headline", "section 2:
    Background", "a deleted section: Background"."""
    if note.anchor not in Note.PART_ANCHORS:
        return str(Note.Anchor(note.anchor).label)
    kind = str(Note.Anchor(note.anchor).label)
    if note.anchor_label:
        return f"{kind}: {Truncator(note.anchor_label).chars(LABEL_LENGTH)}"
    return kind


# --- Writing ------------------------------------------------------------------------


@dataclass
class Written:
    """A note just written, whom it mentions, and the names it could not
    mention (unknown, or not allowed to see the article)."""

    note: Note
    mentioned: list = field(default_factory=list)
    not_mentioned: list = field(default_factory=list)

    def warning(self):
        """The sentence telling the writer whom the note did not reach, or ""."""
        if not self.not_mentioned:
            return ""
        names = ", ".join(f"@{name}" for name in self.not_mentioned)
        return _(
            "Not mentioned, so not told: %(names)s. Only people who may open "
            "this article on the desk can be mentioned."
        ) % {"names": names}


def clean_body(body):
    """The note's text as it is kept: NFC, trimmed, not empty, not too long."""
    body = nfc(body or "").strip()
    if not body:
        raise ValidationError(_("Write something in the note."))
    if len(body) > MAX_NOTE_LENGTH:
        raise ValidationError(
            _("A note may be at most %(limit)d characters; this one has %(length)d.")
            % {"limit": MAX_NOTE_LENGTH, "length": len(body)}
        )
    return body


def mentions_in(body, article, *, by):
    """``(users, names)``: the people ``body`` mentions who may see
    ``article`` (the writer left out), and the names it mentions that are no
    one of those."""
    tokens = [match.group(1) for match in MENTION.finditer(body)]
    if not tokens:
        return [], []
    people = {user.username.casefold(): user for user in mentionable(article)}
    found, unknown = {}, []
    for token in tokens:
        user = _person(token, people)
        if user is None:
            name = token.rstrip(TRAILING) or token
            if name not in unknown:
                unknown.append(name)
        elif user.pk != by.pk:
            found.setdefault(user.pk, user)
    return list(found.values()), unknown


def _person(token, people):
    # "@sam." is Sam at the end of a sentence, unless a login is "sam.".
    candidate = token
    while candidate:
        user = people.get(candidate.casefold())
        if user is not None:
            return user
        if candidate[-1] not in TRAILING:
            return None
        candidate = candidate[:-1]
    return None


def add_note(*, article, by, body, anchor=Anchor.STORY):
    """A new note by ``by`` on ``article``, on ``anchor`` (a key from
    ``anchor_choices``). Returns a ``Written``."""
    if not may_see(by, article):
        raise PermissionDenied(_("You may not write notes on this article."))
    body = clean_body(body)
    kind, part_id, label = parse_anchor(article, anchor)
    note = Note(
        article=article,
        author=by,
        body=body,
        anchor=kind,
        anchor_part_id=part_id,
        anchor_label=label,
    )
    return _write(note, by)


def reply(*, note, by, body):
    """``by``'s reply to ``note`` (or to the note it replies to: replies do
    not nest). A reply to a resolved note reopens it: the question is open
    again. Returns a ``Written``."""
    thread = note.thread
    if not may_see(by, thread.article):
        raise PermissionDenied(_("You may not write notes on this article."))
    body = clean_body(body)
    answer = Note(
        article=thread.article,
        author=by,
        parent=thread,
        body=body,
        anchor=thread.anchor,
        anchor_part_id=thread.anchor_part_id,
        anchor_label=thread.anchor_label,
    )
    with transaction.atomic():
        if thread.resolved_at is not None:
            _set_resolved(thread, None)
        return _write(answer, by)


def _write(note, by):
    users, unknown = mentions_in(note.body, note.article, by=by)
    with transaction.atomic():
        note.save()
        mentions = NoteMention.objects.bulk_create(
            [NoteMention(note=note, user=user) for user in users]
        )
        for mention in mentions:
            transaction.on_commit(partial(enqueue_mention_mail, mention.pk))
    return Written(note=note, mentioned=users, not_mentioned=unknown)


def resolve(*, note, by):
    """Marks ``note``'s thread resolved by ``by``."""
    _check_resolver(note, by)
    if note.thread.resolved_at is None:
        _set_resolved(note.thread, by)


def reopen(*, note, by):
    """Marks ``note``'s thread open again."""
    _check_resolver(note, by)
    if note.thread.resolved_at is not None:
        _set_resolved(note.thread, None)


def _check_resolver(note, by):
    if not may_resolve(by, note.thread):
        raise PermissionDenied(_("You may not resolve this note."))


def _set_resolved(thread, by):
    thread.resolved_at = timezone.now() if by else None
    thread.resolved_by = by
    thread.save(update_fields=["resolved_at", "resolved_by"])


# --- The mail -----------------------------------------------------------------------


def mention_message(mention):
    """(subject, body) of the mail telling ``mention.user`` about it."""
    note = mention.note
    article = note.article
    link = reverse("admin:articles_article_change", args=[article.pk])
    context = {
        "author": display_name(note.author) or _("Someone on the desk"),
        # A header may not hold a line break, whatever a headline contains.
        "headline": " ".join(article.headline.split()),
        "is_reply": note.parent_id is not None,
        # The kind of field or part only: a part's own words are the draft's.
        "anchor": str(Note.Anchor(note.anchor).label),
        "body": note.body,
        "url": f"{settings.NEWSROOM_BASE_URL}{link}#note-{note.pk}",
    }
    subject = render_to_string("articles/email/mention_subject.txt", context)
    body = render_to_string("articles/email/mention.txt", context)
    return " ".join(subject.split()), body


def send_mention_mail(mention_id):
    """Mail one mention, once; False when the mail server refused it."""
    mention = (
        NoteMention.objects.select_related("user", "note__author", "note__article")
        .filter(pk=mention_id)
        .first()
    )
    if mention is None or mention.emailed_at is not None:
        return True  # the note (or its article) was deleted, or it went
    user = mention.user
    if not may_see(user, mention.note.article):
        _record_error(mention, "not sent: they may no longer open the article")
        return True
    if not user.email:
        _record_error(mention, "not sent: no e-mail address")
        return True
    subject, body = mention_message(mention)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded
        logger.exception("Could not send the mail for mention %s", mention.pk)
        _record_error(mention, f"{type(error).__name__}: {error}")
        return False
    mention.emailed_at = timezone.now()
    mention.email_error = ""
    mention.save(update_fields=["emailed_at", "email_error"])
    return True


def _record_error(mention, text):
    mention.email_error = text[:1000]
    mention.save(update_fields=["email_error"])


@task()
def deliver_mention_mail(mention_id, attempt=1):
    if not send_mention_mail(mention_id):
        try_again_later(deliver_mention_mail, mention_id, attempt=attempt)


def enqueue_mention_mail(mention_id):
    try:
        deliver_mention_mail.enqueue(mention_id)
    except Exception as error:  # noqa: BLE001 - the note has committed
        logger.exception("Could not queue the mail for mention %s", mention_id)
        NoteMention.objects.filter(pk=mention_id).update(
            email_error=f"not queued: {type(error).__name__}: {error}"[:1000]
        )


# --- Reading ------------------------------------------------------------------------


def threads_of(article):
    """``article``'s notes as threads, oldest first, each with its
    ``replies`` (a list) and its author: two queries."""
    notes = list(
        Note.objects.filter(article=article).select_related("author", "resolved_by")
    )
    threads = [note for note in notes if note.parent_id is None]
    by_pk = {note.pk: note for note in threads}
    for thread in threads:
        thread.reply_list = []
    for note in notes:
        if note.parent_id is not None and note.parent_id in by_pk:
            note.parent = by_pk[note.parent_id]
            by_pk[note.parent_id].reply_list.append(note)
    return threads


def open_count():
    """An expression for an article queryset: how many open threads each
    article has (a subquery, so a list of articles costs no query more)."""
    threads = (
        Note.objects.open()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(threads), 0)


def open_counts(threads):
    """``{anchor_key: number of open threads on it}``."""
    counts = {}
    for thread in threads:
        if thread.resolved_at is None:
            counts[thread.anchor_key] = counts.get(thread.anchor_key, 0) + 1
    return counts

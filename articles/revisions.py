"""Revisions of articles with their parts, on django-reversion.

Every save on the desk is one revision holding the article, its bylines,
sections, key points, FAQs and corrections (followed relations) and its tag
names (meta data: see ``ArticleRevisionTags``). This module also reads a
revision back as an ``ArticleState`` (to compare two of them, or as the
version a stale form was loaded at, for ``articles.merge``), restores one
and recovers a deleted article.

What a restore brings back is the article's text and parts. It never changes
the status or the publication times (only ``articles.workflow`` does) nor the
slug (the article's address, which readers and search engines hold), and it
leaves corrections alone: they are a public record, appended by editors.
"""

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Version

from articles import services
from articles.limits import over_limits
from articles.models import (
    FAQ,
    Article,
    ArticleRevisionTags,
    Byline,
    Category,
    Correction,
    KeyPoint,
    LiveEntry,
    LiveEntryCorrection,
    Section,
)
from articles.roles import is_editor, may_edit
from authors.models import Author
from library.models import Image

# Related name -> part model, in the order the article page shows them.
PARTS = {
    "bylines": Byline,
    "sections": Section,
    "key_points": KeyPoint,
    "faqs": FAQ,
    "corrections": Correction,
}
# Parts a restore brings back (corrections stay: see the module docstring).
RESTORED_PARTS = ("bylines", "sections", "key_points", "faqs")

# The workflow's fields, the address and the bookkeeping stay as they are.
NOT_RESTORED = {
    "id",
    "slug",
    "status",
    "published_at",
    "first_published_at",
    "live_effects_at",
    "coverage_ended_at",
    "created_at",
    "updated_at",
    "reading_time",
    "version",
    # Derived from the rest by articles.search, never kept in a revision.
    "search_vector",
    # A publishing decision, the editors' alone.
    "is_featured",
}
RESTORED_FIELDS = [
    f.name for f in Article._meta.concrete_fields if f.name not in NOT_RESTORED
]

# What comparing two versions shows: the content, restored or not.
COMPARED_FIELDS = [
    "headline",
    "slug",
    *(name for name in RESTORED_FIELDS if name != "headline"),
    "is_featured",
]

for _model in PARTS.values():
    reversion.register(_model)
# The search vector is derived data, as big as the text: not worth keeping.
reversion.register(Article, follow=tuple(PARTS), exclude=("search_vector",))
# A live blog's entries are revisioned one by one, each write its own
# revision (``articles.live_blogs``): never in the article's, which would
# carry the whole stream at every save of the article.
reversion.register(LiveEntry, follow=("corrections",))
reversion.register(LiveEntryCorrection)


class RestoreError(Exception):
    """The revision cannot be brought back; the message says why."""


# --- Recording ------------------------------------------------------------------


def record(article):
    """Put ``article`` as it is now, with its parts and tag names, in the
    revision being made (inside ``reversion.create_revision()``)."""
    reversion.add_to_revision(article)
    reversion.add_meta(
        ArticleRevisionTags, article_pk=article.pk, names=_tag_names(article)
    )


def record_before_first_edit(article):
    """Keep the article as it was before the desk first saves it, so the
    first edit of an article made elsewhere (imported, seeded) can be undone.
    Does nothing once the article has a revision.

    Checked and recorded in one transaction holding the article's row (on
    SQLite, the write lock its IMMEDIATE transactions take), committed
    before the save's own: of two first edits at once, the second waits,
    then finds the record made. Unlocked, both found none and both recorded
    one, the second after the first's edit, so the refused save's conflict
    form named nobody ("someone else") as the last to save."""
    if article is None:
        return
    with transaction.atomic():
        current = Article.objects.select_for_update().filter(pk=article.pk).first()
        if current is None or versions_of(current).exists():
            return
        with reversion.create_revision():
            reversion.set_comment(_("As it was before its first edit on the desk."))
            record(current)


def record_before_delete(article, *, by):
    """A last revision of the article before it is deleted, so it can be
    recovered exactly as it was."""
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(_("Deleted."))
        record(article)


# --- Reading -------------------------------------------------------------------


def versions_of(article):
    """The article's versions, newest first, with their revisions' authors."""
    return (
        Version.objects.get_for_object_reference(Article, article.pk)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def last_saved(article):
    """(user or None, time) of the article's latest revision; the article's
    own ``updated_at`` when it has none."""
    latest = versions_of(article).first()
    if latest is None:
        return None, article.updated_at
    return latest.revision.user, latest.revision.date_created


def _last_holding(article, model, part_pk):
    """The id of the latest revision of ``article`` holding the part
    ``part_pk`` (a ``model``), or None."""
    if article.pk is None:
        return None  # not saved yet: no revisions
    holding = Version.objects.get_for_object_reference(model, part_pk).values(
        "revision_id"
    )
    return (
        versions_of(article)
        .filter(revision_id__in=holding)
        .values_list("revision_id", flat=True)
        .first()
    )


def ever_held(article, model, part_pk):
    """Whether a saved revision of ``article`` held the part ``part_pk`` (a
    ``model``): a part it once had, not an id made up or another article's."""
    return _last_holding(article, model, part_pk) is not None


def removed_by(article, model, part_pk):
    """(user or None, time) of the save that took the part ``part_pk`` (a
    ``model``) off ``article``: the first revision of the article after the
    last one holding the part. (None, None) when the revisions do not say."""
    last_held = _last_holding(article, model, part_pk)
    if last_held is None:
        return None, None
    removal = (
        versions_of(article)
        .filter(revision_id__gt=last_held)
        .order_by("revision_id")
        .first()
    )
    if removal is None:
        return None, None
    return removal.revision.user, removal.revision.date_created


def authors_ever_bylined(article):
    """The ids of the authors bylined on ``article`` in any of its saved
    revisions (its bylines now are not read: see ``articles.roles``)."""
    byline_versions = Version.objects.get_for_model(Byline).filter(
        revision_id__in=versions_of(article).values("revision_id")
    )
    return {
        version.field_dict["author_id"]
        for version in byline_versions
        if version.field_dict["article_id"] == article.pk
    }


def creator_id(article):
    """The id of the login whose save made the article's first revision (who
    wrote it on the desk), or None: an article made elsewhere (imported,
    seeded) has a first revision without one."""
    return versions_of(article).values_list("revision__user_id", flat=True).last()


def deleted_versions():
    """The last version of each deleted article, newest first."""
    return (
        Version.objects.get_deleted(Article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class ArticleState:
    """An article and its parts as one revision (or the database) holds them."""

    article: Article
    parts: dict = field(default_factory=dict)  # related name -> [objects]
    tags: list | None = None  # None: the revision did not record tags

    def rows(self):
        """(label, text) pairs for comparing, in the order of the form."""
        rows = []
        for name in COMPARED_FIELDS:
            model_field = Article._meta.get_field(name)
            rows.append((capfirst(model_field.verbose_name), self._field_text(name)))
        rows.append((_("Tags"), ", ".join(self.tags or [])))
        for related_name, model in PARTS.items():
            label = capfirst(model._meta.verbose_name_plural)
            items = self.parts.get(related_name, [])
            rows.append((label, "\n\n".join(_part_text(part) for part in items)))
        return rows

    def _field_text(self, name):
        article = self.article
        if name == "category":
            return _name_of(Category, article.category_id)
        if name == "is_featured":
            return _("yes") if article.is_featured else _("no")
        if name == "hero_image":
            # The library image by its description (its file's name when it
            # has none), as the desk's chooser names it.
            return _name_of(Image, article.hero_image_id)
        return str(getattr(article, name) or "")


def state_of(version):
    """The article and its parts as saved in ``version``'s revision."""
    article_pk = int(version.object_id)
    article = _object_of(version)
    parts = {name: [] for name in PARTS}
    by_model = {model: name for name, model in PARTS.items()}
    for part_version in version.revision.version_set.select_related("content_type"):
        model = part_version.content_type.model_class()
        if model not in by_model:
            continue
        part = _object_of(part_version)
        if part.article_id == article_pk:
            parts[by_model[model]].append(part)
    for items in parts.values():
        items.sort(key=_part_order)
    meta = version.revision.article_tags.filter(article_pk=article_pk).first()
    return ArticleState(article=article, parts=parts, tags=meta.names if meta else None)


def current_state(article):
    parts = {name: list(getattr(article, name).all()) for name in PARTS}
    for items in parts.values():
        items.sort(key=_part_order)
    return ArticleState(article=article, parts=parts, tags=_tag_names(article))


def state_at(article, number):
    """The article and its parts as saved at its version ``number`` (the
    newest revision holding it), or None when no revision does (an article
    changed outside the desk since, or a number made up)."""
    if number is None:
        return None
    for version in versions_of(article).iterator():
        saved_at = version.field_dict.get("version")
        if saved_at == number:
            return state_of(version)
        if saved_at is not None and saved_at < number:
            return None  # newest first, and the numbers only grow
    return None


# --- Restoring ------------------------------------------------------------------


def may_restore(user, article):
    """Editors restore any article; journalists their own, while a draft."""
    return user.has_perm("articles.change_article") and may_edit(user, article)


def restore(article, version, *, by, when_saved=""):
    """Bring back ``version``'s text and parts on ``article``; returns the
    article as saved. One new revision records the restore.

    The article is locked first and the permission checked on it as it is
    then, so a draft submitted a moment ago is not restorable by its
    journalist any more. Status and publication times are left untouched.
    """
    with services.writing(by=by), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if not may_restore(by, current):
            raise PermissionDenied(_("You may not change this article now."))
        if int(version.object_id) != current.pk:
            raise RestoreError(_("That version belongs to another article."))
        old = state_of(version)
        _check_references(old, RESTORED_PARTS)
        _check_limits(old)

        for name in RESTORED_FIELDS:
            setattr(current, name, getattr(old.article, name))
        current.version += 1
        current.save(
            update_fields=[*RESTORED_FIELDS, "version", "updated_at", "reading_time"]
        )
        _replace_parts(current, old, RESTORED_PARTS)
        if old.tags is not None:
            current.tags.set(old.tags, clear=True)
        current.refresh_reading_time()

        reversion.set_user(by)
        reversion.set_comment(
            _("Restored the version saved on %(time)s.") % {"time": when_saved}
        )
        record(current)
    return current


def recover(version, *, by):
    """Bring a deleted article back, as a draft, from its last version;
    returns it. Editors only.

    A recovered article is a new article again: it starts as a draft, as
    every new article does, and goes live only through the workflow.
    """
    if not is_editor(by):
        raise PermissionDenied(_("Only editors may recover deleted articles."))
    with services.writing(by=by), reversion.create_revision():
        article_pk = int(version.object_id)
        if Article.objects.filter(pk=article_pk).exists():
            raise RestoreError(_("That article has not been deleted."))
        old = state_of(version)
        _check_references(old, tuple(PARTS))

        article = old.article
        created_at = article.created_at
        article.status = Article.Status.DRAFT
        article.published_at = None
        article.live_effects_at = None
        article.version = (article.version or 0) + 1
        article.slug = _free_slug(article.slug)
        article.save(force_insert=True)
        # auto_now_add stamped it anew; it was written long before.
        Article.objects.filter(pk=article.pk).update(created_at=created_at)
        article.created_at = created_at
        _replace_parts(article, old, tuple(PARTS))
        if old.tags:
            article.tags.set(old.tags)
        article.refresh_reading_time()

        reversion.set_user(by)
        reversion.set_comment(_("Recovered after deletion, as a draft."))
        record(article)
    return article


# --- Helpers ---------------------------------------------------------------------


def _tag_names(article):
    return sorted(tag.name for tag in article.tags.all())


def _object_of(version):
    """The model instance a version holds (unsaved, with its old id)."""
    try:
        # reversion's own deserialised copy, as its revert() uses it.
        return version._object_version.object
    except RevertError as error:
        raise RestoreError(str(error)) from error


def _part_order(part):
    if isinstance(part, Correction):
        return (part.created_at, part.pk)
    return (part.position, part.pk)


def _part_text(part):
    if isinstance(part, Byline):
        return _name_of(Author, part.author_id)
    if isinstance(part, Section):
        return f"{part.subheading}\n{part.body}"
    if isinstance(part, FAQ):
        return f"{part.question}\n{part.answer}"
    if isinstance(part, Correction):
        return f"{part.get_kind_display()} ({part.created_at:%Y-%m-%d}): {part.text}"
    return str(part)


def _name_of(model, pk):
    if pk is None:
        return ""
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        return deleted_since(pk)
    return str(obj)


def deleted_since(pk):
    """How a history names a category or an author deleted since."""
    return _("(deleted since, #%(pk)s)") % {"pk": pk}


def _check_references(state, part_names):
    """Refuse, with a message, a revision that names a category or an author
    deleted since, rather than fail on the database's foreign keys."""
    category_id = state.article.category_id
    if category_id and not Category.objects.filter(pk=category_id).exists():
        raise RestoreError(
            _("The category this version was filed under has been deleted.")
        )
    if "bylines" in part_names:
        author_ids = {byline.author_id for byline in state.parts["bylines"]}
        existing = set(
            Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True)
        )
        if author_ids - existing:
            raise RestoreError(
                _("An author bylined in this version has been deleted since.")
            )


def _check_limits(state):
    """Refuse, saying what is over, a version holding more than an article
    may: restored, it would be an article no desk save could keep, and the
    limits keep pages and searches quick. Nothing of it is dropped: it stays
    in the history, shown whole on its page."""
    problems = over_limits(state)
    if problems:
        raise RestoreError(
            _(
                "This version cannot be restored: it holds more than an "
                "article may now. %(problems)s. Nothing was changed. Its page "
                "shows where it differs from the article now: copy what you "
                "need into the article, trimmed to fit."
            )
            % {"problems": capfirst(get_text_list(problems, _("and")))}
        )


def _replace_parts(article, state, part_names):
    """The article's parts become exactly those of ``state``, with their old
    ids (so later revisions still line up). All are removed first, then
    inserted: updating in place could trip the one-byline-per-author rule
    half-way through a reordering."""
    for name in part_names:
        PARTS[name].objects.filter(article=article).delete()
        for part in state.parts[name]:
            part.article_id = article.pk
            # save(), not a raw write: a section's body is sanitised again.
            part.save(force_insert=True)


def _free_slug(slug):
    candidate, number = slug, 1
    while Article.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{slug[:190]}-{number}"
    return candidate

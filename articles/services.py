"""Every write of the newsroom's content, and what must follow it.

A write is a ``writing(by=...)`` block: one transaction, and one ``Changes``
that the saves and deletes inside it report to (what they touched: which
articles, whose address moved, whether readers can see it). At the end of
the block, once, still inside its transaction, ``Changes.flush()``:

1. records a redirect for each public address that changed
   (``articles.redirects``);
2. queues one task re-indexing every touched article for search
   (``articles.search.reindex_articles``; with the database backend the
   task row commits with the write, with RQ it is queued on commit);
3. says which readers' pages it made stale, once: the page keys that
   ``articles.stale_pages`` finds in what it touched (``newsroom.page_keys``:
   their new versions are written here; the CDN is told after the commit).

Why at the end of the transaction and not in ``on_commit``: the key versions
must commit with the change they announce (a page rendered from the old
content is never taken for fresh after the commit), and a redirect row
belongs to the change of address that makes it. The index may trail the
write by a worker's turn: search checks liveness when it answers, so a stale
index can never show a draft. Done last, the generation's row (which hands
out the versions) is locked only from the flush to the commit, once per
write, however many parts the write saved.

The service functions below (``save_article``, ``save_category``, ...) and
the workflow's and revisions' functions are such writes; the desk calls
them. A model saved anywhere else (a shell, taggit's tag merging, a
factory in a test, a management command) still sends Django's signals:
the receivers at the bottom of this module only forward what was saved to
the current write's ``Changes``, or, outside any write, to a ``Changes`` of
its own flushed at once, so that nothing can change the site behind the
page cache's or the search index's back. ``save()`` methods keep only the
row's own invariants (a slug, the reading time, sanitised HTML).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag, TaggedItem

from articles import redirects, search, stale_pages
from articles.models import (
    FAQ,
    Article,
    Byline,
    Category,
    Correction,
    KeyPoint,
    Section,
)
from authors.models import Author
from library.models import Image
from newsroom import page_keys
from newsroom.models import SitePage, SiteSettings

PUBLISHED = Article.Status.PUBLISHED
# Parts whose text is searched, and parts that only show on the page.
INDEXED_PARTS = (Section, KeyPoint, FAQ)
SHOWN_PARTS = (Byline, Correction)
# Models whose address is made of their slug alone: the ``Redirect`` field
# naming one, and its path for a slug.
SLUG_ADDRESSED = {
    Category: ("category", redirects.category_path),
    Author: ("author", redirects.author_path),
    Tag: ("tag", redirects.tag_path),
}

_current = ContextVar("articles_services_changes", default=None)


class Changes:
    """What one write changed, gathered while it runs, acted on once."""

    def __init__(self, by=None):
        self.by = by
        self.to_index = set()  # article pks
        self.before = {}  # article pk -> its status before the write
        self.touched = {}  # article pk -> its status now, None if not known
        self.addresses = {}  # (model label, pk) -> [old path, field, instance]
        self.paths_read = set()  # article pks whose address before was read
        self.site_changed = False  # something readers see, whatever the articles
        self.listed_before = {}  # article pk -> what listings showed of it before
        self.created = set()  # article pks made in this write
        self.lists = {}  # article pk -> listing page keys its tags/bylines touched

    # --- What the saves report ------------------------------------------------

    def article_before(
        self, pk, status, old_path=None, *, path_read=False, listed=None
    ):
        """The article ``pk`` as it was before this write (the first report
        wins: later saves in the same write see this write's own rows), its
        public address then if ``path_read``, what listings showed of it
        (``stale_pages.LISTED``)."""
        self.before.setdefault(pk, status)
        if listed is not None:
            self.listed_before.setdefault(pk, listed)
        if path_read:
            self.paths_read.add(pk)
        if old_path is not None:
            self.addresses.setdefault(("article", pk), [old_path, "article", None])

    def article(self, pk, *, status=None, index=True):
        """The article ``pk`` or one of its parts changed; ``status`` is the
        article's now, when known."""
        if status is not None or pk not in self.touched:
            self.touched[pk] = status
        if index:
            self.to_index.add(pk)

    def relisted(self, pk, *keys):
        """The article ``pk`` joined or left the listings of ``keys`` (a tag
        or byline added or taken away)."""
        self.article(pk, index=False)
        self.lists.setdefault(pk, set()).update(keys)

    def address(self, instance, old_path, field):
        key = (instance._meta.label, instance.pk)
        self.addresses.setdefault(key, [old_path, field, None])[2] = instance

    def checkpoint(self):
        """A copy of what has been reported so far, for ``rewind``: every
        attribute, its sets, dicts and their list or set values copied."""
        return {name: _copy(value) for name, value in vars(self).items()}

    def rewind(self, checkpoint):
        """Forget what was reported since ``checkpoint``: its savepoint was
        rolled back, so none of it happened."""
        vars(self).update(checkpoint)

    def absorb(self, instance):
        """What a ``pre_*`` receiver noted on ``instance`` outside any write."""
        noted = instance.__dict__.pop("_before_write", None)
        if noted is not None:
            noted(self)

    # --- Acting on it, once ---------------------------------------------------

    def flush(self):
        self._record_redirects()  # Redirect rows are seen by readers too
        if self.to_index:
            search.queue_reindex(self.to_index)
        page_keys.changed(stale_pages.keys_changed(self))

    def _record_redirects(self):
        for (label, _pk), (old_path, field, instance) in list(self.addresses.items()):
            if instance is None:
                continue  # noted before a save that did not happen
            if label == "article":
                if instance.category_id is None:
                    continue
                new_path = redirects.article_path(instance.category.slug, instance.slug)
            else:
                new_path = SLUG_ADDRESSED[type(instance)][1](instance.slug)
            if new_path != old_path:
                redirects.record(old_path, new_path, field, instance)


def _copy(value):
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, (set, list)):
        return type(value)(value)  # their items: pks, paths, instances
    return value


def current():
    """The ``Changes`` of the write in progress, or None."""
    return _current.get()


@contextmanager
def writing(*, by=None):
    """One write: a transaction whose effects are acted on once, at its end.
    A write begun inside another joins it, as a savepoint."""
    changes = _current.get()
    if changes is not None:
        # A savepoint: rolled back, it takes its reports with it (an import
        # writes a batch of articles as one write, each its own savepoint,
        # and goes on past one that fails).
        checkpoint = changes.checkpoint()
        try:
            with transaction.atomic():
                yield changes
        except BaseException:
            changes.rewind(checkpoint)
            raise
        return
    changes = Changes(by=by)
    token = _current.set(changes)
    try:
        with transaction.atomic():
            yield changes
            changes.flush()
    finally:
        _current.reset(token)


@contextmanager
def _reporting():
    """For a receiver: the current write's ``Changes``, or one flushed at
    once for a save made outside any write (already in the database)."""
    changes = _current.get()
    if changes is not None:
        yield changes
        return
    changes = Changes()
    token = _current.set(changes)
    try:
        yield changes
        changes.flush()
    finally:
        _current.reset(token)


# --- The services ------------------------------------------------------------------


def save_article(
    *, article, by, fields=None, form=None, formsets=(), first_author=None
):
    """Save ``article`` (only its ``fields`` when given), then what the desk's
    ``form`` holds besides its columns (tags) and its inline ``formsets``
    (the parts), then make ``first_author`` its first byline; recount its
    reading time over the saved parts. One write: indexed once, the generation
    moved once. Returns the article."""
    with writing(by=by):
        article.save(update_fields=fields)
        if form is not None:
            form.save_m2m()
        for formset in formsets:
            formset.save()
        if first_author is not None:
            put_author_first(article, first_author)
        # The parts are saved after the article, so its own count was early.
        article.refresh_reading_time()
    return article


def put_author_first(article, author):
    """Make ``author`` the article's first byline, keeping the others' order."""
    bylines = list(Byline.objects.filter(article=article))
    own = next((b for b in bylines if b.author_id == author.pk), None)
    if own is None:
        own = Byline(article=article, author=author)
    ordered = [own, *(b for b in bylines if b is not own)]
    with writing():
        for position, byline in enumerate(ordered):
            if byline.pk is None or byline.position != position:
                byline.position = position
                byline.save()


def save_category(*, category, by):
    with writing(by=by):
        category.save()
    return category


def delete_categories(*, categories, by):
    with writing(by=by):
        categories.delete()


def save_tag(*, tag, by):
    with writing(by=by):
        tag.save()
    return tag


def delete_tags(*, tags, by):
    with writing(by=by):
        tags.delete()


# --- Receivers: they only report to the write in progress ------------------------


def _note_before(instance, note):
    """A ``pre_*`` receiver's note: into the write in progress, or kept on
    the instance for its ``post_*`` receiver."""
    changes = _current.get()
    if changes is not None:
        note(changes)
    else:
        instance._before_write = note


def _article_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance._state.adding:
        return
    changes = _current.get()
    fields = None if update_fields is None else set(update_fields)
    moves = fields is None or bool(fields & {"slug", "category"})
    if changes is not None and moves and instance.pk in changes.paths_read:
        moves = False  # read earlier in this write
    restatus = fields is None or "status" in fields
    if changes is not None and instance.pk in changes.before:
        restatus = False
    relists = fields is None or bool(fields & stale_pages.LISTED_FIELDS)
    if changes is not None and instance.pk in changes.listed_before:
        relists = False
    if not (moves or restatus or relists):
        return  # known already, or a bookkeeping write: nothing a list shows
    stored = (
        Article.objects.filter(pk=instance.pk)
        .values_list(
            "slug",
            "category__slug",
            "first_published_at",
            *stale_pages.LISTED,
        )
        .first()
    )
    if stored is None:
        return
    slug, category_slug, first_published_at, *listed = stored
    status, published_at = listed[0], listed[1]
    old_path = None
    if moves and category_slug is not None:
        was = Article(
            status=status,
            published_at=published_at,
            first_published_at=first_published_at,
        )
        if redirects.was_public(was):
            old_path = redirects.article_path(category_slug, slug)
    pk = instance.pk
    _note_before(
        instance,
        lambda c: c.article_before(
            pk, status, old_path, path_read=moves, listed=tuple(listed)
        ),
    )


def _article_saved(
    sender, instance, created=False, raw=False, update_fields=None, **kwargs
):
    with _reporting() as changes:
        changes.absorb(instance)
        if created:
            changes.created.add(instance.pk)
        # raw: loaddata, whose parts and tags are not in yet; rebuild after it.
        indexed = update_fields is None or bool(
            search.INDEXED_FIELDS.intersection(update_fields)
        )
        changes.article(instance.pk, status=instance.status, index=indexed and not raw)
        if ("article", instance.pk) in changes.addresses:
            changes.addresses[("article", instance.pk)][2] = instance


def _article_deleted(sender, instance, **kwargs):
    with _reporting() as changes:
        # What the lists showed of it: its category's list must let it go.
        listed = tuple(getattr(instance, field) for field in stale_pages.LISTED)
        changes.article_before(instance.pk, instance.status, listed=listed)
        changes.article(instance.pk, status=instance.status)  # leaves the index


def _part_changed(sender, instance, raw=False, **kwargs):
    article = instance._state.fields_cache.get("article")
    with _reporting() as changes:
        changes.article(
            instance.article_id,
            status=getattr(article, "status", None),
            index=isinstance(instance, INDEXED_PARTS) and not raw,
        )
        if isinstance(instance, Byline):
            changes.relisted(instance.article_id, *stale_pages.byline_lists(instance))


def _tagging_changed(sender, instance, **kwargs):
    if instance.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return  # another model's tags
    with _reporting() as changes:
        changes.article(instance.object_id)
        changes.relisted(instance.object_id, *stale_pages.tagging_lists(instance))


def _slug_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    """Note the stored path if the slug is changing. Every path is kept,
    whether or not its page is shown today: a tag's page may come back with
    its first live article, and ``redirects.find`` decides when asked."""
    if raw or instance._state.adding:
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    old_slug = (
        sender._default_manager.filter(pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
    )
    if old_slug is not None and old_slug != instance.slug:
        field, path_of = SLUG_ADDRESSED[sender]
        old_path = path_of(old_slug)
        _note_before(instance, lambda c: c.address(instance, old_path, field))


def _site_saved(sender, instance, created=False, raw=False, **kwargs):
    with _reporting() as changes:
        changes.absorb(instance)
        changes.site_changed = True
        if sender is Tag and not (created or raw):
            # A renamed tag: every article carrying it reads differently now.
            changes.to_index.update(search.tagged_article_pks(instance))


def _site_deleted(sender, instance, **kwargs):
    with _reporting() as changes:
        changes.absorb(instance)
        changes.site_changed = True


def _tag_deleting(sender, instance, **kwargs):
    # Its tagged items go by cascade, after this: note whose they were.
    pks = list(search.tagged_article_pks(instance))
    _note_before(instance, lambda c: c.to_index.update(pks))


def _site_settings_saved(sender, created=False, **kwargs):
    # SiteSettings.load() creates the row with its defaults the first time a
    # page asks: what readers saw does not change.
    if not created:
        with _reporting() as changes:
            changes.site_changed = True


def connect():
    """Wires the receivers (from ``ArticlesConfig.ready``)."""
    parts = (*INDEXED_PARTS, *SHOWN_PARTS)
    # An image's texts show on pages. A redirect never changes a stored page:
    # it answers only addresses that are otherwise a 404, which is never kept.
    site = (*SLUG_ADDRESSED, SitePage, Image)
    wiring = [
        (pre_save, _article_saving, [Article]),
        (post_save, _article_saved, [Article]),
        (post_delete, _article_deleted, [Article]),
        (post_save, _part_changed, parts),
        (post_delete, _part_changed, parts),
        (post_save, _tagging_changed, [TaggedItem]),
        (post_delete, _tagging_changed, [TaggedItem]),
        (pre_save, _slug_saving, SLUG_ADDRESSED),
        (post_save, _site_saved, site),
        (post_delete, _site_deleted, [*site, SiteSettings]),
        (pre_delete, _tag_deleting, [Tag]),
        (post_save, _site_settings_saved, [SiteSettings]),
    ]
    for signal, receiver, senders in wiring:
        for sender in senders:
            uid = f"articles.services.{receiver.__name__}"
            signal.connect(receiver, sender=sender, dispatch_uid=uid)

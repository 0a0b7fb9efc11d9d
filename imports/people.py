"""Who and what an export's posts are filed under: author profiles,
categories, tags, and the newsletter's subscribers. Each found again by its
``ImportedItem`` on a second run, else by its slug (a desk's existing
"Politics" category, or a profile of the same name, is reused, not
doubled), else made.

- An author becomes a profile without a login: an administrator links
  logins later (``authors.logins``), as for any guest contributor.
- WordPress categories nest; the site's do not. A post's category is the
  top of its category's tree ("News" for "News › Local"), and each
  category below the top is a tag of the post ("Local"), so nothing the
  old site filed by is lost and its archive address leads somewhere. A
  Ghost post's primary tag is its category, its other public tags tags.
- A Ghost member who wanted the newsletter becomes a confirmed subscriber
  as of their original consent, and is sent nothing: the import is not a
  sign-up. An address already on the list keeps its state (one who left
  stays unsubscribed).
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Category
from articles.models.slugs import validate_category_slug
from authors.models import Author
from imports import media
from imports.bodies import plain
from imports.models import ImportedItem
from newsletter.models import Subscriber

Kind = ImportedItem.Kind
NAME_LENGTH = Author._meta.get_field("name").max_length
CATEGORY_NAME_LENGTH = Category._meta.get_field("name").max_length
CATEGORY_SLUG_LENGTH = Category._meta.get_field("slug").max_length


class Directory:
    """The newsroom's rows for an export's people and terms, made on first
    use and remembered for the run.

    A dry run rolls each batch back (``imports.importer``): ``forget``
    drops the rows the batch made, and the next batch makes them again;
    ``used`` still names every one the run needed, and each is counted
    (and warned about) once."""

    def __init__(self, export, report, *, media_dir=None, dry_run=False):
        self.export, self.report = export, report
        self.media_dir, self.dry_run = media_dir, dry_run
        self.authors, self.categories, self.tags = {}, {}, {}
        self.used = {"author": {}, "category": {}, "tag": {}}  # ordered sets
        self.said = set()  # what was counted or warned about
        self.loaded = {}  # (kind, source id) -> its ImportedItem or None

    def forget(self):
        """The batch's transaction was rolled back: its rows are gone."""
        for made in (self.authors, self.categories, self.tags, self.loaded):
            made.clear()

    def once(self, *key):
        """Whether ``key`` is new to this run (for a count or a warning)."""
        if key in self.said:
            return False
        self.said.add(key)
        return True

    def item(self, kind, source_id):
        if (kind, source_id) in self.loaded:
            return self.loaded[kind, source_id]
        return ImportedItem.objects.filter(
            source=self.export.source, kind=kind, source_id=source_id
        ).first()

    def load_items(self, kind, records):
        """Reads the rows of ``records`` (of ``kind``) in one query, with
        their article: ``item`` then answers for them without one each."""
        ids = [record.source_id for record in records]
        found = {
            row.source_id: row
            for row in ImportedItem.objects.filter(
                source=self.export.source, kind=kind, source_id__in=ids
            ).select_related("article")
        }
        self.loaded = {(kind, source_id): found.get(source_id) for source_id in ids}

    def keep_item(self, item, kind, source_id, **fields):
        """Records what ``source_id`` became: ``item`` (from ``item()``)
        updated, or a new row: one statement, where ``update_or_create``
        reads first."""
        if item is None:
            item = ImportedItem(
                source=self.export.source, kind=kind, source_id=source_id
            )
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        self.loaded[kind, source_id] = item  # the same id again in this batch

    def remember(self, kind, source_id, **target):
        ImportedItem.objects.update_or_create(
            source=self.export.source, kind=kind, source_id=source_id, defaults=target
        )

    # --- Authors --------------------------------------------------------------------

    def author(self, source_id):
        if source_id in self.authors:
            return self.authors[source_id]
        person = self.export.people.get(source_id)
        if person is None:
            return None
        found = self.item(Kind.AUTHOR, source_id)
        author = found.author if found else None
        if author is None:
            slug = slugify(person.slug or person.name)[:140] or slugify(source_id)[:140]
            author = Author.objects.filter(slug=slug).first() if slug else None
            if author is None:
                author = self.new_author(person, slug)
                what = "authors created"
            else:
                what = "authors matched to existing profiles"
            if self.once("author", source_id):
                self.report.count(what)
            self.remember(Kind.AUTHOR, source_id, author=author)
        self.authors[source_id] = author
        self.used["author"][source_id] = True
        return author

    def new_author(self, person, slug):
        author = Author(
            name=(person.name or person.slug or "Unknown")[:NAME_LENGTH],
            slug=slug,
            bio=plain(person.bio),
            email=person.email if "@" in person.email else "",
        )
        try:
            URLValidator()(person.website)
            author.website = person.website
        except ValidationError:
            pass
        if person.avatar:
            upload, problem = media.load(person.avatar, self.media_dir)
            if problem and self.once("avatar", person.source_id):
                self.report.warn(f"author {author.name}", problem)
            elif not self.dry_run:
                author.avatar = media.into_library(
                    person.avatar, upload, alt=author.name
                )
        author.save()
        return author

    # --- Categories and tags ------------------------------------------------------

    def root_of(self, term):
        """The top of a WordPress category's tree (a term is its own top)."""
        seen = set()
        while (
            term.parent
            and term.parent in self.export.terms
            and term.source_id not in seen
        ):
            seen.add(term.source_id)
            term = self.export.terms[term.parent]
        return term

    def category_for(self, term):
        if term.source_id in self.categories:
            return self.categories[term.source_id]
        found = self.item(Kind.CATEGORY, term.source_id)
        category = found.category if found else None
        if category is None:
            category = self.find_or_make_category(
                term.name, term.slug, term.description
            )
            self.remember(Kind.CATEGORY, term.source_id, category=category)
        self.categories[term.source_id] = category
        self.used["category"][term.source_id] = True
        return category

    def find_or_make_category(self, name, slug, description=""):
        slug = slugify(slug or name)[:CATEGORY_SLUG_LENGTH] or "archive"
        name = name[:CATEGORY_NAME_LENGTH] or slug
        same = Q(slug=slug) | Q(name__iexact=name)
        category = Category.objects.filter(same).first()
        if category is not None:
            return category
        try:
            validate_category_slug(slug)
        except ValidationError:
            # The site's own addresses come first (/search/, /tag/ ...).
            if self.once("category", slug):
                self.report.warn(
                    f"category {name}",
                    f"/{slug}/ is the site's own: now /{slug}-news/",
                )
            slug = f"{slug}-news"
        if self.once("category", slug):
            self.report.count("categories created")
        return Category.objects.create(
            name=name, slug=slug, description=plain(description)
        )

    def tag_for(self, term):
        if term.source_id in self.tags:
            return self.tags[term.source_id]
        found = self.item(Kind.TAG, term.source_id)
        tag = found.tag if found else None
        if tag is None:
            slug = slugify(term.slug or term.name, allow_unicode=True)[:100]
            tag = Tag.objects.filter(Q(slug=slug) | Q(name__iexact=term.name)).first()
            if tag is None:
                tag = Tag.objects.create(name=term.name[:100], slug=slug or None)
                if self.once("tag", term.source_id):
                    self.report.count("tags created")
            self.remember(Kind.TAG, term.source_id, tag=tag)
        self.tags[term.source_id] = tag
        self.used["tag"][term.source_id] = True
        return tag

    def filing(self, post, default_category):
        """``(category, [tag, ...])`` for ``post``: the top of its first
        category's tree, the rest of its categories and its tags as tags."""
        terms = self.export.terms
        categories = [terms[t] for t in post.categories if t in terms]
        # WordPress files a post it was never asked to file as "Uncategorized".
        categories = [t for t in categories if t.slug != "uncategorized"]
        category, tag_terms = default_category, []
        if categories:
            top = self.root_of(categories[0])
            category = self.category_for(top)
            # Below the top, or another tree the post is also in: a tag.
            tag_terms = [term for term in categories if term is not top]
        tag_terms += [terms[t] for t in post.tags if t in terms]
        tags, seen = [], set()
        for term in tag_terms:
            tag = self.tag_for(term)
            if tag.pk not in seen:
                seen.add(tag.pk)
                tags.append(tag)
        return category, tags

    # --- Subscribers ----------------------------------------------------------------

    def subscribers(self):
        for member in self.export.members:
            if not member.subscribed:
                self.report.count("members without the newsletter (not imported)")
                continue
            found = self.item(Kind.MEMBER, member.source_id)
            if found is not None and found.subscriber_id:
                self.report.count("subscribers already imported")
                continue
            subscriber = Subscriber.objects.filter(email__iexact=member.email).first()
            consented = member.consented_at or timezone.now()
            if subscriber is None:
                subscriber = Subscriber.objects.create(
                    email=member.email,
                    status=Subscriber.Status.CONFIRMED,
                    requested_at=consented,
                    confirmed_at=consented,
                    import_source=self.export.source[:300],
                    imported_at=timezone.now(),
                )
                self.report.count("subscribers imported (confirmed, not e-mailed)")
            else:
                self.report.count("subscribers already on the list (left as they are)")
            self.remember(
                Kind.MEMBER,
                member.source_id,
                subscriber=subscriber,
                consented_at=consented,
            )

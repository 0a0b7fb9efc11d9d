"""An export's records into the newsroom, through the product's one write
path (``articles.services.writing``: atomic, indexed, redirects recorded,
the page cache told), each post found again by its source id on a second
run.

For each post:

- **unchanged** since the last import (same fingerprint): left alone;
- **edited at the desk** since (its desk ``version`` moved): left alone,
  listed, unless ``overwrite``;
- otherwise made or updated: headline, slug, intro and sections
  (``imports.bodies``), category and tags (``imports.people``), bylines in
  order, status and dates, SEO title and description (when the article
  has them), the hero (``imports.media``), the old address
  (``imports.addresses``).

Statuses: published → live as of its original date (its go-live effects,
the desk's notifications, counted as done: it went live years ago);
scheduled → approved for its time (``publish_scheduled`` takes it live);
draft → draft; pending → in review; private and password-protected → a
draft, listed, as they were not for every reader. Pages fill the site page
of the same slug (about, contact, privacy, accessibility, terms); others
are listed. Comments are counted, not imported.

Posts are written fifty at a time, one write (``articles.services``) and
one transaction a batch, each post a savepoint in it: a post that fails is
rolled back alone and listed with its reason; the run goes on. A dry run
does all of it, batch by batch, each batch rolled back, storing no image,
so its report is the real one's (``batch``).
"""

import logging
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.db.models import prefetch_related_objects
from django.utils import timezone

from articles import services
from articles.models import Article, Byline, Section
from articles.models.slugs import headline_slug, validate_article_slug
from imports import addresses, bodies, media, records
from imports.models import ImportedItem
from imports.people import Directory
from imports.report import Report
from imports.wordpress_markup import Context, render
from newsroom.models import SitePage

logger = logging.getLogger(__name__)
Status = Article.Status
Kind = ImportedItem.Kind
STATUSES = {
    records.PUBLISHED: Status.PUBLISHED,
    records.SCHEDULED: Status.PUBLISHED,
    records.DRAFT: Status.DRAFT,
    records.PENDING: Status.IN_REVIEW,
    records.PRIVATE: Status.DRAFT,
    records.PASSWORD: Status.DRAFT,
}
NOT_PUBLIC = {
    records.PRIVATE: "private (or for members only) at the source: imported as a draft",
    records.PASSWORD: "password-protected at the source: imported as a draft",
}
HEADLINE_LENGTH = Article._meta.get_field("headline").max_length
FALLBACK_CATEGORY = ("Archive", "archive")
UNTITLED_WORDS = 12
# Posts committed together in a real run (a crash loses at most one batch;
# a rerun carries on from the last).
BATCH = 50


class DryRun(Exception):
    """Raised to roll a dry run back."""


class Importer:
    def __init__(
        self,
        export,
        *,
        media_dir=None,
        dry_run=False,
        overwrite=False,
        default_category=None,
        progress=None,
    ):
        self.export = export
        self.media_dir, self.dry_run, self.overwrite = media_dir, dry_run, overwrite
        self.default_category = default_category
        self.progress = progress or (lambda done, total, report: None)
        self.report = Report(source=export.source, dry_run=dry_run)
        self.directory = Directory(
            export, self.report, media_dir=media_dir, dry_run=dry_run
        )
        self.context_attachments = export.attachments
        self.old_addresses = addresses.Kept(self.report)

    def run(self):
        """Imports everything; returns the ``Report``. Batch by batch, each
        batch one transaction: a real run commits each (a crash keeps what
        was done, and a rerun carries on); a dry run rolls each back."""
        self.import_everything()
        return self.report

    def import_everything(self):
        report, export = self.report, self.export
        self.count_the_file()
        for item, reason in export.skipped:
            report.skip(item, reason)
        total = len(export.posts)
        for start in range(0, total, BATCH):
            batch = export.posts[start : start + BATCH]
            with self.batch():
                self.directory.load_items(Kind.POST, batch)
                written = [self.import_one(post) for post in batch]
                self.finish([article for article in written if article])
            self.progress(min(start + BATCH, total), total, report)
        with self.batch():
            self.keep_archive_addresses()
            self.directory.subscribers()

    @contextmanager
    def batch(self):
        """One write for a batch of posts, each post a savepoint of its own
        inside it (a failing post leaves nothing behind, its reports
        included). The database syncs once per batch, and the write's
        effects come once per batch too: one search re-index task for its
        fifty articles, one marking of the readers' pages they make stale;
        a write per post made fifty of each (bench/imports.py: 20 posts/s).

        A dry run rolls each batch back, not the whole run at its end: the
        progress it saves between batches is seen by the desk, and on
        SQLite the desk's writers get the lock between batches instead of
        waiting out the whole dry run. The people and terms a batch made
        are made again by the next (counted once: ``Directory``)."""
        try:
            with services.writing():
                yield
                if self.dry_run:
                    raise DryRun
        except DryRun:
            self.directory.forget()

    def count_the_file(self):
        report, export = self.report, self.export
        kinds = [post.kind for post in export.posts]
        report.count("posts in the file", kinds.count("post"))
        report.count("pages in the file", kinds.count("page"))
        comments = sum(post.comments for post in export.posts)
        if comments:
            report.count("comments (not imported)", comments)
            report.note("Comments are not imported; the count is for your records.")
        for kind, number in export.ignored.items():
            report.count(f"{kind} items (WordPress's own, not imported)", number)
        if export.members:
            report.count("members in the file", len(export.members))

    def import_one(self, post):
        """Imports ``post``; returns the article it made or changed, if any."""
        label = describe(post)
        if post.problems:
            self.report.skip(label, "; ".join(post.problems))
            return None
        try:
            # Its own savepoint in the batch's write: a failing post leaves
            # nothing behind, and the run goes on.
            with services.writing():
                if post.kind == "page":
                    self.import_page(post, label)
                    return None
                article = self.import_post(post, label)
        except Exception as error:  # noqa: BLE001 - any bad item is skipped, named
            logger.info("Import of %s failed", label, exc_info=True)
            self.report.skip(label, f"{type(error).__name__}: {error}")
            return None
        if article is not None and article.category_id is not None:
            # Only once its savepoint has held: a redirect to an article
            # rolled back would fail the whole batch at its commit.
            self.old_addresses.add(post.link, article, label)
        return article

    def finish(self, articles):
        """What a batch's posts need once all are written: their old
        addresses kept, their reading times counted over the parts just
        written (four queries for the batch, not four per post)."""
        self.old_addresses.write()
        prefetch_related_objects(articles, "sections", "key_points", "faqs")
        changed = []
        for article in articles:
            minutes = article.compute_reading_time()
            if minutes != article.reading_time:
                article.reading_time = minutes
                changed.append(article)
        Article.objects.bulk_update(changed, ["reading_time"])

    # --- Posts ------------------------------------------------------------------------

    def import_post(self, post, label):
        report = self.report
        item = self.directory.item(Kind.POST, post.source_id)
        article = item.article if item else None
        fingerprint = post.fingerprint()
        if article is not None and not self.overwrite:
            if item.fingerprint == fingerprint:
                report.count("unchanged")
                return None
            if item.desk_version is not None and article.version != item.desk_version:
                report.kept.append(
                    (label, "changed at the source too; --overwrite replaces it")
                )
                report.count("unchanged")
                return None
        context = Context(attachments=self.context_attachments)
        body = bodies.convert(
            post.body,
            headline=post.title,
            excerpt=post.excerpt,
            source="wordpress" if post.format == "wordpress" else "html",
            context=context,
        )
        headline = post.title.strip()
        if not headline:
            headline = untitled_headline(body)
            if not headline:
                report.skip(label, "it has no title and no text")
                return None
            report.warn(
                label, f"no title: headline made from its first words, “{headline}”"
            )
        for warning in [*post.warnings, *body.warnings]:
            report.warn(label, warning)
        creating = article is None
        article = article or Article()
        category, tags = self.directory.filing(post, self.default_category)
        if category is None and post.status in (records.PUBLISHED, records.SCHEDULED):
            category = self.directory.find_or_make_category(*FALLBACK_CATEGORY)
            report.warn(label, f"no category at the source: filed under {category}")
        article.headline = headline[:HEADLINE_LENGTH]
        article.slug = self.slug_for(post, article, label)
        article.dek = body.dek
        article.category = category
        self.set_status(article, post)
        self.set_seo(article, post)
        if post.status in NOT_PUBLIC:
            report.not_public.append((label, NOT_PUBLIC[post.status]))
        self.set_hero(
            article,
            post,
            label,
            fingerprint_changed=item is None or item.fingerprint != fingerprint,
        )
        with services.writing():
            article.save()
            if not creating:
                article.sections.all().delete()
                article.bylines.all().delete()
            Section.objects.bulk_create(
                Section(article=article, position=n, subheading=subheading, body=html)
                for n, (subheading, html) in enumerate(body.sections)
            )
            authors = []
            for source_id in post.authors:
                author = self.directory.author(source_id)
                if author is not None and author not in authors:
                    authors.append(author)
            if not authors:
                report.warn(label, "no author at the source: no byline")
            Byline.objects.bulk_create(
                Byline(article=article, author=author, position=n)
                for n, author in enumerate(authors)
            )
            if creating:
                # taggit's set() reads and writes tag by tag; a new article
                # has none to compare with. The article's save reported it
                # to the write already, tags and all.
                Article.tags.through.objects.bulk_create(
                    Article.tags.through(content_object=article, tag=tag)
                    for tag in tags
                )
            else:
                article.tags.set(tags)
        self.directory.keep_item(
            item,
            Kind.POST,
            post.source_id,
            guid=post.guid[:500],
            fingerprint=fingerprint,
            article=article,
            desk_version=article.version,
        )
        report.count("imported" if creating else "updated")
        return article

    def slug_for(self, post, article, label):
        """The source's slug when it is free and fit for an address, else
        one made from the headline (listed: the old address redirects)."""
        wanted = post.slug.strip().lower() or headline_slug(article.headline)
        try:
            validate_article_slug(wanted)
            fits = (
                bool(wanted)
                and len(wanted) <= Article._meta.get_field("slug").max_length
            )
        except Exception:  # noqa: BLE001 - a ValidationError: not fit
            fits = False
        taken = Article.objects.filter(slug=wanted).exclude(pk=article.pk).exists()
        if fits and not taken:
            return wanted
        slug = Article.slug_for(article.headline, exclude_pk=article.pk)
        if wanted:
            report_why = (
                "taken by another article" if taken else "not fit for an address"
            )
            self.report.warn(label, f"slug “{wanted}” {report_why}: now “{slug}”")
        return slug

    def set_status(self, article, post):
        article.status = STATUSES[post.status]
        if article.status == Status.PUBLISHED:
            article.published_at = post.published_at
            article.first_published_at = post.published_at
            live = post.published_at <= timezone.now()
            # Live for years: its go-live effects (mail to the desk) are
            # history. Scheduled: ``publish_scheduled`` runs them at its time.
            article.live_effects_at = post.published_at if live else None
            if post.status == records.SCHEDULED and live:
                self.report.warn(
                    describe(post), "scheduled for a time now past: it is live"
                )
        else:
            article.published_at = None
            article.live_effects_at = None

    def set_seo(self, article, post):
        for field_name, text in (
            ("seo_title", post.seo_title),
            ("seo_description", post.seo_description),
        ):
            try:
                field = Article._meta.get_field(field_name)
            except Exception:  # noqa: BLE001 - FieldDoesNotExist: no SEO fields yet
                if text:
                    self.report.note(
                        "SEO titles and descriptions were not kept: "
                        "the site has no fields for them yet."
                    )
                continue
            setattr(article, field_name, bodies.plain(text)[: field.max_length])

    def set_hero(self, article, post, label, *, fingerprint_changed):
        image = post.featured_image
        if image is None or not fingerprint_changed:
            return
        upload, problem = media.load(image.url, self.media_dir)
        if problem:
            self.report.warn(label, problem)
            return
        if self.dry_run:
            self.report.count("hero images found")
            return
        missing = media.attach_hero(article, image, upload)
        self.report.count("hero images imported")
        if missing:
            self.report.warn(label, missing)

    # --- Pages ------------------------------------------------------------------------

    def import_page(self, post, label):
        slug = post.slug.strip().lower()
        if slug not in SitePage.Kind.values:
            self.report.skip(
                label,
                f"a page: this site's pages are {', '.join(SitePage.Kind.values)}; "
                "copy its text into one, or into an article, by hand",
            )
            return
        item = self.directory.item(Kind.PAGE, post.source_id)
        page = SitePage.objects.filter(slug=slug).first()
        fingerprint = post.fingerprint()
        if item is not None and page is not None and not self.overwrite:
            if item.fingerprint == fingerprint:
                self.report.count("unchanged")
                return
            if page.updated_at > item.updated_at:
                self.report.kept.append(
                    (label, "edited at the desk; --overwrite replaces it")
                )
                return
        context = Context(attachments=self.context_attachments)
        rendered = (
            render(post.body, context) if post.format == "wordpress" else post.body
        )
        page = page or SitePage(slug=slug)
        page.title = (post.title.strip() or SitePage.Kind(slug).label)[:120]
        page.intro = bodies.plain(post.excerpt)
        page.body = bodies.clean(rendered, context)
        with services.writing():
            page.save()
        for warning in context.warnings:
            self.report.warn(label, warning)
        ImportedItem.objects.update_or_create(
            source=self.export.source,
            kind=Kind.PAGE,
            source_id=post.source_id,
            defaults={
                "fingerprint": fingerprint,
                "site_page": page,
                "guid": post.guid[:500],
            },
        )
        self.report.count("site pages filled")

    # --- Archive addresses ------------------------------------------------------------

    def keep_archive_addresses(self):
        """The old category, tag and author pages, redirected to what now
        stands for each."""
        if self.export.system == "wordpress":
            base = urlsplit(self.export.site_url).path.rstrip("/")
            category_base, tag_base, author_base = "/category/", "/tag/", "/author/"
        else:
            base, category_base, tag_base, author_base = (
                "",
                "/tag/",
                "/tag/",
                "/author/",
            )
        directory, kept = self.directory, addresses.Kept(self.report)
        terms, used = self.export.terms, directory.used
        for source_id in used["category"]:
            term = terms[source_id]
            category = directory.category_for(term)
            kept.add(f"{base}{category_base}{term.slug}/", category, term.name)
        for source_id in used["tag"]:
            if source_id in used["category"]:
                continue  # its archive leads to the category it also is
            term = terms[source_id]
            tag = directory.tag_for(term)
            if term.kind == "category":
                path = "/".join(self.chain(term))
                kept.add(f"{base}{category_base}{path}/", tag, term.name)
            else:
                kept.add(f"{base}{tag_base}{term.slug}/", tag, term.name)
        for source_id in used["author"]:
            person, author = self.export.people[source_id], directory.author(source_id)
            kept.add(f"{base}{author_base}{person.slug}/", author, author.name)
        kept.write()

    def chain(self, term):
        """A category's slugs from the top of its tree down, as WordPress
        writes its archive's address (/category/news/local/)."""
        slugs, seen = [], set()
        while term is not None and term.source_id not in seen:
            seen.add(term.source_id)
            slugs.insert(0, term.slug)
            term = self.export.terms.get(term.parent) if term.parent else None
        return slugs


def describe(post):
    kind = "page" if post.kind == "page" else "post"
    title = post.title.strip() or "(no title)"
    return f"{kind} {post.source_id} “{title}”"


def untitled_headline(body):
    """A headline for a post without one: its first words."""
    text = body.dek or " ".join(bodies.plain(html) for _, html in body.sections)
    words = text.split()
    if not words:
        return ""
    return " ".join(words[:UNTITLED_WORDS]) + (
        "…" if len(words) > UNTITLED_WORDS else ""
    )

"""The article's change form: who sees and edits which articles, the save
path (one write through ``articles.services``), the list's columns. The
per-concern views are mixins: ``workflow``, ``previews``, ``history``,
``presence``.

Status and publication times belong to the workflow (``articles.workflow``):
the article form never sets them.
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from articles import revisions, services, workflow
from articles.admin.autosave import AutosaveViews
from articles.admin.filters import (
    BylineAuthorFilter,
    PublishedDateFilter,
    PublishedYearFilter,
)
from articles.admin.history import HistoryViews
from articles.admin.inlines import (
    SIDE,
    BylineInline,
    CorrectionInline,
    FAQInline,
    KeyPointInline,
    SectionInline,
)
from articles.admin.live_entries import LiveEntriesViews
from articles.admin.live_preview import LivePreviewViews
from articles.admin.merges import MergeMessages
from articles.admin.notes import NotesViews
from articles.admin.presence import PresenceViews
from articles.admin.previews import PreviewViews
from articles.admin.workflow import WorkflowViews
from articles.forms import ArticleAdminForm, ArticlePartsFormSet, display_name
from articles.models import Article, Byline, bylines_with_authors
from articles.pagination import DeskSearchPaginator, EstimatedCountPaginator
from articles.roles import is_bylined, is_editor, may_delete, may_edit, own_author
from articles.templatetags.desk_tags import desk_status
from library.choosers import LibraryChooserMixin
from newsroom.admin import DeskAdminMixin
from newsroom.times import desk_time

# What a form may write to: the article's own columns (not tags, not the
# version token).
ARTICLE_COLUMNS = frozenset(f.name for f in Article._meta.concrete_fields)


class ArticleAdmin(
    AutosaveViews,
    WorkflowViews,
    PreviewViews,
    HistoryViews,
    MergeMessages,
    PresenceViews,
    NotesViews,
    LivePreviewViews,
    LiveEntriesViews,
    LibraryChooserMixin,
    DeskAdminMixin,
    VersionAdmin,
):
    """The article desk. ``VersionAdmin`` makes every add and change one
    revision (``articles.revisions`` registers what it follows); history,
    compare, restore and recovery are the desk's own views (``HistoryViews``),
    which keep the workflow's fields out of any restore and check who may
    restore."""

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    inlines = [BylineInline, SectionInline, KeyPointInline, FAQInline, CorrectionInline]
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ("category",)
    # The hero is chosen from the image library, or uploaded into it.
    library_fields = ("hero_image",)
    # Laid out as a writing tool (change_form.html): the story in a wide
    # column (the lead, headline and intro, in large type across it; then
    # the hero, the summary and the parts), and what files and describes it
    # beside it from 1280px, below it on a smaller screen ("desk-side": those
    # fieldsets, and the bylines' inline). Search & sharing starts closed:
    # empty, the page takes the headline and intro.
    fieldsets = (
        (None, {"fields": ("headline", "dek"), "classes": ("desk-lead",)}),
        (
            _("Hero image"),
            {"fields": ("hero_image", "hero_alt", "hero_caption", "hero_credit")},
        ),
        (_("Summary"), {"fields": ("summary",)}),
        (_("Filing"), {"fields": ("category", "tags", "slug"), "classes": SIDE}),
        (
            _("Live blog"),
            {
                "fields": (
                    "is_live_blog",
                    "entries_need_approval",
                    "coverage_started_at",
                ),
                "classes": SIDE,
            },
        ),
        (
            _("Search & sharing"),
            {
                "fields": ("seo_title", "seo_description"),
                "classes": ("collapse", *SIDE),
            },
        ),
        (
            _("Publishing"),
            {
                "classes": SIDE,
                "description": _(
                    "Status and publication times change only through the "
                    "workflow buttons at the top of the page."
                ),
                "fields": (
                    "status_badge",
                    "published_time",
                    "is_featured",
                    "first_published_time",
                    "reading_time",
                    "created_time",
                    "updated_time",
                ),
            },
        ),
    )
    # The workflow's fields are read-only for everyone, superusers included.
    readonly_fields = (
        "status_badge",
        "published_time",
        "first_published_time",
        "reading_time",
        "created_time",
        "updated_time",
    )
    # Publishing decisions stay with the editors.
    editor_only_fields = ("is_featured", "entries_need_approval")

    list_display = (
        "headline",
        "status_badge",
        "category",
        "byline_names",
        "published_time",
        "updated_time",
        "open_notes_column",
    )
    # Dates as ranges of published_at, which an index serves. Not a
    # date_hierarchy: its drill-down asks for the distinct years (months,
    # days) of every listed article on each page view, a whole-table
    # DISTINCT over a time-zone conversion (seconds at 100,000 articles on
    # SQLite, where the conversion runs in Python for each row); the desk's
    # calendar shows any month day by day.
    list_filter = (
        "status",
        "category",
        ("bylines__author", BylineAuthorFilter),
        ("published_at", PublishedDateFilter),
        PublishedYearFilter,
    )
    search_fields = ("headline", "dek", "slug")
    list_select_related = ("category",)
    # The recently worked-on first; the same on every database (published_at
    # is empty for drafts, and databases disagree on where NULLs sort).
    ordering = ("-updated_at",)
    # At 100,000 articles no page view counts them all: not the unfiltered
    # total, and not the filtered list beyond what is cheap to count.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50

    class Media:
        css = {
            "all": [
                "css/admin-desk.css",
                "css/admin-article.css",
                "css/desk-autosave.css",
                "css/desk-presence.css",
                "css/desk-writing.css",
                "css/desk-sections.css",
                "css/desk-live-preview.css",
                "css/desk-merge.css",
                "css/desk-notes.css",
            ]
        }
        js = [
            "js/admin-ordering.js",
            "js/admin-article.js",
            "js/desk-autosave.js",
            "js/desk-presence.js",
            "js/desk-writing.js",
            "js/desk-sections.js",
            "js/desk-live-preview.js",
            "js/desk-notes.js",
        ]

    # Rows ---------------------------------------------------------------------

    def get_paginator(self, request, queryset, per_page, *args, **kwargs):
        # A search's matches are counted to 500 at most (DeskSearchPaginator).
        searched = request.GET.get(SEARCH_VAR, "").strip()
        paginator = DeskSearchPaginator if searched else self.paginator
        return paginator(queryset, per_page, *args, **kwargs)

    def get_queryset(self, request):
        queryset = (
            super().get_queryset(request).prefetch_related(bylines_with_authors())
        )
        if is_editor(request.user):
            return queryset
        # A subquery, not a join on bylines: the join would be reused by the
        # author filter, whose choices would shrink to their own profile.
        return queryset.filter(
            Exists(
                Byline.objects.filter(article=OuterRef("pk"), author__user=request.user)
            )
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or is_editor(request.user) or is_bylined(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or may_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        # A journalist only their own never-published draft, whatever a
        # group grants (the workflow asks the same when deleting).
        return super().has_delete_permission(request, obj) and (
            obj is None or may_delete(request.user, obj)
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not is_editor(request.user):
            readonly += self.editor_only_fields
        return readonly

    # Saving -------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A class made for this request: the form re-checks, under lock,
        # that this person may still change the article.
        form.desk_user = request.user
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if request.method == "POST" and issubclass(inline.formset, ArticlePartsFormSet):
            # The article form (``obj`` is its instance), validated once its
            # formsets are made, checks that a live or in-review article
            # keeps what publishing needs, parts included: each posted
            # formset of parts joins this list, where the form counts them.
            if not hasattr(obj, "posted_formsets"):
                obj.posted_formsets = []
            kwargs["posted_with"] = obj.posted_formsets
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            article = self.get_object(request, unquote(object_id))
            if article is not None and self.has_change_permission(request, article):
                revisions.record_before_first_edit(article)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # Written with its tags and parts, as one write, in save_related.
        if not change:
            # A new article is always a draft: status is not in the form and
            # its default is "draft".
            obj.version = 1
            obj.desk_fields = None
            return
        # The form locked the row and checked the version it was loaded at.
        # Every save counts, inline-only edits too (save_model always runs).
        obj.version = form.locked_version + 1
        # Only what the form edits: the workflow's fields are never written
        # from a form, not even with the values it was loaded with.
        edited = [name for name in form.fields if name in ARTICLE_COLUMNS]
        obj.desk_fields = [*edited, "version", "updated_at", "reading_time"]

    def save_related(self, request, form, formsets, change):
        article = form.instance
        first_author = None
        if not change and not is_editor(request.user):
            first_author = own_author(request.user)  # a journalist's new article
        services.save_article(
            article=article,
            by=request.user,
            fields=article.desk_fields,
            form=form,
            formsets=formsets,
            first_author=first_author,
        )
        self._report_put_back(request, article, formsets)
        if reversion.is_active():
            # The revision holds the article as finally saved, with its tags.
            revisions.record(article)

    def _report_put_back(self, request, article, formsets):
        # Parts someone else deleted after this form was loaded, saved again
        # from it (ArticlePartsFormSet): say whose deletion this undid.
        for formset in formsets:
            for old_pk, part in getattr(formset, "put_back", ()):
                user, when = revisions.removed_by(article, type(part), old_pk)
                self.message_user(
                    request,
                    gettext(
                        "%(by)s had deleted the %(kind)s “%(part)s” (%(at)s); "
                        "it was put back from your form."
                    )
                    % {
                        "by": display_name(user) or gettext("Someone else"),
                        "kind": part._meta.verbose_name,
                        "part": part,
                        "at": desk_time(when) or gettext("time unknown"),
                    },
                    messages.WARNING,
                )

    def delete_model(self, request, obj):
        workflow.delete(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        # One by one: each keeps its last revision and its trail.
        for article in queryset:
            workflow.delete(article, by=request.user)

    # The change page ----------------------------------------------------------

    def get_urls(self):
        own = [
            *self.workflow_urls(),
            *self.preview_urls(),
            *self.history_urls(),
            *self.autosave_urls(),
            *self.presence_urls(),
            *self.live_preview_urls(),
            *self.notes_urls(),
            *self.live_entries_urls(),
        ]
        # VersionAdmin adds "<id>/history/<version>/" (revision_view),
        # "recover/" and "recover/<version>/", served by HistoryViews.
        # Before the admin's own: its "<object_id>/" catch-all would answer.
        return own + super().get_urls()

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if change and obj is not None:
            context.update(
                self.desk_context(request, obj, typed=context.get("desk_typed"))
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _url_name(self, name):
        return f"{self.opts.app_label}_{self.opts.model_name}_{name}"

    def _url(self, name, article, *args):
        return reverse(f"admin:{self._url_name(name)}", args=[article.pk, *args])

    def _article_or_404(self, request, object_id):
        """The article if ``request.user`` may see it; otherwise a 404, with
        no hint of whether it exists."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404(gettext("No such article."))
        return article

    # Columns and read-only fields ---------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        # The desk's own badge, so the list, the desk home and the workflow
        # box name a status alike.
        return desk_status(obj)

    @admin.display(description=_("bylines"))
    def byline_names(self, obj):
        return ", ".join(author.name for author in obj.byline_authors)

    @admin.display(description=_("goes or went live"), ordering="published_at")
    def published_time(self, obj):
        return desk_time(obj.published_at) or "—"

    @admin.display(description=_("first published"))
    def first_published_time(self, obj):
        return desk_time(obj.first_published_at) or "—"

    @admin.display(description=_("created"))
    def created_time(self, obj):
        return desk_time(obj.created_at) or "—"

    @admin.display(description=_("last edited"), ordering="updated_at")
    def updated_time(self, obj):
        return desk_time(obj.updated_at) or "—"

    def view_on_site(self, obj):
        """The public URL, only while the public can actually see it."""
        if obj.is_published() and obj.category_id:
            return obj.get_absolute_url()
        return None

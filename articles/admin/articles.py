"""The newsroom desk: articles and their parts, categories.

Who may do what follows the two roles (``newsroom.roles``): journalists see
the articles they are bylined on and edit them while they are drafts; editors
see and edit everything. Model permissions (migration ``0002_roles``) say
which models a role may touch; the hooks below narrow that to which rows.

Status and publication times belong to the workflow (``articles.workflow``):
the article form never sets them, and the buttons on the change page call the
workflow's functions and nothing else.
"""

import copy
from datetime import UTC, datetime, timedelta

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from articles import limits, previews, revisions, services, workflow
from articles.forms import (
    ApproveForm,
    ArticleAdminForm,
    ArticlePartsFormSet,
    BylineFormSet,
    CorrectionForm,
    FAQForm,
    OrderedInlineFormSet,
    OrderedPartForm,
    PreviewLinkForm,
    RescheduleForm,
    SectionForm,
    TransitionForm,
    display_name,
)
from articles.models import (
    FAQ,
    Article,
    ArticleEvent,
    Byline,
    Category,
    Correction,
    KeyPoint,
    PreviewLink,
    Section,
    bylines_with_authors,
)
from articles.pagination import EstimatedCountPaginator
from articles.templatetags.desk import desk_status
from newsroom.admin import DeskAdminMixin, readable_id
from newsroom.roles import is_bylined, is_editor, may_delete, may_edit, own_author
from newsroom.text import NFCModelForm
from newsroom.times import desk_time

Action = ArticleEvent.Action
# What a form may write to: the article's own columns (not tags, not the
# version token).
ARTICLE_COLUMNS = frozenset(f.name for f in Article._meta.concrete_fields)


# --- Workflow buttons -----------------------------------------------------------


class Transition:
    """A workflow step as the change page offers it: a button and its form."""

    def __init__(self, action, label, function, form_class=TransitionForm):
        self.action = action
        self.label = label
        self.function = function
        self.form_class = form_class

    def form(self, data=None):
        # Several of these forms share the page: the prefix keeps ids apart.
        return self.form_class(
            data, prefix=self.action, note_required=self.action in NOTE_REQUIRED
        )


# Only a hint for the browser (see TransitionForm): the workflow enforces it.
NOTE_REQUIRED = frozenset({Action.REQUEST_CHANGES, Action.UNPUBLISH})

TRANSITIONS = {
    transition.action: transition
    for transition in [
        Transition(Action.SUBMIT, _("Submit for review"), workflow.submit),
        Transition(Action.WITHDRAW, _("Withdraw from review"), workflow.withdraw),
        Transition(
            Action.REQUEST_CHANGES, _("Request changes"), workflow.request_changes
        ),
        Transition(
            Action.APPROVE, _("Approve and publish"), workflow.approve, ApproveForm
        ),
        Transition(
            Action.RESCHEDULE, _("Reschedule"), workflow.reschedule, RescheduleForm
        ),
        Transition(Action.UNPUBLISH, _("Unpublish"), workflow.unpublish),
        Transition(Action.REOPEN, _("Reopen"), workflow.reopen),
    ]
}


def transition_done_message(event, article):
    if event.action in (Action.APPROVE, Action.RESCHEDULE):
        if event.publish_at and event.publish_at > timezone.now():
            return gettext("“%(headline)s” is scheduled to go live on %(time)s.") % {
                "headline": article.headline,
                "time": desk_time(event.publish_at),
            }
        return gettext("“%(headline)s” is published.") % {"headline": article.headline}
    return gettext("“%(headline)s”: %(action)s.") % {
        "headline": article.headline,
        "action": event.get_action_display().lower(),
    }


# --- Inlines ------------------------------------------------------------------


class ArticlePartInlineMixin:
    """One kind of part of an article: at most ``max_num`` rows (see
    ``articles.limits``), which the server checks too, saying ``too_many``
    (Django's own words name no part); and a row deleted meanwhile by someone
    else put back only for a person who may add such a part."""

    too_many = None

    def get_formset(self, request, obj=None, **kwargs):
        may_add = self.has_add_permission(request, obj)
        # Without the permission to add, the admin allows no rows beyond
        # those there are (max_num 0): nothing to count.
        kwargs.setdefault("validate_max", may_add)
        formset = super().get_formset(request, obj, **kwargs)
        # A class made for this request (inlineformset_factory), so these
        # are this person's.
        formset.default_error_messages = {"too_many_forms": self.too_many}
        formset.may_put_back = may_add
        return formset


class OrderedInlineMixin(ArticlePartInlineMixin):
    """Parts that keep an order: a ``position`` per row, renumbered by the
    ordering script when rows are moved (and typed by hand without it)."""

    form = OrderedPartForm
    formset = OrderedInlineFormSet

    def get_extra(self, request, obj=None, **kwargs):
        # One blank row to start a new article with; "Add another" after that.
        return 1 if obj is None else 0


class BylineInline(OrderedInlineMixin, admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    fields = ("author", "position")
    autocomplete_fields = ("author",)
    verbose_name_plural = _("bylines")
    max_num = limits.MAX_BYLINES
    too_many = ngettext_lazy(
        "An article may have at most %(num)d byline. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "An article may have at most %(num)d bylines. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "num",
    )

    def get_extra(self, request, obj=None, **kwargs):
        return 0

    def get_min_num(self, request, obj=None, **kwargs):
        # A journalist with a profile is bylined automatically on a new
        # article (see ArticleAdmin.save_related); everyone else names one.
        if obj is None and not is_editor(request.user) and own_author(request.user):
            return 0
        return 1

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("validate_min", True)
        return super().get_formset(request, obj, **kwargs)


class SectionInline(OrderedInlineMixin, admin.StackedInline):
    model = Section
    form = SectionForm
    fields = ("subheading", "body", "position")
    max_num = limits.MAX_SECTIONS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d section. Merge or remove some, "
        "then save again: everything else you typed is still in the form.",
        "An article may have at most %(num)d sections. Merge or remove some, "
        "then save again: everything else you typed is still in the form.",
        "num",
    )


class KeyPointInline(OrderedInlineMixin, admin.TabularInline):
    model = KeyPoint
    fields = ("text", "position")
    max_num = limits.MAX_KEY_POINTS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d key point. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "An article may have at most %(num)d key points. Remove some, then "
        "save again: everything else you typed is still in the form.",
        "num",
    )


class FAQInline(OrderedInlineMixin, admin.StackedInline):
    model = FAQ
    form = FAQForm
    fields = ("question", "answer", "position")
    max_num = limits.MAX_FAQS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d FAQ. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "An article may have at most %(num)d FAQs. Remove some, then save "
        "again: everything else you typed is still in the form.",
        "num",
    )


class CorrectionInline(ArticlePartInlineMixin, admin.TabularInline):
    # Ordered by date, not by hand; editors only (journalists see them).
    model = Correction
    form = CorrectionForm
    formset = ArticlePartsFormSet
    fields = ("created_at", "kind", "text")
    extra = 0
    max_num = limits.MAX_CORRECTIONS
    too_many = ngettext_lazy(
        "An article may have at most %(num)d correction. Remove some, then "
        "save again: everything else you typed is still in the form.",
        "An article may have at most %(num)d corrections. Remove some, then "
        "save again: everything else you typed is still in the form.",
        "num",
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "created_at":
            # Entered and shown on the newsroom's clock: say which one.
            field.help_text = _("Newsroom time (%(zone)s).") % {
                "zone": timezone.get_default_timezone_name()
            }
        return field


# --- Articles -----------------------------------------------------------------


class BylineAuthorFilter(admin.RelatedOnlyFieldListFilter):
    """The authors with a byline on an article of the list.

    Django's own query joins every article of the list to its bylines: the
    whole archive, on every page view of an editor. This one asks of each
    author whether one of their bylines is on such an article, through the
    byline index; an editor's list is every article, so the question is only
    whether they have a byline at all.
    """

    def field_choices(self, field, request, model_admin):
        articles = model_admin.get_queryset(request)
        bylines = Byline.objects.filter(author=OuterRef("pk"))
        if articles.query.where:
            bylines = bylines.filter(article__in=articles.order_by().values("pk"))
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(Exists(bylines)),
            ordering=ordering,
        )


class PublishedDateFilter(admin.DateFieldListFilter):
    """Django's date filter on ``published_at`` (today, past 7 days, this
    month, this year; no date, has date), which lets an address typed or
    mangled by hand through: an unreadable date is a database error page.
    This one says it could not read the date and lists every date."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        bounds = [self.lookup_kwarg_since, self.lookup_kwarg_until]
        values = [v for b in bounds for v in self.used_parameters.get(b, [])]
        if all(readable_time(field, value) for value in values):
            return
        for bound in bounds:
            self.used_parameters.pop(bound, None)
            self.date_params.pop(bound, None)
        messages.warning(
            request,
            gettext(
                "The publication date in the address could not be read, so "
                "articles of every date are listed."
            ),
        )


def readable_time(field, value):
    """Whether ``value`` is a time ``field`` can be filtered by."""
    try:
        moment = field.to_python(value)
        if moment is not None and timezone.is_aware(moment):
            # A time zone that takes it out of the calendar's range.
            moment.astimezone(UTC)
    except (ValidationError, OverflowError):
        return False
    return moment is not None


class PublishedYearFilter(admin.SimpleListFilter):
    """The year an article goes or went live, newest first: from the oldest
    publication (one index lookup) to this year, each a range of
    ``published_at`` in the newsroom's time zone."""

    title = _("year published")
    parameter_name = "published_year"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        value = self.value()
        if value is not None and self.year() is None:
            # Typed or mangled by hand: say so, and list every year.
            self.used_parameters.pop(self.parameter_name)
            messages.warning(
                request,
                gettext(
                    "“%(year)s” is not a year, so articles of every year are listed."
                )
                % {"year": value},
            )

    def year(self):
        try:
            year = int(self.value())
        except (TypeError, ValueError):
            return None
        return year if 1 < year < 9999 else None

    def lookups(self, request, model_admin):
        oldest = (
            Article.objects.filter(status=Article.Status.PUBLISHED)
            .order_by("published_at", "id")
            .values_list("published_at", flat=True)
            .first()
        )
        if oldest is None:
            return []
        this_year = timezone.localdate().year
        first = min(timezone.localtime(oldest).year, this_year)
        return [(str(year), str(year)) for year in range(this_year, first - 1, -1)]

    def queryset(self, request, queryset):
        year = self.year()
        if year is None:
            return queryset  # no year chosen: every year
        zone = timezone.get_default_timezone()
        return queryset.filter(
            published_at__gte=datetime(year, 1, 1, tzinfo=zone),
            published_at__lt=datetime(year + 1, 1, 1, tzinfo=zone),
        )


@admin.register(Article)
class ArticleAdmin(DeskAdminMixin, VersionAdmin):
    """The article desk. ``VersionAdmin`` makes every add and change one
    revision (``articles.revisions`` registers what it follows); history,
    compare, restore and recovery are this class's own views, which keep the
    workflow's fields out of any restore and check who may restore."""

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    inlines = [BylineInline, SectionInline, KeyPointInline, FAQInline, CorrectionInline]
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ("category",)
    fieldsets = (
        (None, {"fields": ("headline", "slug", "dek")}),
        (
            _("Hero image"),
            {"fields": ("hero_image", "hero_alt", "hero_caption", "hero_credit")},
        ),
        (_("Filing"), {"fields": ("category", "tags")}),
        (_("Summary"), {"fields": ("summary",)}),
        (
            _("Publishing"),
            {
                "description": _(
                    "Status and publication times change only through the "
                    "workflow buttons at the top of the page."
                ),
                "fields": (
                    ("status_badge", "published_time"),
                    "is_featured",
                    ("first_published_time", "reading_time"),
                    ("created_time", "updated_time"),
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
    editor_only_fields = ("is_featured",)

    list_display = (
        "headline",
        "status_badge",
        "category",
        "byline_names",
        "published_time",
        "updated_time",
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
        css = {"all": ["css/admin-desk.css", "css/admin-article.css"]}
        js = ["js/admin-ordering.js", "js/admin-article.js"]

    # Rows ---------------------------------------------------------------------

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

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # The article form, validated next, checks that a live or in-review
        # article keeps what publishing needs, parts included: it finds the
        # posted parts here (the admin offers no public hook between
        # validating the form with its formsets and saving them).
        obj.posted_formsets = formsets
        return formsets, inline_instances

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
        if "hero_image" in edited:
            # Set from the image as it is stored: a new one brings its own.
            edited += ["hero_width", "hero_height", "hero_renditions"]
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
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name=self._url_name("transition"),
            ),
            path(
                "<path:object_id>/previews/",
                self.admin_site.admin_view(self.preview_link_create_view),
                name=self._url_name("preview_create"),
            ),
            path(
                "<path:object_id>/previews/<int:link_id>/revoke/",
                self.admin_site.admin_view(self.preview_link_revoke_view),
                name=self._url_name("preview_revoke"),
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=self._url_name("compare"),
            ),
        ]
        # VersionAdmin adds "<id>/history/<version>/" (revision_view),
        # "recover/" and "recover/<version>/", served by the views below.
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

    def desk_context(self, request, article, typed=None):
        """What the change page shows around the form: the workflow buttons,
        the audit trail and the preview links. ``typed``: (action, bound
        form) of a step just refused for what was typed in it."""
        user = request.user
        now = timezone.now()
        available = workflow.available_actions(article, user)
        may_preview = previews.may_preview(user, article)
        # One query for the panel and the unpublish button's warning.
        open_links = (
            list(article.preview_links.active(now).select_related("created_by"))
            if may_preview or Action.UNPUBLISH in available
            else []
        )
        typed_action, typed_form = typed or (None, None)
        actions = [
            {
                "action": action,
                "label": TRANSITIONS[action].label,
                "url": self._url("transition", article, action),
                "form": (
                    typed_form if action == typed_action else TRANSITIONS[action].form()
                ),
                "warning": (
                    self._unpublish_warning(len(open_links))
                    if action == Action.UNPUBLISH
                    else ""
                ),
            }
            for action in available
        ]
        context = {
            "desk_actions": actions,
            "desk_status": self.status_badge(article),
            # Why there is no Approve (or Reschedule) button for an editor,
            # when the four-eyes rule is the reason.
            "desk_four_eyes": self._four_eyes_objection(user, article),
            "desk_events": list(article.events.all()),
            "desk_zone": timezone.get_default_timezone_name(),
            "may_preview": may_preview,
        }
        if may_preview:
            context.update(
                staff_preview_url=reverse("staff-preview", args=[article.pk]),
                preview_links=[
                    {
                        "link": link,
                        "url": request.build_absolute_uri(previews.url_for(link)),
                        "revoke_url": self._url("preview_revoke", article, link.pk),
                        "made_by": display_name(link.created_by),
                    }
                    for link in open_links
                ],
                preview_link_form=PreviewLinkForm(),
                preview_create_url=self._url("preview_create", article),
            )
        return context

    @staticmethod
    def _unpublish_warning(count):
        # Unpublishing revokes them (workflow.unpublish): say so before.
        if not count:
            return ""
        return ngettext(
            "Its %(count)d open preview link will stop working.",
            "Its %(count)d open preview links will stop working.",
            count,
        ) % {"count": count}

    def _four_eyes_objection(self, user, article):
        if not is_editor(user):
            return ""
        if article.status == Article.Status.IN_REVIEW:
            return workflow.four_eyes_objection(article, user)
        if article.is_scheduled():
            return workflow.four_eyes_objection(article, user, Action.RESCHEDULE)
        return ""

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

    def transition_view(self, request, object_id, action):
        """POST: one workflow step. The workflow checks who may take it
        (``PermissionDenied`` becomes a 403) and whether it is possible now
        (``InvalidTransition`` is shown as an error, and nothing changes).

        A step refused for what was typed in its form (a time gone by, a
        date without a time) shows the page again with that form holding
        what was typed, so it can be put right rather than typed again."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        transition = TRANSITIONS.get(action)
        if transition is None:
            raise Http404(gettext("No such step."))
        article = self._article_or_404(request, object_id)
        change_url = self._url("change", article)
        form = transition.form(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
            return self._change_page_with_typed(request, article, action, form)
        try:
            event = transition.function(
                article, by=request.user, **form.transition_kwargs()
            )
        except workflow.InvalidGoLiveTime as error:
            self.message_user(request, str(error), messages.ERROR)
            form.add_error(None, str(error))
            return self._change_page_with_typed(request, article, action, form)
        except workflow.InvalidTransition as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(change_url)
        self.message_user(
            request, transition_done_message(event, article), messages.SUCCESS
        )
        return redirect(change_url)

    def _change_page_with_typed(self, request, article, action, form):
        """The change page as a GET would show it, but with the refused
        step's ``form`` bound to what was posted. Not a redirect: what was
        typed would be lost with it, and keeping it elsewhere (the session)
        would write for a refused request. Nothing is saved: the page's own
        form is shown as stored."""
        if action not in workflow.available_actions(article, request.user):
            # Not a step of theirs: no form of it to show again.
            return redirect(self._url("change", article))
        page_request = copy.copy(request)
        page_request.method = "GET"
        return self.change_view(
            page_request,
            str(article.pk),
            extra_context={"desk_typed": (action, form)},
        )

    def _previewable_or_404(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not previews.may_preview(request.user, article):
            raise Http404(gettext("No such article."))
        return article

    def preview_link_create_view(self, request, object_id):
        """POST: a new shareable preview link (editors and the article's
        bylined journalists)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._previewable_or_404(request, object_id)
        form = PreviewLinkForm(request.POST)
        if form.is_valid():
            link = PreviewLink.objects.create(
                article=article,
                created_by=request.user,
                expires_at=timezone.now() + timedelta(days=form.cleaned_data["days"]),
            )
            self.message_user(
                request,
                gettext("A preview link was made; it works until %(time)s.")
                % {"time": desk_time(link.expires_at)},
                messages.SUCCESS,
            )
        else:
            for error in form.errors.get("days", []):
                self.message_user(request, error, messages.ERROR)
        return redirect(self._url("change", article) + "#desk-previews")

    def preview_link_revoke_view(self, request, object_id, link_id):
        """POST: the link stops working at once."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._previewable_or_404(request, object_id)
        link = get_object_or_404(PreviewLink, pk=link_id, article=article)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
        self.message_user(
            request, gettext("The preview link was revoked."), messages.SUCCESS
        )
        return redirect(self._url("change", article) + "#desk-previews")

    # Revisions ----------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        # Not inside a revision, as VersionAdmin's would be: the list has no
        # editable columns, and a bulk delete must save each article's last
        # revision before it goes (a revision open around the whole request
        # would be saved after the deletion, and keep nothing).
        extra_context = {
            **(extra_context or {}),
            "may_recover": self._may_recover(request),
        }
        return admin.ModelAdmin.changelist_view(self, request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        """The article's revisions, newest first: who saved, when, what they
        changed; pick two to compare, or one to review and restore."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = [
            {
                "version": version,
                "time": desk_time(version.revision.date_created),
                "by": display_name(version.revision.user),
                "comment": version.revision.get_comment(),
                "url": self._url("revision", article, version.pk),
            }
            for version in revisions.versions_of(article)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %(headline)s") % {"headline": article},
            "opts": self.opts,
            "object": article,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "versions": versions,
            "compare_url": self._url("compare", article),
            "may_restore": revisions.may_restore(request.user, article),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        """Two revisions side by side (``?from=<id>&to=<id>``): the fields and
        parts that differ, older on the left."""
        article = self._article_or_404(request, object_id)
        history_url = self._url("history", article)
        # Junk, or a number no version can have, is no choice either.
        ids = {readable_id(Version, request.GET.get(end)) for end in ("from", "to")}
        if None in ids:
            self.message_user(
                request, gettext("Choose two versions to compare."), messages.ERROR
            )
            return redirect(history_url)
        if len(ids) != 2:
            self.message_user(
                request, gettext("Choose two different versions."), messages.ERROR
            )
            return redirect(history_url)
        found = sorted(
            revisions.versions_of(article).filter(pk__in=ids),
            key=lambda version: (version.revision.date_created, version.pk),
        )
        if len(found) != 2:
            raise Http404(gettext("No such version of this article."))
        older, newer = found
        context = self._revision_context(
            request,
            article,
            title=gettext("Compare versions"),
            older_label=self._version_label(older),
            newer_label=self._version_label(newer),
            differences=revisions.differences(
                revisions.state_of(older), revisions.state_of(newer)
            ),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """GET: what restoring this version would change. POST: restore it
        (text and parts; never the status or the publication times)."""
        article = self._article_or_404(request, object_id)
        version = get_object_or_404(revisions.versions_of(article), pk=version_id)
        saved_on = desk_time(version.revision.date_created)
        if request.method == "POST":
            try:
                restored = revisions.restore(
                    article, version, by=request.user, when_saved=saved_on
                )
            except revisions.RestoreError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(self._url("history", article))
            self.log_change(
                request,
                restored,
                gettext("Restored the version saved on %(time)s.") % {"time": saved_on},
            )
            self.message_user(
                request,
                gettext("Restored the version saved on %(time)s.") % {"time": saved_on},
                messages.SUCCESS,
            )
            return redirect(self._url("change", article))
        state = revisions.state_of(version)
        context = self._revision_context(
            request,
            article,
            title=gettext("Restore the version saved on %(time)s") % {"time": saved_on},
            version=version,
            saved_on=saved_on,
            saved_by=display_name(version.revision.user),
            differences=revisions.differences(revisions.current_state(article), state),
            may_restore=revisions.may_restore(request.user, article),
            # Said before the button is pressed, not only after.
            over_limits=revisions.over_limits(state),
        )
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

    def _may_recover(self, request):
        return is_editor(request.user) and self.has_add_permission(request)

    def recoverlist_view(self, request, extra_context=None):
        """Deleted articles, newest deletion first (editors only)."""
        if not self._may_recover(request):
            raise PermissionDenied
        deleted = [
            {
                "version": version,
                "time": desk_time(version.revision.date_created),
                "by": display_name(version.revision.user),
                "url": reverse(f"admin:{self._url_name('recover')}", args=[version.pk]),
            }
            for version in revisions.deleted_versions()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Recover deleted articles"),
            "opts": self.opts,
            "deleted": deleted,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/articles/article/recover_list.html", context
        )

    def recover_view(self, request, version_id, extra_context=None):
        """GET: the deleted article as last saved. POST: bring it back, as a
        draft (editors only)."""
        if not self._may_recover(request):
            raise PermissionDenied
        version = get_object_or_404(revisions.deleted_versions(), pk=version_id)
        if request.method == "POST":
            try:
                article = workflow.recover(version, by=request.user)
            except revisions.RestoreError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(f"admin:{self._url_name('recoverlist')}")
            self.log_addition(
                request, article, gettext("Recovered after deletion, as a draft.")
            )
            self.message_user(
                request,
                gettext("“%(headline)s” is back, as a draft.")
                % {"headline": article.headline},
                messages.SUCCESS,
            )
            return redirect(self._url("change", article))
        state = revisions.state_of(version)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Recover “%(headline)s”")
            % {"headline": version.object_repr},
            "opts": self.opts,
            "version": version,
            "deleted_on": desk_time(version.revision.date_created),
            "rows": [(label, text) for label, text in state.rows() if text],
            # Its trail, kept through the deletion, read-only.
            "events": list(
                ArticleEvent.objects.filter(article_id=int(version.object_id))
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/recover.html", context)

    def _version_label(self, version):
        by = display_name(version.revision.user)
        time = desk_time(version.revision.date_created)
        if by:
            return gettext("Saved %(time)s by %(by)s") % {"time": time, "by": by}
        return gettext("Saved %(time)s") % {"time": time}

    def _revision_context(self, request, article, **extra):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": article,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "history_url": self._url("history", article),
            **extra,
        }

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


# --- The audit trail ------------------------------------------------------------


@admin.register(ArticleEvent)
class ArticleEventAdmin(DeskAdminMixin, admin.ModelAdmin):
    """Every workflow step across the desk, for editors: read, never edited.

    The workflow writes these rows; nobody changes or removes them here.
    """

    list_display = (
        "event_time",
        "action",
        "article_label",
        "from_status",
        "to_status",
        "actor_label",
        "notified_to",
    )
    list_filter = ("action", "to_status")
    search_fields = ("article__headline", "actor_name", "note")
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = (
        "article_label",
        "action",
        "from_status",
        "to_status",
        "actor_label",
        "event_time",
        "publish_time",
        "note",
        "notified_to",
        "notification_error",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        # A subquery, not a join: a deleted article's events stay listed.
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_headline=Subquery(
                    Article.objects.filter(pk=OuterRef("article_id")).values(
                        "headline"
                    )[:1]
                )
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("article"))
    def article_label(self, obj):
        if obj.article_headline is None:
            return gettext("Deleted article #%(pk)s") % {"pk": obj.article_id}
        return obj.article_headline

    @admin.display(description=_("when"), ordering="created_at")
    def event_time(self, obj):
        return desk_time(obj.created_at)

    @admin.display(description=_("to go live"))
    def publish_time(self, obj):
        return desk_time(obj.publish_at) or "—"

    @admin.display(description=_("by"), ordering="actor_name")
    def actor_label(self, obj):
        return obj.actor_name or gettext("Scheduler")

    @admin.display(description=_("notified"))
    def notified_to(self, obj):
        return ", ".join(obj.notified)


# --- Categories ---------------------------------------------------------------


@admin.register(Category)
class CategoryAdmin(DeskAdminMixin, admin.ModelAdmin):
    form = NFCModelForm  # names read in NFC (newsroom.text)
    list_display = ("name", "slug", "menu_order", "is_in_menu")
    list_editable = ("menu_order", "is_in_menu")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")
    fields = ("name", "slug", "description", "menu_order", "is_in_menu")

    def save_model(self, request, obj, form, change):
        services.save_category(category=obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_categories(
            categories=Category.objects.filter(pk=obj.pk), by=request.user
        )

    def delete_queryset(self, request, queryset):
        services.delete_categories(categories=queryset, by=request.user)

    def get_deleted_objects(self, objs, request):
        """Articles protect their category (``on_delete=PROTECT``): the
        confirmation page lists them and offers no button; this says why,
        and what to do instead."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        if protected:
            for category in objs:
                filed = category.articles.count()
                if filed:
                    self.message_user(
                        request,
                        ngettext(
                            "“%(name)s” cannot be deleted: %(count)d article is "
                            "filed under it. Move it to another category "
                            "first. Nothing has been deleted.",
                            "“%(name)s” cannot be deleted: %(count)d articles "
                            "are filed under it. Move them to another category "
                            "first. Nothing has been deleted.",
                            filed,
                        )
                        % {"name": category.name, "count": filed},
                        messages.WARNING,
                    )
        return deleted, counts, perms_needed, protected


# --- Tags ---------------------------------------------------------------------


class TagAdmin(DeskAdminMixin, TaggitTagAdmin):
    """taggit's tag admin, its "merge tags" page held to the desk's rules.

    Merging re-tags every article carrying the merged tags, colleagues'
    published ones included: an editor's job, so it needs the permission to
    change tags. taggit's own page checks no permission at all, and fails
    (after creating the new tag) when the selection it keeps in the session
    is missing or stale.
    """

    form = NFCModelForm  # names read in NFC (newsroom.text)

    def save_model(self, request, obj, form, change):
        services.save_tag(tag=obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_tags(tags=Tag.objects.filter(pk=obj.pk), by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_tags(tags=queryset, by=request.user)

    @admin.action(description=_("Merge selected tags"), permissions=["change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = request.session.get("selected_tag_ids", "").split(",")
        existing = Tag.objects.filter(
            pk__in=[pk for pk in chosen if pk.isdigit()]
        ).values_list("pk", flat=True)
        if not existing:
            self.message_user(
                request,
                gettext("Choose the tags to merge in the list first."),
                messages.WARNING,
            )
            return redirect("admin:taggit_tag_changelist")
        request.session["selected_tag_ids"] = ",".join(map(str, existing))
        if request.method != "POST":
            return super().merge_tags_view(request)
        # Every tag merged and article re-tagged: one write.
        with services.writing(by=request.user):
            return super().merge_tags_view(request)


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)


# Registers the read-only list of old addresses that redirect.
from articles import admin_redirects  # noqa: E402, F401

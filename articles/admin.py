"""The newsroom desk: articles and their parts, categories.

Who may do what follows the two roles (``newsroom.roles``): journalists see
the articles they are bylined on and edit them while they are drafts; editors
see and edit everything. Model permissions (migration ``0002_roles``) say
which models a role may touch; the hooks below narrow that to which rows.
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.forms import (
    ArticleAdminForm,
    BylineFormSet,
    OrderedInlineFormSet,
    OrderedPartForm,
)
from articles.models import (
    FAQ,
    Article,
    Byline,
    Category,
    Correction,
    KeyPoint,
    Section,
)
from newsroom.roles import is_bylined, is_editor, own_author

# What a journalist may still edit; everything later belongs to the editors.
EDITABLE_BY_JOURNALISTS = frozenset(
    {Article.Status.DRAFT, Article.Status.CHANGES_REQUESTED}
)


def may_edit(user, article):
    """Editors edit anything; journalists their own, while it is a draft."""
    return is_editor(user) or (
        article.status in EDITABLE_BY_JOURNALISTS and is_bylined(user, article)
    )


def put_author_first(article, author):
    """Make ``author`` the article's first byline, keeping the others' order."""
    bylines = list(Byline.objects.filter(article=article))
    own = next((b for b in bylines if b.author_id == author.pk), None)
    if own is None:
        own = Byline(article=article, author=author)
    ordered = [own, *(b for b in bylines if b is not own)]
    for position, byline in enumerate(ordered):
        if byline.pk is None or byline.position != position:
            byline.position = position
            byline.save()


# --- Inlines ------------------------------------------------------------------


class OrderedInlineMixin:
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
    fields = ("subheading", "body", "position")


class KeyPointInline(OrderedInlineMixin, admin.TabularInline):
    model = KeyPoint
    fields = ("text", "position")


class FAQInline(OrderedInlineMixin, admin.StackedInline):
    model = FAQ
    fields = ("question", "answer", "position")


class CorrectionInline(admin.TabularInline):
    # Ordered by date, not by hand; editors only (journalists see them).
    model = Correction
    fields = ("created_at", "kind", "text")
    extra = 0


# --- Articles -----------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
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
                "fields": (
                    ("status", "published_at"),
                    "is_featured",
                    ("first_published_at", "reading_time"),
                    ("created_at", "updated_at"),
                )
            },
        ),
    )
    readonly_fields = ("first_published_at", "reading_time", "created_at", "updated_at")
    # Publishing decisions stay with the editors.
    editor_only_fields = ("status", "published_at", "is_featured")

    list_display = (
        "headline",
        "status_badge",
        "category",
        "byline_names",
        "published_at",
        "updated_at",
    )
    list_filter = (
        "status",
        "category",
        ("bylines__author", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("headline", "dek", "slug")
    date_hierarchy = "published_at"
    list_select_related = ("category",)
    # The recently worked-on first; the same on every database (published_at
    # is empty for drafts, and databases disagree on where NULLs sort).
    ordering = ("-updated_at",)
    show_full_result_count = False
    list_per_page = 50

    class Media:
        css = {"all": ["css/admin-desk.css"]}
        js = ["js/admin-ordering.js"]

    # Rows ---------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("bylines__author")
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
        # Never a published article by a journalist, whatever a group grants.
        return super().has_delete_permission(request, obj) and (
            obj is None or may_edit(request.user, obj)
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not is_editor(request.user):
            readonly += self.editor_only_fields
        return readonly

    # Saving -------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if (
            obj.status == Article.Status.PUBLISHED
            and obj.first_published_at is None
            and obj.published_at is not None
        ):
            # Until the workflow's approve() takes this over.
            obj.first_published_at = obj.published_at
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        author = own_author(request.user)
        if not change and author is not None and not is_editor(request.user):
            put_author_first(article, author)
        # The parts are saved after the article, so its own count was early.
        article.refresh_reading_time()

    # Columns and links --------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        status, label = obj.status, obj.get_status_display()
        if (
            obj.status == Article.Status.PUBLISHED
            and obj.published_at
            and obj.published_at > timezone.now()
        ):
            status, label = "scheduled", _("Scheduled")
        return format_html(
            '<span class="desk-status desk-status--{}">{}</span>', status, label
        )

    @admin.display(description=_("bylines"))
    def byline_names(self, obj):
        return ", ".join(author.name for author in obj.byline_authors)

    def view_on_site(self, obj):
        """The public URL, only while the public can actually see it."""
        if obj.is_published() and obj.category_id:
            return obj.get_absolute_url()
        return None


# --- Categories ---------------------------------------------------------------


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "menu_order", "is_in_menu")
    list_editable = ("menu_order", "is_in_menu")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")
    fields = ("name", "slug", "description", "menu_order", "is_in_menu")

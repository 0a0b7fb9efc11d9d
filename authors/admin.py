from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from authors import logins
from authors.forms import AuthorAdminForm
from authors.models import Author
from library.choosers import LibraryChooserMixin
from newsroom.admin import DeskAdminMixin
from newsroom.roles import is_editor
from newsroom.times import desk_time

# What readers see of a profile, and all a journalist sees of a colleague's:
# never the login it belongs to, nor the private e-mail address.
PUBLIC_FIELDSETS = (
    (None, {"fields": ("name", "job_title")}),
    (_("Profile"), {"fields": ("bio", "avatar")}),
    (
        _("Links"),
        {
            "fields": (
                "website",
                "x_handle",
                "facebook_url",
                "instagram_url",
                "linkedin_url",
            )
        },
    ),
)
PUBLIC_FIELDS = flatten_fieldsets(PUBLIC_FIELDSETS)


@admin.register(Author)
class AuthorAdmin(LibraryChooserMixin, DeskAdminMixin, admin.ModelAdmin):
    form = AuthorAdminForm
    # The portrait is chosen from the image library, or uploaded into it.
    library_fields = ("avatar",)
    list_display = ("avatar_preview", "name", "job_title", "user", "is_active")
    list_display_links = ("name",)
    list_filter = ("is_active",)
    list_select_related = ("user", "avatar")
    # Also what the byline autocomplete searches.
    search_fields = ("name", "slug", "job_title")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "user", "job_title", "is_active")}),
        (_("Profile"), {"fields": ("bio", "avatar")}),
        (
            _("Links"),
            {
                "fields": (
                    "website",
                    "email",
                    "x_handle",
                    "facebook_url",
                    "instagram_url",
                    "linkedin_url",
                )
            },
        ),
    )
    readonly_fields = ("avatar_preview", "login_history")
    # A pasted "example.com" becomes https://, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Whether the profile is shown, and where, are the desk's call.
    editor_only_fields = ("slug", "is_active")

    class Media:
        css = {"all": ["css/admin-desk.css"]}

    def has_change_permission(self, request, obj=None):
        # Journalists may see every profile (to byline colleagues) but edit
        # only their own.
        return super().has_change_permission(request, obj) and (
            obj is None or is_editor(request.user) or obj.user_id == request.user.pk
        )

    def shows_private_fields(self, request, obj=None):
        """Editors see every profile whole; anyone else their own, and only
        the public face of a colleague's (``PUBLIC_FIELDSETS``)."""
        return is_editor(request.user) or (
            obj is not None and obj.user_id == request.user.pk
        )

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self.shows_private_fields(request, obj):
            return PUBLIC_FIELDSETS
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not is_editor(request.user):
            return fieldsets
        # The desk's record of who linked the profile to which login.
        (name, options), *rest = fieldsets
        fields = (*options["fields"], "login_history")
        return ((name, {**options, "fields": fields}), *rest)

    def get_list_display(self, request):
        if is_editor(request.user):
            return self.list_display
        return tuple(name for name in self.list_display if name != "user")

    def lookup_allowed(self, lookup, value, request):
        # The list's query string filters on any field of the profile: a
        # journalist could tell a colleague's e-mail address or login by
        # trying ?email__startswith=a, b, c... Only public fields for them.
        field_name = lookup.split(LOOKUP_SEP, 1)[0]
        if not is_editor(request.user) and field_name not in (
            *PUBLIC_FIELDS,
            *self.list_filter,
        ):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not is_editor(request.user):
            readonly += self.editor_only_fields
        if not request.user.is_superuser:
            # Linking a login to a profile makes its bylines that person's,
            # which the four-eyes rule reads: an administrator's job
            # (authors.logins), and always recorded.
            readonly += ("user",)
        return readonly

    def save_model(self, request, obj, form, change):
        login = obj.user
        # The form's save never writes the link: it is as the database has
        # it (a copy loaded before an administrator relinked the profile must
        # not undo that), and an administrator's change goes through
        # authors.logins, which records it.
        obj.user_id = (
            Author.objects.filter(pk=obj.pk).values_list("user_id", flat=True).get()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        if request.user.is_superuser:
            logins.link(obj, login, by=request.user)

    def get_prepopulated_fields(self, request, obj=None):
        if not is_editor(request.user):
            return {}  # the slug is read-only for them
        return super().get_prepopulated_fields(request, obj)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        # Profiles taken off the site are not offered for new bylines.
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.active()
        return queryset, may_have_duplicates

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Desk logins, plus whoever already has a profile (a login that
            # lost staff status must not make its profile unsaveable).
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(Q(is_staff=True) | Q(author_profile__isnull=False))
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_deleted_objects(self, objs, request):
        """Bylines protect their author (``on_delete=PROTECT``): an author
        who wrote for the site cannot be deleted, or their articles would
        lose their byline. The confirmation page names those articles (not
        "Byline: <the author's own name>"), offers no button, and says what
        to do instead."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        # Bylines are the articles app's, above this one: reached through
        # the relation, not imported.
        Byline = Author._meta.get_field("bylines").related_model
        bylines = Byline.objects.filter(author__in=list(objs)).select_related(
            "article", "author"
        )
        if not protected or not bylines:
            return deleted, counts, perms_needed, protected
        byline_label = f"{capfirst(Byline._meta.verbose_name)}: "
        protected = [
            *(entry for entry in protected if not str(entry).startswith(byline_label)),
            *(self._bylined_article(request, byline.article) for byline in bylines),
        ]
        per_author = {}
        for byline in bylines:
            per_author.setdefault(byline.author, set()).add(byline.article_id)
        for author, articles in per_author.items():
            self.message_user(
                request,
                ngettext(
                    "“%(name)s” cannot be deleted: their byline is on "
                    "%(count)d article. Untick “active” to take the profile "
                    "off the site instead. Nothing has been deleted.",
                    "“%(name)s” cannot be deleted: their byline is on "
                    "%(count)d articles. Untick “active” to take the profile "
                    "off the site instead. Nothing has been deleted.",
                    len(articles),
                )
                % {"name": author.name, "count": len(articles)},
                messages.WARNING,
            )
        return deleted, counts, perms_needed, protected

    def _bylined_article(self, request, article):
        opts = article._meta
        label = capfirst(opts.verbose_name)
        article_admin = self.admin_site._registry.get(type(article))
        if article_admin and article_admin.has_view_permission(request, article):
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[article.pk]
            )
            return format_html('{}: <a href="{}">{}</a>', label, url, article)
        return format_html("{}: {}", label, article)

    @admin.display(description=_("login history"))
    def login_history(self, obj):
        changes = list(obj.login_changes.all()) if obj.pk else []
        if not changes:
            return gettext("No change recorded.")
        no_login = gettext("no login")
        return format_html(
            '<ul class="desk-login-history">{}</ul>',
            format_html_join(
                "",
                "<li>{}</li>",
                (
                    (
                        gettext("%(when)s: %(by)s changed it from %(from)s to %(to)s.")
                        % {
                            "when": desk_time(change.changed_at),
                            "by": change.changed_by_name or gettext("someone"),
                            "from": change.from_username or no_login,
                            "to": change.to_username or no_login,
                        },
                    )
                    for change in changes
                ),
            ),
        )

    @admin.display(description=_("avatar"))
    def avatar_preview(self, obj):
        if not obj.avatar:
            return ""
        # Cropped round about its focal point (the desk allows inline styles).
        return format_html(
            '<img class="desk-avatar" src="{}" alt="" width="40" height="40" '
            'style="object-position: {}% {}%">',
            obj.avatar.thumbnail_url,
            round(obj.avatar.focal_x * 100),
            round(obj.avatar.focal_y * 100),
        )

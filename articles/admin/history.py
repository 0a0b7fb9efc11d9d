"""History, compare, restore and recover on the article desk
(``articles.revisions``).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.models import Version

from articles import comparison, revisions, workflow
from articles.forms import display_name
from articles.models import ArticleEvent
from articles.roles import is_editor
from newsroom.admin import readable_id
from newsroom.times import desk_time


class HistoryViews:
    """An article's revisions: history, compare, restore, and recovering a
    deleted article. ``VersionAdmin`` adds the URLs of the history, restore
    ("<id>/history/<version>/") and recover pages, served by the views
    below; compare is this mixin's own. Mixed into ``ArticleAdmin``, whose
    ``_url`` and ``_article_or_404`` it uses."""

    def history_urls(self):
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=self._url_name("compare"),
            ),
        ]

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
        """Two revisions compared (``?from=<id>&to=<id>``), older to newer:
        the words added and removed in each field and part that differs
        (``articles.comparison``)."""
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
        old_state, new_state = revisions.state_of(older), revisions.state_of(newer)
        context = self._revision_context(
            request,
            article,
            title=gettext("Compare versions"),
            older_label=self._version_label(older),
            newer_label=self._version_label(newer),
            comparison=comparison.compare(old_state, new_state),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """GET: what restoring this version would change, word by word, from
        the article now to the version (``articles.comparison``). POST: restore it
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
            # What restoring would change, read as the compare page reads.
            comparison=comparison.compare(revisions.current_state(article), state),
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

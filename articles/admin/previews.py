"""Preview links on an article's change page (``articles.previews``)."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext

from articles import previews
from articles.forms import PreviewLinkForm
from articles.models import PreviewLink
from newsroom.times import desk_time


class PreviewViews:
    """Making and revoking shareable preview links from the change page.
    Mixed into ``ArticleAdmin``, whose ``_url`` and ``_article_or_404`` it
    uses."""

    def preview_urls(self):
        return [
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
        ]

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

"""The live preview on an article's change page: the unsaved form rendered
in the public article template, beside the form or in a tab of its own, as
the journalist types (static/js/desk-live-preview.js).

The render is a POST of the change form as it stands (the CSRF token and
the form's own field names, inline rows included) to ``live-preview/``;
``articles.live_preview`` builds the article from it in memory and the
public template renders it, with nothing saved. The page puts the answer
into an iframe as ``srcdoc``: the desk's own Content-Security-Policy then
governs it (our static CSS and JS, no inline script), and a blob: frame,
which ``default-src 'self'`` refuses, is not needed.

The answer is never cached or indexed (``articles.previews.private``), and
may be framed by our own pages alone, where the site's policy lets no one
frame a page (X-Frame-Options and CSP ``frame-ancestors``). Only a desk
login who may both see a preview of the article (``previews.may_preview``)
and change it may render one: anyone else gets what the article's other
desk URLs give them.
"""

import copy

from csp.constants import SELF
from csp.decorators import csp_replace
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_sameorigin

from articles import live_preview, previews
from articles.views import keep_reading


def framable_by_our_pages(view):
    """``view``'s answers may be framed by our own pages, and only by them."""
    return xframe_options_sameorigin(csp_replace({"frame-ancestors": [SELF]})(view))


class LivePreviewViews:
    """The live preview's URLs and views. Mixed into ``ArticleAdmin``, whose
    ``_url``, ``_url_name`` and ``_article_or_404`` it uses."""

    def live_preview_urls(self):
        return [
            path(
                "<path:object_id>/live-preview/",
                self.admin_site.admin_view(
                    framable_by_our_pages(self.live_preview_view)
                ),
                name=self._url_name("live_preview"),
            ),
            path(
                "<path:object_id>/live-preview/tab/",
                self.admin_site.admin_view(self.live_preview_tab_view),
                name=self._url_name("live_preview_tab"),
            ),
        ]

    def may_live_preview(self, request, article):
        return previews.may_preview(
            request.user, article
        ) and self.has_change_permission(request, article)

    def _live_previewable_or_404(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not previews.may_preview(request.user, article):
            raise Http404(gettext("No such article."))
        return article

    def live_preview_view(self, request, object_id):
        """POST: the change form as it stands, rendered as readers would see
        the article, saving nothing."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._live_previewable_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            return JsonResponse(
                {"error": gettext("You may not change this article.")}, status=403
            )
        # A copy: the article as loaded stays as it is saved.
        unsaved = copy.copy(article)
        form = self.get_form(request, article, change=True)(
            request.POST, request.FILES, instance=unsaved
        )
        formsets, _inlines = self._create_formsets(request, unsaved, change=True)
        live_preview.build_article(unsaved, form, formsets)
        context = {
            "article": unsaved,
            "keep_reading": keep_reading(unsaved),
            "current_category": unsaved.category,
            "is_preview": True,
            "is_live_preview": True,
        }
        return previews.private(
            render(request, "articles/article_detail.html", context)
        )

    def live_preview_tab_view(self, request, object_id):
        """GET: a tab of its own that shows the live preview of the form
        open in another tab of this browser, as it changes."""
        article = self._live_previewable_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise Http404(gettext("No such article."))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Live preview: %(headline)s")
            % {"headline": article.headline},
            "opts": self.opts,
            "original": article,
            "live_preview": self.live_preview_context(request, article),
        }
        return TemplateResponse(
            request, "admin/articles/article/live_preview.html", context
        )

    def live_preview_context(self, request, article):
        return {
            "url": self._url("live_preview", article),
            "tab_url": self._url("live_preview_tab", article),
            "channel": f"newsroom-live-preview-{article.pk}",
        }

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if change and obj is not None and self.may_live_preview(request, obj):
            context["live_preview"] = self.live_preview_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

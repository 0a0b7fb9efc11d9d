"""Presence on an article's change page: who else has it open right now, so
two people know before their saves clash.

The page (static/js/desk-presence.js) posts a heartbeat every few seconds
while it is visible, and a last "gone" when it is left. Each heartbeat is one
upsert of this login's row (``articles.models.presence``), one delete of the
article's long-forgotten rows (so no cron job is needed) and one read of who
else is here. Presence is not content: nothing here goes through
``articles.services``, so the page cache's generation stays where it is,
nothing is re-indexed and no revision is made.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import path
from django.utils import timezone

from articles.forms import display_name
from articles.models import Article, ArticlePresence


class PresenceViews:
    """The heartbeat's URL and view. Mixed into ``ArticleAdmin``, whose
    ``_url_name`` and ``_article_or_404`` it uses."""

    def presence_urls(self):
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name=self._url_name("presence"),
            ),
        ]

    def presence_view(self, request, object_id):
        """POST (CSRF-checked by ``admin_view``): "I am here" (or, with
        ``gone``, "I left"); answers who else is here, by display name only.

        Only someone who may view the article is ever recorded, and so
        listed: anyone else gets the desk's 404, and loses the row an earlier
        heartbeat may have left (a journalist taken off the byline drops out
        of the list at their page's next beat)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            article = self._article_or_404(request, object_id)
        except Http404:
            _forget(request.user, object_id)
            raise
        mine = ArticlePresence.objects.filter(user=request.user, article=article)
        if request.POST.get("gone"):
            mine.delete()
            return JsonResponse({"others": []})
        now = timezone.now()
        # One statement on every database: insert, or refresh the row this
        # login already has (first_seen_at stays as it was).
        ArticlePresence.objects.bulk_create(
            [
                ArticlePresence(
                    user=request.user,
                    article=article,
                    editing=self.has_change_permission(request, article),
                    first_seen_at=now,
                    seen_at=now,
                )
            ],
            update_conflicts=True,
            unique_fields=["user", "article"],
            update_fields=["seen_at", "editing"],
        )
        ArticlePresence.objects.forgotten(article, now).delete()
        others = ArticlePresence.objects.here(article, now).exclude(user=request.user)
        return JsonResponse(
            {
                "others": [
                    {"name": display_name(presence.user), "editing": presence.editing}
                    for presence in others
                ]
            }
        )


def _forget(user, object_id):
    """Deletes ``user``'s presence on the article ``object_id`` names, if it
    names one at all."""
    try:
        pk = Article._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        return
    ArticlePresence.objects.filter(user=user, article_id=pk).delete()

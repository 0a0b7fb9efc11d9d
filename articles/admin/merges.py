"""A stale save merged on the article desk says so: "Merged with Ann's save
of 21:05: they changed …; you changed …" (the form merges,
``articles.forms.merging``; this only tells the person)."""

from django.contrib import messages


class MergeMessages:
    """Mixed into ``ArticleAdmin``: after a merged save, its message."""

    def construct_change_message(self, request, form, formsets, add):
        # Called once, after a save succeeded, with the form that made it.
        if getattr(form, "merged_message", ""):
            self.message_user(request, form.merged_message, messages.SUCCESS)
        return super().construct_change_message(request, form, formsets, add)

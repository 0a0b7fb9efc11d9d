"""The newsroom desk: articles and their parts, categories, tags, the audit
trail. One module per concern; this one registers them with the admin site.

Who may do what follows the two roles (``articles.roles``): journalists see
the articles they are bylined on and edit them while they are drafts; editors
see and edit everything. Model permissions (migration ``0002_roles``) say
which models a role may touch; the hooks in each module narrow that to which
rows.

Status and publication times belong to the workflow (``articles.workflow``):
the article form never sets them, and the buttons on the change page call the
workflow's functions and nothing else (``articles.admin.workflow``).
"""

from django.contrib import admin
from taggit.models import Tag

from articles.admin.articles import ArticleAdmin
from articles.admin.categories import CategoryAdmin
from articles.admin.events import ArticleEventAdmin
from articles.admin.filters import (
    BylineAuthorFilter,
    PublishedDateFilter,
    PublishedYearFilter,
)
from articles.admin.history import HistoryViews
from articles.admin.inlines import (
    ArticlePartInlineMixin,
    BylineInline,
    CorrectionInline,
    FAQInline,
    KeyPointInline,
    OrderedInlineMixin,
    SectionInline,
)
from articles.admin.previews import PreviewViews
from articles.admin.tags import TagAdmin
from articles.admin.workflow import (
    NOTE_REQUIRED,
    TRANSITIONS,
    Transition,
    WorkflowViews,
    transition_done_message,
)
from articles.models import Article, ArticleEvent, Category

__all__ = [
    "NOTE_REQUIRED",
    "TRANSITIONS",
    "ArticleAdmin",
    "ArticleEventAdmin",
    "ArticlePartInlineMixin",
    "BylineAuthorFilter",
    "BylineInline",
    "CategoryAdmin",
    "CorrectionInline",
    "FAQInline",
    "HistoryViews",
    "KeyPointInline",
    "OrderedInlineMixin",
    "PreviewViews",
    "PublishedDateFilter",
    "PublishedYearFilter",
    "SectionInline",
    "TagAdmin",
    "Transition",
    "WorkflowViews",
    "transition_done_message",
]

admin.site.register(Article, ArticleAdmin)
admin.site.register(ArticleEvent, ArticleEventAdmin)
admin.site.register(Category, CategoryAdmin)
admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)

# Registers the read-only list of old addresses that redirect.
from articles import admin_redirects  # noqa: E402, F401

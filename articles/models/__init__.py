"""The articles app's models, one module per thing they hold: the slug rules
(``slugs``), categories, the article with its queryset, reading time and
bylines (``articles``), its other parts, live blogs' columns and entries
(``live_blogs``), who has it open on the desk (``presence``), the audit
trail (``events``), preview links, working drafts (``working_drafts``, the
desk's autosave), the scheduler's heartbeat, revisions' tag names,
redirects and SQLite's search index.

Everything the rest of the code base imports from ``articles.models`` is
offered here, so the package reads as the one module it was; Django finds the
models through these imports too.
"""

from articles.models.articles import (
    Article,
    ArticleQuerySet,
    Byline,
    bylines_with_authors,
    count_words,
    minutes_to_read,
    shown_authors,
    shown_tags,
)
from articles.models.categories import Category, CategoryQuerySet
from articles.models.events import ArticleEvent
from articles.models.live_blogs import (
    LiveCoverage,
    LiveEntry,
    LiveEntryCorrection,
    LiveEntryQuerySet,
)
from articles.models.notes import MAX_NOTE_LENGTH, Note, NoteMention, NoteQuerySet
from articles.models.parts import FAQ, ArticlePart, Correction, KeyPoint, Section
from articles.models.presence import ArticlePresence, ArticlePresenceQuerySet
from articles.models.previews import (
    PreviewLink,
    PreviewLinkQuerySet,
    default_preview_expiry,
    new_preview_key,
)
from articles.models.redirects import REDIRECT_TARGETS, Redirect, exactly_one_set
from articles.models.revision_tags import ArticleRevisionTags
from articles.models.scheduler import SchedulerHeartbeat
from articles.models.search import ArticleSearchEntry, FullTextColumn, FullTextMatch
from articles.models.slugs import validate_article_slug, validate_category_slug
from articles.models.working_drafts import MAX_WORKING_DRAFT_BYTES, WorkingDraft

# Migrations name what a field refers to (a validator, a default, the field's
# own class) by the module that defined it, and those written so far say
# ``articles.models``, from when the models were one module. It stays their
# name: migrations written from now on say the same, and moving a definition
# within the package never reads as a change to a field.
for _referenced in (
    FullTextColumn,
    default_preview_expiry,
    new_preview_key,
    validate_article_slug,
    validate_category_slug,
):
    _referenced.__module__ = __name__
del _referenced

__all__ = [
    "FAQ",
    "MAX_NOTE_LENGTH",
    "MAX_WORKING_DRAFT_BYTES",
    "REDIRECT_TARGETS",
    "Article",
    "ArticleEvent",
    "ArticlePart",
    "ArticlePresence",
    "ArticlePresenceQuerySet",
    "ArticleQuerySet",
    "ArticleRevisionTags",
    "ArticleSearchEntry",
    "Byline",
    "Category",
    "CategoryQuerySet",
    "Correction",
    "FullTextColumn",
    "FullTextMatch",
    "KeyPoint",
    "LiveCoverage",
    "LiveEntry",
    "LiveEntryCorrection",
    "LiveEntryQuerySet",
    "Note",
    "NoteMention",
    "NoteQuerySet",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "Redirect",
    "SchedulerHeartbeat",
    "Section",
    "WorkingDraft",
    "bylines_with_authors",
    "count_words",
    "default_preview_expiry",
    "exactly_one_set",
    "minutes_to_read",
    "new_preview_key",
    "shown_authors",
    "shown_tags",
    "validate_article_slug",
    "validate_category_slug",
]

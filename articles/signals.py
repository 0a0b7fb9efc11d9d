"""Hooks for what must follow a change readers can see (cache purges, indexing).

Sent by the workflow after the change has committed.
"""

from django.dispatch import Signal

# sender=Article, article=<Article>
article_went_live = Signal()
article_unpublished = Signal()

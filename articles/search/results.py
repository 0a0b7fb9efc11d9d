"""What a search gives the results page: the live matches in rank order,
among the newest ``candidates()``, and for each page of them its cards.
Counting the results and listing a page then cost one query each, and the
matching (the costly part) runs once a search, not once for the count and
again for the page.

Both backends rank by a query compiled once per process
(``newsroom.prepared``: a reader's words and the moment are its parameters),
and the cards of a page are read by primary key the same way: building and
compiling those querysets on every search cost more than running them.
"""

from functools import cached_property

from django.conf import settings
from django.utils import timezone

from articles.card_rows import cards_with_bylines
from articles.cards import for_cards
from articles.models import Article
from newsroom.prepared import PreparedQuery


def candidates():
    """How many of the newest matches are ranked and listed (the package's
    docstring says why not all)."""
    return max(1, settings.NEWSROOM_SEARCH_CANDIDATES)


class RankedArticles:
    """Search results as a sequence for the paginator: the pks of the live
    matches in rank order (``ranked_pks()``, one query, on first use), and
    for a slice the cards of its live articles, read by pk (one query, and
    one for their bylines), in that order."""

    def __init__(self, ranked_pks):
        self.ranked_pks = ranked_pks

    @cached_property
    def pks(self):
        return list(self.ranked_pks())

    def count(self):
        return len(self.pks)

    def __len__(self):
        return len(self.pks)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.pks and self[index : index + 1 or None][0]
        pks = self.pks[index]
        if not pks:
            return []
        rows = LIVE_CARDS.rows(pks, now=timezone.now())
        found = {card.pk: card for card in cards_with_bylines(rows)}
        return [found[pk] for pk in pks if pk in found]


def live_cards(keys, now):
    # Unordered: the order is the ranking's, and ordered by date SQLite
    # would walk the whole live index to find these few.
    return for_cards(Article.objects.published(now).filter(pk__in=keys)).order_by()


LIVE_CARDS = PreparedQuery(Article, live_cards, uses_moment=True)

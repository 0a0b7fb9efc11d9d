"""Search results as the paginator reads them, on either database: the pks
of the live matches in rank order, read in one query, and a page's articles
read by pk.

Counting the results and listing a page then cost one query each, and the
matching (the costly part) runs once a search, not once for the count and
again for the page.
"""

from functools import cached_property


class RankedArticles:
    """Search results as a sequence for the paginator: the pks of the live
    matches in rank order (one query, on first use), and for a slice its
    articles, read by pk (one query) from ``articles``, in that order."""

    def __init__(self, articles, ranked_pks):
        self.articles = articles
        self.ranked_pks = ranked_pks

    @cached_property
    def pks(self):
        return list(self.ranked_pks)

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
        # Unordered: the order is the ranking's, and ordered by date the
        # database may walk the whole live index to find these few.
        page = self.articles.filter(pk__in=pks).order_by()
        found = {article.pk: article for article in page}
        return [found[pk] for pk in pks if pk in found]

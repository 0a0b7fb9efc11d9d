"""Search on PostgreSQL looks for the newest matches among recent articles
first (``articles.search.newest``): whichever window finds them, a reader is
shown what the plain query shows, the newest matches, best first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import search
from articles.models import Article
from articles.search import postgres
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search"),
]

CANDIDATES = 4
# The first window is FIRST_WINDOW * CANDIDATES = 32 live articles, of the
# 96 below, published an hour apart: article 0 is the newest.
ARCHIVE = 96
WORDS = {
    # In every other article: 16 in the first window, which holds the newest 4.
    "lighthouse": range(0, ARCHIVE, 2),
    # In every twelfth: 3 in the first window; the second, reaching back
    # twice as far, holds 6 of them, the newest 4 among them.
    "shipwright": range(0, ARCHIVE, 12),
    # Two in the first window, then thinning out: the second window holds
    # 3, short of 4, so the plain query answers.
    "breakwater": (0, 5, 40, 95),
    # Nowhere in the first window: the plain query answers.
    "cormorant": (80,),
    # Nowhere at all.
    "albatross": (),
}


# The step that answers for each word: does the plain query run?
PLAIN_RUNS = {
    "lighthouse": False,
    "shipwright": False,
    "breakwater": True,
    "cormorant": True,
    "albatross": True,
}


def headline(number):
    words = [word for word, numbers in WORDS.items() if number in numbers]
    return " ".join(["Story", str(number), *words])


@pytest.fixture
def archive(settings):
    settings.NEWSROOM_SEARCH_CANDIDATES = CANDIDATES
    category = CategoryFactory()
    now = timezone.now()
    for number in reversed(range(ARCHIVE)):
        ArticleFactory(
            headline=headline(number),
            published_at=now - timedelta(hours=number + 1),
            category=category,
            bylines=[],
        )
    # Newer than all, holding every word, and not live: never a candidate.
    for status in [Article.Status.DRAFT, Article.Status.IN_REVIEW]:
        ArticleFactory(headline=f"{' '.join(WORDS)} {status}", status=status)
    ArticleFactory(
        headline=f"{' '.join(WORDS)} scheduled",
        published_at=now + timedelta(hours=1),
        category=category,
        bylines=[],
    )


def plain_newest(articles, matches, limit):
    """The plain query: the newest matches, read as the planner likes."""
    return matches.order_by("-published_at", "-id").values("pk")[:limit]


def results(word):
    """The search's results for ``word``: pks, best first."""
    return search.search(word)


def headlines(pks):
    return sorted(Article.objects.filter(pk__in=pks).values_list("headline", flat=True))


def test_search_lists_the_newest_matches_whichever_window_finds_them(
    archive, monkeypatch
):
    listed = {word: results(word).pks for word in WORDS}
    monkeypatch.setattr(postgres, "newest_matches", plain_newest)
    # The ranking's SQL is compiled once per process: anew, without windows.
    monkeypatch.setattr(postgres.RANKED, "compiled", {})

    for word, pks in listed.items():
        assert pks == results(word).pks, word
        newest = sorted(WORDS[word])[:CANDIDATES]
        assert headlines(pks) == sorted(headline(n) for n in newest), word


def test_only_a_word_the_windows_cannot_answer_runs_the_plain_query(archive):
    for word, plain_runs in PLAIN_RUNS.items():
        sql, params = postgres.RANKED.sql_with_params(
            now=timezone.now(), text=postgres.reader_text(word)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
            plan = [line.strip() for (line,) in cursor.fetchall()]

        # The node under "CTE search_plain" is the plain query's.
        plain = plan[plan.index("CTE search_plain") + 1]
        assert ("never executed" not in plain) is plain_runs, (word, plan)

"""People writing at the same moment, on SQLite as on PostgreSQL: every save
waits its turn and lands, a stale save gets the conflict form with its text
kept, and readers are served while a write is under way.

Real threads against the real database (a file on SQLite), each with its own
connection, released together by a barrier.
"""

import html
import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import revisions
from articles.models import Article
from newsletter.models import Subscriber
from newsroom.models import SiteSettings
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    admin_article_data,
    client_for,
)

# How long a test waits for a thread before calling it stuck: longer than
# any save takes, shorter than forever.
PATIENCE_SECONDS = 60


def page_text(response):
    return html.unescape(response.content.decode())


def at_the_same_moment(*tasks):
    """Runs each task in a thread of its own, all released at once; returns
    their results in order. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(tasks))
    results = [None] * len(tasks)
    errors = []

    def run(index, task):
        try:
            barrier.wait(timeout=PATIENCE_SECONDS)
            results[index] = task()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=[index, task])
        for index, task in enumerate(tasks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=PATIENCE_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    assert not errors, errors
    return results


def ann_and_bob():
    """Two editors, each with a name the conflict form can show."""
    return (
        EditorFactory(username="ann", first_name="Ann", last_name="Early"),
        EditorFactory(username="bob", first_name="Bob", last_name="Late"),
    )


def save_at_the_same_moment(article, forms):
    """Posts each user's form for ``article`` at once, each from a client of
    their own: one save wins, the other is shown the conflict form naming the
    winner. Returns the winner, the loser and the loser's page."""
    clients = {user: client_for(user) for user in forms}
    saves = [
        lambda user=user: clients[user].post(change_url(article), forms[user])
        for user in forms
    ]

    responses = dict(zip(forms, at_the_same_moment(*saves), strict=True))

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    winner = next(user for user, r in responses.items() if r.status_code == 302)
    loser = next(user for user in forms if user != winner)
    refused = page_text(responses[loser])
    assert f"Not saved: {winner.get_full_name()} saved this article" in refused
    return winner, loser, refused


@pytest.mark.django_db(transaction=True)
def test_a_dozen_desk_users_saving_different_articles_at_once_all_get_their_save():
    articles = [ArticleFactory(with_parts=True) for _ in range(12)]
    saves = []
    for number, article in enumerate(articles):
        client = client_for(EditorFactory(username=f"editor{number}"))
        form = admin_article_data(
            article, headline=f"Headline typed by editor {number}"
        )
        saves.append(lambda c=client, a=article, f=form: c.post(change_url(a), f))

    responses = at_the_same_moment(*saves)

    assert [response.status_code for response in responses] == [302] * 12
    for number, article in enumerate(articles):
        saved = Article.objects.get(pk=article.pk)
        assert saved.headline == f"Headline typed by editor {number}"
        assert saved.version == article.version + 1


@pytest.mark.django_db(transaction=True)
def test_two_stale_saves_at_once_save_one_and_show_the_other_the_conflict_form():
    article = ArticleFactory(headline="As filed", with_parts=True)
    ann, bob = ann_and_bob()
    # Saved on the desk before, as most articles are: the race is between
    # the two saves, not with the record an article's first desk edit makes.
    filed = client_for(EditorFactory()).post(
        change_url(article), admin_article_data(article)
    )
    assert filed.status_code == 302
    article.refresh_from_db()
    # Both opened the article at the same version and typed their own text.
    typed = {
        ann: {"headline": "Ann's headline", "dek": "Ann's carefully typed intro."},
        bob: {"headline": "Bob's headline", "dek": "Bob's carefully typed intro."},
    }
    forms = {user: admin_article_data(article, **typed[user]) for user in typed}

    winner, loser, refused = save_at_the_same_moment(article, forms)

    assert typed[loser]["headline"] in refused
    assert typed[loser]["dek"] in refused
    saved = Article.objects.get(pk=article.pk)
    assert saved.version == article.version + 1
    assert saved.headline == typed[winner]["headline"]
    assert saved.dek == typed[winner]["dek"]


@pytest.mark.django_db(transaction=True)
def test_two_first_edits_at_once_keep_one_record_of_the_original_and_name_the_winner():
    # Made elsewhere (imported, seeded): no revision yet, so each save would
    # first record the article as it was.
    article = ArticleFactory(headline="As imported", with_parts=True)
    ann, bob = ann_and_bob()
    typed = {ann: "Ann's headline", bob: "Bob's headline"}
    forms = {user: admin_article_data(article, headline=typed[user]) for user in typed}

    winner, loser, refused = save_at_the_same_moment(article, forms)

    assert typed[loser] in refused
    # Oldest first: the article as imported, once, then the winner's edit.
    history = list(reversed(revisions.versions_of(article)))
    assert [
        (version.revision.user, version.field_dict["headline"]) for version in history
    ] == [(None, "As imported"), (winner, typed[winner])]
    assert history[0].revision.get_comment() == (
        "As it was before its first edit on the desk."
    )


@pytest.mark.django_db(transaction=True)
def test_fifty_newsletter_sign_ups_arriving_together_are_all_stored():
    addresses = [f"reader{number}@example.com" for number in range(50)]
    # Fifty readers on fifty connections: no throttle has reason to refuse one.
    sign_ups = [
        lambda email=email, number=number: Client().post(
            "/subscribe/", {"email": email}, REMOTE_ADDR=f"198.51.100.{number + 1}"
        )
        for number, email in enumerate(addresses)
    ]

    responses = at_the_same_moment(*sign_ups)

    assert [response.status_code for response in responses] == [302] * 50
    stored = Subscriber.objects.values_list("email", flat=True)
    assert sorted(stored) == sorted(addresses)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(addresses)


@pytest.mark.django_db(transaction=True)
def test_a_save_kept_waiting_too_long_for_the_lock_gets_the_503_page_saving_nothing():
    article = ArticleFactory(headline="As filed", with_parts=True)
    client = client_for(EditorFactory())
    form = admin_article_data(article, headline="Typed while someone held it")
    holding, answered = threading.Event(), threading.Event()

    def stuck_save():
        with transaction.atomic():
            Article.objects.select_for_update().filter(pk=article.pk).update(
                dek="Saved by the one holding it."
            )
            holding.set()
            answered.wait(timeout=PATIENCE_SECONDS)

    def impatient_save():
        assert holding.wait(timeout=PATIENCE_SECONDS)
        # The lock wait cut short, for this connection only; the settings'
        # own wait is long enough for any real save to finish first.
        short_wait, reset = {
            "sqlite": ("PRAGMA busy_timeout = 200", "SELECT 1"),
            "postgresql": ("SET lock_timeout = '200ms'", "RESET lock_timeout"),
        }[connection.vendor]
        with connection.cursor() as cursor:
            cursor.execute(short_wait)
        try:
            return client.post(change_url(article), form)
        finally:
            answered.set()
            with connection.cursor() as cursor:
                cursor.execute(reset)

    _, response = at_the_same_moment(stuck_save, impatient_save)

    assert response.status_code == 503
    assert response["Retry-After"]
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "As filed"
    assert saved.dek == "Saved by the one holding it."
    assert saved.version == article.version


@pytest.fixture
def reader_site():
    """A live article, and the site's settings already stored (the first page
    ever served stores them)."""
    SiteSettings.load()
    return ArticleFactory(
        headline="Ferry timetable changes", category=CategoryFactory(slug="local")
    )


@pytest.mark.django_db(transaction=True)
def test_a_reader_is_served_while_a_long_desk_save_holds_its_transaction(
    reader_site,
):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    holding, read = threading.Event(), threading.Event()

    def long_save():
        with transaction.atomic():
            # Several megabytes in one transaction: more than SQLite keeps in
            # memory, as a long article saved with its every part would be.
            Article.objects.filter(pk=draft.pk).update(summary="word " * 800_000)
            holding.set()
            read.wait(timeout=PATIENCE_SECONDS)

    def reader():
        assert holding.wait(timeout=PATIENCE_SECONDS)
        try:
            return Client().get(reader_site.get_absolute_url())
        finally:
            read.set()

    _, response = at_the_same_moment(long_save, reader)

    assert response.status_code == 200
    assert "Ferry timetable changes" in page_text(response)


@pytest.mark.django_db
def test_reading_the_public_site_writes_nothing_so_readers_never_queue_behind_writers(
    reader_site,
):
    # On SQLite every transaction takes the write lock as it begins: a
    # transaction (or a write) on a reader's page would make readers wait
    # for the desk's saves.
    author = AuthorFactory(slug="ada")
    ArticleFactory(
        bylines=[author], tag_names=["Ferries"], category=reader_site.category
    )
    pages = [
        "/",
        reader_site.category.get_absolute_url(),
        reader_site.get_absolute_url(),
        "/tag/ferries/",
        "/author/ada/",
        "/search/?q=ferry",
        "/feed/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/subscribe/",
    ]
    reader = Client()

    with CaptureQueriesContext(connection) as queries:
        statuses = {path: reader.get(path).status_code for path in pages}

    assert statuses == dict.fromkeys(pages, 200)
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().split(" ", 1)[0].upper()
        in {"INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "REPLACE"}
    ]
    assert writes == []

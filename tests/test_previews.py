"""Previews: the real article page for those allowed, nothing for anyone else."""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import previews, workflow
from articles.models import Article, PreviewLink
from tests.admin_urls import change_url
from tests.factories import ArticleFactory, EditorFactory, JournalistFactory

pytestmark = pytest.mark.django_db

BANNER = "Preview — not published"


def staff_url(article):
    return f"/preview/staff/{article.pk}/"


def assert_is_private_preview(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert BANNER in html
    assert 'name="robots" content="noindex' in html
    assert response["Cache-Control"] == "private, no-store"


def test_editor_previews_any_draft_in_the_real_template(client, draft):
    client.force_login(EditorFactory())
    response = client.get(staff_url(draft))
    assert_is_private_preview(response)
    assert "Harbour deal draft" in response.content.decode()
    assert "Key Points" in response.content.decode()


def test_journalist_previews_own_draft_but_not_a_colleagues(client, draft, journalist):
    client.force_login(journalist)
    assert_is_private_preview(client.get(staff_url(draft)))

    client.force_login(JournalistFactory(username="colleague"))
    assert client.get(staff_url(draft)).status_code == 404


def test_anonymous_reader_is_sent_to_log_in_for_a_staff_preview(client, draft):
    response = client.get(staff_url(draft))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_shared_link_shows_the_latest_version_without_a_login(
    client, draft, journalist
):
    link = PreviewLink.objects.create(article=draft, created_by=journalist)
    draft.headline = "Harbour deal: final wording"
    draft.save()

    response = client.get(previews.url_for(link))

    assert_is_private_preview(response)
    assert "Harbour deal: final wording" in response.content.decode()
    link.refresh_from_db()
    assert link.use_count == 1 and link.last_used_at is not None


def test_a_tampered_preview_token_is_refused(client, draft, journalist):
    link = PreviewLink.objects.create(article=draft, created_by=journalist)
    token = previews.token_for(link)
    assert client.get(f"/preview/{token}x/").status_code == 404
    assert client.get(f"/preview/{link.key}/").status_code == 404  # unsigned


def test_a_preview_link_stops_working_when_it_expires(client, draft, journalist):
    link = PreviewLink.objects.create(article=draft, created_by=journalist)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.get(previews.url_for(link))
    assert response.status_code == 410
    assert "Harbour deal draft" not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_revoked_preview_link_stops_working_at_once(client, draft, journalist):
    link = PreviewLink.objects.create(article=draft, created_by=journalist)
    link.revoked_at = timezone.now()
    link.save()
    response = client.get(previews.url_for(link))
    assert response.status_code == 410
    assert "Harbour deal draft" not in response.content.decode()


def test_a_login_taken_out_of_its_group_cannot_preview_its_old_drafts(
    client, draft, journalist
):
    # A former journalist: still staff, still bylined, but in no group, so
    # the desk refuses them the article and its preview alike.
    journalist.groups.clear()
    client.force_login(journalist)

    assert client.get(change_url(draft)).status_code == 403
    response = client.get(staff_url(draft))

    assert response.status_code == 404
    assert "Harbour deal draft" not in response.content.decode()


def test_the_banner_says_whether_readers_can_see_the_article(client):
    client.force_login(EditorFactory())
    live = ArticleFactory(headline="Ferry back", with_parts=True)
    scheduled = ArticleFactory(
        with_parts=True,
        published_at=timezone.make_aware(timezone.datetime(2031, 7, 1, 9, 0)),
    )

    live_page = client.get(staff_url(live)).content.decode()
    scheduled_page = client.get(staff_url(scheduled)).content.decode()

    assert BANNER not in live_page
    assert "Preview — live" in live_page
    assert f'<a href="{live.get_absolute_url()}">' in live_page
    assert BANNER not in scheduled_page
    assert "Preview — scheduled" in scheduled_page
    assert "Goes live July 1, 2031, 9 a.m. (BST)" in scheduled_page


def test_unpublishing_stops_every_preview_link_of_the_article(
    client, draft, journalist
):
    # A legal takedown: the story comes down, and so do the links that were
    # shared while it was being written.
    editor = EditorFactory()
    links = [
        PreviewLink.objects.create(article=draft, created_by=who)
        for who in (journalist, editor)
    ]
    elsewhere = PreviewLink.objects.create(
        article=ArticleFactory(status=Article.Status.DRAFT, published_at=None),
        created_by=editor,
    )
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    assert client.get(previews.url_for(links[0])).status_code == 200

    event = workflow.unpublish(draft, by=editor, note="Legal takedown")

    for link in links:
        response = client.get(previews.url_for(link))
        assert response.status_code == 410
        assert "Harbour deal draft" not in response.content.decode()
        link.refresh_from_db()
        assert link.revoked_at == event.created_at  # on the record, and when
    # Reopened as a draft, the article's old links stay revoked.
    workflow.reopen(draft, by=editor)
    assert client.get(previews.url_for(links[0])).status_code == 410
    assert client.get(previews.url_for(elsewhere)).status_code == 200


def working_and_expired_links(client, draft, journalist):
    """Two links to ``draft`` shared by ``journalist``: one that works (it
    is opened once to show it), one that has expired."""
    link = PreviewLink.objects.create(article=draft, created_by=journalist)
    expired = PreviewLink.objects.create(
        article=draft, created_by=journalist, expires_at=timezone.now()
    )
    assert "Harbour deal draft" in client.get(previews.url_for(link)).content.decode()
    return link, expired


def assert_refused_as_if_expired(client, link, expired):
    """``link`` no longer works: the same page as for the ``expired`` link, in
    as many queries (the link is read with its creator, in one). Returns the
    response."""
    with CaptureQueriesContext(connection) as expired_page:
        client.get(previews.url_for(expired))
    with CaptureQueriesContext(connection) as page:
        response = client.get(previews.url_for(link))

    assert response.status_code == 410
    assert len(page) == len(expired_page)
    assert "Harbour deal draft" not in response.content.decode()
    assert not PreviewLink.objects.active().filter(pk=link.pk).exists()
    return response


def test_a_preview_link_stops_working_while_its_creators_login_is_deactivated(
    client, draft, journalist
):
    link, expired = working_and_expired_links(client, draft, journalist)
    journalist.is_active = False
    journalist.save()

    response = assert_refused_as_if_expired(client, link, expired)

    assert response["Cache-Control"] == "private, no-store"
    link.refresh_from_db()
    assert link.use_count == 1  # the refused opening is not counted


def test_a_preview_link_stops_working_once_its_creators_login_is_deleted(
    client, draft, journalist
):
    # Deleting a login leaves its links without a creator: no one the
    # newsroom still trusts vouches for them, as for a deactivated login's.
    link, expired = working_and_expired_links(client, draft, journalist)
    journalist.delete()
    link.refresh_from_db()
    assert link.created_by is None

    assert_refused_as_if_expired(client, link, expired)


def stopped_page_text(response):
    """What the page for a link that no longer works says, without the
    parts every page has (the menus, the footer)."""
    assert response.status_code == 410
    page = response.content.decode()
    start = page.index('<div class="container container--text error-page">')
    return page[start : page.index("</div>", start)]


def test_every_link_that_stopped_gets_the_same_page_true_for_each_reason(
    client, draft, journalist
):
    editor = EditorFactory()
    gone = JournalistFactory(username="gone")
    links = {
        "expired": PreviewLink.objects.create(
            article=draft, created_by=editor, expires_at=timezone.now()
        ),
        "revoked": PreviewLink.objects.create(
            article=draft, created_by=editor, revoked_at=timezone.now()
        ),
        "creator deactivated": PreviewLink.objects.create(
            article=draft, created_by=journalist
        ),
        "creator deleted": PreviewLink.objects.create(article=draft, created_by=gone),
    }
    journalist.is_active = False
    journalist.save()
    gone.delete()
    taken_down = ArticleFactory(headline="Taken down story", with_parts=True)
    links["unpublished"] = PreviewLink.objects.create(
        article=taken_down, created_by=editor
    )
    workflow.unpublish(taken_down, by=editor, note="Legal takedown")

    pages = {
        why: stopped_page_text(client.get(previews.url_for(link)))
        for why, link in links.items()
    }

    # One page whatever the reason: it tells an outsider nothing about the
    # article, nor why this link stopped.
    assert len(set(pages.values())) == 1, pages
    text = html.unescape(re.sub(r"<[^>]+>", "", pages["expired"]))
    assert "Harbour deal draft" not in text and "Taken down" not in text
    # Its words hold for each reason: a time limit, or the newsroom stopping
    # it; and a new link comes from the newsroom (whoever shared it may have
    # left).
    assert "This preview link no longer works" in text
    assert "Preview links work for a limited time" in text
    assert "the newsroom can stop one before then" in text
    assert "ask the newsroom for a new link" in text
    assert '<a href="/contact/">ask the newsroom</a>' in pages["expired"]

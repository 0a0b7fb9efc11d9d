"""Old addresses keep working: a changed slug or category leaves a permanent
redirect, one hop to the current address, never a loop, never to a draft.
Articles, categories, authors and tags alike."""

from datetime import timedelta

import pytest
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import revisions, workflow
from articles.models import Article, Redirect
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    admin_article_data,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
REDIRECTS_URL = reverse("admin:articles_redirect_changelist")


@pytest.fixture
def world():
    return CategoryFactory(name="World", slug="world")


@pytest.fixture
def live(world):
    return ArticleFactory(headline="Harbour wall rebuilt", slug="wall", category=world)


def rename(article, slug):
    article = Article.objects.get(pk=article.pk)
    article.slug = slug
    article.save()
    return article


def moved_to(client, path):
    """Where ``path`` sends a reader: the target of its 301 (None for a 200)."""
    response = client.get(path)
    if response.status_code == 200:
        return None
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


# --- Articles --------------------------------------------------------------------


def test_a_live_articles_old_slug_redirects_permanently_to_the_new_one(client, live):
    rename(live, "harbour-wall")

    response = client.get("/world/wall/")

    assert response.status_code == 301
    assert response["Location"] == "/world/harbour-wall/"
    assert client.get("/world/harbour-wall/").status_code == 200


def test_a_slug_changed_on_the_desk_redirects(editor_client, client, live):
    response = editor_client.post(
        change_url(live), admin_article_data(live, slug="harbour-wall")
    )

    assert response.status_code == 302
    assert moved_to(client, "/world/wall/") == "/world/harbour-wall/"


def test_moving_a_live_article_to_another_category_redirects(
    editor_client, client, live
):
    business = CategoryFactory(name="Business", slug="business")

    editor_client.post(change_url(live), admin_article_data(live, category=business.pk))

    assert moved_to(client, "/world/wall/") == "/business/wall/"
    assert Redirect.objects.filter(old_path="/world/wall/", article=live).exists()


def test_a_chain_of_changes_is_one_hop_from_every_old_address(client, live):
    rename(live, "wall-b")
    rename(live, "wall-c")
    moved = rename(live, "wall-d")
    moved.category = CategoryFactory(name="Europe", slug="europe")
    moved.save()

    for old in ["/world/wall/", "/world/wall-b/", "/world/wall-c/", "/world/wall-d/"]:
        target = moved_to(client, old)
        assert target == "/europe/wall-d/", old
        assert moved_to(client, target) is None  # no second hop


def test_changing_back_to_an_old_address_removes_the_loop(client, live):
    rename(live, "harbour-wall")
    rename(live, "wall")

    assert moved_to(client, "/world/wall/") is None  # the page itself
    assert moved_to(client, "/world/harbour-wall/") == "/world/wall/"
    assert list(Redirect.objects.values_list("old_path", flat=True)) == [
        "/world/harbour-wall/"
    ]


def test_no_redirect_ever_points_to_its_own_address(client, live):
    for slug in ["b", "c", "wall", "b", "wall", "c"]:
        rename(live, slug)

    current = Article.objects.get(pk=live.pk).get_absolute_url()
    assert not Redirect.objects.filter(old_path=current).exists()
    for redirect in Redirect.objects.all():
        assert moved_to(client, redirect.old_path) == current


@pytest.mark.parametrize(
    ("status", "hours"),
    [
        (Status.UNPUBLISHED, -1),
        (Status.DRAFT, -1),
        (Status.IN_REVIEW, -1),
        (Status.PUBLISHED, +1),  # rescheduled for later
    ],
)
def test_a_redirect_never_leads_to_an_article_that_is_not_live(
    client, live, status, hours
):
    rename(live, "harbour-wall")

    Article.objects.filter(pk=live.pk).update(
        status=status, published_at=timezone.now() + timedelta(hours=hours)
    )

    assert client.get("/world/wall/").status_code == 404


def test_an_unpublished_article_redirects_again_once_republished(client, live):
    editor = EditorFactory()
    rename(live, "harbour-wall")
    workflow.unpublish(live, by=editor, note="Legal check")
    assert client.get("/world/wall/").status_code == 404

    Article.objects.filter(pk=live.pk).update(status=Status.PUBLISHED)

    assert moved_to(client, "/world/wall/") == "/world/harbour-wall/"


def test_a_never_published_draft_leaves_no_redirect(client, world):
    draft = ArticleFactory(
        slug="draft-slug", category=world, status=Status.DRAFT, published_at=None
    )
    scheduled = ArticleFactory(
        slug="scheduled-slug",
        category=world,
        published_at=timezone.now() + timedelta(hours=2),
    )

    rename(draft, "draft-new")
    rename(scheduled, "scheduled-new")

    assert not Redirect.objects.exists()


def test_a_new_article_taking_an_old_slug_wins_over_the_redirect(client, world, live):
    rename(live, "harbour-wall")
    newcomer = ArticleFactory(
        headline="A new wall story",
        slug="wall",
        category=world,
        status=Status.DRAFT,
        published_at=None,
    )
    # While the newcomer is a draft, its address still leads to the old story.
    assert moved_to(client, "/world/wall/") == "/world/harbour-wall/"

    Article.objects.filter(pk=newcomer.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() - timedelta(seconds=1)
    )

    response = client.get("/world/wall/")
    assert response.status_code == 200
    assert "A new wall story" in response.content.decode()


def test_restoring_a_version_filed_elsewhere_redirects_the_address(
    editor_client, client, live
):
    business = CategoryFactory(name="Business", slug="business")
    editor_client.post(change_url(live), admin_article_data(live, category=business.pk))
    older = revisions.versions_of(live).last()  # as it was, under World

    revisions.restore(Article.objects.get(pk=live.pk), older, by=EditorFactory())

    assert moved_to(client, "/business/wall/") == "/world/wall/"
    assert moved_to(client, "/world/wall/") is None


def test_finding_an_old_address_costs_one_query_after_the_miss(
    client, world, live, django_assert_num_queries
):
    world.slug = "international"
    world.save()
    rename(live, "harbour-wall")

    # The article lookup that misses, then the redirect's.
    with django_assert_num_queries(2):
        assert client.get("/international/wall/").status_code == 301
    with django_assert_num_queries(2):
        assert client.get("/world/").status_code == 301
    # An address from before the category's rename: that redirect too.
    with django_assert_num_queries(4):
        assert client.get("/world/wall/").status_code == 301


def test_an_address_that_never_existed_is_still_a_404(client, live):
    assert client.get("/world/never-was/").status_code == 404
    assert client.get("/nowhere/").status_code == 404


# --- Categories ---------------------------------------------------------------------


def test_a_renamed_category_redirects_its_page_and_every_article_in_it(
    client, world, live
):
    other = ArticleFactory(slug="ferry", category=world)
    world.slug = "international"
    world.save()

    assert moved_to(client, "/world/") == "/international/"
    assert moved_to(client, "/world/?page=2") == "/international/?page=2"
    assert moved_to(client, "/world/wall/") == "/international/wall/"
    assert moved_to(client, "/world/ferry/") == f"/international/{other.slug}/"
    assert moved_to(client, "/international/") is None


def test_category_renames_collapse_and_never_loop(client, world, live):
    for slug in ["international", "global", "world"]:
        world.slug = slug
        world.save()

    assert moved_to(client, "/world/") is None
    assert moved_to(client, "/international/") == "/world/"
    assert moved_to(client, "/global/") == "/world/"
    assert not Redirect.objects.filter(old_path="/world/").exists()


def test_a_new_category_on_an_old_slug_wins(client, world, live):
    world.slug = "international"
    world.save()

    CategoryFactory(name="World again", slug="world")

    assert client.get("/world/").status_code == 200


def test_an_article_renamed_after_its_category_moved_still_redirects(
    client, world, live
):
    world.slug = "international"
    world.save()
    rename(live, "harbour-wall")

    assert moved_to(client, "/world/wall/") == "/international/harbour-wall/"
    assert moved_to(client, "/international/wall/") == "/international/harbour-wall/"


# --- The desk ---------------------------------------------------------------------


def test_editors_see_a_read_only_list_of_redirects(editor_client, live):
    rename(live, "harbour-wall")
    redirect = Redirect.objects.get()

    listing = editor_client.get(REDIRECTS_URL)
    detail = editor_client.get(
        reverse("admin:articles_redirect_change", args=[redirect.pk])
    )

    assert listing.status_code == 200
    page = listing.content.decode()
    assert "/world/wall/" in page
    assert "/world/harbour-wall/" in page
    assert "Harbour wall rebuilt" in page
    assert detail.status_code == 200
    assert 'name="old_path"' not in detail.content.decode()  # shown, not edited
    assert editor_client.get(reverse("admin:articles_redirect_add")).status_code == 403
    delete = reverse("admin:articles_redirect_delete", args=[redirect.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Redirect.objects.exists()


def test_journalists_do_not_see_the_redirects(client):
    client.force_login(JournalistFactory())

    assert client.get(REDIRECTS_URL).status_code == 403


# --- Authors and tags --------------------------------------------------------------


def renamed(subject, slug):
    """``subject`` (an author or a tag) under a new slug, saved."""
    subject = type(subject).objects.get(pk=subject.pk)
    subject.slug = slug
    subject.save()
    return subject


def desk_form(response, **changes):
    """What the desk's change form on ``response`` posts, with ``changes``
    typed in: its fields and its inlines, as shown."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(value, FieldFile):
                continue  # a stored file stays unless a new one is sent
            if value is True:
                data[field.html_name] = "on"
            elif value not in (None, False):
                data[field.html_name] = value
    return data | changes


@pytest.fixture
def ada():
    return AuthorFactory(name="Ada Reporter", slug="ada")


@pytest.fixture
def harbour(world, ada):
    """A tag carried by a live article."""
    ArticleFactory(category=world, bylines=[ada], tag_names=["Harbour"])
    return Tag.objects.get(slug="harbour")


def test_an_author_renamed_on_the_desk_keeps_their_old_page(
    editor_client, client, ada, harbour
):
    url = reverse("admin:authors_author_change", args=[ada.pk])
    form = desk_form(editor_client.get(url), slug="ada-lovelace")

    assert editor_client.post(url, form).status_code == 302
    assert moved_to(client, "/author/ada/") == "/author/ada-lovelace/"
    assert moved_to(client, "/author/ada/?page=2") == "/author/ada-lovelace/?page=2"
    assert moved_to(client, "/author/ada-lovelace/") is None


def test_a_tag_renamed_on_the_desk_keeps_its_old_page(editor_client, client, harbour):
    url = reverse("admin:taggit_tag_change", args=[harbour.pk])
    form = desk_form(editor_client.get(url), slug="harbour-works")

    assert editor_client.post(url, form).status_code == 302
    assert moved_to(client, "/tag/harbour/") == "/tag/harbour-works/"
    assert moved_to(client, "/tag/harbour/?page=2") == "/tag/harbour-works/?page=2"
    assert moved_to(client, "/tag/harbour-works/") is None


@pytest.mark.parametrize("kind", ["author", "tag"])
def test_author_and_tag_renames_collapse_and_never_loop(client, ada, harbour, kind):
    subject = ada if kind == "author" else harbour
    base = f"/{kind}/{subject.slug}/"
    for slug in ["second", "third", subject.slug, "fourth"]:
        subject = renamed(subject, slug)

    current = f"/{kind}/fourth/"
    for old in [base, f"/{kind}/second/", f"/{kind}/third/"]:
        assert moved_to(client, old) == current, old
    assert moved_to(client, current) is None  # no second hop

    subject = renamed(subject, "second")  # back to an old slug: no loop

    assert moved_to(client, f"/{kind}/second/") is None
    assert moved_to(client, current) == f"/{kind}/second/"
    assert not Redirect.objects.filter(old_path=f"/{kind}/second/").exists()


def test_a_tag_without_live_articles_is_a_404_under_its_old_and_new_names(
    client, world
):
    draft = ArticleFactory(
        category=world,
        status=Status.DRAFT,
        published_at=None,
        tag_names=["Secret merger"],
    )
    renamed(Tag.objects.get(slug="secret-merger"), "takeover")

    for path in ["/tag/secret-merger/", "/tag/takeover/"]:
        for url in [path, f"{path}feed/", f"{path}feed/atom/"]:
            response = client.get(url)
            assert response.status_code == 404, url
            assert "takeover" not in response.get("Location", ""), url

    # Its first live article brings the page, and the old address with it.
    Article.objects.filter(pk=draft.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() - timedelta(minutes=1)
    )
    assert moved_to(client, "/tag/secret-merger/") == "/tag/takeover/"


def test_a_renamed_tag_whose_articles_are_taken_down_stops_redirecting(client, harbour):
    renamed(harbour, "harbour-works")
    assert moved_to(client, "/tag/harbour/") == "/tag/harbour-works/"

    Article.objects.update(status=Status.UNPUBLISHED)

    assert client.get("/tag/harbour/").status_code == 404
    assert client.get("/tag/harbour-works/").status_code == 404


def test_a_live_tag_on_an_old_slug_wins_over_the_redirect(client, world, harbour):
    renamed(harbour, "harbour-works")
    newcomer = ArticleFactory(
        headline="A new harbour story",
        category=world,
        status=Status.DRAFT,
        published_at=None,
        tag_names=[Tag.objects.create(name="Harbour (new)", slug="harbour")],
    )
    # While the new tag is on no live article, its address leads to the old tag.
    assert moved_to(client, "/tag/harbour/") == "/tag/harbour-works/"

    Article.objects.filter(pk=newcomer.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() - timedelta(seconds=1)
    )

    response = client.get("/tag/harbour/")
    assert response.status_code == 200
    assert "A new harbour story" in response.content.decode()


def test_an_old_author_or_tag_address_costs_one_query_after_the_miss(
    client, ada, harbour, django_assert_num_queries
):
    renamed(ada, "ada-lovelace")
    renamed(harbour, "harbour-works")

    # The author or tag lookup that misses, then the redirect's.
    with django_assert_num_queries(2):
        assert client.get("/author/ada/").status_code == 301
    with django_assert_num_queries(2):
        assert client.get("/tag/harbour/").status_code == 301


def test_the_desk_lists_where_old_author_and_tag_addresses_lead(
    editor_client, ada, harbour
):
    renamed(ada, "ada-lovelace")
    renamed(harbour, "harbour-works")
    Article.objects.update(status=Status.UNPUBLISHED)

    page = editor_client.get(REDIRECTS_URL).content.decode()

    assert "/author/ada/" in page
    assert "nowhere while the author is inactive or has no live article" in page
    assert "/tag/harbour/" in page
    assert "nowhere while no live article carries the tag (404)" in page


# --- One lookup, for every address ---------------------------------------------


def test_an_old_address_no_route_matches_still_leads_to_its_page(client, live):
    # Recorded by an import from an earlier site, say: no view was ever
    # written for it, and the middleware answers it all the same.
    Redirect.objects.create(old_path="/2019/05/harbour-wall.html", article=live)

    assert moved_to(client, "/2019/05/harbour-wall.html") == "/world/wall/"
    assert moved_to(client, "/2019/05/harbour-wall.html?ref=x") == (
        "/world/wall/?ref=x"
    )


def test_only_a_read_is_redirected(client, world, live):
    world.slug = "international"
    world.save()

    assert client.head("/world/").status_code == 301
    assert client.post("/world/feed/").status_code == 404
    assert client.post("/2019/never-was.html").status_code == 404


def test_junk_at_any_address_is_a_404_never_a_500(client, live):
    client.raise_request_exception = False
    for path in ["/wp-login.php", "/%00/x/", "/world/" + "a" * 600 + "/"]:
        assert client.get(path).status_code == 404, path

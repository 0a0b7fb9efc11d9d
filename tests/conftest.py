"""The suite's shared fixtures: the cache reset every test gets, the desk's
people (a journalist, an editor, an editor who also writes, a superuser) and
their logged-in clients, and a live article and a draft; defined once here, so every
module gets the same groups, author profiles and passwords. A module that needs
someone or something different on purpose names its fixture after how it
differs (``writing_editor``, ``tagged_article``)."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_migrate

from articles.models import Article
from newsroom import generations, page_keys, page_slots
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    EditorFactory,
    JournalistFactory,
    UserFactory,
    role_grants,
    role_group,
)


def _role_groups_again(sender, **kwargs):
    """A transactional test empties every table when it ends (Django's
    ``flush``), the groups the role migrations made included; the suite runs
    in several processes (docs/testing.md), so the next test in this one may
    be any test at all. ``flush`` ends with ``post_migrate``, once per app:
    at the last app's, every permission exists again, and so do the groups
    (``role_group``, which grants what the migrations grant)."""
    if sender.label == list(apps.get_app_configs())[-1].label:
        for name in role_grants():
            role_group(name)


post_migrate.connect(_role_groups_again, dispatch_uid="tests-role-groups-again")


@pytest.fixture(autouse=True)
def _clean_cache():
    # The page cache files pages (and the slots it fills them with) under the
    # site's generation and page-key versions, which each test's rolled-back
    # database resets: forget them all between tests.
    cache.clear()
    generations.forget()
    page_keys.forget()
    page_slots.forget()
    yield
    cache.clear()
    generations.forget()
    page_keys.forget()
    page_slots.forget()


@pytest.fixture
def page_cache(settings):
    """Public pages cached, as in production (the suite runs without)."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    # Long enough that a slow run never rereads the generation mid-test; the
    # recheck has a test of its own.
    settings.NEWSROOM_GENERATION_RECHECK_SECONDS = 60
    return cache


@pytest.fixture
def article():
    """A live article with a byline and every part: sections, key points and
    FAQs."""
    return ArticleFactory(with_parts=True)


@pytest.fixture
def draft(journalist):
    """``journalist``'s draft with every part, never published."""
    return ArticleFactory(
        headline="Harbour deal draft",
        status=Article.Status.DRAFT,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
    )


@pytest.fixture
def journalist():
    """A login in the Journalists group, with an author profile of its own."""
    return JournalistFactory(username="jo", email="jo@example.com")


@pytest.fixture
def editor():
    """A login in the Editors group, without an author profile."""
    return EditorFactory(username="ed", email="ed@example.com")


@pytest.fixture
def writing_editor():
    """An editor who also writes: a login in the Editors group with a byline."""
    editor = EditorFactory(username="writing-editor")
    AuthorFactory(user=editor, name="Wren Editor")
    editor.refresh_from_db()
    return editor


@pytest.fixture
def superuser():
    """An administrator: users and site settings as well as the newsroom."""
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def editor_client(client):
    """The test client, logged in as an editor of its own (not ``editor``)."""
    client.force_login(EditorFactory())
    return client


@pytest.fixture
def journalist_client(client, journalist):
    """The test client, logged in as ``journalist``."""
    client.force_login(journalist)
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT

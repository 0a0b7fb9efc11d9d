import pytest
from django.core.cache import cache

from newsroom import generations
from tests.factories import EditorFactory


@pytest.fixture(autouse=True)
def _clean_cache():
    # The page cache files pages under the site's generation, which each test's
    # rolled-back database resets: forget both between tests.
    cache.clear()
    generations.forget()
    yield
    cache.clear()
    generations.forget()


@pytest.fixture
def page_cache(settings):
    """Public pages cached, as in production (the suite runs without)."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    # Long enough that a slow run never rereads the generation mid-test; the
    # recheck has a test of its own.
    settings.NEWSROOM_GENERATION_RECHECK_SECONDS = 60
    return cache


@pytest.fixture
def editor_client(client):
    """The test client, logged in as an editor."""
    client.force_login(EditorFactory())
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT

"""The embed allowlist (newsroom/embeds.py): which addresses become an embed,
the provider's iframe each gets, and the hostile ones that never do."""

import pytest
from django.urls import reverse

from newsroom import embeds
from newsroom.embeds import EmbedRefused, embed_for
from tests.factories import ArticleFactory

# Address as pasted -> (provider shown, iframe address or None for a link only).
PROVIDERS = {
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ": (
        "YouTube",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ),
    "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ": (
        "YouTube",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ),
    "https://youtu.be/dQw4w9WgXcQ": (
        "YouTube",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ),
    "https://www.youtube.com/shorts/dQw4w9WgXcQ": (
        "YouTube",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ),
    "https://vimeo.com/76979871": (
        "Vimeo",
        "https://player.vimeo.com/video/76979871?dnt=1",
    ),
    "https://vimeo.com/76979871/a1b2c3d4e5": (
        "Vimeo",
        "https://player.vimeo.com/video/76979871?dnt=1&h=a1b2c3d4e5",
    ),
    "https://x.com/newsroom/status/1790000000000000000": (
        "X",
        "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true",
    ),
    "https://twitter.com/newsroom/status/20": (
        "X",
        "https://platform.twitter.com/embed/Tweet.html?id=20&dnt=true",
    ),
    "https://www.instagram.com/p/C1a2B3c4D5e/": (
        "Instagram",
        "https://www.instagram.com/p/C1a2B3c4D5e/embed/",
    ),
    "https://www.instagram.com/reel/C1a2B3c4D5e/": (
        "Instagram",
        "https://www.instagram.com/reel/C1a2B3c4D5e/embed/",
    ),
    "https://www.tiktok.com/@newsroom/video/7312345678901234567": (
        "TikTok",
        "https://www.tiktok.com/embed/v2/7312345678901234567",
    ),
    "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kz5wzvxf5r2u": (
        "Bluesky",
        "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur"
        "/app.bsky.feed.post/3kz5wzvxf5r2u",
    ),
    # Named by handle: finding its DID would mean asking Bluesky. A link.
    "https://bsky.app/profile/newsroom.bsky.social/post/3kz5wzvxf5r2u": (
        "Bluesky",
        None,
    ),
    # Any Mastodon server: a link (no fixed frame-src could list them all).
    "https://mastodon.social/@Gargron/109325126137898041": ("Mastodon", None),
    "https://journa.host/@desk/112233445566778899": ("Mastodon", None),
    "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk": (
        "Spotify",
        "https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk",
    ),
    "https://open.spotify.com/intl-de/track/4cOdK2wGLETKBW3PvgPWqT": (
        "Spotify",
        "https://open.spotify.com/embed/track/4cOdK2wGLETKBW3PvgPWqT",
    ),
    "https://soundcloud.com/newsroom/morning-briefing": (
        "SoundCloud",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com"
        "%2Fnewsroom%2Fmorning-briefing&visual=true",
    ),
    "https://datawrapper.dwcdn.net/Ab3dE/2/": (
        "Datawrapper",
        "https://datawrapper.dwcdn.net/Ab3dE/2/",
    ),
    "https://www.datawrapper.de/_/Ab3dE/": (
        "Datawrapper",
        "https://datawrapper.dwcdn.net/Ab3dE/",
    ),
    "https://public.flourish.studio/visualisation/16512345/": (
        "Flourish",
        "https://flo.uri.sh/visualisation/16512345/embed",
    ),
    "https://public.flourish.studio/story/2345678/": (
        "Flourish",
        "https://flo.uri.sh/story/2345678/embed",
    ),
}


@pytest.mark.parametrize("url", PROVIDERS)
def test_each_provider_embeds_from_its_own_iframe_origin(url):
    name, frame_src = PROVIDERS[url]
    embed = embed_for(url)

    assert embed.provider.name == name
    assert embed.frame_src == frame_src
    if frame_src:
        origin = "/".join(frame_src.split("/")[:3])
        assert origin in embeds.FRAME_ORIGINS
    assert embed.url == url  # already in its normal form


def test_a_plain_http_address_of_a_provider_is_read_as_https():
    embed = embed_for("http://WWW.YouTube.com/watch?v=dQw4w9WgXcQ#t=1")

    assert embed.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert embed.frame_src.startswith("https://")


HOSTILE = {
    "javascript:alert(1)": "is not a web address",
    "JaVaScRiPt:alert(document.cookie)//https://youtu.be/dQw4w9WgXcQ": (
        "is not a web address"
    ),
    "data:text/html,<script>alert(1)</script>": "is not a web address",
    "//youtu.be/dQw4w9WgXcQ": "is not a web address",
    "ftp://youtube.com/watch?v=dQw4w9WgXcQ": "is not a web address",
    "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ": (
        "Links from youtube.com.evil.example cannot be embedded"
    ),
    "https://evilyoutube.com/watch?v=dQw4w9WgXcQ": (
        "Links from evilyoutube.com cannot be embedded"
    ),
    "https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ": "no user name",
    "https://evil.example@youtube.com/watch?v=dQw4w9WgXcQ": "no user name",
    "https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ": "no user name",
    "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ": "no user name",
    "https://www.youtube.com\\@evil.example/watch": "is not a web address",
    "https://www.you\u0074ube.com\u200b/watch?v=dQw4w9WgXcQ": "is not a web address",
    "https://www.yоutube.com/watch?v=dQw4w9WgXcQ": "is not a web address",  # Cyrillic о
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="alert(1)': (
        "is not a web address"
    ),
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n<script>": "is not a web address",
    "https://127.0.0.1/@desk/1": "is not a web address",
    "https://www.youtube.com/about": "does not point to something",
    "https://www.youtube.com/watch?v=../../evil": "does not point to something",
    "https://open.spotify.com/track/short": "does not point to something",
    "https://example.com/some/story": "Links from example.com cannot be embedded",
    "": "is not a web address",
}


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_and_unknown_addresses_are_refused_with_the_reason(url):
    with pytest.raises(EmbedRefused) as refusal:
        embed_for(url)

    assert HOSTILE[url] in str(refusal.value)


def test_a_refusal_names_the_providers_that_may_be_embedded():
    with pytest.raises(EmbedRefused) as refusal:
        embed_for("https://example.com/video")

    for name in ["YouTube", "Vimeo", "X", "Datawrapper", "Flourish", "Mastodon"]:
        assert name in str(refusal.value)


def test_a_look_alike_mastodon_address_on_a_provider_host_is_not_mastodon():
    # Any server may be Mastodon, but a provider's own host is the provider.
    with pytest.raises(EmbedRefused, match="This YouTube address"):
        embed_for("https://www.youtube.com/@channel/12345")


@pytest.mark.django_db
def test_the_policy_allows_frames_from_the_providers_and_nowhere_else(client):
    article = ArticleFactory()
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]

    frame_src = next(
        part.split()[1:] for part in policy.split(";") if part.split()[0] == "frame-src"
    )
    assert sorted(frame_src) == embeds.FRAME_ORIGINS
    assert "https://www.youtube-nocookie.com" in frame_src
    assert "https://www.youtube.com" not in frame_src
    assert all(origin.startswith("https://") for origin in frame_src)
    # The desk's own policy keeps the same frames.
    desk = client.get(reverse("admin:login"))["Content-Security-Policy"]
    assert f"frame-src {' '.join(embeds.FRAME_ORIGINS)}" in desk

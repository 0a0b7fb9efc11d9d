"""Embeds in section bodies: which addresses may be embedded, and how.

The one definition of the embed allowlist. A journalist gives the address of
a post (a YouTube video, a post on X, a Datawrapper chart...); the body keeps
only that address, in ``<figure class="embed" data-embed-url="…">`` with a
plain link inside (newsroom/richtext.py). Everything else is derived here, on
the server, from that address:

- whether it may be embedded at all (``embed_for``, refusing with a message a
  journalist can act on: ``EmbedRefused``);
- the provider's name, shown on the reader's click-to-load placeholder;
- the provider's iframe address (``frame_src``), always https and always on one
  of ``FRAME_ORIGINS``, which is exactly what the Content-Security-Policy's
  ``frame-src`` allows (newsroom/settings.py). No third-party script is ever
  loaded: only an iframe, and only once the reader asks for it
  (static/js/embeds.js).

A provider whose post has no iframe address we can build without asking the
provider (a Mastodon post lives on any of thousands of servers, which a fixed
``frame-src`` cannot list; a Bluesky post named by handle needs a lookup to
find its DID) is still recognised: the reader gets the placeholder with its
link and no button.

Addresses are matched strictly: https (a plain http address of a provider is
read as its https one), no user name or password, no port, an ASCII host that
is the provider's own, exactly (``youtube.com.evil.example`` is not YouTube),
and a path of the shape the provider gives its posts.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

MAX_URL_LENGTH = 2000

# A host name as DNS writes it (letters, digits, hyphens, dots), with a
# top-level domain that is not a number: no IP addresses.
HOST_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")
# What may appear in an address as a journalist copies it: no spaces, quotes,
# angle brackets, backslashes or control characters.
URL_CHARACTERS_RE = re.compile(r"[!#$%&'()*+,\-./0-9:;=?@A-Z\[\]_a-z~]+")


class EmbedRefused(ValueError):
    """The address cannot be embedded; ``str()`` says why, for the journalist."""


@dataclass(frozen=True)
class Embed:
    provider: "Provider"
    url: str  # the post's address, normalised (https, lower-case host)
    frame_src: str | None  # the provider's iframe, or None: a link only

    @property
    def host(self):
        return urlsplit(self.url).hostname


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    # The hosts its posts live on; empty: any host (Mastodon's servers).
    hosts: frozenset
    # Where its iframes come from; None: it has none we use.
    frame_origin: str | None
    # (path, query) -> frame_src, "" for a post shown as a link only, or
    # None when the path is not one of its posts.
    frame: object
    # What the iframe shows, for its accessible title.
    kind: str


def _youtube(path, query):
    match = re.fullmatch(r"/(?:shorts|embed|live)/([\w-]{11})/?", path)
    video = match.group(1) if match else None
    if path == "/watch":
        video = (parse_qs(query).get("v") or [""])[0]
    if not video or not re.fullmatch(r"[\w-]{11}", video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def _youtu_be(path, query):
    match = re.fullmatch(r"/([\w-]{11})/?", path)
    return match and f"https://www.youtube-nocookie.com/embed/{match.group(1)}"


def _vimeo(path, query):
    match = re.fullmatch(
        r"/(?:video/|channels/[\w-]+/|groups/[\w-]+/videos/)?(\d+)(?:/([0-9a-f]+))?/?",
        path,
    )
    if not match:
        return None
    video, unlisted = match.groups()
    unlisted = unlisted or (parse_qs(query).get("h") or [""])[0]
    suffix = f"&h={unlisted}" if re.fullmatch(r"[0-9a-f]+", unlisted or "") else ""
    return f"https://player.vimeo.com/video/{video}?dnt=1{suffix}"


def _x(path, query):
    match = re.fullmatch(r"/\w{1,15}/status(?:es)?/(\d+)(?:/.*)?", path)
    return match and (
        f"https://platform.twitter.com/embed/Tweet.html?id={match.group(1)}&dnt=true"
    )


def _instagram(path, query):
    match = re.fullmatch(r"(?:/[\w.]+)?/(p|reel|tv)/([\w-]+)/?(?:embed/?)?", path)
    return match and f"https://www.instagram.com/{match[1]}/{match[2]}/embed/"


def _tiktok(path, query):
    match = re.fullmatch(r"/@[\w.-]+/video/(\d+)/?", path)
    return match and f"https://www.tiktok.com/embed/v2/{match.group(1)}"


def _bluesky(path, query):
    match = re.fullmatch(r"/profile/([\w.:-]+)/post/([a-z0-9]+)/?", path)
    if not match:
        return None
    author, post = match.groups()
    if not author.startswith("did:"):
        return ""  # a handle: finding its DID would mean asking Bluesky
    return f"https://embed.bsky.app/embed/{author}/app.bsky.feed.post/{post}"


def _mastodon(path, query):
    # /@user/123 or /@user@other.server/123: a post seen from any server.
    if re.fullmatch(r"/@\w+(?:@[\w.-]+)?/\d+/?", path):
        return ""
    return None


def _spotify(path, query):
    match = re.fullmatch(
        r"(?:/intl-[\w-]+)?/(track|album|playlist|episode|show|artist)/(\w{22})/?",
        path,
    )
    return match and f"https://open.spotify.com/embed/{match[1]}/{match[2]}"


def _soundcloud(path, query):
    if not re.fullmatch(r"/[\w-]+/(?:sets/)?[\w-]+/?", path):
        return None
    track = quote(f"https://soundcloud.com{path.rstrip('/')}", safe="")
    return f"https://w.soundcloud.com/player/?url={track}&visual=true"


def _datawrapper_cdn(path, query):
    match = re.fullmatch(r"/(\w{5})/(?:(\d+)/)?(?:index\.html)?", path)
    if not match:
        return None
    chart, version = match.groups()
    return f"https://datawrapper.dwcdn.net/{chart}/{version + '/' if version else ''}"


def _datawrapper_site(path, query):
    match = re.fullmatch(r"/_/(\w{5})/?", path)
    return match and f"https://datawrapper.dwcdn.net/{match.group(1)}/"


def _flourish(path, query):
    match = re.fullmatch(r"/(visualisation|story)/(\d+)/?(?:embed)?", path)
    return match and f"https://flo.uri.sh/{match[1]}/{match[2]}/embed"


def _hosts(*names):
    return frozenset(names)


PROVIDERS = [
    Provider(
        "youtube",
        "YouTube",
        _hosts("youtube.com", "www.youtube.com", "m.youtube.com"),
        "https://www.youtube-nocookie.com",
        _youtube,
        _("video"),
    ),
    Provider(
        "youtube",
        "YouTube",
        _hosts("youtu.be"),
        "https://www.youtube-nocookie.com",
        _youtu_be,
        _("video"),
    ),
    Provider(
        "vimeo",
        "Vimeo",
        _hosts("vimeo.com", "www.vimeo.com", "player.vimeo.com"),
        "https://player.vimeo.com",
        _vimeo,
        _("video"),
    ),
    Provider(
        "x",
        "X",
        _hosts(
            "x.com",
            "www.x.com",
            "twitter.com",
            "www.twitter.com",
            "mobile.twitter.com",
        ),
        "https://platform.twitter.com",
        _x,
        _("post"),
    ),
    Provider(
        "instagram",
        "Instagram",
        _hosts("instagram.com", "www.instagram.com"),
        "https://www.instagram.com",
        _instagram,
        _("post"),
    ),
    Provider(
        "tiktok",
        "TikTok",
        _hosts("tiktok.com", "www.tiktok.com", "m.tiktok.com"),
        "https://www.tiktok.com",
        _tiktok,
        _("video"),
    ),
    Provider(
        "bluesky",
        "Bluesky",
        _hosts("bsky.app"),
        "https://embed.bsky.app",
        _bluesky,
        _("post"),
    ),
    Provider(
        "spotify",
        "Spotify",
        _hosts("open.spotify.com"),
        "https://open.spotify.com",
        _spotify,
        _("player"),
    ),
    Provider(
        "soundcloud",
        "SoundCloud",
        _hosts("soundcloud.com", "www.soundcloud.com", "m.soundcloud.com"),
        "https://w.soundcloud.com",
        _soundcloud,
        _("player"),
    ),
    Provider(
        "datawrapper",
        "Datawrapper",
        _hosts("datawrapper.dwcdn.net"),
        "https://datawrapper.dwcdn.net",
        _datawrapper_cdn,
        _("chart"),
    ),
    Provider(
        "datawrapper",
        "Datawrapper",
        _hosts("www.datawrapper.de", "datawrapper.de"),
        "https://datawrapper.dwcdn.net",
        _datawrapper_site,
        _("chart"),
    ),
    Provider(
        "flourish",
        "Flourish",
        _hosts("public.flourish.studio", "flo.uri.sh"),
        "https://flo.uri.sh",
        _flourish,
        _("chart"),
    ),
    # Last: it takes any host, so a provider's own host is never read as it.
    Provider("mastodon", "Mastodon", frozenset(), None, _mastodon, _("post")),
]

# What the Content-Security-Policy's frame-src allows: these, nothing more.
FRAME_ORIGINS = sorted({p.frame_origin for p in PROVIDERS if p.frame_origin})

PROVIDER_NAMES = list(dict.fromkeys(provider.name for provider in PROVIDERS))
_BY_HOST = {host: provider for provider in PROVIDERS for host in provider.hosts}
_ANY_HOST = [provider for provider in PROVIDERS if not provider.hosts]

NOT_A_LINK = _(
    "“%(url)s” is not a web address. Copy the address (https://…) of the post "
    "from the provider's page."
)
UNSAFE_LINK = _(
    "“%(url)s” cannot be embedded: an embed's address has no user name, "
    "password or port. Copy the address of the post from the provider's page."
)
NOT_ALLOWED = _(
    "Links from %(host)s cannot be embedded. Embeds are allowed from: "
    "%(providers)s. Add other links as ordinary links in the text."
)
NOT_A_POST = _(
    "This %(provider)s address does not point to something that can be "
    "embedded. Copy the address of the post itself (for example a video's "
    "page) and try again."
)


def allowed_providers():
    return ", ".join(PROVIDER_NAMES)


def embed_for(url):
    """The embed for ``url``, or ``EmbedRefused`` saying why there is none."""
    url = (url or "").strip()
    if (
        len(url) > MAX_URL_LENGTH
        or not URL_CHARACTERS_RE.fullmatch(url)
        or not re.match(r"https?://", url, re.IGNORECASE)
    ):
        raise EmbedRefused(NOT_A_LINK % {"url": url[:200]})
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise EmbedRefused(NOT_A_LINK % {"url": url[:200]}) from None
    if parts.username is not None or port is not None or "@" in parts.netloc:
        raise EmbedRefused(UNSAFE_LINK % {"url": url[:200]})
    host = parts.hostname or ""
    if not HOST_RE.fullmatch(host):
        raise EmbedRefused(NOT_A_LINK % {"url": url[:200]})
    provider = _BY_HOST.get(host)
    candidates = [provider] if provider else _ANY_HOST
    for candidate in candidates:
        frame_src = candidate.frame(parts.path, parts.query)
        if frame_src is not None:
            normalised = urlunsplit(("https", host, parts.path, parts.query, ""))
            return Embed(candidate, normalised, frame_src or None)
    if provider:
        raise EmbedRefused(NOT_A_POST % {"provider": provider.name})
    raise EmbedRefused(NOT_ALLOWED % {"host": host, "providers": allowed_providers()})


def editor_config():
    """What the desk's editor checks before it inserts an embed
    (static/js/prose-body.js), so most refusals come before a save; the
    server's ``embed_for`` stays the judge."""
    return {
        "hosts": sorted(_BY_HOST),
        "providers": PROVIDER_NAMES,
        "anyHostPath": r"^/@\w+(?:@[\w.-]+)?/\d+/?$",
    }

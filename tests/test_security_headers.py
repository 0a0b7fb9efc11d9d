"""What every response tells the browser: Content-Security-Policy (strict on
public pages, the desk's own variant under /admin/), Permissions-Policy,
Referrer-Policy, frame denial; and production settings pass check --deploy."""

import base64
import hashlib
import re

import pytest
from django.core import checks
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def public_pages(article):
    return ["/", article.get_absolute_url(), article.category.get_absolute_url()]


def test_public_pages_allow_only_our_own_scripts_and_styles(client, article):
    for url in public_pages(article):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-eval'" not in directives["script-src"]
        assert "'unsafe-inline'" not in directives["style-src"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["form-action"] == ["'self'"]


def test_json_ld_blocks_are_named_by_hash_in_the_policy(client, article):
    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    assert len(blocks) == 3  # article, breadcrumbs, FAQs
    script_src = policy(response)["script-src"]
    for block in blocks:
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    # Every other script element on the page is ours, from a file.
    others = re.findall(r"<script(?! type=\"application/ld\+json\")[^>]*>", html)
    assert others == ['<script src="/static/js/site.js" defer>']


def test_public_page_and_its_policy_are_the_same_for_every_reader(article):
    # Cacheable: no per-request nonce in the page or its header.
    first, second = Client().get("/"), Client().get("/")

    assert first.content == second.content
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce" not in first["Content-Security-Policy"]


def test_admin_change_form_runs_the_rich_text_editor_under_its_policy(client, article):
    client.force_login(EditorFactory())

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    script_src = policy(response)["script-src"]
    nonce = next(source for source in script_src if source.startswith("'nonce-"))
    # The editor's inline import map carries the nonce; no inline script is
    # let through without one.
    assert f'<script type="importmap" nonce="{nonce[7:-1]}">' in html
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "django_prose_editor/editor.js" in html
    assert policy(response)["frame-ancestors"] == ["'none'"]


def test_admin_login_page_is_served_under_a_policy(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    assert "'unsafe-inline'" not in policy(response)["script-src"]


def test_every_page_denies_framing_and_switches_off_unused_features(client, article):
    for url in [*public_pages(article), reverse("admin:login")]:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        features = dict(
            item.strip().split("=", 1)
            for item in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
            assert features[feature] == "()"


PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "x7#Kq!v2Lr9$Wm4Zp8&Tn3Yb6^Hc1Jf5Gd0Sa-Ue+Oi7Ek2Rw_pL4nQ8zV0cX6",
    "ALLOWED_HOSTS": ["news.example.com"],
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    # Links in mails point at the site, and mail leaves the server.
    "NEWSROOM_BASE_URL": "https://news.example.com",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


@pytest.fixture
def deployment_environment(monkeypatch):
    # Browser tests in this process allow Django's ORM inside the event loop
    # (Playwright runs one); a deployment never sets that variable.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


def test_production_settings_pass_check_deploy_without_warnings(deployment_environment):
    with override_settings(**PRODUCTION):
        found = checks.run_checks(include_deployment_checks=True)
        # The command too, as an operator runs it: it raises on errors.
        call_command("check", deploy=True, fail_level="WARNING")

    assert [f"{message.id}: {message.msg}" for message in found] == []


def test_production_environment_sets_the_secure_settings(
    monkeypatch, deployment_environment
):
    """newsroom.settings read with the production variables an operator sets."""
    import importlib

    import newsroom.settings

    for name, value in {
        "DJANGO_SECRET_KEY": PRODUCTION["SECRET_KEY"],
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "true",
        "DJANGO_ALLOWED_HOSTS": "news.example.com",
        "NEWSROOM_BASE_URL": PRODUCTION["NEWSROOM_BASE_URL"],
        "DJANGO_EMAIL_BACKEND": PRODUCTION["EMAIL_BACKEND"],
    }.items():
        monkeypatch.setenv(name, value)
    production = importlib.reload(newsroom.settings)
    try:
        assert production.SESSION_COOKIE_SECURE is True
        assert production.SESSION_COOKIE_HTTPONLY is True
        assert production.CSRF_COOKIE_SECURE is True
        assert production.SECURE_HSTS_SECONDS >= 31536000
        assert production.SECURE_SSL_REDIRECT is True
        assert production.DEBUG is False
        overrides = {
            name: getattr(production, name)
            for name in dir(production)
            if name.isupper() and name.startswith(("SECURE_", "SESSION_", "CSRF_"))
        }
        overrides.update(
            DEBUG=production.DEBUG,
            SECRET_KEY=production.SECRET_KEY,
            ALLOWED_HOSTS=production.ALLOWED_HOSTS,
            NEWSROOM_BASE_URL=production.NEWSROOM_BASE_URL,
            EMAIL_BACKEND=production.EMAIL_BACKEND,
        )
        with override_settings(**overrides):
            found = checks.run_checks(include_deployment_checks=True)
        assert [message.id for message in found] == []
    finally:
        monkeypatch.undo()
        importlib.reload(newsroom.settings)

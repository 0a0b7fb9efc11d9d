"""Response headers every page carries: Content-Security-Policy (with the
desk's own variant, and the hashes of a page's JSON-LD blocks) and
Permissions-Policy."""

import base64
import hashlib

from csp.constants import NONCE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a policy of its own for the desk.

    Public pages get ``CONTENT_SECURITY_POLICY`` as it stands. Under /admin/
    two things differ, and only there:

    - ``script-src`` adds the request's nonce. django-prose-editor loads its
      modules through an inline ``<script type="importmap">``; the admin's
      change form renders its media with the nonce
      (templates/admin/change_form.html). Inline scripts without the nonce
      stay blocked.
    - ``style-src`` allows inline styles: the editor (Tiptap) injects a
      ``<style>`` element and offers no nonce for it. Styles cannot run code;
      scripts stay strict.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        hashes = getattr(request, "csp_script_hashes", None)
        if hashes:
            parts.update = {
                **(parts.update or {}),
                "script-src": [*(parts.update or {}).get("script-src", []), *hashes],
            }
        if not report_only and request.path_info.startswith(admin_prefix()):
            parts.replace = {
                **(parts.replace or {}),
                "script-src": [SELF, NONCE],
                "style-src": [SELF, UNSAFE_INLINE],
            }
        return parts


def allow_inline_script(request, text):
    """Lets this response's policy allow an inline script of exactly
    ``text``, by its SHA-256 hash. The same text gives the same hash for
    every reader, so pages stay cacheable (a nonce would differ per request).
    """
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    hashes = request.__dict__.setdefault("csp_script_hashes", [])
    source = f"'sha256-{digest}'"
    if source not in hashes:
        hashes.append(source)


def admin_prefix():
    return reverse("admin:index")


class PermissionsPolicyMiddleware:
    """Switches off the browser features named in
    ``NEWSROOM_PERMISSIONS_POLICY`` (no page of ours uses a camera, a
    microphone or the reader's location)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}={allowlist}"
            for feature, allowlist in settings.NEWSROOM_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response

"""Template helpers for the Content-Security-Policy."""

from django import template
from js_asset import Media

register = template.Library()


@register.filter
def with_nonce(media, nonce):
    """Form media whose tags (the import map included) carry ``nonce``:
    ``{{ media|with_nonce:request.csp_nonce }}``."""
    # django-csp's nonce is lazy, and false until read: test for None.
    if nonce is None or nonce == "":
        return media
    return Media.from_media(media, nonce=str(nonce))

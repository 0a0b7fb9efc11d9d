"""The rules for slugs: which a category or an article may not take, how
long an article's may be once it is an address, and the words a headline
gives one.

Apart from the models so that each model, and the forms and checks that read
these rules, share one definition. ``fit_slug`` and ``Article.slug_for`` stay
beside the article: they read its field and its table.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsroom.routes import RESERVED_SLUGS


def validate_category_slug(value):
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the site itself (/%(slug)s/); choose another."),
            code="reserved",
            params={"slug": value},
        )


# The second segments a category's own pages use: /<category>/feed/.
ARTICLE_RESERVED_SLUGS = frozenset({"feed"})

# An article's slug as its address carries it, each letter outside ASCII
# percent-encoded (a Japanese character takes nine): kept short enough that
# the whole path, category included, fits where old addresses are kept
# (``Redirect.old_path``, 500 characters).
ARTICLE_SLUG_MAX_ADDRESS_LENGTH = 400

# The slug of a headline with no letter or digit in any script ("!!!").
FALLBACK_ARTICLE_SLUG = "article"


def address_length(slug):
    return len(iri_to_uri(slug))


def validate_article_slug(value):
    if value.lower() in ARTICLE_RESERVED_SLUGS:
        raise ValidationError(
            _(
                "“%(slug)s” is used by each category's own pages "
                "(/<category>/%(slug)s/); choose another."
            ),
            code="reserved",
            params={"slug": value},
        )
    if address_length(value) > ARTICLE_SLUG_MAX_ADDRESS_LENGTH:
        raise ValidationError(
            _(
                "This slug is too long for an address (letters outside A–Z "
                "count several times there); shorten it."
            ),
            code="address_too_long",
        )


def headline_slug(headline):
    """The headline's words as a slug: in ASCII when that loses no more than
    accents ("Café reopens" is ``cafe-reopens``), in the headline's own
    script otherwise ("Київ відкриває міст" is ``київ-відкриває-міст``, not
    an empty slug). Empty when the headline has no letter or digit at all."""
    slug = slugify(headline, allow_unicode=True)
    decomposed = unicodedata.normalize("NFKD", slug)
    if "".join(c for c in decomposed if not unicodedata.combining(c)).isascii():
        return slugify(headline)
    return slug

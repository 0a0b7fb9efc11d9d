"""Articles as the lists read them: light rows, not model instances.

A home page shows some 45 cards, and loading each as an ``Article`` with
its category, its picture and its bylines' authors built some 280 model
instances a request: more of an uncached home page's time than rendering
the cards, which are reused (``articles.cards``). A card only reads values,
so a list's rows are read with ``values_list()`` into the small objects
below, and its bylines by one plain query grouped here; so are the menu's
sections and the headlines strip every page shows. The queries of a fixed
shape are compiled once per process (``newsroom.prepared``).

The objects answer to the same names as the models (``headline``,
``category.name``, ``hero_image.srcset``, ``byline_authors``,
``get_absolute_url()``, ``is_published()``…), and the rules behind those
names are the models' own functions, borrowed rather than copied: an
address, whether a story is live, the hero's alt text or an author's link
is defined once, on the model, for a page's rows and for these alike. So a
card, ``card_values`` and a page's template read either the same way.
"""

from django.db.models.query import ValuesListIterable

from articles.models import Article, Byline, Category
from authors.models import Author
from library.models import Image
from newsroom.prepared import PreparedQuery

# What a card (templates/includes/article_card.html, ``card_values``) and the
# pages around it read of an article: its own columns, in the order of
# ``Card``'s first slots, then its section's and its picture's. A value a
# card starts to show joins these and ``Card``.
ARTICLE_COLUMNS = (
    *("id", "headline", "slug", "dek", "status", "published_at", "reading_time"),
    *("is_featured", "hero_alt", "is_live_blog", "coverage_ended_at"),
)
CATEGORY_COLUMNS = ("category_id", "category__name", "category__slug")
PICTURE_COLUMNS = (
    *("hero_image_id", "hero_image__file", "hero_image__width"),
    *("hero_image__height", "hero_image__renditions", "hero_image__focal_x"),
    *("hero_image__focal_y", "hero_image__alt"),
)
CARD_COLUMNS = (*ARTICLE_COLUMNS, *CATEGORY_COLUMNS, *PICTURE_COLUMNS)
# A headline in the strip and the sidebar: the words and the address.
HEADLINE_COLUMNS = ("id", "headline", "slug", "category_id", "category__slug")
BYLINE_COLUMNS = (
    *("article_id", "author_id", "author__name", "author__slug"),
    "author__is_active",
)


class CardCategory:
    """A section, as a card and the menu name and link to it."""

    __slots__ = ("pk", "name", "slug")
    get_absolute_url = Category.get_absolute_url

    def __init__(self, pk, name, slug):
        self.pk, self.name, self.slug = pk, name, slug


class CardAuthor:
    """A bylined author, as a card names and links them."""

    __slots__ = ("pk", "name", "slug", "is_active")
    get_absolute_url = Author.get_absolute_url
    page_url = Author.page_url

    def __init__(self, pk, name, slug, is_active):
        self.pk, self.name, self.slug, self.is_active = pk, name, slug, is_active


class CardPicture:
    """An article's hero image, as a card shows it: the library image's
    stored values, its file (``srcset``, ``url``) made only when a card is
    rendered rather than reused."""

    __slots__ = (
        *("pk", "name", "width", "height", "renditions", "focal_x", "focal_y"),
        *("alt", "_file"),
    )
    url = Image.url
    srcset = Image.srcset
    focus_class = Image.focus_class

    def __init__(self, pk, name, width, height, renditions, focal_x, focal_y, alt):
        self.pk, self.name, self.width, self.height = pk, name, width, height
        self.renditions, self.focal_x, self.focal_y = renditions, focal_x, focal_y
        self.alt, self._file = alt, None

    @property
    def file(self):
        """The stored file, as ``Image.file`` gives it: its URL and its
        renditions' (``newsroom.renditions``) read this object's values."""
        if self._file is None:
            field = Image._meta.get_field("file")
            self._file = field.attr_class(self, field, self.name)
        return self._file


class Card:
    """An article as a list shows it (``CARD_COLUMNS``), with its
    ``category``, ``hero_image`` and ``byline_authors`` (``with_bylines``);
    a search result also gets its ``search_snippet``."""

    __slots__ = (
        *("pk", "headline", "slug", "dek", "status", "published_at"),
        *("reading_time", "is_featured", "hero_alt", "is_live_blog"),
        *("coverage_ended_at", "category_id", "category", "hero_image_id"),
        *("hero_image", "byline_authors", "search_snippet"),
    )
    Status = Article.Status
    get_absolute_url = Article.get_absolute_url
    is_published = Article.is_published
    is_live_now = Article.is_live_now
    hero_alt_text = Article.hero_alt_text
    _hero_text = Article._hero_text

    @property
    def id(self):
        return self.pk

    def __eq__(self, other):
        # As a model instance: the same article, whichever object holds it.
        return isinstance(other, Card) and other.pk == self.pk

    def __hash__(self):
        return hash(self.pk)


class Headline:
    """An article as the strip of latest headlines and the sidebar show it."""

    __slots__ = ("pk", "headline", "slug", "category_id", "category")
    get_absolute_url = Article.get_absolute_url


def cards_from_rows(rows):
    """``Card``s of ``CARD_COLUMNS`` rows, without their bylines (trailing
    columns, such as a search's rank, are not read); one ``CardCategory``
    per section."""
    own = len(ARTICLE_COLUMNS)
    picture = own + len(CATEGORY_COLUMNS)
    end = picture + len(PICTURE_COLUMNS)
    categories = {}
    cards = []
    for row in rows:
        card = Card()
        (
            card.pk,
            card.headline,
            card.slug,
            card.dek,
            card.status,
            card.published_at,
            card.reading_time,
            card.is_featured,
            card.hero_alt,
            card.is_live_blog,
            card.coverage_ended_at,
        ) = row[:own]
        card.category_id = row[own]
        card.category = section(categories, *row[own:picture])
        card.hero_image_id = row[picture]
        card.hero_image = (
            CardPicture(*row[picture:end]) if row[picture] is not None else None
        )
        card.byline_authors = []
        cards.append(card)
    return cards


def section(categories, pk, name, slug):
    """The ``CardCategory`` of ``pk`` (None without one), one per section
    in ``categories``."""
    if pk is None:
        return None
    category = categories.get(pk)
    if category is None:
        category = categories[pk] = CardCategory(pk, name, slug)
    return category


def cards_with_bylines(rows):
    """``Card``s of ``CARD_COLUMNS`` rows, with their bylines."""
    return with_bylines(cards_from_rows(rows))


def with_bylines(cards):
    """``cards`` with their ``byline_authors``, in byline order: one query
    for them all, one ``CardAuthor`` per author."""
    by_pk = {}
    for card in cards:
        card.byline_authors = []
        by_pk.setdefault(card.pk, []).append(card)
    if not by_pk:
        return cards
    authors = {}
    for article_pk, author_pk, *values in BYLINES.rows(by_pk):
        author = authors.get(author_pk)
        if author is None:
            author = authors[author_pk] = CardAuthor(author_pk, *values)
        for card in by_pk[article_pk]:
            card.byline_authors.append(author)
    return cards


def bylines_of(articles):
    """The bylines of ``articles`` (pks), in order, with their authors."""
    return (
        Byline.objects.filter(article_id__in=articles)
        .order_by("position", "id")
        .values_list(*BYLINE_COLUMNS)
    )


# The same query on every list, for as many articles as it shows: compiled
# once for each length of list.
BYLINES = PreparedQuery(Byline, bylines_of)


class CardIterable(ValuesListIterable):
    """What a queryset of ``as_cards()`` yields: ``Card``s with their
    bylines, in two queries however many there are."""

    def __iter__(self):
        return iter(cards_with_bylines(super().__iter__()))


def as_cards(articles):
    """``articles`` (a queryset) yielding ``Card``s: still a queryset, so a
    paginator counts and slices it and a search filters and ranks it.
    (Django's own ``values_list()`` sets the iterable class the same way.)"""
    rows = articles.values_list(*CARD_COLUMNS)
    rows._iterable_class = CardIterable
    return rows


def without_bylines(cards):
    """The ``Card``s of ``cards`` (an ``as_cards()`` queryset), their
    bylines not read: for a page that reads them in one query with others
    (the article page's Keep Reading, with the article's: ``articles.page_parts``)."""
    rows = cards.all()
    rows._iterable_class = ValuesListIterable
    return cards_from_rows(rows)


def headlines_from_rows(rows):
    """``Headline``s of ``HEADLINE_COLUMNS`` rows."""
    categories = {}
    headlines = []
    for pk, words, slug, category_pk, category_slug in rows:
        headline = Headline()
        headline.pk, headline.headline, headline.slug = pk, words, slug
        headline.category_id = category_pk
        # The strip links a story's section, and never names it.
        headline.category = section(categories, category_pk, None, category_slug)
        headlines.append(headline)
    return headlines


def menu_sections():
    """The menu's sections, in its order, as ``CardCategory``s."""
    return [CardCategory(*row) for row in MENU.rows()]


MENU = PreparedQuery(
    Category,
    lambda keys: Category.objects.in_menu().values_list("pk", "name", "slug"),
)

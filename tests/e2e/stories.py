"""Data the browser tests share, made with the suite's factories."""

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, png_upload


def make_story():
    """A live article with every anatomy part, in a menu category."""
    category = CategoryFactory(name="World", slug="world")
    author = AuthorFactory(
        name="Ada Reporter",
        slug="ada-reporter",
        job_title="News Director",
        bio="Ada covers the harbour.",
        website="https://example.com/ada",
    )
    article = ArticleFactory(
        with_parts=True,
        headline="Harbour bridge reopens after repairs",
        slug="harbour-bridge-reopens",
        category=category,
        bylines=[author],
        tag_names=["Harbour"],
        hero_image=png_upload("bridge.png", size=(320, 180)),
        hero_alt="The bridge at dawn",
        hero_caption="The bridge reopened on Monday.",
        hero_credit="Photo: Ada Reporter",
    )
    # "Keep Reading" lists others from the same category.
    ArticleFactory(headline="Ferry timetable changes", category=category)
    return article

"""Factories: each test states only what matters to it."""

import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import FAQ, Article, Byline, Category, KeyPoint, Section
from authors.models import Author


def png_upload(name="image.png", size=(64, 48), color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")
    is_staff = True


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    job_title = "Staff Writer"
    bio = "Covers the city desk."


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    menu_order = factory.Sequence(lambda n: n)


class ArticleFactory(factory.django.DjangoModelFactory):
    """A live article with a byline and no parts; pass ``status``/``published_at``
    for anything else, or use the ``with_parts`` trait for the full anatomy."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Council approves budget number {n}")
    slug = factory.Sequence(lambda n: f"council-approves-budget-{n}")
    dek = "The vote ends a month of argument over the city's spending."
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    summary = "The council passed the budget after a long debate."

    @factory.post_generation
    def bylines(self, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        for position, author in enumerate(authors):
            Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    class Params:
        with_parts = factory.Trait(
            parts=factory.PostGeneration(
                lambda article, create, extracted: add_parts(article)
            )
        )


def add_parts(article, sections=3, key_points=3, faqs=2):
    for i in range(sections):
        Section.objects.create(
            article=article,
            position=i,
            subheading=f"Subheading {i + 1}",
            body=f"<p>Body text of section {i + 1}, with <strong>detail</strong>.</p>",
        )
    for i in range(key_points):
        KeyPoint.objects.create(article=article, position=i, text=f"Key point {i + 1}")
    for i in range(faqs):
        FAQ.objects.create(
            article=article, position=i, question=f"Question {i + 1}?", answer="Yes."
        )
    article.refresh_reading_time()
    return article

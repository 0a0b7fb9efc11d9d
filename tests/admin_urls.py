"""Addresses of the article admin's pages, shared by the admin test modules."""

from django.urls import reverse


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def delete_url(article):
    return reverse("admin:articles_article_delete", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])

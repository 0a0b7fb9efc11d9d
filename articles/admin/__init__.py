"""The newsroom desk's admin: articles, their parts, categories, tags."""

from articles.admin.articles import ArticleAdmin

__all__ = ["ArticleAdmin"]

from django.conf import settings


class NearestPageMixin:
    """ListView pagination where ``?page=abc`` gives page 1 and ``?page=999999``
    the last page, instead of an error: a reader following an old link still
    lands on a list."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

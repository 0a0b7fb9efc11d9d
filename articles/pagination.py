from django.conf import settings


class NearestPageMixin:
    """ListView pagination where ``?page=abc`` or ``?page=-1`` gives page 1 and
    ``?page=999999`` the last page, instead of an error: a reader following an
    old link still lands on a list."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        number = self.request.GET.get(self.page_kwarg)
        try:
            if int(number) < 1:
                number = 1  # the nearest page to "page -1" is the first
        except (TypeError, ValueError):
            pass  # get_page() turns anything else into page 1
        page = paginator.get_page(number)
        return paginator, page, page.object_list, page.has_other_pages()

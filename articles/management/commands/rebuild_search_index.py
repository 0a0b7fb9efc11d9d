from django.core.management.base import BaseCommand
from django.db import transaction

from articles.search import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Index every article for search afresh. Saves keep the index up to date; "
        "run this once after first deploying search, after loaddata or other bulk "
        "writes, and after changing NEWSROOM_SEARCH_CONFIG."
    )

    def handle(self, *args, **options):
        # One transaction: readers search the old index until the new one is
        # complete, never a half-built one.
        with transaction.atomic():
            count = rebuild_search_index()
        self.stdout.write(f"Indexed {count} article(s) for search.")

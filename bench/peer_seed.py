"""Seeds the benchmark's peer site: ``python peer_seed.py N NEWSROOM_JSON IMAGES``.

Run by ``bench.peer`` with the peer's own interpreter, inside a project made
from Wagtail's news template (``wagtail start --template=...``), never in
the newsroom's: it imports nothing of ours. It gives the peer the same
newsroom the bench gives us (``demo/newsroom.json``): the same desks as
topics, the same people as authors with their portraits, and N article pages
that retell the demo's stories as ``bench/archive.py`` does (headline,
introduction, sections under subheadings, the desk's picture as the listing
and hero image), spread over the last ten years, under one news listing
page. The home page features the twelve newest stories (the most its
"Featured section" takes) and each article its three newest desk-mates,
as an editor of that template would set them.

Pages are added through Wagtail's own API (``add_child``, which also writes
the search index), as an import into that site would be: slower than the
bulk inserts of ``bench/archive.py``, but the peer's tree and index are then
exactly what Wagtail keeps.
"""

import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path


def main(count, newsroom_json, images_dir):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer.settings.dev")
    sys.path.insert(0, os.getcwd())
    django.setup()

    from django.apps import apps
    from django.core.files.images import ImageFile
    from django.utils import timezone
    from wagtail.models import Page, Site

    data = json.loads(Path(newsroom_json).read_text())
    Image = apps.get_model("images", "CustomImage")
    Topic = apps.get_model("utils", "ArticleTopic")
    Author = apps.get_model("utils", "AuthorSnippet")
    HomePage = apps.get_model("home", "HomePage")
    Listing = apps.get_model("news", "NewsListingPage")
    ArticlePage = apps.get_model("news", "ArticlePage")
    Related = apps.get_model("utils", "PageRelatedPage")
    Navigation = apps.get_model("navigation", "NavigationSettings")

    if Listing.objects.exists():
        print(f"peer already seeded: {ArticlePage.objects.count()} articles")
        return

    def image(name, title):
        with open(Path(images_dir) / name, "rb") as handle:
            picture = Image(title=title, alt_text=title)
            picture.file = ImageFile(handle, name=name)
            picture.save()
        return picture

    pictures = {}
    topics = {}
    for category in data["categories"]:
        topics[category["slug"]] = Topic.objects.create(
            title=category["name"], slug=category["slug"]
        )
    authors = {}
    for person in data["authors"]:
        portrait = image(person["avatar"], person["name"])
        authors[person["slug"]] = Author.objects.create(
            title=person["name"], image=portrait
        )

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = root.add_child(
        instance=HomePage(
            title=data["site"].get("name", "The Ledger"),
            slug="home",
            introduction=data["site"].get("tagline", ""),
            body=[],
        )
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name=data["site"].get("name", "The Ledger"),
    )
    listing = home.add_child(
        instance=Listing(title="News", slug="news", introduction="")
    )
    Navigation.objects.create(
        site=Site.objects.get(),
        primary_navigation=[
            ("link", {"page": listing, "title": "News"}),
            ("link", {"page": home, "title": "Home"}),
        ],
    )

    stories = [s for s in data["articles"] if s["category"] in topics]
    rng = random.Random(16)
    now = timezone.now()
    started = time.monotonic()
    newest = {}
    for number in range(count):
        story = stories[number % len(stories)]
        desk = story["category"]
        if story["hero"] not in pictures:
            pictures[story["hero"]] = image(story["hero"], story["hero_caption"])
        picture = pictures[story["hero"]]
        sections = story["sections"][: rng.randint(1, len(story["sections"]))]
        when = now - timedelta(minutes=rng.randint(60, 10 * 365 * 24 * 60))
        page = ArticlePage(
            title=story["headline"],
            slug=f"{story['slug'][:60]}-{number}",
            introduction=story["dek"],
            author=authors[rng.choice(story["authors"])],
            topic=topics[desk],
            publication_date=when,
            first_published_at=when,
            listing_image=picture,
            image=[("image", {"image": picture, "caption": story["hero_caption"]})],
            body=[
                (
                    "section",
                    {
                        "heading": section["subheading"],
                        "content": [
                            (
                                "paragraph",
                                section["body"].replace("{weekday}", "Tuesday"),
                            )
                        ],
                    },
                )
                for section in sections
            ],
            featured_section_title="Keep reading",
        )
        listing.add_child(instance=page)
        newest.setdefault(desk, []).append((when, page.pk))
        if number and number % 1000 == 0:
            rate = number / (time.monotonic() - started)
            print(f"  {number} peer articles ({rate:.0f}/s)", flush=True)

    # What an editor features: the newest stories on the home page, and on
    # each article its desk's newest.
    everything = sorted((x for rows in newest.values() for x in rows), reverse=True)
    for order, (_, pk) in enumerate(everything[:12]):
        Related.objects.create(parent=home, page_id=pk, sort_order=order)
    home.featured_section_title = "Latest"
    home.save(update_fields=["featured_section_title"])
    rows = []
    for desk_rows in newest.values():
        top = [pk for _, pk in sorted(desk_rows, reverse=True)[:4]]
        for _, pk in desk_rows:
            others = [x for x in top if x != pk][:3]
            rows += [
                Related(parent_id=pk, page_id=other, sort_order=order)
                for order, other in enumerate(others)
            ]
    Related.objects.bulk_create(rows, batch_size=2000)
    print(f"peer seeded: {count} articles in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])

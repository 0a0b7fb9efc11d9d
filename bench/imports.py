"""The importer's speed: ``python -m bench.imports N [--heroes-every K]``.

Writes a WordPress export of N posts (classic HTML with paragraphs, two
subheadings, a caption and an unknown shortcode; five categories, one
nested; forty tags; three authors, some posts co-written; every K-th post
with a featured image, 1600 by 1000 pixels, in a media folder beside it)
and times ``manage.py import_wordpress`` on it against the configured
database, then the task worker (``manage.py db_worker --batch``) draining
what the import queued: the search index and the heroes' renditions. Then
a second run (nothing changed: every post unchanged).

Each step's wall time and CPU time are printed with the load average
before and after: the machines are shared, and the wall time alone says
as much about the neighbours as about the import. The figure the issue
asks for is the import plus the drain, one after the other (a worker
beside the import, as in production, overlaps them).

Run it on an empty database of its own, with the database task backend
(the default), e.g. ``DATABASE_URL=sqlite:////tmp/bench.sqlite3`` after a
``migrate``; the pictures are stored in a temporary media folder.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FOLDER = None  # the run's own folder: the export, its pictures, the reports

if __name__ == "__main__":  # run as a script: Django first
    import django

    FOLDER = Path(tempfile.mkdtemp(prefix="bench-import-"))

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # The stored pictures (three to four files each) go in the bench's own
    # folder, never a working copy's media.
    os.environ["NEWSROOM_MEDIA_ROOT"] = str(FOLDER / "media")
    django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from articles.models import Article  # noqa: E402

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Gazette</title><link>https://bench.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://bench.example.com</wp:base_blog_url>
{authors}
<wp:category><wp:category_nicename>news</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>News</wp:cat_name></wp:category>
<wp:category><wp:category_nicename>local</wp:category_nicename>
<wp:category_parent>news</wp:category_parent><wp:cat_name>Local</wp:cat_name></wp:category>
"""
AUTHOR = (
    "<wp:author><wp:author_login>{login}</wp:author_login>"
    "<wp:author_display_name>{name}</wp:author_display_name></wp:author>"
)
CO_AUTHOR = '<category domain="author" nicename="cap-{login}">{login}</category>'
PEOPLE = [("ana", "Ana Ruiz"), ("ben", "Ben Okafor"), ("cy", "Cy Tan")]
CATEGORIES = ["news", "local", "sport", "business", "culture"]
BODY = """The council met on day {n} to discuss the harbour, the ferry and the
budget for the coming year. Residents filled the public gallery.

[caption id="a1" width="600"]<img src="/wp-content/uploads/p{n}.jpg" alt="P" />
Photo: Staff[/caption]

<h2>What was decided</h2>
Councillors voted {n} to {m} in favour. The mayor said the decision was
long overdue and promised a review within the year.

[pullquote]A decision long overdue.[/pullquote]

<h2>What happens next</h2>
Work starts in the spring. The ferry keeps running until the bridge reopens.
"""
ITEM = """<item><title>Story number {n} about the harbour</title>
<link>https://bench.example.com/{year}/{month:02d}/story-{n}/</link>
<dc:creator>{author}</dc:creator>
<guid isPermaLink="false">https://bench.example.com/?p={n}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<wp:post_id>{n}</wp:post_id>
<wp:post_date_gmt>{year}-{month:02d}-10 09:00:00</wp:post_date_gmt>
<wp:post_name>story-{n}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password>
<category domain="category" nicename="{category}">{category}</category>
<category domain="post_tag" nicename="tag-{tag}">Tag {tag}</category>
{coauthor}{hero}</item>
"""
HERO = """<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>
<wp:meta_value>{id}</wp:meta_value></wp:postmeta>"""
ATTACHMENT = """<item><title>Harbour picture {n}</title>
<excerpt:encoded><![CDATA[Photo: Staff photographer]]></excerpt:encoded>
<wp:post_id>{id}</wp:post_id><wp:post_type>attachment</wp:post_type>
<wp:status>inherit</wp:status>
<wp:attachment_url>https://bench.example.com/wp-content/uploads/{path}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
<wp:meta_value>The harbour on day {n}</wp:meta_value></wp:postmeta></item>
"""
HERO_SIZE = (1600, 1000)  # a usual featured image; WordPress caps uploads at 2560
PICTURES = 8  # drawn once, linked under every hero's name


def picture(path, seed, size=HERO_SIZE):
    """A photograph's worth of detail (noise, soft shapes): it costs what a
    photograph costs to decode, re-encode and scale, as one colour would not."""
    noise = Image.effect_noise(size, 40).convert("RGB")
    ramp = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(ramp, noise, 0.35).filter(ImageFilter.GaussianBlur(1.5))
    draw = ImageDraw.Draw(image)
    for k in range(30):
        x, y = (seed * 97 + k * 53) % size[0], (seed * 31 + k * 71) % size[1]
        colour = ((seed * 40 + k * 9) % 256, (k * 27) % 256, (seed * 13 + k) % 256)
        draw.ellipse((x, y, x + 40 + k * 9, y + 40 + k * 7), fill=colour)
    image.save(path, quality=85)


def hero_path(n):
    return f"{2014 + n % 10}/{1 + n % 12:02d}/hero-{n}.jpg"


def write_media(folder, count, every):
    """The uploads folder: each hero's file, hard links to a few pictures."""
    pool = []
    for seed in range(PICTURES):
        pool.append(folder / f"picture-{seed}.jpg")
        picture(pool[-1], seed)
    uploads = folder / "uploads"
    uploads.mkdir()
    for n in range(every, count + 1, every) if every else ():
        path = uploads / hero_path(n)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.link(pool[n % PICTURES], path)
    return uploads


def write_export(path, count, every=0):
    with open(path, "w", encoding="utf-8") as out:
        authors = "".join(AUTHOR.format(login=lg, name=nm) for lg, nm in PEOPLE)
        out.write(HEAD.format(authors=authors))
        for n in range(1, count + 1):
            author = PEOPLE[n % 3][0]
            coauthor = ""
            if n % 4 == 0:  # Co-Authors Plus: two bylines
                other = PEOPLE[(n + 1) % 3][0]
                coauthor = "".join(
                    CO_AUTHOR.format(login=login) for login in (author, other)
                )
            out.write(
                ITEM.format(
                    n=n,
                    m=n % 7,
                    year=2014 + n % 10,
                    month=1 + n % 12,
                    author=author,
                    body=BODY.format(n=n, m=n % 7),
                    category=CATEGORIES[n % 5],
                    tag=n % 40,
                    coauthor=coauthor,
                    hero=HERO.format(id=100_000 + n) if has_hero(n, every) else "",
                )
            )
            if has_hero(n, every):
                out.write(ATTACHMENT.format(n=n, id=100_000 + n, path=hero_path(n)))
        out.write("</channel></rss>\n")


def has_hero(n, every):
    return bool(every) and n % every == 0


class Clock:
    """Wall and CPU time (this process's and its children's) of a step."""

    def __enter__(self):
        self.load = os.getloadavg()[0]
        self.wall, self.cpu = time.monotonic(), cpu_seconds()
        return self

    def __exit__(self, *exc):
        self.wall = time.monotonic() - self.wall
        self.cpu = cpu_seconds() - self.cpu
        self.load = (self.load, os.getloadavg()[0])

    def __str__(self):
        return (
            f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU "
            f"(load {self.load[0]:.1f} → {self.load[1]:.1f})"
        )


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_import(path, report, media_dir):
    with Clock() as clock:
        call_command(
            "import_wordpress",
            str(path),
            "--media-dir",
            str(media_dir),
            "--report",
            str(report),
            verbosity=0,
        )
    return clock


def drain():
    """The database backend's worker, run until the queue is empty."""
    with Clock() as clock:
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch",
             "--no-startup-delay", "-v", "0"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "LOG_LEVEL": "WARNING"},
            check=True,
        )  # fmt: skip
    return clock


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument(
        "--heroes-every",
        type=int,
        default=1,
        metavar="K",
        help="Every K-th post has a featured image (default 1: all; 0: none).",
    )
    parser.add_argument("--keep", help="Write the export here and keep it.")
    args = parser.parse_args(argv)
    if settings.NEWSROOM_TASKS != "database":
        parser.error("Run it with NEWSROOM_TASKS=database: the drain is timed.")
    if FOLDER is None:
        parser.error("Run it as a script: python -m bench.imports N.")
    export = Path(args.keep) if args.keep else FOLDER / "export.xml"
    write_export(export, args.count, args.heroes_every)
    media_dir = write_media(FOLDER, args.count, args.heroes_every)
    before = Article.objects.count()
    first = timed_import(export, FOLDER / "first.txt", media_dir)
    imported = Article.objects.count() - before
    worker = drain()
    second = timed_import(export, FOLDER / "second.txt", media_dir)
    heroes = args.count // args.heroes_every if args.heroes_every else 0
    total = first.wall + worker.wall
    print(
        f"{args.count} posts ({heroes} with a hero): imported {imported}: "
        f"{first}; the worker's index and renditions: {worker}; "
        f"together {total:.0f} s wall, {first.cpu + worker.cpu:.0f} s CPU "
        f"({imported / total:.0f} posts/s). Second run (unchanged): {second}. "
        f"Reports in {FOLDER}."
    )


if __name__ == "__main__":
    sys.exit(main())

"""The importer's speed: ``python -m bench.imports N [--keep FILE]``.

Writes a WordPress export of N posts (classic HTML with paragraphs, two
subheadings, a caption and an unknown shortcode; five categories, one
nested; forty tags; three authors, some posts co-written) and times
``manage.py import_wordpress`` on it against the configured database, then
a second run (nothing changed: every post unchanged). The search index and
renditions are built by the tasks the import queues: with
``NEWSROOM_TASKS=database`` they wait for a worker and are not in the time;
with ``immediate`` they are.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

if __name__ == "__main__":  # run as a script: Django first
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()

from django.core.management import call_command  # noqa: E402

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
{coauthor}</item>
"""


def write_export(path, count):
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
                )
            )
        out.write("</channel></rss>\n")


def timed_import(path, report):
    started = time.monotonic()
    call_command("import_wordpress", str(path), "--report", str(report), verbosity=0)
    return time.monotonic() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--keep", help="Write the export here and keep it.")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    export = Path(args.keep) if args.keep else folder / "export.xml"
    write_export(export, args.count)
    before = Article.objects.count()
    first = timed_import(export, folder / "first.txt")
    imported = Article.objects.count() - before
    second = timed_import(export, folder / "second.txt")
    print(
        f"{args.count} posts: imported {imported} in {first:.1f} s "
        f"({imported / first:.0f} posts/s); second run (unchanged) {second:.1f} s. "
        f"Reports in {folder}."
    )


if __name__ == "__main__":
    sys.exit(main())

"""What a search result shows of its match: a short passage, the matched
words marked, cut from a bounded opening of the article's texts.

Each backend has the database cut the passage (``ts_headline``, FTS5's
``snippet()``) with ``MARK_START``/``MARK_STOP`` around the matches;
``marked_html`` escapes everything and turns only those into <mark>.
"""

import re

from django.utils.html import format_html, format_html_join

# A snippet is cut from the opening of an article's texts only: the first
# this many characters of each. A line or two around a match needs no more,
# and the databases' snippet functions take time that grows faster than the
# text they are given (FTS5's snippet() with the square of the matches in
# it: eight seconds for one long body full of the searched word), so an
# anonymous search could hold a worker as long as the longest article took.
# A match further in still finds the article; its snippet is then the dek.
SNIPPET_SOURCE_CHARS = 20_000
# Words in SQLite's snippet (FTS5 counts tokens), and in the dek's opening
# shown when no match is in what a snippet is cut from.
SNIPPET_WORDS = 24

# What the database puts around a match in a snippet, turned into <mark> by
# ``marked_html`` once everything else is escaped. Private-use characters:
# no text a reader or a journalist types is expected to hold them, and stray
# ones are dropped (the reader's query loses them in ``clean_query``).
MARK_START, MARK_STOP = "\ue000", "\ue001"
SNIPPET_ELLIPSIS = "…"

_MARKED = re.compile(f"{MARK_START}(.*?){MARK_STOP}", re.S)
_MARKER = re.compile(f"[{MARK_START}{MARK_STOP}]")


def marked_html(text):
    """``text`` as HTML: everything escaped, and the spans the database marked
    as matches (``MARK_START``…``MARK_STOP``) in <mark>."""
    pairs, position = [], 0
    for match in _MARKED.finditer(text):
        before, marked = text[position : match.start()], match.group(1)
        pairs.append((_MARKER.sub("", before), _MARKER.sub("", marked)))
        position = match.end()
    return format_html(
        "{}{}",
        format_html_join("", "{}<mark>{}</mark>", pairs),
        _MARKER.sub("", text[position:]),
    )


def opening(text):
    """The first ``SNIPPET_WORDS`` words of ``text``, as a snippet."""
    words = text.split()
    if len(words) <= SNIPPET_WORDS:
        return " ".join(words)
    return " ".join(words[:SNIPPET_WORDS]) + SNIPPET_ELLIPSIS

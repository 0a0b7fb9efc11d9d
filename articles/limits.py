"""How much one article may hold. The desk refuses more, saying so.

Each limit is far above what a story needs and low enough that one save, and
every page and search that shows the article, stays quick: a save adding
thousands of tags ran past the worker's timeout, and a section of megabytes
made each search that found it slow. The admin's inlines stop offering rows
at these numbers; the server checks them whatever a browser sends. Texts
get no ``maxlength`` in the browser: it cuts a paste short without a word.

A restore (``articles.revisions``) is held to them too: a version saved
before a limit was, or made outside the desk, is refused saying what is over.
"""

from newsroom.richtext import sanitize_body

# HTML of one section's body, as stored (after sanitising).
MAX_SECTION_BODY_KB = 100
MAX_TAGS = 30
MAX_BYLINES = 10
MAX_SECTIONS = 50
MAX_KEY_POINTS = 20
MAX_FAQS = 30
# Corrections are a public record, appended over an article's life.
MAX_CORRECTIONS = 100
# Characters of the article's shorter texts, as typed. An intro (dek) is a
# sentence or two, a summary a few paragraphs; a correction says what was
# wrong and what is right.
MAX_DEK_CHARS = 1_000
MAX_SUMMARY_CHARS = 5_000
MAX_FAQ_ANSWER_CHARS = 5_000
MAX_CORRECTION_CHARS = 2_000


def text_length(text):
    """Characters of ``text`` as its writer counts them: a line break is one,
    though a browser sends two (CR LF)."""
    return len((text or "").replace("\r\n", "\n"))


def section_body_bytes(body):
    """Bytes of a section's body as it is stored: sanitised."""
    return len(sanitize_body(body or "").encode())


def kb(size):
    """Whole KB, rounded up: a section a byte over the limit is not shown as
    exactly at it."""
    return -(-size // 1024)

"""How much one article may hold. The desk refuses more, saying so.

Each limit is far above what a story needs and low enough that one save, and
every page and search that shows the article, stays quick: a save adding
thousands of tags ran past the worker's timeout, and a section of megabytes
made each search that found it slow. The admin's inlines stop offering rows
at these numbers; the server checks them whatever a browser sends. Texts
get no ``maxlength`` in the browser: it cuts a paste short without a word.

A restore (``articles.revisions``) is held to them too: a version saved
before a limit was, or made outside the desk, is refused saying what is over
(``over_limits``, which the restore page also shows before anyone tries).
"""

from django.utils.translation import gettext as _

from articles.models import Article
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

# The parts a restore brings back (by related name), with each one's limit.
PART_LIMITS = {
    "bylines": MAX_BYLINES,
    "sections": MAX_SECTIONS,
    "key_points": MAX_KEY_POINTS,
    "faqs": MAX_FAQS,
}


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


def over_limits(state):
    """What in ``state`` (a version's: ``articles.revisions.state_of``) is
    more than an article may hold, each said as what to trim; empty when a
    restore would keep within the limits. A version saved before a limit
    was, or made outside the desk, can hold more."""
    article, problems = state.article, []
    texts = [
        (_("the intro"), article.dek, MAX_DEK_CHARS),
        (_("the summary"), article.summary, MAX_SUMMARY_CHARS),
    ]
    texts += [
        (
            _("the answer to “%(question)s”") % {"question": faq.question},
            faq.answer,
            MAX_FAQ_ANSWER_CHARS,
        )
        for faq in state.parts.get("faqs", [])
    ]
    for what, text, limit in texts:
        count = text_length(text)
        if count > limit:
            problems.append(
                _("%(what)s is %(count)d characters long (at most %(limit)d)")
                % {"what": what, "count": count, "limit": limit}
            )
    for section in state.parts.get("sections", []):
        size = section_body_bytes(section.body)
        if size > MAX_SECTION_BODY_KB * 1024:
            problems.append(
                _("the section “%(subheading)s” is %(size)d KB (at most %(limit)d KB)")
                % {
                    "subheading": section.subheading,
                    "size": kb(size),
                    "limit": MAX_SECTION_BODY_KB,
                }
            )
    counts = [
        (_part_name(name), len(state.parts.get(name, [])), limit)
        for name, limit in PART_LIMITS.items()
    ]
    counts.append((_("tags"), len(state.tags or []), MAX_TAGS))
    for what, count, limit in counts:
        if count > limit:
            problems.append(
                _("it has %(count)d %(what)s (at most %(limit)d)")
                % {"what": what, "count": count, "limit": limit}
            )
    return problems


def _part_name(related_name):
    """The plural name of the part an article holds as ``related_name``."""
    model = Article._meta.get_field(related_name).related_model
    return model._meta.verbose_name_plural

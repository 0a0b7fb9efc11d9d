"""How much one article may hold. The desk refuses more, saying so.

Each limit is far above what a story needs and low enough that one save, and
every page and search that shows the article, stays quick: a save adding
thousands of tags ran past the worker's timeout, and a section of megabytes
made each search that found it slow. The admin's inlines stop offering rows
at these numbers; the server checks them whatever a browser sends.
"""

# HTML of one section's body, as stored (after sanitising).
MAX_SECTION_BODY_KB = 100
MAX_TAGS = 30
MAX_BYLINES = 10
MAX_SECTIONS = 50
MAX_KEY_POINTS = 20
MAX_FAQS = 30
# Corrections are a public record, appended over an article's life.
MAX_CORRECTIONS = 100

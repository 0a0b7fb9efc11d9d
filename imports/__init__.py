"""Moving in: a newsroom's archive imported from WordPress (WXR) and Ghost
(JSON) exports, written through ``articles.services`` like any other write.

The pieces, each in a module named after what it holds: ``records`` (the
plain records both parsers yield), ``wxr`` and ``ghost`` (the parsers: no
database), ``bodies`` (old HTML into the article's intro and sections),
``importer`` (the records into the newsroom, idempotently), ``addresses``
(the old URLs as redirects), ``media`` (a source image into a hero),
``report`` (what happened, for the terminal and a file).
"""

"""How the newsroom's log reads: one line per event, tracebacks for errors.

Django logs some refused requests (a 403 from ``PermissionDenied``, a 400
from a suspicious request) with the exception that refused them, so each one
printed a traceback of thirty lines that buried the errors worth reading. A
refusal is the site working as meant: it keeps its one line, and the
exception's name and message join that line when they add to it. Server
errors (5xx), and errors that are no response at all, keep their traceback.
"""

import copy
import logging


def is_error(record):
    """Is this record worth a traceback? A response's record says so by its
    status; any other by its level."""
    status = getattr(record, "status_code", None)
    if isinstance(status, int):
        return status >= 500
    return record.levelno >= logging.ERROR


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        if not record.exc_info or is_error(record):
            return super().format(record)
        exc_type, exc, _ = record.exc_info
        # A copy: other handlers of the same record (the admins' mail) still
        # get the exception.
        bare = copy.copy(record)
        bare.exc_info = bare.exc_text = bare.stack_info = None
        line = super().format(bare)
        detail = " ".join(str(exc).split())
        if detail and detail not in line:
            return f"{line} ({exc_type.__name__}: {detail})"
        return f"{line} ({exc_type.__name__})"

"""Logging filters: what a refused request leaves in the log."""

from __future__ import annotations

import logging


class OneLineWarning(logging.Filter):
    """
    Turns Django's report of a request body that is too large (or has too many fields or
    files) into one line at WARNING: the client sent too much, the site answered 400 and
    nothing failed, so a traceback at ERROR would only bury real errors. The line says which
    address was asked for and how much was sent.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        request = getattr(record, "request", None)
        if request is not None:
            length = request.META.get("CONTENT_LENGTH") or "?"
            record.msg = f"{record.getMessage()} ({request.method} {request.path}, {length} bytes)"
            record.args = ()
        return True

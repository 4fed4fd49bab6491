"""Log filters: CPR numbers never reach a log line in clear; every line has the request id."""

from __future__ import annotations

import logging
import re

from sporskifte.audit.context import current_request_id

_CPR = re.compile(r"\b(\d{6})-?\d{4}\b")


def mask_cpr_in_text(text: str) -> str:
    """Replace anything shaped like a CPR number with ``DDMMYY-xxxx``."""
    return _CPR.sub(lambda m: f"{m.group(1)}-xxxx", text)


class MaskCprFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_cpr_in_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True

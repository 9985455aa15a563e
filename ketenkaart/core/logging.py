"""Log filter that adds the request id; log lines never carry personal data."""

import logging

from ketenkaart.core.middleware import current_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True

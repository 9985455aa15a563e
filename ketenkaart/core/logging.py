"""Log filter that adds the request id; log lines never carry personal data."""

import json
import logging

from ketenkaart.core.middleware import current_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line (LOG_FORMAT=json) with fixed fields: time, level, logger, request
    id and the message; an exception adds its type only, not its text or traceback, which may
    quote data (the plain format keeps Django's default for developers)."""

    def __init__(self, fields: list[str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields = fields or ["asctime", "levelname", "name", "request_id", "message"]

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z")
        data = {field: getattr(record, field, None) for field in self.fields}
        if record.exc_info and record.exc_info[0] is not None:
            data["exception"] = record.exc_info[0].__name__
        return json.dumps(data, ensure_ascii=False, default=str)


class TaskFailureFilter(logging.Filter):
    """django-q2 logs a failed task with its whole result: the exception's text and traceback,
    which may quote data (an IntegrityError repeats the key's value). Keep the task and the
    exception type; the traceback stays in the task's row for functioneel beheer."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        head, separator, result = message.partition(" - ")
        if separator and message.startswith("Failed ") and "Traceback" in result:
            from ketenkaart.worker.services import error_kind

            record.msg, record.args = f"{head} - {error_kind(result) or 'Exception'}", None
        return True

"""Keep one-time secrets out of the logs.

Password-reset and email-confirmation links carry their key in the path, and the server's access
log records every path: anyone who can read the logs could reset a family's password while the link
is valid. The key is replaced with ``[redacted]`` before the record is written."""

import logging
import re

SECRET_PATHS = re.compile(r"(/accounts/(?:password/reset/key|confirm-email)/)[^/\s?\"]+")


def redact(value):
    return SECRET_PATHS.sub(r"\1[redacted]", value) if isinstance(value, str) else value


class RedactSecretPaths(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(value) for key, value in record.args.items()}
        return True

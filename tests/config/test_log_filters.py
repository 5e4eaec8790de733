"""Password-reset and confirmation keys never reach the logs (issue 10)."""

import logging

from django.conf import settings

from config.log_filters import RedactSecretPaths


def access_record(path):
    # The shape of uvicorn's access log record.
    return logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("198.51.100.7:5000", "GET", path, "1.1", 200), None,
    )  # fmt: skip


def test_reset_and_confirmation_keys_are_redacted():
    for path, shown in [
        ("/accounts/password/reset/key/3-abc123-set-password/", "/accounts/password/reset/key/[redacted]/"),
        ("/accounts/confirm-email/MTI:1t2s3:AbCdEf/", "/accounts/confirm-email/[redacted]/"),
        ("/accounts/password/reset/key/done/", "/accounts/password/reset/key/[redacted]/"),
    ]:
        record = access_record(path)
        assert RedactSecretPaths().filter(record)
        assert shown in record.getMessage() and "abc123" not in record.getMessage()


def test_other_paths_are_logged_as_they_are():
    record = access_record("/portal/children/1234/")
    RedactSecretPaths().filter(record)
    assert "/portal/children/1234/" in record.getMessage()


def test_the_access_log_and_request_errors_go_through_the_filter():
    loggers = settings.LOGGING["loggers"]
    for name in ("uvicorn.access", "django.request", "django.server"):
        assert "redact_secret_paths" in loggers[name]["filters"]
    assert logging.getLogger("uvicorn.access").filters

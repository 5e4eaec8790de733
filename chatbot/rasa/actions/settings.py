"""Where the web app is and how to reach it, from environment variables, and the secrets the
Rasa side needs.

Secrets fail closed: a missing secret stops the process at start-up, and so does a development or
example value (config/development.env, .env.example) unless ALLOW_DEVELOPMENT_SECRETS=1 says this is
a developer's machine (`make run` and the tests set it). There is no default secret.
"""

import os
from dataclasses import dataclass

DEVELOPMENT_FLAG = "ALLOW_DEVELOPMENT_SECRETS"
# What the committed development, test and example values contain; no random secret does.
DEVELOPMENT_MARKERS = ("dev-only", "test-only", "change-me")


class MissingSecret(RuntimeError):
    """A secret is missing or is a committed development value outside development."""


def required_secret(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise MissingSecret(
            f"{name} is not set. Set it to the same random value on both sides "
            "(see the README's production variables); for development, ALLOW_DEVELOPMENT_SECRETS=1 "
            "and the values in config/development.env."
        )
    if (
        any(marker in value.lower() for marker in DEVELOPMENT_MARKERS)
        and os.environ.get(DEVELOPMENT_FLAG) != "1"
    ):
        raise MissingSecret(f"{name} is a development or example value: set a random secret.")
    return value


@dataclass(frozen=True)
class Settings:
    web_url: str
    service_token: str
    # Seconds for one HTTP attempt, and how many attempts before we tell the family it failed.
    # 2 x 3 s keeps a turn well inside what a parent will wait for in a chat.
    timeout: float
    attempts: int
    team_phone: str
    team_hours: str


def load() -> Settings:
    return Settings(
        web_url=os.environ.get("WEB_URL", "http://127.0.0.1:8000").rstrip("/"),
        service_token=required_secret("BOT_SERVICE_TOKEN"),
        timeout=float(os.environ.get("PORTAL_API_TIMEOUT", "3")),
        attempts=max(1, int(os.environ.get("PORTAL_API_ATTEMPTS", "2"))),
        team_phone=os.environ.get("SEND_TEAM_PHONE", "01234 567890"),
        team_hours=os.environ.get("SEND_TEAM_HOURS", "Monday to Friday, 9am to 5pm"),
    )

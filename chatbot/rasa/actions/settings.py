"""Where the web app is and how to reach it, from environment variables.

The defaults match config/settings/dev.py so `make run` works on a bare machine; production sets
every value (the dev secrets must never reach a live council site).
"""

import os
from dataclasses import dataclass

DEV_BOT_SERVICE_TOKEN = "dev-only-bot-service-token-change-me"


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
        service_token=os.environ.get("BOT_SERVICE_TOKEN") or DEV_BOT_SERVICE_TOKEN,
        timeout=float(os.environ.get("PORTAL_API_TIMEOUT", "3")),
        attempts=max(1, int(os.environ.get("PORTAL_API_ATTEMPTS", "2"))),
        team_phone=os.environ.get("SEND_TEAM_PHONE", "01234 567890"),
        team_hours=os.environ.get("SEND_TEAM_HOURS", "Monday to Friday, 9am to 5pm"),
    )

"""Client for the web app's internal API (`/internal/bot/...`), the only system the actions call.

Every call carries the service token; calls on behalf of a family also carry the short-lived user
token the web app signed for this message (`X-User-Token`), so the portal, not the bot, decides what
that person may see. Network failures, timeouts and 5xx answers are retried (the POSTs carry an
idempotency key, so a retry can never create a second complaint) and then raised as
`PortalUnavailable`, which the actions turn into a plain apology.
"""

import asyncio
import logging
from typing import Any

import aiohttp

from actions import settings as settings_module

logger = logging.getLogger(__name__)

RETRY_STATUSES = {500, 502, 503, 504}
BACKOFF_SECONDS = 0.25
_NOT_JSON = object()


class PortalUnavailable(Exception):
    """The web app could not be reached, timed out, or answered with something unusable."""


class SignInRequired(Exception):
    """The user token is missing, forged or expired: the family must sign in."""


class AlreadySent(Exception):
    """The portal already holds this complaint (its first reply was lost) with different answers:
    ``result`` has its reference and status link; the changes since were not added."""

    def __init__(self, result: dict[str, Any]) -> None:
        super().__init__(result.get("reference"))
        self.result = result


class PortalRejected(Exception):
    """The web app refused the data (400); ``errors`` maps each field to a message for the family."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


class PortalAPI:
    def __init__(
        self,
        base_url: str,
        service_token: str,
        timeout: float = 3.0,
        attempts: int = 2,
        backoff: float = BACKOFF_SECONDS,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.service_token = service_token
        self.timeout = aiohttp.ClientTimeout(total=timeout, connect=min(timeout, 2.0))
        self.attempts = attempts
        self.backoff = backoff

    @classmethod
    def from_env(cls) -> "PortalAPI":
        config = settings_module.load()
        return cls(config.web_url, config.service_token, timeout=config.timeout, attempts=config.attempts)

    # --- The endpoints ------------------------------------------------------------------------

    async def faq(self, key: str) -> dict[str, Any] | None:
        """The FAQ answer for ``key`` as comms staff last published it, or None if there is none."""
        status, body = await self._request("GET", f"/internal/bot/faq/{key}/")
        if status == 404:
            return None
        self._expect(status, body, 200, "answer")
        return body

    async def knowledge(self, text: str, hint: str | None = None) -> dict[str, Any]:
        """The knowledge base entries that answer ``text`` (``answers``, empty when unsure) and the
        closest others (``alternatives``); ``hint`` is the key Rasa's intent points at."""
        params = {"q": text[:2000]}
        if hint:
            params["hint"] = hint
        status, body = await self._request("GET", "/internal/bot/knowledge/", params=params)
        self._expect(status, body, 200, "answers")
        return {
            "note": body.get("note") if isinstance(body.get("note"), str) else None,
            "answers": [a for a in body.get("answers") or [] if isinstance(a, dict) and a.get("answer")],
            "alternatives": [
                a for a in body.get("alternatives") or [] if isinstance(a, dict) and a.get("question")
            ],
        }

    async def search_guides(self, text: str, limit: int = 3) -> list[dict[str, str]]:
        """Guide pages closest to ``text`` (title and url), best first."""
        status, body = await self._request(
            "GET", "/internal/bot/guides/search/", params={"q": text[:200], "limit": str(limit)}
        )
        self._expect(status, body, 200, "results")
        return [r for r in body["results"] if isinstance(r, dict) and r.get("url")][:limit]

    async def plans(self, user_token: str | None) -> list[dict[str, Any]]:
        """The children (and their plans) this user may see. SignInRequired without a valid user."""
        if not user_token:
            raise SignInRequired()
        status, body = await self._request("GET", "/internal/bot/plans/", user_token=user_token)
        # No user, or a token that has expired since the message was sent: ask them to sign in.
        if (
            status == 401
            and isinstance(body, dict)
            and body.get("error") in ("sign_in_required", "invalid_user_token")
        ):
            raise SignInRequired()
        self._expect(status, body, 200, "children")
        return body["children"]

    async def create_complaint(self, payload: dict[str, Any], user_token: str | None) -> dict[str, Any]:
        """Create (or find again, by idempotency key) a complaint; its reference and stage 1 due date."""
        return await self._create("/internal/bot/complaints/", payload, user_token, "reference")

    async def find_complaint(self, key: str, user_token: str | None) -> dict[str, Any] | None:
        """The complaint stored under ``key`` (its reference and status link), or None if none was."""
        params = {"idempotency_key": key}
        status, body = await self._request(
            "GET", "/internal/bot/complaints/", params=params, user_token=user_token
        )
        if status == 404:
            return None
        self._expect(status, body, 200, "reference")
        return body

    async def create_callback(self, payload: dict[str, Any], user_token: str | None) -> dict[str, Any]:
        """Ask the SEND team to contact the family; the reference and the date to expect contact by."""
        return await self._create("/internal/bot/callbacks/", payload, user_token, "reference")

    # --- Plumbing -----------------------------------------------------------------------------

    async def _attempt(self, method: str, url: str, **kwargs: Any) -> tuple[int, Any]:
        async with (
            aiohttp.ClientSession(timeout=self.timeout) as session,
            session.request(method, url, **kwargs) as reply,
        ):
            try:
                return reply.status, await reply.json(content_type=None)
            except ValueError:
                return reply.status, _NOT_JSON

    @staticmethod
    def _log_refused_service_token(status: int, body: Any) -> None:
        if status == 401 and isinstance(body, dict) and body.get("error") == "invalid_service_token":
            logger.error("The web app refused BOT_SERVICE_TOKEN: set the same value for both processes.")

    async def _create(self, path: str, payload: dict, user_token: str | None, key: str) -> dict[str, Any]:
        status, body = await self._request("POST", path, json=payload, user_token=user_token)
        if status == 401 and isinstance(body, dict) and body.get("error") == "invalid_user_token":
            raise SignInRequired()
        if status == 409 and isinstance(body, dict) and body.get("error") == "already_sent":
            raise AlreadySent(body)
        if status == 400 and isinstance(body, dict) and isinstance(body.get("errors"), dict):
            raise PortalRejected({str(k): str(v) for k, v in body["errors"].items()})
        if status not in (200, 201):
            raise PortalUnavailable(f"{path} answered {status}")
        self._expect(status, body, status, key)
        return body

    @classmethod
    def _expect(cls, status: int, body: Any, wanted: int, key: str) -> None:
        cls._log_refused_service_token(status, body)
        if status != wanted or not isinstance(body, dict) or key not in body:
            raise PortalUnavailable(f"unexpected answer {status}: {str(body)[:200]}")

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
        user_token: str | None = None,
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.service_token}", "Accept": "application/json"}
        if user_token:
            headers["X-User-Token"] = user_token
        url = f"{self.base_url}{path}"
        last_error = "no attempt made"
        for attempt in range(1, self.attempts + 1):
            try:
                status, body = await self._attempt(method, url, params=params, json=json, headers=headers)
            except (
                asyncio.TimeoutError,
                aiohttp.ClientError,
            ) as error:  # on 3.10 these differ from TimeoutError
                last_error = f"{type(error).__name__}: {error}"
            else:
                if status not in RETRY_STATUSES:
                    if body is _NOT_JSON:
                        raise PortalUnavailable(f"{method} {path}: answer {status} is not JSON")
                    return status, body
                last_error = f"HTTP {status}"
            logger.warning(
                "Portal API %s %s failed (attempt %s of %s): %s",
                method,
                path,
                attempt,
                self.attempts,
                last_error,
            )
            if attempt < self.attempts:
                await asyncio.sleep(self.backoff * attempt)
        raise PortalUnavailable(f"{method} {path}: {last_error}")

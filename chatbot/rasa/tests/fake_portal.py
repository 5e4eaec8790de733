"""A stand-in for the web app's internal bot API, on 127.0.0.1, serving recorded responses.

It follows the contract in the project brief (/internal/bot/faq, guides/search, plans, complaints,
callbacks): the service token is checked, the user is named only by the user token, complaints
and callbacks are idempotent by key. Every request is kept in ``requests`` so tests can assert
what the actions sent. ``down`` makes every call answer 503; ``lose_next_replies`` stores the next POSTs
but answers them 503, as if the reply were lost; ``fail_next_posts`` makes the next
N POSTs answer 503 (a portal that comes back).
"""

import json
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

FIXTURES = Path(__file__).parent / "fixtures" / "portal"
SERVICE_TOKEN = "test-bot-service-token"
CATEGORIES = {"delay", "communication", "plan_content", "provision", "other"}


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


@dataclass
class FakePortal:
    faqs: dict = field(default_factory=lambda: _load("faq.json"))
    guides: dict = field(default_factory=lambda: _load("guides.json"))
    plans: dict = field(default_factory=lambda: _load("plans.json"))
    down: bool = False
    fail_next_posts: int = 0
    lose_next_replies: int = 0
    requests: list = field(default_factory=list)
    complaints: dict = field(default_factory=dict)
    complaint_answers: dict = field(default_factory=dict)
    callbacks: dict = field(default_factory=dict)
    url: str = ""
    _runner: web.AppRunner | None = None

    # --- Routes ---------------------------------------------------------------------------------

    @web.middleware
    async def _gate(self, request: web.Request, handler):
        body = await request.json() if request.can_read_body else None
        self.requests.append(
            {
                "method": request.method,
                "path": request.path,
                "query": dict(request.query),
                "authorization": request.headers.get("Authorization"),
                "user_token": request.headers.get("X-User-Token"),
                "json": body,
            }
        )
        request["json"] = body
        if self.down:
            return web.json_response({"error": "unavailable"}, status=503)
        if request.method == "POST" and self.fail_next_posts > 0:
            self.fail_next_posts -= 1
            return web.json_response({"error": "unavailable"}, status=503)
        if request.headers.get("Authorization") != f"Bearer {SERVICE_TOKEN}":
            return web.json_response({"error": "invalid_service_token"}, status=401)
        response = await handler(request)
        if request.method == "POST" and self.lose_next_replies > 0:
            # Stored, but the answer never gets back (a timeout, a dropped connection).
            self.lose_next_replies -= 1
            return web.json_response({"error": "unavailable"}, status=503)
        return response

    async def faq(self, request: web.Request) -> web.Response:
        faq = self.faqs.get(request.match_info["key"])
        if faq is None:
            return web.json_response({"error": "unknown_faq"}, status=404)
        return web.json_response(faq)

    async def knowledge(self, request: web.Request) -> web.Response:
        """Like the portal's retrieval, simply: an entry whose question shares three words with the
        family's, else the intent's hint; neither, and the entries are offered as alternatives."""
        words = set(request.query.get("q", "").lower().replace("?", "").split())
        hint = request.query.get("hint")
        scored = sorted(
            self.faqs.values(),
            key=lambda faq: -len(words & set(faq["question"].lower().replace("?", "").split())),
        )
        overlap = len(words & set(scored[0]["question"].lower().replace("?", "").split())) if scored else 0
        best = scored[0] if overlap >= 3 else None
        chosen = best or self.faqs.get(hint or "")
        if chosen is None:
            alternatives = [{"key": f["key"], "question": f["question"], "score": 0.2} for f in scored[:3]]
            return web.json_response({"answers": [], "alternatives": alternatives})
        return web.json_response({"answers": [{**chosen, "score": 0.9}], "alternatives": []})

    async def search(self, request: web.Request) -> web.Response:
        limit = int(request.query.get("limit", "3"))
        words = {w for w in request.query.get("q", "").lower().split() if len(w) > 3}
        ranked = sorted(self.guides["results"], key=lambda g: -len(words & set(g["title"].lower().split())))
        return web.json_response({"results": ranked[:limit] if words else []})

    async def plans_view(self, request: web.Request) -> web.Response:
        token = request.headers.get("X-User-Token")
        if not token:
            return web.json_response({"error": "sign_in_required"}, status=401)
        if token not in self.plans:  # like portal/bot_auth.py: a stale or forged token is refused
            return web.json_response({"error": "invalid_user_token"}, status=401)
        return web.json_response(self.plans[token])

    def _signed_in(self, request: web.Request) -> bool:
        return request.headers.get("X-User-Token") in self.plans

    def _contact_errors(self, data: dict, request: web.Request, preference: bool = False) -> dict:
        errors = {}
        if not self._signed_in(request):
            if not data.get("contact_name"):
                errors["contact_name"] = "Enter your name."
            if not (data.get("contact_email") or data.get("contact_phone")):
                errors["contact_email"] = "Enter an email address or a phone number."
            elif (
                preference
                and data.get("contact_preference", "email") == "email"
                and not data.get("contact_email")
            ):
                # Like portal/complaints.py: replies go by email unless the family asked for a call.
                errors["contact_email"] = "Enter your email address so we can reply by email"
        return errors

    async def find_complaint(self, request: web.Request) -> web.Response:
        found = self.complaints.get(request.query.get("idempotency_key"))
        if found is None:
            return web.json_response({"error": "not_found"}, status=404)
        return web.json_response(found)

    async def complaint(self, request: web.Request) -> web.Response:
        data = request["json"] or {}
        token = request.headers.get("X-User-Token")
        if token and token not in self.plans:  # a stale or forged token is refused, not ignored
            return web.json_response({"error": "invalid_user_token"}, status=401)
        key = data.get("idempotency_key")
        answers = {name: value for name, value in data.items() if name != "idempotency_key"}
        if key in self.complaints:
            # Like portal/complaints.py: a resend is answered with the stored one; changed answers
            # under the same key are refused with the stored reference.
            if self.complaint_answers.get(key, answers) != answers:
                return web.json_response({"error": "already_sent", **self.complaints[key]}, status=409)
            return web.json_response(self.complaints[key], status=200)
        errors = self._contact_errors(data, request, preference=True)
        if key and len(key) > 64:
            errors["idempotency_key"] = "Idempotency key must be 64 characters or fewer"
        if data.get("category") not in CATEGORIES:
            errors["category"] = "Choose what the complaint is about."
        for name in ("idempotency_key", "what_happened", "desired_outcome"):
            if not data.get(name):
                errors[name] = f"Enter {name.replace('_', ' ')}."
        if errors:
            return web.json_response({"errors": errors}, status=400)
        reference = f"CMP-2026-{123 + len(self.complaints):06d}"
        self.complaint_answers[key] = answers
        self.complaints[key] = {
            "reference": reference,
            "stage1_due": "2026-12-04",
            "status_url": f"/complaints/{reference}/",
        }
        return web.json_response(self.complaints[key], status=201)

    async def callback(self, request: web.Request) -> web.Response:
        data = request["json"] or {}
        key = data.get("idempotency_key")
        if key in self.callbacks:
            return web.json_response(self.callbacks[key], status=200)
        errors = self._contact_errors(data, request)
        if not data.get("reason"):
            errors["reason"] = "Tell us what you need help with."
        if not isinstance(data.get("transcript"), list):
            errors["transcript"] = "Send the transcript."
        if errors:
            return web.json_response({"errors": errors}, status=400)
        self.callbacks[key] = {
            "reference": f"CB-2026-{45 + len(self.callbacks):06d}",
            "expect_contact_by": "2026-11-24",
        }
        return web.json_response(self.callbacks[key], status=201)

    # --- Life cycle -----------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._gate])
        app.router.add_get("/internal/bot/faq/{key}/", self.faq)
        app.router.add_get("/internal/bot/knowledge/", self.knowledge)
        app.router.add_get("/internal/bot/guides/search/", self.search)
        app.router.add_get("/internal/bot/plans/", self.plans_view)
        app.router.add_post("/internal/bot/complaints/", self.complaint)
        app.router.add_get("/internal/bot/complaints/", self.find_complaint)
        app.router.add_post("/internal/bot/callbacks/", self.callback)
        return app

    async def start(self) -> "FakePortal":
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", free_port())
        await site.start()
        self.url = f"http://127.0.0.1:{site._port}"
        return self

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    def posts(self, path_part: str) -> list[dict]:
        return [r for r in self.requests if r["method"] == "POST" and path_part in r["path"]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

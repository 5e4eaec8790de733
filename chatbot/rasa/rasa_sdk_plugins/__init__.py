"""The action server's lock: every call must carry the shared secret.

rasa-sdk has no authentication of its own, and loopback is not a boundary (any process on the host,
or a forged request relayed through another local service, can post a tracker to ``/webhook`` and
act with the service token's authority). Rasa sends ``Authorization: Bearer <RASA_ACTIONS_SECRET>``
(the ``headers`` of ``action_endpoint`` in endpoints.yml: a header, never a query string, which would
land in access logs); this refuses anything else with 401 before an action runs.

This package is rasa-sdk's documented plugin hook: ``rasa_sdk.plugin`` imports a top-level
``rasa_sdk_plugins`` package and calls ``init_hooks``; ``rasa run actions`` runs from chatbot/rasa,
which Rasa puts on the import path. Start-up fails (fail closed) when a secret is missing.
"""

import hmac

import pluggy
from sanic import response

from actions import settings

hookimpl = pluggy.HookimplMarker("rasa_sdk")

# The health check carries nothing; everything else does.
OPEN_PATHS = frozenset({"/health"})


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(ActionServerLock())


class ActionServerLock:
    @hookimpl
    def attach_sanic_app_extensions(self, app) -> None:
        expected = f"Bearer {settings.required_secret('RASA_ACTIONS_SECRET')}".encode()
        settings.load()  # the web app's service token: refuse to start without it

        async def require_the_secret(request):
            if request.path in OPEN_PATHS:
                return None
            supplied = request.headers.get("authorization", "").encode()
            if not hmac.compare_digest(supplied, expected):
                return response.json({"error": "unauthorized"}, status=401)
            return None

        app.register_middleware(require_the_secret, "request")

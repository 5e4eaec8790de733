"""Record the trackers Rasa sends to the action server, for the action unit tests.

Loads the trained model (models/send-assistant.tar.gz), starts the real action server (rasa-sdk,
in-process on a loopback port) and the fake portal (tests/fake_portal.py), holds each scripted
conversation below, and writes tests/fixtures/trackers/<scenario>.json with the user turns, the
bot's replies and every action call exactly as Rasa made it (action name, tracker, domain).
Re-run after changing the domain, rules or actions:

    ../../.venv-rasa/bin/python scripts/record_trackers.py
"""

import asyncio
import hashlib
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
os.chdir(HERE)
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from tests.fake_portal import SERVICE_TOKEN, FakePortal, free_port  # noqa: E402

OUT = HERE / "tests" / "fixtures" / "trackers"
TWO = "token-parent-of-two"
ONE = "token-parent-of-one"
AMELIA = "0b6f0b5e-5d0c-4a53-8f0e-7a1a2b3c4d5e"
CONFIRM = "/affirm"

# scenario -> (portal set-up, [(message, user token)]). A set-up may also be a turn: ("!down", None).
SCENARIOS = {
    "faq": [("what is an EHCP?", None), ("tell me more", None), ("how do complaints work", None)],
    "plan_status_signed_out": [("where is my son's plan up to?", None)],
    "plan_status_two_children": [
        ("where is my child's plan?", TWO),
        (f'/choose_child{{"child_id":"{AMELIA}"}}', TWO),
        ("is my son's assessment late", TWO),
        ("Jack", TWO),
        ('/choose_child{"child_id":"not-one-of-yours"}', TWO),
    ],
    "plan_status_one_child": [("when is my daughter's annual review", ONE)],
    "complaint_signed_out": [
        ("I want to make a complaint", None),
        ('/choose_category{"complaint_category":"delay"}', None),
        ("We asked for an assessment in March and it is now November with no draft plan.", None),
        ("Issue the plan and tell us what went wrong", None),
        ("Sam Jones", None),
        ("sam@example.com or 07700 900123", None),
        (CONFIRM, None),
    ],
    "complaint_portal_down_then_retry": [
        ("I'd like to complain", ONE),
        ("it's about communication", ONE),
        ("Nobody has answered my emails about Noah's review for six weeks.", ONE),
        ("A reply and a named person to contact", ONE),
        ("!fail_next_posts=2", None),
        (CONFIRM, ONE),
        ("/retry_complaint", ONE),
    ],
    "complaint_change_and_cancel": [
        ("make a complaint", None),
        ('/choose_category{"complaint_category":"provision"}', None),
        ("The speech therapy in section F has not happened since September.", None),
        ("Speech therapy as the plan says", None),
        ("Jo Bloggs", None),
        ("jo.bloggs@example.com", None),
        ('/change_complaint{"complaint_field":"complaint_what_happened"}', None),
        ("The speech and language therapy in section F has not happened since 1 September.", None),
        ("no", None),
        ("/stop", None),
    ],
    "callback_signed_out": [
        ("can I talk to someone", None),
        ("I need help with my son's transport to school", None),
        ("Alex Smith", None),
        ("07700 900456", None),
    ],
    "callback_portal_down": [
        ("!down", None), ("I want to speak to a person", ONE), ("About the annual review", ONE),
    ],
    "fallback": [("asdf qwerty zxcv", None), ("/rephrase", None)],
    "chitchat": [("hello", None), ("are you a bot", None), ("how do I pay my council tax", None),
                 ("thanks", None), ("bye", None)],
}  # fmt: skip


def _trim(tracker: dict) -> dict:
    """Drop the NLU ranking details the actions never read, to keep the fixtures small."""
    for message in [tracker.get("latest_message") or {}] + [
        e.get("parse_data") or {} for e in tracker.get("events", []) if e.get("event") == "user"
    ]:
        message.pop("intent_ranking", None)
        message.pop("text_tokens", None)
    return tracker


async def record() -> None:
    import logging

    import structlog

    # Rasa's processor logs every step at debug level through structlog; only our summary is wanted.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    logging.basicConfig(level=logging.WARNING)
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.utils.endpoints import EndpointConfig
    from rasa_sdk.endpoint import create_app
    from sanic import Sanic

    portal = await FakePortal().start()
    os.environ.update(WEB_URL=portal.url, BOT_SERVICE_TOKEN=SERVICE_TOKEN)
    Sanic.test_mode = True
    actions = create_app("actions")
    calls: list[dict] = []

    @actions.middleware("request")
    async def keep(request):
        if request.path == "/webhook":
            calls.append(request.json)

    port = free_port()
    server = await actions.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    agent = Agent.load(
        "models/send-assistant.tar.gz", action_endpoint=EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    )
    OUT.mkdir(parents=True, exist_ok=True)

    for name, turns in SCENARIOS.items():
        portal.down, portal.fail_next_posts = False, 0
        calls.clear()
        sender = hashlib.md5(name.encode()).hexdigest()  # noqa: S324 (an id, not security)
        transcript = []
        for text, token in turns:
            if text.startswith("!"):
                setting, _, value = text[1:].partition("=")
                setattr(portal, setting, int(value) if value else True)
                continue
            out = CollectingOutputChannel()
            await agent.handle_message(
                UserMessage(text, out, sender, input_channel="django", metadata={"user_token": token})
            )
            transcript.append({"user": text, "user_token": token, "bot": out.messages})
        record_ = {
            "scenario": name,
            "turns": transcript,
            "domain": calls[0]["domain"] if calls else None,  # the same for every call
            "action_calls": [
                {"next_action": c["next_action"], "tracker": _trim(c["tracker"])} for c in calls
            ],
        }
        (OUT / f"{name}.json").write_text(json.dumps(record_, sort_keys=True) + "\n")
        print(f"\n== {name}")
        for turn in transcript:
            print(f"  user: {turn['user']}")
            for message in turn["bot"]:
                print(
                    f"   bot: {json.dumps({k: v for k, v in message.items() if k != 'recipient_id'})[:300]}"
                )
        print("  actions: " + ", ".join(c["next_action"] for c in calls))

    server.close()
    await server.wait_closed()
    await portal.stop()


if __name__ == "__main__":
    asyncio.run(record())

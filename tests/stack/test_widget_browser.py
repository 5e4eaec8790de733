"""The chat widget in real headless Chromium: keyboard use, quick replies, errors, a 320 px phone,
no JavaScript, and axe-core. Rasa is faked here (the bridge's transport), so these run without the
trained model; test_widget_with_the_real_assistant uses the whole stack."""

import httpx
import pytest
from playwright.sync_api import expect

from chatbot import rasa_client
from chatbot.models import Message
from tests.browser import axe_violations

from .conftest import wait_for_chat_writes
from .data import FAQ_ANSWER, ensure_site, faq_answer

pytestmark = pytest.mark.e2e

PAGE = "/stack-test/widget/"  # base.html alone: see tests/stack/urls.py


class FakeRasa:
    def __init__(self):
        self.messages = []
        self.down = False

    def handle(self, request):
        import json

        message = json.loads(request.content)["message"]
        self.messages.append(message)
        if self.down:
            raise httpx.ConnectError("refused")
        if message == "/affirm":
            return httpx.Response(200, json=[{"text": "Great, thanks for telling me."}])
        return httpx.Response(
            200,
            json=[
                {
                    "text": f"You asked: {message}\n\nAn EHC plan is a legal document.",
                    "custom": {"links": [{"title": "What an EHC plan is", "url": "/guidance/ehcp/"}]},
                },
                {"text": "Did that help?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
            ],
        )


@pytest.fixture
def fake_rasa(web_server, settings, transactional_db, prompt_chat_writes):
    settings.RASA_URL = "http://rasa.test"
    settings.ROOT_URLCONF = "tests.stack.urls"
    fake = FakeRasa()
    rasa_client.set_transport(httpx.MockTransport(fake.handle))
    yield fake
    rasa_client.set_transport(None)


@pytest.fixture
def open_page(browser, transactional_db):
    """Opens the test page in a fresh browser context; every context closes before the test's
    database goes away, so no page lingers and reconnects between tests."""
    ensure_site()
    contexts = []

    def open_page(web_server, **context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(web_server.url + PAGE)
        page.console_errors = errors
        return page

    yield open_page
    for context in contexts:
        context.close()
    wait_for_chat_writes()


def test_ask_a_question_and_see_the_answer_with_keyboard_only(open_page, web_server, fake_rasa):
    page = open_page(web_server)
    expect(page.locator(".app-chat__fallback")).to_be_hidden()
    launcher = page.get_by_role("button", name="Ask a question")
    launcher.focus()
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    question = page.get_by_label("Your question")
    expect(question).to_be_focused()
    page.keyboard.type("What is an EHCP?")
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    expect(log).to_contain_text("You asked: What is an EHCP?")
    expect(log.get_by_role("link", name="What an EHC plan is")).to_have_attribute("href", "/guidance/ehcp/")
    assert axe_violations(page) == []
    # A quick reply sends its payload and shows its title.
    log.get_by_role("button", name="Yes").click()
    expect(log).to_contain_text("Great, thanks for telling me.")
    assert fake_rasa.messages == ["What is an EHCP?", "/affirm"]
    expect(log.get_by_role("button", name="Yes")).to_have_count(0)
    # Escape closes the panel and gives focus back to the button that opened it.
    question.focus()
    page.keyboard.press("Escape")
    expect(page.locator("#app-chat-panel")).to_be_hidden()
    expect(launcher).to_be_focused()
    assert page.console_errors == []


def test_reload_continues_the_conversation(open_page, web_server, fake_rasa):
    page = open_page(web_server)
    page.get_by_role("button", name="Ask a question").click()
    page.get_by_label("Your question").fill("first question")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("log")).to_contain_text("Did that help?")
    # The exchange is stored just after the reply is sent; a person takes longer than that to reload.
    wait_for_chat_writes()
    assert Message.objects.filter(text="Did that help?").exists()
    page.reload()
    # The panel reopens by itself with the conversation so far.
    expect(page.get_by_role("log")).to_contain_text("You asked: first question")


def test_too_long_and_empty_questions_get_a_govuk_error(open_page, web_server, fake_rasa):
    page = open_page(web_server)
    page.get_by_role("button", name="Ask a question").click()
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#app-chat-input-error")).to_contain_text("Enter your question")
    page.get_by_label("Your question").fill("x" * 2001)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#app-chat-input-error")).to_contain_text("2,000 characters or fewer")
    assert fake_rasa.messages == []
    assert axe_violations(page) == []


def test_assistant_down_shows_the_error_with_the_complaint_form_and_contact_page(
    open_page, web_server, fake_rasa
):
    fake_rasa.down = True
    page = open_page(web_server)
    page.get_by_role("button", name="Ask a question").click()
    page.get_by_label("Your question").fill("hello")
    page.get_by_role("button", name="Send").click()
    problem = page.locator(".app-chat__message--error")
    expect(problem).to_contain_text("not working at the moment")
    expect(problem.get_by_role("link", name="Make a complaint online")).to_have_attribute(
        "href", "/complaints/new/"
    )
    expect(problem.get_by_role("link", name="Contact the SEND team")).to_have_attribute(
        "href", "/contact-us/"
    )


def test_works_on_a_320px_phone(open_page, web_server, fake_rasa):
    page = open_page(web_server, viewport={"width": 320, "height": 640})
    page.get_by_role("button", name="Ask a question").click()
    page.get_by_label("Your question").fill("What is an EHCP?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("log")).to_contain_text("Did that help?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []


def test_without_javascript_the_box_links_to_the_complaint_form_and_contact_page(
    open_page, web_server, fake_rasa
):
    page = open_page(web_server, java_script_enabled=False)
    box = page.locator(".app-chat")
    expect(box.get_by_role("link", name="Make a complaint").first).to_be_visible()
    expect(box.get_by_role("link", name="contact the SEND team")).to_be_visible()
    expect(page.get_by_role("button", name="Ask a question")).to_be_hidden()
    expect(page.locator("#app-chat-panel")).to_be_hidden()


@pytest.mark.stack
def test_widget_with_the_real_assistant(stack, open_page, settings):
    settings.ROOT_URLCONF = "tests.stack.urls"
    faq_answer()
    page = open_page(stack.web)
    page.get_by_role("button", name="Ask a question").click()
    page.get_by_label("Your question").fill("What is an EHCP?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("log")).to_contain_text(FAQ_ANSWER, timeout=60_000)
    assert axe_violations(page) == []


def test_a_crisis_message_shows_the_routes_to_help_at_once_even_with_the_assistant_down(
    open_page, web_server, fake_rasa
):
    fake_rasa.down = True  # the safety reply comes from the bridge, not from Rasa
    page = open_page(web_server, viewport={"width": 320, "height": 640})
    page.get_by_role("button", name="Ask a question").click()
    page.get_by_label("Your question").fill("i cant do this anymore, i just want it all to stop")
    page.get_by_role("button", name="Send").click()
    help_now = page.locator(".app-chat__message--safety")
    expect(help_now).to_have_attribute("role", "alert")
    expect(help_now).to_contain_text("call 999")
    expect(help_now).to_contain_text("116 123")
    expect(help_now.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    expect(help_now.get_by_role("link", name="Text SHOUT to 85258")).to_have_attribute(
        "href", "sms:85258?body=SHOUT"
    )
    expect(page.locator(".app-chat__message--error")).to_have_count(0)
    assert fake_rasa.messages == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_old_quick_replies_go_and_the_status_is_announced(open_page, web_server, fake_rasa):
    page = open_page(web_server)
    page.get_by_role("button", name="Ask a question").click()
    status = page.locator(".app-chat__status")
    expect(status).to_have_attribute("role", "status")
    log = page.get_by_role("log")
    page.get_by_label("Your question").fill("first question")
    page.get_by_role("button", name="Send").click()
    expect(log.get_by_role("button", name="Yes")).to_have_count(1)
    page.get_by_label("Your question").fill("second question")
    page.get_by_role("button", name="Send").click()
    expect(log).to_contain_text("You asked: second question")
    # Only the newest question's choice is offered: the first one's "Yes" has gone.
    expect(log.get_by_role("button", name="Yes")).to_have_count(1)
    assert axe_violations(page) == []

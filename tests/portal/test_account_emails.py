"""Account emails come from the council, in plain GOV.UK English (issue 11, item 10), never as
"Hello from 127.0.0.1:8000!" with subjects such as "Please Confirm Your Email Address"."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

COUNCIL = "Northmere Council"


@pytest.fixture
def council_name(home=None):
    from wagtail.models import Site

    from cms.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.council_name = COUNCIL
    site_settings.save()
    return COUNCIL


def assert_councils(message):
    body, subject = message.body, message.subject
    assert COUNCIL in subject and COUNCIL in body
    # The links carry the site's address; the greeting and the signature must not be the server's.
    for server_words in ("Hello from", "Thank you for using", "example.com"):
        assert server_words not in body and server_words not in subject
    assert subject == subject.strip() and "\n" not in subject
    assert body.rstrip().splitlines()[-2] == f"{COUNCIL} SEND team"


def test_the_sign_up_confirmation_is_the_councils(client, council_name):
    client.post(
        reverse("account_signup"),
        {
            "email": "new.parent@example.org",
            "password1": "a-long-new-password-2026",
            "password2": "a-long-new-password-2026",
        },
    )
    (message,) = mail.outbox
    assert message.subject == f"Confirm your email address for the {COUNCIL} SEND family portal"
    assert "To confirm it, open this link:" in message.body
    assert_councils(message)


def test_the_password_reset_is_the_councils(client, council_name):
    parent = UserFactory()
    client.post(reverse("account_reset_password"), {"email": parent.email})
    (message,) = mail.outbox
    assert message.subject == f"Reset your password for the {COUNCIL} SEND family portal"
    assert "/accounts/password/reset/key/" in message.body
    assert_councils(message)


def test_a_reset_for_an_unknown_address_says_so_plainly(client, council_name, settings):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    (message,) = mail.outbox
    assert "There is no account with this address" in message.body
    assert_councils(message)

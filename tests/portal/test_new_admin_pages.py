"""The admin pages this issue added open for an administrator, and sit in the menus staff use."""

import pytest

from tests.factories.portal import sign_in_with_mfa

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/snippets/portal/safetycontacts/",
    "/admin/snippets/portal/safetycontacts/add/",
    "/admin/unanswered_questions/",
    "/admin/casework/safeguarding/",
    "/admin/snippets/cms/faqanswer/add/",
]


def test_the_new_pages_open_and_are_in_the_menus(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x" * 20)
    sign_in_with_mfa(client, admin)
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    menu = client.get("/admin/").content.decode()
    for label in ("Safety contacts", "Safeguarding flags", "Unanswered questions", "Knowledge base"):
        assert label in menu, label

"""Only caseworkers reach the staff pages: signed-out users, parents and other admin users do not."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories.portal import sign_in_with_mfa

from .factories import ComplaintFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    plan = PlanFactory()
    complaint = ComplaintFactory(child=plan.child)
    return [
        reverse("portal_staff:cases"),
        reverse("portal_staff:case", args=[plan.public_id]),
        reverse("portal_staff:case_new"),
        reverse("portal_staff:plan_edit", args=[plan.public_id]),
        reverse("portal_staff:case_history", args=[plan.public_id]),
        reverse("portal_staff:section_add", args=[plan.public_id, "documents"]),
        reverse("portal_staff:complaints"),
        reverse("portal_staff:complaint", args=[complaint.public_id]),
        reverse("portal_staff:early_reviews"),
        reverse("portal_staff:import"),
        reverse("portal_staff:import_template"),
        reverse("portal_staff:dashboard"),
        reverse("portal_staff:dashboard_csv"),
        reverse("portal_audit:index"),
    ]


def test_signed_out_users_are_sent_to_sign_in(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(settings.WAGTAILADMIN_LOGIN_URL), url


def test_parents_cannot_reach_staff_pages(client, parent, urls):
    client.force_login(parent)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(settings.WAGTAILADMIN_LOGIN_URL), url
    response = client.post(reverse("portal_staff:import"), {})
    assert response.status_code == 302


def test_other_admin_users_are_refused(client, editor, urls):
    """Communications staff may use the Wagtail admin but not case records."""
    sign_in_with_mfa(client, editor)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home"), url


def test_refused_with_403_for_background_requests(client, editor, urls):
    sign_in_with_mfa(client, editor)
    response = client.get(urls[0], headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403


def test_caseworkers_must_have_given_an_authenticator_code(client, caseworker, urls):
    client.force_login(caseworker)  # a password-only sign-in
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_reauthenticate")), url


def test_caseworkers_reach_every_page_and_see_the_menu(staff_client, urls):
    for url in urls:
        assert staff_client.get(url).status_code == 200, url
    home = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Casework" in home and reverse("portal_staff:dashboard") in home


def test_the_menu_is_hidden_from_other_admin_users(client, editor):
    sign_in_with_mfa(client, editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_staff:cases") not in home


def test_superusers_pass(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x-long-password")
    sign_in_with_mfa(client, admin)
    assert client.get(reverse("portal_staff:dashboard")).status_code == 200


def test_the_caseworkers_group_exists_once_the_database_is_migrated():
    """An administrator only has to add a caseworker to the group: no demo data, no shell."""
    from django.contrib.auth.models import Group

    from portal.staff.permissions import CASEWORKER_PERMISSIONS, CASEWORKERS_GROUP

    group = Group.objects.get(name=CASEWORKERS_GROUP)
    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert held == set(CASEWORKER_PERMISSIONS)

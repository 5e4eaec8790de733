"""Security events are audited (issue 10): failed sign-ins, authenticator apps set up or removed,
and changes to groups, permissions and account powers, whoever makes them and however."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal import audit, mfa
from portal.models import AuditEntry
from portal.staff.permissions import ensure_caseworkers_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def security_summaries():
    return list(
        AuditEntry.objects.filter(action=AuditEntry.Action.SECURITY)
        .order_by("pk")
        .values_list("summary", flat=True)
    )


def test_a_failed_sign_in_is_recorded_with_the_address_typed_and_never_the_password(client):
    client.post(reverse("account_login"), {"login": "someone@example.org", "password": "hunter2-secret"})
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SECURITY)
    assert entry.summary == "Failed sign-in for someone@example.org"
    assert entry.ip_address == "127.0.0.1"
    assert "hunter2" not in str(entry.changes) + entry.summary


def test_a_successful_sign_in_is_not_a_security_event(client):
    parent = UserFactory()
    client.post(reverse("account_login"), {"login": parent.email, "password": settings.DEMO_PASSWORD})
    assert security_summaries() == []


def test_groups_permissions_and_powers_changes_are_recorded_with_who_made_them():
    admin = UserFactory(is_superuser=True)
    user = UserFactory()
    caseworkers = ensure_caseworkers_group()
    AuditEntry.objects.all().delete()
    with audit.acting_as(admin):
        user.groups.add(caseworkers)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        Group.objects.get_or_create(name="Editors")[0].permissions.add(
            Permission.objects.get(codename="view_auditentry")
        )
        user.is_superuser = True
        user.save()
        user.groups.remove(caseworkers)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.SECURITY).order_by("pk")
    summaries = [e.summary for e in entries]
    assert summaries[0].startswith("Groups added: Caseworkers")
    assert summaries[1].startswith("Permissions added: ")
    assert summaries[2].startswith("Group permissions added: ")
    assert summaries[3].startswith("Account changed") and entries[3].changes == {
        "is_superuser": [False, True]
    }
    assert summaries[4].startswith("Groups removed: Caseworkers")
    assert {e.actor_id for e in entries} == {admin.pk}


def test_an_authenticator_app_set_up_and_removed_is_recorded(client):
    from allauth.mfa.signals import authenticator_added, authenticator_removed

    user = UserFactory()
    authenticator = mfa.add_authenticator_app(user, "JBSWY3DPEHPK3PXP")
    authenticator_added.send(sender=type(authenticator), request=None, user=user, authenticator=authenticator)
    authenticator_removed.send(
        sender=type(authenticator), request=None, user=user, authenticator=authenticator
    )
    assert security_summaries() == ["Authenticator app set up", "Authenticator app removed"]

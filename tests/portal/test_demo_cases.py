"""load_demo_cases: the demo families in the states the README promises, generated cases, re-runs."""

import io
import time

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import CommandError, call_command

from portal import access, cases, timeline
from portal.models import AuditEntry, Child, Complaint, EHCPlan, User

pytestmark = pytest.mark.django_db


def load(n=60):
    out = io.StringIO()
    call_command("load_demo_cases", cases=n, stdout=out)
    return out.getvalue()


def test_demo_families_and_staff():
    output = load()
    assert "portal: done" in output
    parent = User.objects.get(email="parent@example.org")
    assert authenticate(email="parent@example.org", password=settings.DEMO_PASSWORD) == parent
    assert EmailAddress.objects.filter(user=parent, verified=True).exists()

    summaries = {s.child.first_name: s for s in cases.summaries_for(access.children_with_cases_for(parent))}
    assert set(summaries) == {"Maya", "Leo"}
    maya = summaries["Maya"].timeline
    assert maya.stage == timeline.ASSESSING
    assert any(s.kind == "final_plan" and s.status == timeline.OVERDUE for s in maya.steps)
    leo = summaries["Leo"].timeline
    assert leo.stage == timeline.PLAN
    days_to_review = (leo.next_annual_review - cases.today()).days
    assert 0 < days_to_review <= 42

    second = User.objects.get(email="second.parent@example.org")
    assert [c.first_name for c in access.children_for(second)] == ["Ava"]

    caseworker = User.objects.get(email="caseworker@example.org")
    assert caseworker.is_staff and caseworker.groups.filter(name="Caseworkers").exists()
    assert caseworker.has_perm("wagtailadmin.access_admin")
    assert not mail.outbox and not AuditEntry.objects.exists()  # loading is silent


def test_generated_cases_spread_over_stages_and_sources_and_reruns_create_nothing():
    load(300)
    generated = EHCPlan.objects.filter(reference__startswith="EHC-1")
    assert generated.count() == 300
    stages = set(generated.values_list("stage", flat=True))
    assert {timeline.PLAN, timeline.ASSESSING, timeline.NOT_ASSESSING} <= stages
    assert set(generated.values_list("request_source", flat=True)) >= {"parent", "school"}
    assert generated.values("caseworker").distinct().count() > 3
    for plan in generated[:50]:
        assert plan.stage == plan.stage_from_fields()
    before = (Child.objects.count(), EHCPlan.objects.count(), Complaint.objects.count())
    output = load(300)
    assert "300 generated cases already present" in output
    assert (Child.objects.count(), EHCPlan.objects.count(), Complaint.objects.count()) == before


def test_the_full_load_takes_seconds():
    started = time.monotonic()
    load(2850)
    assert EHCPlan.objects.filter(reference__startswith="EHC-1").count() == 2850
    assert time.monotonic() - started < 30


def test_refuses_without_demo_settings(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError):
        load()

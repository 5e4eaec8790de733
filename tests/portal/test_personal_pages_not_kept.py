"""Pages that carry a family's personal data are never kept by a browser or proxy, and the views of
a child's data added for issue 10 (a complaint's page, the early review form) are audited."""

import pytest
from django.urls import reverse

from portal.models import AuditEntry
from tests.factories.portal import ComplaintFactory, FinalPlanFactory, family

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent_with_plan(client):
    plan = FinalPlanFactory()
    parent, child = family(child=plan.child)
    client.force_login(parent)
    complaint = ComplaintFactory(submitted_by=parent, child=child)
    return parent, child, complaint


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


def test_every_personal_page_says_no_store(client, parent_with_plan):
    _parent, child, complaint = parent_with_plan
    for url in (
        reverse("portal:complaint_list"),
        reverse("portal:complaint_detail", args=[complaint.public_id]),
        reverse("portal:complaint_new"),
        reverse("portal:early_review", args=[child.public_id]),
        reverse("portal:link_child"),
        reverse("portal:child", args=[child.public_id]),
        reverse("portal:home"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_a_complaints_page_and_the_early_review_form_are_audited(client, parent_with_plan):
    parent, child, complaint = parent_with_plan
    client.get(reverse("portal:complaint_detail", args=[complaint.public_id]))
    client.get(reverse("portal:early_review", args=[child.public_id]))
    entries = AuditEntry.objects.filter(actor=parent, child=child, action=AuditEntry.Action.VIEW)
    summaries = set(entries.values_list("summary", flat=True))
    assert f"Viewed complaint {complaint.reference}" in summaries
    assert "Viewed the early review form" in summaries

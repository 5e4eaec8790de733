"""The portal home and the plan page run the same number of queries however big the case is."""

import datetime

import pytest
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import Child
from tests.factories.portal import (
    AdviceFactory,
    ClockExceptionFactory,
    DocumentFactory,
    EarlyReviewRequestFactory,
    FinalPlanFactory,
    OutcomeFactory,
    ProgressFactory,
    ReviewFactory,
    family,
)

pytestmark = pytest.mark.django_db


def grow(plan, n):
    """Give a plan n of every kind of related record."""
    for i in range(n):
        AdviceFactory(plan=plan, kind=["education", "health", "social_care", "ep", "other"][i % 5])
        ClockExceptionFactory(plan=plan, start_date=plan.request_date + datetime.timedelta(days=i))
        ReviewFactory(
            plan=plan,
            due_date=plan.final_issued_date + datetime.timedelta(days=300 + i),
            meeting_date=plan.final_issued_date + datetime.timedelta(days=290 + i),
        )
        DocumentFactory(plan=plan, title=f"Document {i}")
        outcome = OutcomeFactory(plan=plan)
        ProgressFactory(outcome=outcome)
        ProgressFactory(outcome=outcome)
        # One request may wait per plan; the rest have been answered.
        EarlyReviewRequestFactory(plan=plan, status="open" if i == 0 else "declined")


def count_queries(client, url, changed=None):
    """Queries for one visit; with ``changed`` (a child), the first visit after a change to its case,
    which renders the page again."""
    # The first visit creates the site's settings row (a change to the Local Offer, which starts a
    # new cache generation); from the second the settings are kept in the process.
    client.get(url)
    client.get(url)
    if changed is not None:
        Child.objects.filter(pk=changed.pk).update(first_name=Concat("first_name", Value("x")))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_plan_page_queries_do_not_grow_with_the_case(client):
    small = FinalPlanFactory()
    big = FinalPlanFactory()
    grow(small, 1)
    grow(big, 8)
    user, _ = family(child=small.child)
    user.child_links.create(child=big.child)
    client.force_login(user)
    small_url = reverse("portal:child", args=[small.child.public_id])
    big_url = reverse("portal:child", args=[big.child.public_id])
    cold = count_queries(client, small_url, changed=small.child)
    assert count_queries(client, big_url, changed=big.child) == cold
    # session, user, the case rows (twice), child, plans, advice, exceptions, reviews, documents,
    # outcomes, progress, early reviews, own link, audit insert, and the test's savepoint (2).
    assert cold <= 17
    # Seen again unchanged: session (from Redis when there is one), user, the case rows, audit insert.
    assert count_queries(client, small_url) == count_queries(client, big_url) <= 4


def test_portal_home_queries_do_not_grow_with_children_or_cases(client):
    one = FinalPlanFactory()
    grow(one, 1)
    user, _ = family(child=one.child)
    client.force_login(user)
    url = reverse("portal:home")
    cold = count_queries(client, url, changed=one.child)
    for _ in range(4):
        plan = FinalPlanFactory()
        grow(plan, 4)
        user.child_links.create(child=plan.child)
    assert count_queries(client, url, changed=one.child) == cold
    # session, user, the case rows (twice), children, plans, advice, exceptions, reviews, own links,
    # complaints, audit insert, and the test's savepoint (2).
    assert cold <= 15
    assert count_queries(client, url) <= 4  # as a plan page seen again

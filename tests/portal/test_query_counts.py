"""The portal home and the plan page run the same number of queries however big the case is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
        EarlyReviewRequestFactory(plan=plan)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def warm_up(client, url):
    """The first visits create the site's settings row (a change to the Local Offer, which starts a
    new cache generation) and then keep the settings in the process until the Local Offer changes."""
    client.get(url)
    client.get(url)


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
    warm_up(client, small_url)
    n = count_queries(client, small_url)
    assert count_queries(client, big_url) == n
    # session, user, child, plans, advice, exceptions, reviews, documents, outcomes, progress,
    # early reviews, own link, audit insert.
    assert n <= 13


def test_portal_home_queries_do_not_grow_with_children_or_cases(client, django_assert_num_queries):
    one = FinalPlanFactory()
    grow(one, 1)
    user, _ = family(child=one.child)
    client.force_login(user)
    warm_up(client, reverse("portal:home"))
    n = count_queries(client, reverse("portal:home"))
    for _ in range(4):
        plan = FinalPlanFactory()
        grow(plan, 4)
        user.child_links.create(child=plan.child)
    with django_assert_num_queries(n):
        client.get(reverse("portal:home"))
    # session, user, children, plans, advice, exceptions, reviews, own links, complaints, audit insert.
    assert n <= 11

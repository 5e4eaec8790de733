"""Factories for the staff-side tests: children, settings, plans, reviews, staff and parents."""

from datetime import date

import factory
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.models import AnnualReview, Child, ClockException, Complaint, EHCPlan, ParentLink, Setting

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    email = factory.Sequence(lambda n: f"caseworker{n}@example.org")
    is_staff = True

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        # Staff must have an authenticator app before the staff pages open (portal.middleware).
        if create and extracted is not False:
            Authenticator.objects.create(user=obj, type=Authenticator.Type.TOTP, data={"secret": "x"})


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    name = factory.Sequence(lambda n: f"Northmere School {n}")
    urn = factory.Sequence(lambda n: f"{100000 + n}")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    first_name = factory.Sequence(lambda n: f"Child{n}")
    last_name = "Test"
    date_of_birth = date(2015, 6, 1)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EHCPlan

    child = factory.SubFactory(ChildFactory)
    reference = factory.Sequence(lambda n: f"EHC-{n:06d}")
    request_date = date(2025, 1, 6)
    request_source = EHCPlan.Source.PARENT


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReview

    plan = factory.SubFactory(PlanFactory)
    due_date = date(2026, 6, 1)


class ClockExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClockException

    plan = factory.SubFactory(PlanFactory)
    reason = ClockException.Reason.PERSONAL
    start_date = date(2025, 2, 1)
    end_date = date(2025, 2, 28)


class ParentLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentLink

    user = factory.SubFactory(UserFactory)
    child = factory.SubFactory(ChildFactory)


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    reference = factory.Sequence(lambda n: f"CMP-2026-{n:06d}")
    idempotency_key = factory.Sequence(lambda n: f"key-{n}")
    category = Complaint.Category.DELAY
    what_happened = "The plan is late."
    desired_outcome = "Issue the plan."
    contact_name = "Pat Parent"
    contact_email = "pat@example.org"
    received_at = factory.LazyFunction(timezone.now)
    stage1_due = date(2026, 1, 20)

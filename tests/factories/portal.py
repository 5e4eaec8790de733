"""Factories for the parent portal's case records."""

import base64
import datetime
import hashlib
import hmac
import struct
import time

import factory
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from portal.models import (
    AdviceRequest,
    AnnualReview,
    Child,
    ClockException,
    Complaint,
    Document,
    EarlyReviewRequest,
    EHCPlan,
    Outcome,
    OutcomeProgress,
    ParentLink,
    Setting,
    User,
)
from portal.timeline import complaint_stage1_due


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", settings.DEMO_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Users can sign in only with a verified address (ACCOUNT_EMAIL_VERIFICATION = mandatory)."""
        if not create:
            return
        obj.save()
        if extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class CaseworkerFactory(UserFactory):
    is_staff = True
    phone = "01632 960 123"


class SettingFactory(DjangoModelFactory):
    class Meta:
        model = Setting

    name = factory.Sequence(lambda n: f"Northmere School {n}")
    phase = Setting.Phase.PRIMARY


class ChildFactory(DjangoModelFactory):
    class Meta:
        model = Child

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = datetime.date(2016, 4, 12)
    setting = factory.SubFactory(SettingFactory)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = EHCPlan

    child = factory.SubFactory(ChildFactory)
    reference = factory.Sequence(lambda n: f"EHC-{n + 100000:06d}")
    caseworker = factory.SubFactory(CaseworkerFactory)
    request_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(weeks=3))
    request_source = EHCPlan.Source.PARENT


class FinalPlanFactory(PlanFactory):
    """A plan issued on time, some months ago."""

    request_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(weeks=40))
    decision_to_assess = "yes"
    decision_date = factory.LazyAttribute(lambda o: o.request_date + datetime.timedelta(weeks=5))
    draft_issued_date = factory.LazyAttribute(lambda o: o.request_date + datetime.timedelta(weeks=15))
    final_issued_date = factory.LazyAttribute(lambda o: o.request_date + datetime.timedelta(weeks=19))


class AdviceFactory(DjangoModelFactory):
    class Meta:
        model = AdviceRequest

    plan = factory.SubFactory(PlanFactory)
    kind = AdviceRequest.Kind.EDUCATION
    requested_date = factory.LazyAttribute(lambda o: o.plan.request_date + datetime.timedelta(weeks=6))


class ClockExceptionFactory(DjangoModelFactory):
    class Meta:
        model = ClockException

    plan = factory.SubFactory(PlanFactory)
    reason = ClockException.Reason.SCHOOL_HOLIDAY
    start_date = factory.LazyAttribute(lambda o: o.plan.request_date + datetime.timedelta(weeks=2))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(weeks=5))


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = AnnualReview

    plan = factory.SubFactory(FinalPlanFactory)
    due_date = factory.Sequence(lambda n: timezone.localdate() + datetime.timedelta(days=30 + n))


class EarlyReviewRequestFactory(DjangoModelFactory):
    class Meta:
        model = EarlyReviewRequest

    plan = factory.SubFactory(FinalPlanFactory)
    reason = "Needs have changed since the new diagnosis."


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    plan = factory.SubFactory(FinalPlanFactory)
    area = Outcome.Area.COMMUNICATION
    description = "Will ask an adult for help using a sentence of three words."


class ProgressFactory(DjangoModelFactory):
    class Meta:
        model = OutcomeProgress

    outcome = factory.SubFactory(OutcomeFactory)
    recorded_on = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    rating = 3


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    plan = factory.SubFactory(FinalPlanFactory)
    kind = Document.Kind.PLAN
    title = "Final EHC plan"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 test plan\n", name="final-plan.pdf"))


class ParentLinkFactory(DjangoModelFactory):
    class Meta:
        model = ParentLink

    user = factory.SubFactory(UserFactory)
    child = factory.SubFactory(ChildFactory)


class ComplaintFactory(DjangoModelFactory):
    class Meta:
        model = Complaint

    reference = factory.Sequence(lambda n: f"CMP-2026-{n + 900000:06d}")
    idempotency_key = factory.Sequence(lambda n: f"factory-key-{n}")
    category = Complaint.Category.DELAY
    what_happened = "The plan is late."
    desired_outcome = "Issue the plan."
    contact_name = "A Parent"
    contact_email = "a.parent@example.org"
    received_at = factory.LazyFunction(timezone.now)
    stage1_due = factory.LazyAttribute(lambda o: complaint_stage1_due(timezone.localdate(o.received_at)))


def family(child=None, **user_kwargs):
    """A parent linked to a child (made if not given). Returns ``(user, child)``."""
    child = child or ChildFactory()
    user = UserFactory(**user_kwargs)
    ParentLinkFactory(user=user, child=child)
    return user, child


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret, at=None):
    """The code an authenticator app shows for ``secret`` now (RFC 6238: 30 s steps, 6 digits, as
    allauth's defaults), so tests type what a member of staff would."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def sign_in_with_mfa(client, user, secret=TEST_TOTP_SECRET):
    """``client.force_login`` plus the mark allauth's signals leave once the authenticator code step
    is passed, so tests of staff pages get past ``portal.middleware.StaffMFARequiredMiddleware``.
    (tests/portal/test_accounts.py signs in through the real code step.)"""
    from portal import mfa

    mfa.add_authenticator_app(user, secret)
    client.force_login(user)
    session = client.session
    mfa.mark_verified(session, user)
    session.save()

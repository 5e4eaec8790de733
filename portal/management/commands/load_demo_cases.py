"""Demo cases for the parent portal and the staff dashboard (dev and test settings only).

Creates schools, caseworkers (in a "Caseworkers" group with Wagtail admin access), the demo families
(parent@example.org with two children, second.parent@example.org with one), and 2,850 further
generated cases spread over stages, sources, dates and caseworkers. Everything is keyed (emails,
plan references, complaint keys), and the generator is seeded, so running it again creates nothing
new. Bulk inserts keep it to seconds; family emails and audit entries are switched off while loading.
"""

import datetime
import random
import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal import audit, case_updates, complaints, mfa, timeline
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
    SafetyContacts,
    Setting,
    User,
)
from portal.staff.permissions import ensure_caseworkers_group

GENERATED_CASES = 2850
SEED = 2026
# Dev-only: lets browser tests and demos pass the staff MFA step as caseworker@example.org.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

SCHOOLS = [
    ("Northmere Primary School", Setting.Phase.PRIMARY),
    ("St Aidan's CE Primary School", Setting.Phase.PRIMARY),
    ("Riverside Infant School", Setting.Phase.PRIMARY),
    ("Harbour View Junior School", Setting.Phase.PRIMARY),
    ("Millbrook Primary Academy", Setting.Phase.PRIMARY),
    ("Castle Hill Primary School", Setting.Phase.PRIMARY),
    ("Oakfield Nursery", Setting.Phase.EARLY_YEARS),
    ("Little Acorns Pre-school", Setting.Phase.EARLY_YEARS),
    ("Northmere Academy", Setting.Phase.SECONDARY),
    ("Westgate High School", Setting.Phase.SECONDARY),
    ("Kingsway Secondary School", Setting.Phase.SECONDARY),
    ("St Hilda's Catholic High School", Setting.Phase.SECONDARY),
    ("Brookside Special School", Setting.Phase.SPECIAL),
    ("The Beacon School", Setting.Phase.SPECIAL),
    ("Northmere College", Setting.Phase.POST_16),
    ("Moorland Sixth Form", Setting.Phase.POST_16),
    ("Pathways Learning Centre", Setting.Phase.ALTERNATIVE),
]

CASEWORKERS = [
    ("caseworker@example.org", "Casey", "Walker", "01632 960 101"),
    ("priya.shah@northmere.example.org", "Priya", "Shah", "01632 960 102"),
    ("tom.okafor@northmere.example.org", "Tom", "Okafor", "01632 960 103"),
    ("helen.brook@northmere.example.org", "Helen", "Brook", "01632 960 104"),
    ("dan.murphy@northmere.example.org", "Dan", "Murphy", "01632 960 105"),
    ("aisha.rahman@northmere.example.org", "Aisha", "Rahman", "01632 960 106"),
    ("gareth.lewis@northmere.example.org", "Gareth", "Lewis", "01632 960 107"),
    ("sophie.clarke@northmere.example.org", "Sophie", "Clarke", "01632 960 108"),
]

FIRST_NAMES = [
    "Oliver",
    "Amelia",
    "Noah",
    "Isla",
    "Leo",
    "Ava",
    "Arthur",
    "Mia",
    "Oscar",
    "Ivy",
    "Harry",
    "Freya",
    "Jack",
    "Lily",
    "George",
    "Grace",
    "Theo",
    "Emily",
    "Muhammad",
    "Sophia",
    "Jacob",
    "Ella",
    "Archie",
    "Rosie",
    "Henry",
    "Evie",
    "Charlie",
    "Poppy",
    "Finley",
    "Zara",
    "Alfie",
    "Hannah",
    "Reuben",
    "Aisha",
    "Kai",
    "Maya",
    "Tomasz",
    "Zofia",
    "Ethan",
    "Chloe",
    "Rhys",
    "Niamh",
    "Ibrahim",
    "Layla",
    "Dylan",
    "Erin",
    "Adam",
    "Ruby",
    "Samuel",
    "Holly",
]
LAST_NAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Thomas",
    "Clarke",
    "Jackson",
    "Wood",
    "Harris",
    "Edwards",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Hughes",
    "Moore",
    "Clark",
    "King",
    "Harrison",
    "Lewis",
    "Baker",
    "Lee",
    "Allen",
    "Morris",
    "Khan",
    "Scott",
    "Watson",
    "Davis",
    "Parker",
    "Begum",
    "Kowalski",
    "Nowak",
    "Okafor",
    "Mensah",
    "Ahmed",
    "Ali",
    "Hussain",
    "Singh",
    "Kaur",
]
ADVICE_KINDS = ["education", "health", "social_care", "ep"]
SOURCES = [("school", 70), ("parent", 25), ("young_person", 3), ("other", 2)]

# A tiny valid PDF, so demo downloads open in a viewer.
PDF = b"".join(
    [
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n",
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n",
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R",
        b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n",
        b"4 0 obj<</Length 63>>stream\nBT /F1 18 Tf 72 760 Td (Northmere Council demo document) Tj ET\n",
        b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n",
        b"trailer<</Root 1 0 R>>\n%%EOF\n",
    ]
)


def weeks(n):
    return datetime.timedelta(weeks=n)


def days(n):
    return datetime.timedelta(days=n)


class Command(BaseCommand):
    help = "Load demo cases: schools, caseworkers, the demo families and 2,850 generated cases (keeps data)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=GENERATED_CASES, help="How many generated cases")

    def handle(self, *args, cases, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Demo cases load only with dev or test settings (DEMO_CONTENT_ALLOWED).")
        started = time.monotonic()
        self.today = timezone.localdate()
        with transaction.atomic(), audit.muted(), case_updates.muted():
            schools = self.load_schools()
            caseworkers = self.load_caseworkers()
            self.load_families(schools, caseworkers)
            created = self.load_generated_cases(cases, schools, caseworkers)
            self.load_complaints_and_requests(caseworkers)
            self.load_safety_contacts()
        self.say(f"portal: done in {time.monotonic() - started:.1f}s ({created} new generated cases)")

    def say(self, message):
        self.stdout.write(message)

    def load_safety_contacts(self):
        """The council's safeguarding numbers the safety replies give (Ofcom's drama numbers)."""
        if SafetyContacts.objects.filter(live=True).exists():
            return
        contacts = SafetyContacts.objects.create(
            social_care_name="Northmere Children's Advice and Duty Service",
            social_care_phone="01632 960 100",
            social_care_hours="Monday to Friday, 8:30am to 5pm",
            out_of_hours_phone="01632 960 199",
            lado_phone="01632 960 150",
            lado_email="lado@northmere.example.org",
            live=True,
        )
        contacts.save_revision(log_action=True).publish()
        self.say("portal: safety contacts published")

    # --- people and places ----------------------------------------------------------------------

    def load_schools(self):
        schools = []
        for name, phase in SCHOOLS:
            school, _ = Setting.objects.get_or_create(name=name, defaults={"phase": phase})
            schools.append(school)
        self.say(f"portal: {len(schools)} schools and settings")
        return schools

    def user(self, email, first_name, last_name, phone="", staff=False):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first_name, "last_name": last_name, "phone": phone, "is_staff": staff},
        )
        if created:
            # One hash for every demo user: hashing is deliberately slow (about a second each).
            if not hasattr(self, "password_hash"):
                self.password_hash = make_password(settings.DEMO_PASSWORD)
            user.password = self.password_hash
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        self.say(f"portal: {'created' if created else 'exists '} user {email}")
        return user

    def load_caseworkers(self):
        group = ensure_caseworkers_group()
        caseworkers = []
        for email, first, last, phone in CASEWORKERS:
            user = self.user(email, first, last, phone, staff=True)
            user.groups.add(group)
            caseworkers.append(user)
        demo = caseworkers[0]
        if not Authenticator.objects.filter(user=demo, type=Authenticator.Type.TOTP).exists():
            mfa.add_authenticator_app(demo, DEMO_TOTP_SECRET)
            self.say(f"portal: authenticator app set up for {demo.email} (demo secret {DEMO_TOTP_SECRET})")
        return caseworkers

    # --- the demo families ------------------------------------------------------------------------

    def plan(self, reference, child, caseworker, **fields):
        existing = EHCPlan.objects.filter(reference=reference).first()
        if existing:
            return existing, False
        plan = EHCPlan.objects.create(reference=reference, child=child, caseworker=caseworker, **fields)
        return plan, True

    def child(self, first, last, born, setting):
        child, _ = Child.objects.get_or_create(
            first_name=first, last_name=last, date_of_birth=born, defaults={"setting": setting}
        )
        return child

    def link(self, user, child, relationship="parent"):
        ParentLink.objects.get_or_create(user=user, child=child, defaults={"relationship": relationship})

    def document(self, plan, title, kind, filename):
        if not plan.documents.filter(title=title).exists():
            Document.objects.create(plan=plan, title=title, kind=kind, file=ContentFile(PDF, name=filename))

    def load_families(self, schools, caseworkers):
        today = self.today
        by_name = {s.name: s for s in schools}
        casey = caseworkers[0]
        parent = self.user("parent@example.org", "Alex", "Morgan", "07700 900 101")
        second = self.user("second.parent@example.org", "Sam", "Patel", "07700 900 202")

        # Maya: the assessment is overdue. Requested 24 weeks ago; the EP's advice never came.
        maya = self.child(
            "Maya",
            "Morgan",
            today - datetime.timedelta(days=7 * 365 + 40),
            by_name["Riverside Infant School"],
        )
        self.link(parent, maya)
        requested = today - weeks(24)
        plan, created = self.plan(
            "EHC-000001",
            maya,
            casey,
            request_date=requested,
            request_source=EHCPlan.Source.PARENT,
            decision_to_assess="yes",
            decision_date=requested + weeks(6) - days(2),
        )
        if created:
            asked = requested + weeks(6)
            AdviceRequest.objects.bulk_create(
                [
                    AdviceRequest(
                        plan=plan, kind="education", requested_date=asked, received_date=asked + weeks(5)
                    ),
                    AdviceRequest(
                        plan=plan, kind="health", requested_date=asked, received_date=asked + weeks(7)
                    ),
                    AdviceRequest(
                        plan=plan, kind="social_care", requested_date=asked, received_date=asked + weeks(6)
                    ),
                    AdviceRequest(plan=plan, kind="ep", requested_date=asked),
                ]
            )
            ClockException.objects.create(
                plan=plan,
                reason=ClockException.Reason.PERSONAL,
                start_date=requested + weeks(22),
                end_date=requested + weeks(23),
                note="Family bereavement: meeting postponed at the family's request.",
            )
            self.document(
                plan, "Decision to carry out an assessment", "decision_letter", "decision-to-assess.pdf"
            )
        self.say(
            f"portal: {'created' if created else 'exists '} Maya Morgan's overdue assessment (EHC-000001)"
        )

        # Leo: a plan in place, last reviewed almost a year ago; the next review is due in 3 weeks and he
        # moves to secondary school next September (plan to be amended by 15 February).
        leo = self.child(
            "Leo",
            "Morgan",
            today - datetime.timedelta(days=10 * 365 + 200),
            by_name["Castle Hill Primary School"],
        )
        self.link(parent, leo)
        final = today - datetime.timedelta(days=365 * 2) + days(21)
        requested = final - weeks(19)
        plan, created = self.plan(
            "EHC-000002",
            leo,
            casey,
            request_date=requested,
            request_source=EHCPlan.Source.SCHOOL,
            decision_to_assess="yes",
            decision_date=requested + weeks(5),
            draft_issued_date=requested + weeks(15),
            final_issued_date=final,
        )
        if created:
            last_meeting = today - days(365) + days(21)
            AnnualReview.objects.create(
                plan=plan,
                due_date=timeline.add_months(final, 12),
                meeting_date=last_meeting,
                notice_sent_date=last_meeting - weeks(3),
                decision=AnnualReview.Decision.KEEP,
                decision_date=last_meeting + weeks(2),
            )
            transfer_year = today.year + 1 if today.month >= 9 else today.year
            AnnualReview.objects.create(
                plan=plan,
                due_date=timeline.add_months(last_meeting, 12),
                meeting_date=today + days(17),
                phase_transfer=AnnualReview.PhaseTransfer.SCHOOL,
                transfer_year=transfer_year,
            )
            outcomes = [
                (
                    Outcome.Area.COMMUNICATION,
                    "Leo will start and keep up a conversation with a classmate.",
                    [2, 3, 3, 4],
                ),
                (
                    Outcome.Area.COGNITION,
                    "Leo will read and understand a short text at his level on his own.",
                    [1, 2, 3],
                ),
                (
                    Outcome.Area.SEMH,
                    "Leo will use his calm plan to manage busy times without leaving the room.",
                    [2, 2, 4, 5],
                ),
            ]
            for position, (area, text, ratings) in enumerate(outcomes):
                outcome = Outcome.objects.create(plan=plan, area=area, description=text, position=position)
                OutcomeProgress.objects.bulk_create(
                    [
                        OutcomeProgress(
                            outcome=outcome,
                            recorded_on=final + days(90 * (i + 1)),
                            rating=rating,
                            note=[
                                "Working towards it with adult support.",
                                "Some progress in small groups.",
                                "Good progress; needs reminders.",
                                "Doing this on his own most days.",
                                "Achieved and kept up.",
                            ][rating - 1],
                        )
                        for i, rating in enumerate(ratings)
                    ]
                )
            self.document(plan, "Final EHC plan", "plan", "final-ehc-plan.pdf")
            self.document(plan, "Educational psychologist's advice", "advice", "ep-advice.pdf")
            self.document(
                plan, "Annual review decision: keep the plan", "decision_letter", "review-decision.pdf"
            )
        self.say(
            f"portal: {'created' if created else 'exists '} Leo Morgan's plan, review due soon (EHC-000002)"
        )

        # Ava: the draft plan arrived 5 days ago; the family's 15 days to comment are open.
        ava = self.child(
            "Ava", "Patel", today - datetime.timedelta(days=5 * 365 + 100), by_name["Oakfield Nursery"]
        )
        self.link(second, ava)
        requested = today - weeks(16)
        plan, created = self.plan(
            "EHC-000003",
            ava,
            caseworkers[1],
            request_date=requested,
            request_source=EHCPlan.Source.PARENT,
            decision_to_assess="yes",
            decision_date=requested + weeks(5),
            draft_issued_date=today - days(5),
        )
        if created:
            asked = requested + weeks(5) + days(2)
            AdviceRequest.objects.bulk_create(
                [
                    AdviceRequest(plan=plan, kind=k, requested_date=asked, received_date=asked + weeks(5))
                    for k in ADVICE_KINDS
                ]
            )
            self.document(plan, "Draft EHC plan", "plan", "draft-ehc-plan.pdf")
        self.say(f"portal: {'created' if created else 'exists '} Ava Patel's draft plan (EHC-000003)")

    # --- generated cases --------------------------------------------------------------------------

    def load_generated_cases(self, count, schools, caseworkers):
        rng = random.Random(SEED)
        today = self.today
        existing = set(
            EHCPlan.objects.filter(reference__startswith="EHC-1").values_list("reference", flat=True)
        )
        sources = [s for s, weight in SOURCES for _ in range(weight)]
        children, plans, extras = [], [], []
        for n in range(count):
            reference = f"EHC-{100001 + n:06d}"
            # Draw every random number whether or not the case exists, so the sequence never shifts.
            spec = self.random_case(rng, today, schools, caseworkers, sources)
            if reference in existing:
                continue
            child = Child(**spec["child"])
            children.append(child)
            plans.append((reference, child, spec))
        if not plans:
            self.say(f"portal: {count} generated cases already present")
            return 0
        Child.objects.bulk_create(children, batch_size=1000)
        plan_rows = []
        for reference, child, spec in plans:
            plan = EHCPlan(reference=reference, child=child, **spec["plan"])
            plan.stage = plan.stage_from_fields()
            plan_rows.append(plan)
        EHCPlan.objects.bulk_create(plan_rows, batch_size=1000)
        advice, reviews, exceptions = [], [], []
        for plan, (_, _, spec) in zip(plan_rows, plans, strict=True):
            advice += [AdviceRequest(plan=plan, **a) for a in spec["advice"]]
            reviews += [AnnualReview(plan=plan, **r) for r in spec["reviews"]]
            exceptions += [ClockException(plan=plan, **e) for e in spec["exceptions"]]
        AdviceRequest.objects.bulk_create(advice, batch_size=2000)
        AnnualReview.objects.bulk_create(reviews, batch_size=2000)
        ClockException.objects.bulk_create(exceptions, batch_size=2000)
        extras = len(advice) + len(reviews) + len(exceptions)
        self.say(
            f"portal: created {len(plan_rows)} generated cases with {len(advice)} advice requests, "
            f"{len(reviews)} annual reviews and {len(exceptions)} clock exceptions ({extras} rows)"
        )
        return len(plan_rows)

    def random_case(self, rng, today, schools, caseworkers, sources):
        """One plausible case. Timeliness varies by year, as in the seed councils (30% to 100%)."""
        requested = today - days(rng.randint(1, 4 * 365))
        age_at_request = rng.choice([3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])
        born = requested - days(age_at_request * 365 + rng.randint(0, 364))
        child = {
            "first_name": rng.choice(FIRST_NAMES),
            "last_name": rng.choice(LAST_NAMES),
            "date_of_birth": born,
            "setting": rng.choice(schools),
        }
        plan = {
            "request_date": requested,
            "request_source": rng.choice(sources),
            "caseworker": rng.choice(caseworkers),
        }
        spec = {"child": child, "plan": plan, "advice": [], "reviews": [], "exceptions": []}
        age = (today - requested).days
        on_time_rate = rng.choice([0.3, 0.45, 0.6, 0.75, 0.9])

        decision_after = rng.choice([4, 5, 5, 6, 6, 6, 7, 9])
        if age < decision_after * 7 and rng.random() < 0.8:
            return spec  # still waiting for the decision
        plan["decision_date"] = min(requested + weeks(decision_after), today)
        if rng.random() < 0.18:
            plan["decision_to_assess"] = "no"
            return spec
        plan["decision_to_assess"] = "yes"
        asked = plan["decision_date"] + days(rng.randint(1, 10))
        for kind in ADVICE_KINDS:
            if asked > today:
                break
            received = asked + weeks(rng.choice([4, 5, 6, 6, 7, 9, 12]))
            spec["advice"].append(
                {
                    "kind": kind,
                    "requested_date": asked,
                    "received_date": received if received <= today else None,
                }
            )
        if rng.random() < 0.04:
            start = requested + weeks(rng.randint(3, 12))
            if start < today:
                spec["exceptions"].append(
                    {
                        "reason": rng.choice(["school_holiday", "personal", "absent"]),
                        "start_date": start,
                        "end_date": start + weeks(rng.randint(4, 6)),
                    }
                )
        if rng.random() < 0.06:
            notice = requested + weeks(rng.choice([14, 15, 16, 17]))
            if notice <= today:
                plan["no_plan_notice_date"] = notice
            return spec
        final_week = rng.randint(14, 20) if rng.random() < on_time_rate else rng.randint(21, 40)
        final = requested + weeks(final_week) + days(rng.randint(0, 6))
        if rng.random() < 0.05:
            return spec  # stuck: no draft yet, whatever the date (some are now overdue)
        draft = final - weeks(rng.choice([3, 4, 5]))
        if draft <= today:
            plan["draft_issued_date"] = draft
        if final > today:
            return spec
        plan["final_issued_date"] = final

        # Annual reviews, one per year while the plan lasts; most on time, some late or missing.
        base = final
        while True:
            due = timeline.add_months(base, 12)
            if due > today + days(120):
                break
            if due > today:
                if rng.random() < 0.5:
                    spec["reviews"].append({"due_date": due, "meeting_date": due - days(rng.randint(0, 30))})
                else:
                    spec["reviews"].append({"due_date": due})
                break
            held = rng.random() < 0.85
            meeting = due - days(rng.randint(0, 40)) if rng.random() < 0.8 else due + days(rng.randint(1, 60))
            if not held or meeting > today:
                spec["reviews"].append({"due_date": due})
                break
            decision = rng.choice(["keep", "keep", "amend", "amend", "cease"]) if rng.random() < 0.9 else ""
            review = {
                "due_date": due,
                "meeting_date": meeting,
                "notice_sent_date": meeting - days(rng.choice([10, 14, 15, 21])),
            }
            if decision:
                review["decision"] = decision
                review["decision_date"] = min(meeting + days(rng.choice([14, 20, 28, 35])), today)
                if decision == "amend":
                    review["proposed_amendments_date"] = review["decision_date"]
                    amended = review["decision_date"] + weeks(rng.choice([6, 8, 10]))
                    if amended <= today:
                        review["final_amended_plan_date"] = amended
            spec["reviews"].append(review)
            if decision == "cease":
                plan["ceased_date"] = review["decision_date"]
                plan["cease_reason"] = "Needs now met without a plan"
                break
            base = meeting
        return spec

    # --- complaints and early review requests -------------------------------------------------

    def load_complaints_and_requests(self, caseworkers):
        created = 0
        categories = [c for c, _ in Complaint.Category.choices]
        for n in range(40):
            # One generator per complaint, so a rerun draws the same answers for the same key.
            rng = random.Random(SEED * 1000 + n)
            received = timezone.now() - datetime.timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 8))
            category = rng.choice(categories)
            cleaned = {
                "idempotency_key": f"demo-complaint-{n}",
                "category": category,
                "what_happened": "Demo complaint: "
                + dict(Complaint.Category.choices)[category].lower()
                + ".",
                "desired_outcome": "A reply explaining what will happen next.",
                "contact_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "contact_email": "",
                "contact_phone": "01632 960 999",
                "contact_preference": "phone",
            }
            result = complaints.create_complaint(cleaned, received_at=received, send_acknowledgement=False)
            if result.created:
                created += 1
                complaint = result.complaint
                complaint.assigned_to = rng.choice(caseworkers)
                fields = ["assigned_to"]
                if (timezone.now() - received).days > 20 and rng.random() < 0.7:
                    complaint.status = Complaint.Status.CLOSED
                    complaint.closed_at = received + datetime.timedelta(days=rng.randint(5, 20))
                    complaint.outcome = "Apologised and agreed a date for the plan."
                    fields += ["status", "closed_at", "outcome"]
                complaint.save(update_fields=fields)
        self.say(f"portal: {created} new demo complaints (40 in all)")

        plans = list(
            EHCPlan.objects.filter(stage=timeline.PLAN, reference__startswith="EHC-1").order_by("reference")[
                :6
            ]
        )
        new = 0
        for plan in plans:
            _, made = EarlyReviewRequest.objects.get_or_create(
                plan=plan,
                reason="Demo: needs have changed since a new diagnosis; please look at the plan again.",
            )
            new += made
        self.say(f"portal: {new} new early review requests")

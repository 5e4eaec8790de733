"""The columns a plans spreadsheet may have: one row per EHC assessment / plan, optionally carrying
one annual review of that plan.

This list is the single source for the parser, the downloadable template and the column table on
the import page (``portal/imports/README.md`` documents the same list for people)."""

import dataclasses
import re
from dataclasses import dataclass

from portal.models import AnnualReview, EHCPlan

# Kinds of cell.
TEXT = "text"
DATE = "date"
CHOICE = "choice"
EMAIL = "email"
YEAR = "year"

# Where a column's value goes.
CHILD = "child"
PLAN = "plan"
REVIEW = "review"
LOOKUP = "lookup"  # resolved to a related record (setting, caseworker)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    target: str
    # The model field the value is written to (empty for lookups and the reference).
    field: str = ""
    required_for_new: bool = False
    # Dates of things that have happened cannot be in the future; due dates and booked meetings can.
    may_be_future: bool = False
    max_length: int | None = None
    # Accepted spellings (lower case) -> stored value.
    choices: dict = dataclasses.field(default_factory=dict)
    help: str = ""
    example: str = ""


def _choices(text_choices, extra=None):
    """Each value and each label (lower case) of a Django TextChoices, plus extra spellings."""
    accepted = {}
    for value, label in text_choices.choices:
        accepted[value.lower()] = value
        accepted[value.lower().replace("_", " ")] = value
        accepted[str(label).lower()] = value
    accepted.update(extra or {})
    return accepted


SOURCE_CHOICES = _choices(
    EHCPlan.Source,
    {
        "parent or carer": "parent",
        "carer": "parent",
        "family": "parent",
        "school or setting": "school",
        "setting": "school",
        "nursery": "school",
        "college": "school",
        "yp": "young_person",
    },
)
DECISION_CHOICES = _choices(EHCPlan.Decision, {"y": "yes", "n": "no", "true": "yes", "false": "no"})
REVIEW_DECISION_CHOICES = _choices(
    AnnualReview.Decision, {"maintain": "keep", "keep the plan": "keep", "amend the plan": "amend"}
)
PHASE_TRANSFER_CHOICES = _choices(
    AnnualReview.PhaseTransfer,
    {
        "phase transfer": "school",
        "post-16": "post_16",
        "post16": "post_16",
        "secondary to post-16": "post_16",
    },
)

COLUMNS = (
    Column(
        "reference",
        TEXT,
        PLAN,
        max_length=30,
        required_for_new=True,
        help="The plan's reference, unique across the council. Rows with a reference already on record "
        "update that case; new references create one.",
        example="EHC-004512",
    ),
    Column(
        "child_first_name",
        TEXT,
        CHILD,
        "first_name",
        required_for_new=True,
        max_length=100,
        example="Amira",
    ),
    Column(
        "child_last_name", TEXT, CHILD, "last_name", required_for_new=True, max_length=100, example="Khan"
    ),
    Column(
        "child_date_of_birth",
        DATE,
        CHILD,
        "date_of_birth",
        required_for_new=True,
        example="2016-03-14",
    ),
    Column(
        "setting_urn",
        TEXT,
        LOOKUP,
        max_length=20,
        help="The school's URN; must be a setting already on record.",
        example="100234",
    ),
    Column(
        "setting_name",
        TEXT,
        LOOKUP,
        max_length=200,
        help="Used when there is no URN: the setting's name exactly as on record (any case).",
        example="Northmere Primary School",
    ),
    Column(
        "caseworker_email",
        EMAIL,
        LOOKUP,
        max_length=254,
        help="Must be the email of an active staff account.",
        example="caseworker@example.org",
    ),
    Column("request_date", DATE, PLAN, "request_date", required_for_new=True, example="2026-01-12"),
    Column(
        "request_source",
        CHOICE,
        PLAN,
        "request_source",
        required_for_new=True,
        choices=SOURCE_CHOICES,
        help="Who asked for the assessment: parent, school, young_person or other.",
        example="school",
    ),
    Column(
        "decision_to_assess",
        CHOICE,
        PLAN,
        "decision_to_assess",
        choices=DECISION_CHOICES,
        help="yes or no.",
        example="yes",
    ),
    Column("decision_date", DATE, PLAN, "decision_date", example="2026-02-20"),
    Column("no_plan_notice_date", DATE, PLAN, "no_plan_notice_date"),
    Column("draft_issued_date", DATE, PLAN, "draft_issued_date", example="2026-05-01"),
    Column("final_issued_date", DATE, PLAN, "final_issued_date", example="2026-05-29"),
    Column("ceased_date", DATE, PLAN, "ceased_date"),
    Column("cease_reason", TEXT, PLAN, "cease_reason", max_length=200),
    Column(
        "review_due_date",
        DATE,
        REVIEW,
        "due_date",
        may_be_future=True,
        help="Identifies the annual review: a row with a new due date adds a review, one with a due "
        "date on record updates that review. Needed whenever another review column is filled.",
        example="2027-05-29",
    ),
    Column(
        "review_meeting_date",
        DATE,
        REVIEW,
        "meeting_date",
        may_be_future=True,
        help="May be in the future (a booked meeting).",
    ),
    Column("review_notice_sent_date", DATE, REVIEW, "notice_sent_date"),
    Column(
        "review_decision",
        CHOICE,
        REVIEW,
        "decision",
        choices=REVIEW_DECISION_CHOICES,
        help="keep, amend or cease.",
    ),
    Column("review_decision_date", DATE, REVIEW, "decision_date"),
    Column("review_proposed_amendments_date", DATE, REVIEW, "proposed_amendments_date"),
    Column("review_final_amended_plan_date", DATE, REVIEW, "final_amended_plan_date"),
    Column(
        "review_phase_transfer",
        CHOICE,
        REVIEW,
        "phase_transfer",
        choices=PHASE_TRANSFER_CHOICES,
        help="school (deadline 15 February) or post_16 (deadline 31 March).",
    ),
    Column(
        "review_transfer_year",
        YEAR,
        REVIEW,
        "transfer_year",
        help="The year of the move, for example 2027.",
    ),
)

BY_NAME = {column.name: column for column in COLUMNS}
NAMES = tuple(BY_NAME)

# Headings people commonly type instead of ours.
ALIASES = {
    "ehcp_reference": "reference",
    "plan_reference": "reference",
    "case_reference": "reference",
    "ref": "reference",
    "first_name": "child_first_name",
    "forename": "child_first_name",
    "last_name": "child_last_name",
    "surname": "child_last_name",
    "date_of_birth": "child_date_of_birth",
    "dob": "child_date_of_birth",
    "urn": "setting_urn",
    "school_urn": "setting_urn",
    "school": "setting_name",
    "setting": "setting_name",
    "school_name": "setting_name",
    "caseworker": "caseworker_email",
    "case_worker_email": "caseworker_email",
}


def normalise_header(text):
    """'Child date of birth ' -> 'child_date_of_birth'."""
    slug = re.sub(r"[^a-z0-9]+", "_", str(text or "").strip().lower()).strip("_")
    return ALIASES.get(slug, slug)


def template_header():
    """The downloadable template: our headings only, so importing it unchanged adds nothing."""
    return list(NAMES)


def example_row():
    """A filled-in row for the documentation."""
    return [BY_NAME[name].example for name in NAMES]

"""One spreadsheet row: its cells parsed into values for the child, the plan and the annual review,
and the checks that need the whole row (or the row merged with what is already on record)."""

from dataclasses import dataclass, field

from . import columns
from .values import CellError, parse

REVIEW_KEY = "due_date"
MAX_AGE_AT_REQUEST = 25


@dataclass
class ParsedRow:
    number: int
    reference: str = ""
    child: dict = field(default_factory=dict)
    plan: dict = field(default_factory=dict)
    review: dict = field(default_factory=dict)
    lookups: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def layout_for(headings):
    """``(positions, ignored, duplicated)``: positions is ``[(index, Column)]`` for recognised headings."""
    positions, ignored, duplicated, seen = [], [], [], set()
    for index, heading in enumerate(headings):
        name = columns.normalise_header(heading)
        if not name:
            continue
        column = columns.BY_NAME.get(name)
        if column is None:
            ignored.append(str(heading).strip())
        elif name in seen:
            duplicated.append(name)
        else:
            seen.add(name)
            positions.append((index, column))
    return positions, ignored, duplicated


def parse_row(number, values, positions, today):
    row = ParsedRow(number=number)
    width = len(values)
    for index, column in positions:
        raw = values[index] if index < width else None
        try:
            value = parse(raw, column, today)
        except CellError as error:
            row.errors.append(str(error))
            continue
        if value is None:
            continue
        if column.name == "reference":
            row.reference = value.upper()
        elif column.target == columns.CHILD:
            row.child[column.field] = value
        elif column.target == columns.PLAN:
            row.plan[column.field] = value
        elif column.target == columns.REVIEW:
            row.review[column.field] = value
        else:
            row.lookups[column.name] = value
    if not row.reference and not any("reference" in e for e in row.errors):
        row.errors.append("reference is missing")
    if row.review and REVIEW_KEY not in row.review:
        row.errors.append(
            "review_due_date is missing: it is needed to know which annual review the review columns are for"
        )
    return row


def missing_for_new(row):
    """Reasons a row with a new reference cannot create a case."""
    missing = [
        column.name
        for column in columns.COLUMNS
        if column.required_for_new
        and column.name != "reference"
        and column.field not in (row.child if column.target == columns.CHILD else row.plan)
    ]
    if not missing:
        return []
    return [
        f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} needed to add a new case "
        f"({row.reference} is not on record)"
    ]


def _before(later_name, later, earlier_name, earlier):
    if later is not None and earlier is not None and later < earlier:
        return [f"{later_name} ({later:%Y-%m-%d}) is before {earlier_name} ({earlier:%Y-%m-%d})"]
    return []


def consistency_problems(child, plan, review):
    """Checks on the values a case would have after the row is applied (what is on record, with the
    row's values on top). Each argument maps model field names to values."""
    problems = []
    request = plan.get("request_date")
    dob = child.get("date_of_birth")
    problems += _before("request_date", request, "child_date_of_birth", dob)
    if (
        request
        and dob
        and request.year - dob.year - ((request.month, request.day) < (dob.month, dob.day))
        > MAX_AGE_AT_REQUEST
    ):
        problems.append(
            f"the child would be over {MAX_AGE_AT_REQUEST} on request_date: EHC plans cover ages 0 to 25"
        )
    for name in (
        "decision_date",
        "no_plan_notice_date",
        "draft_issued_date",
        "final_issued_date",
        "ceased_date",
    ):
        problems += _before(name, plan.get(name), "request_date", request)
    problems += _before(
        "final_issued_date", plan.get("final_issued_date"), "draft_issued_date", plan.get("draft_issued_date")
    )
    problems += _before(
        "ceased_date", plan.get("ceased_date"), "final_issued_date", plan.get("final_issued_date")
    )
    if plan.get("decision_date") and not plan.get("decision_to_assess"):
        problems.append("decision_date is given but decision_to_assess (yes or no) is not")
    if plan.get("decision_to_assess") == "no":
        issued = [n for n in ("no_plan_notice_date", "draft_issued_date", "final_issued_date") if plan.get(n)]
        if issued:
            problems.append(
                f"decision_to_assess is 'no' but {', '.join(issued)} is filled: "
                "a plan follows only a decision to assess"
            )
    if review:
        if not plan.get("final_issued_date"):
            problems.append(
                "the annual review columns are filled but the plan has no final_issued_date: "
                "only issued plans are reviewed"
            )
        problems += _before(
            "review_meeting_date",
            review.get("meeting_date"),
            "final_issued_date",
            plan.get("final_issued_date"),
        )
        problems += _before(
            "review_decision_date",
            review.get("decision_date"),
            "review_meeting_date",
            review.get("meeting_date"),
        )
        problems += _before(
            "review_final_amended_plan_date",
            review.get("final_amended_plan_date"),
            "review_proposed_amendments_date",
            review.get("proposed_amendments_date"),
        )
        if review.get("decision_date") and not review.get("decision"):
            problems.append("review_decision_date is given but review_decision (keep, amend or cease) is not")
        if bool(review.get("phase_transfer")) != bool(review.get("transfer_year")):
            problems.append(
                "review_phase_transfer and review_transfer_year go together: fill both or neither"
            )
    return problems

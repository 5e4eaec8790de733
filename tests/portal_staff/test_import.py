"""The spreadsheet import: good, bad and repeated files, CSV and XLSX, dry runs, all-or-nothing rows,
notifications to linked families, and the management command."""

import csv
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.utils import timezone
from openpyxl import Workbook

from portal.imports import importer
from portal.imports.columns import NAMES
from portal.imports.importer import import_plans
from portal.imports.report import MAX_REJECTIONS_KEPT
from portal.models import AnnualReview, AuditEntry, Child, EHCPlan

from .factories import ChildFactory, ParentLinkFactory, PlanFactory, SettingFactory, StaffFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HEADER = [
    "reference",
    "child_first_name",
    "child_last_name",
    "child_date_of_birth",
    "setting_urn",
    "caseworker_email",
    "request_date",
    "request_source",
    "decision_to_assess",
    "decision_date",
    "draft_issued_date",
    "final_issued_date",
    "review_due_date",
    "review_meeting_date",
]
GOOD_ROWS = [
    # A plan in place with its first annual review booked.
    ["EHC-000001", "Amira", "Khan", "14/03/2016", "100234", "cw@example.org", "2025-01-06", "school", "yes",
     "2025-02-10", "2025-04-28", "2025-05-20", "2026-05-20", "2026-05-11"],
    # Assessment under way.
    ["EHC-000002", "Ben", "Lee", "2014-09-01", "", "", "2025-11-03", "Parent or carer", "Yes", "2025-12-08",
     "", "", "", ""],
    # Just requested.
    ["EHC-000003", "Cara", "Shah", "2019-12-25", "100234", "", "2026-01-05", "young person", "", "", "", "",
     "", ""],
]  # fmt: skip


@pytest.fixture(autouse=True)
def reference_data(db):
    StaffFactory(email="cw@example.org")
    SettingFactory(name="Oak Primary School", urn="100234")


def write_csv(tmp_path, rows, header=HEADER, name="plans.csv", encoding="utf-8", delimiter=","):
    path = tmp_path / name
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(path, dry_run=False, **kwargs):
    return import_plans(path, dry_run=dry_run, **kwargs)


def snapshot():
    """Everything an import may write, to prove a run changed nothing."""
    return (
        list(EHCPlan.objects.order_by("pk").values()),
        list(Child.objects.order_by("pk").values()),
        list(AnnualReview.objects.order_by("pk").values()),
    )


def test_good_file_creates_cases_children_and_reviews(tmp_path):
    report = run(write_csv(tmp_path, GOOD_ROWS))

    assert (report.created, report.updated, report.unchanged, report.rejected) == (3, 0, 0, 0)
    first = EHCPlan.objects.select_related("child__setting", "caseworker").get(reference="EHC-000001")
    assert first.child.full_name == "Amira Khan"
    assert first.child.date_of_birth == date(2016, 3, 14)
    assert first.child.setting.name == "Oak Primary School"
    assert first.caseworker.email == "cw@example.org"
    assert first.request_source == "school"
    assert first.final_issued_date == date(2025, 5, 20)
    assert first.stage == "plan"
    review = first.reviews.get()
    assert (review.due_date, review.meeting_date) == (date(2026, 5, 20), date(2026, 5, 11))
    assert EHCPlan.objects.get(reference="EHC-000002").stage == "assessing"
    assert EHCPlan.objects.get(reference="EHC-000002").request_source == "parent"
    third = EHCPlan.objects.get(reference="EHC-000003")
    assert (third.stage, third.request_source, third.caseworker) == ("requested", "young_person", None)
    # Each new case is in the child's audit trail, and the run as a whole is recorded.
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT)
    assert entries.filter(child=first.child, summary__contains="EHC-000001 added").exists()
    assert entries.filter(child__isnull=True, summary__contains="3 were created").exists()


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write_csv(tmp_path, GOOD_ROWS)
    run(path)
    before = snapshot()
    audit_before = AuditEntry.objects.exclude(child__isnull=True).count()

    again = run(path)

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 0)
    assert snapshot() == before
    assert AuditEntry.objects.exclude(child__isnull=True).count() == audit_before


def test_dry_run_reports_but_writes_nothing(tmp_path):
    report = run(write_csv(tmp_path, GOOD_ROWS), dry_run=True)

    assert (report.created, report.rejected) == (3, 0)
    assert "would be created" in report.summary()
    assert not EHCPlan.objects.exists() and not Child.objects.exists() and not AnnualReview.objects.exists()
    assert not AuditEntry.objects.exists()


def test_dry_run_of_changes_to_cases_on_record(tmp_path):
    run(write_csv(tmp_path, GOOD_ROWS))
    before = snapshot()
    changed = [row[:] for row in GOOD_ROWS]
    changed[1][10] = (TODAY - timedelta(days=1)).isoformat()  # draft issued

    report = run(write_csv(tmp_path, changed), dry_run=True)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert snapshot() == before


def test_xlsx_with_native_dates_and_numbers(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in GOOD_ROWS:
        cells = []
        for name, value in zip(HEADER, row, strict=True):
            if name.endswith(("_date", "date_of_birth")) and value:
                value = datetime.strptime(value, "%d/%m/%Y" if "/" in value else "%Y-%m-%d")
            elif name == "setting_urn" and value:
                value = int(value)  # typed into Excel, a URN is a number
            cells.append(value or None)
        sheet.append(cells)
    sheet.append([None] * len(HEADER))  # trailing blank rows are ignored
    path = tmp_path / "plans.xlsx"
    workbook.save(path)

    report = run(path)

    assert (report.created, report.rejected, report.rows) == (3, 0, 3)
    plan = EHCPlan.objects.select_related("child__setting").get(reference="EHC-000001")
    assert plan.child.setting.urn == "100234"
    assert plan.child.date_of_birth == date(2016, 3, 14)
    assert run(path).unchanged == 3


def test_xlsx_rows_are_checked_like_csv_rows(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Reference", "Child first name", "Child last name", "DOB", "Request date", "Request source"]
    )
    sheet.append(["EHC-000050", "Amira", "Khan", datetime(2016, 3, 14), "14th March", "school"])
    sheet.append(["EHC-000051", "Ben", "Lee", datetime(2015, 1, 1), datetime(2026, 1, 5), 7])
    sheet.append(["EHC-000052", "Cara", "Shah", datetime(2015, 1, 1), datetime(2026, 1, 5), "School"])
    path = tmp_path / "plans.xlsx"
    workbook.save(path)

    report = run(path)

    assert (report.created, report.rejected) == (1, 2)
    reasons = {r.row: r.reason_text for r in report.rejections}
    assert reasons[2].startswith("request_date '14th March' is not a date")
    assert reasons[3].startswith("request_source '7' is not one of")
    assert EHCPlan.objects.get().reference == "EHC-000052"


def test_windows_csv_with_semicolons_and_unknown_columns(tmp_path):
    header = [*HEADER[:4], "Notes", *HEADER[6:8]]
    rows = [["EHC-000010", "Zoë", "Brontë", "01/02/2015", "call first", "2025-09-01", "parent"]]
    path = write_csv(tmp_path, rows, header=header, encoding="cp1252", delimiter=";")

    report = run(path)

    assert report.created == 1, report.as_lines()
    assert report.ignored_columns == ["Notes"]
    assert Child.objects.get().full_name == "Zoë Brontë"


BAD_ROWS = [
    ("child_date_of_birth", "31/02/2016", "child_date_of_birth '31/02/2016' is not a real date"),
    ("request_date", "next week", "request_date 'next week' is not a date"),
    ("request_date", "2025/13/01", "is not a date"),
    ("decision_date", (TODAY + timedelta(days=3)).isoformat(), "is in the future"),
    ("caseworker_email", "someone@example.org", "unknown caseworker: no active staff account has the email"),
    ("caseworker_email", "not-an-email", "caseworker_email 'not-an-email' is not an email address"),
    ("setting_urn", "999999", "unknown setting: no setting on record has URN '999999'"),
    (
        "request_source",
        "the GP",
        "request_source 'the GP' is not one of: other, parent, school, young_person",
    ),
    ("decision_to_assess", "maybe", "decision_to_assess 'maybe' is not one of: no, yes"),
    ("child_first_name", "", "child_first_name is needed to add a new case"),
    ("request_date", "", "request_date is needed to add a new case"),
    ("reference", "", "reference is missing"),
    ("reference", "X" * 31, "reference is 31 characters long; the most allowed is 30"),
    (
        "draft_issued_date",
        "2025-06-01",
        "final_issued_date (2025-05-20) is before draft_issued_date (2025-06-01)",
    ),
    (
        "decision_to_assess",
        "no",
        "decision_to_assess is 'no' but draft_issued_date, final_issued_date is filled",
    ),
    ("review_due_date", "", "review_due_date is missing"),
    ("request_date", "2024-01-01", "the child would be over"),
]


@pytest.mark.parametrize(
    ("column", "value", "reason"), BAD_ROWS, ids=[f"{c}={v[:12]}" for c, v, _ in BAD_ROWS]
)
def test_each_rejection_reason_and_the_row_writes_nothing(tmp_path, column, value, reason):
    row = dict(zip(HEADER, GOOD_ROWS[0], strict=True))
    row["draft_issued_date"] = "2025-04-28"
    row[column] = value
    if reason.startswith("the child would be over"):
        row["child_date_of_birth"] = "1995-01-01"
    header = HEADER if column in HEADER else [*HEADER, column]

    report = run(write_csv(tmp_path, [[row.get(name, "") for name in header], GOOD_ROWS[1]], header=header))

    assert (report.created, report.rejected) == (1, 1), report.as_lines()
    rejection = report.rejections[0]
    assert rejection.row == 2
    assert any(reason in text for text in rejection.reasons), rejection.reasons
    # The rejected row wrote nothing: only the other row's case and child exist.
    assert list(EHCPlan.objects.values_list("reference", flat=True)) == ["EHC-000002"]
    assert Child.objects.count() == 1 and not AnnualReview.objects.exists()


def test_every_problem_in_a_row_is_reported_at_once(tmp_path):
    row = dict(zip(HEADER, GOOD_ROWS[0], strict=True))
    row.update(child_date_of_birth="yesterday", setting_urn="999999", caseworker_email="nobody@example.org")

    report = run(write_csv(tmp_path, [[row[name] for name in HEADER]]))

    assert report.rejections[0].reasons == [
        "child_date_of_birth 'yesterday' is not a date: "
        "use YYYY-MM-DD (2026-03-31) or DD/MM/YYYY (31/03/2026)",
        "unknown setting: no setting on record has URN '999999'",
        "unknown caseworker: no active staff account has the email nobody@example.org",
    ]


def test_duplicate_reference_in_the_file_across_batches(tmp_path):
    rows = [
        GOOD_ROWS[0],
        GOOD_ROWS[1],
        GOOD_ROWS[2],
        [r.lower() if i == 0 else r for i, r in enumerate(GOOD_ROWS[1])],
    ]

    report = run(write_csv(tmp_path, rows), batch_size=2)

    assert (report.created, report.rejected) == (3, 1)
    assert report.rejections[0].row == 5
    assert report.rejections[0].reasons == [
        "duplicate reference: EHC-000002 is already on row 3 of this file"
    ]


def test_setting_by_name_unknown_and_ambiguous(tmp_path):
    SettingFactory(name="Elm Academy", urn="")
    SettingFactory(name="Elm Academy", urn="")
    header = [*HEADER[:4], "setting_name", *HEADER[6:8]]
    rows = [
        ["EHC-000020", "Dan", "Roy", "2015-01-01", "oak primary school", "2025-09-01", "parent"],
        ["EHC-000021", "Eve", "Roy", "2015-01-01", "Ash School", "2025-09-01", "parent"],
        ["EHC-000022", "Fay", "Roy", "2015-01-01", "Elm Academy", "2025-09-01", "parent"],
    ]

    report = run(write_csv(tmp_path, rows, header=header))

    assert report.created == 1
    assert EHCPlan.objects.get().child.setting.name == "Oak Primary School"
    reasons = {r.reference: r.reason_text for r in report.rejections}
    assert reasons["EHC-000021"] == "unknown setting: no setting on record is called 'Ash School'"
    assert "matches more than one setting on record" in reasons["EHC-000022"]


def test_update_changes_only_what_the_file_fills_in(tmp_path):
    run(write_csv(tmp_path, GOOD_ROWS))
    header = ["reference", "draft_issued_date", "child_last_name", "caseworker_email"]
    draft = (TODAY - timedelta(days=2)).isoformat()

    report = run(write_csv(tmp_path, [["ehc-000002", draft, "", ""]], header=header))

    assert (report.updated, report.unchanged, report.rejected) == (1, 0, 0)
    plan = EHCPlan.objects.select_related("child").get(reference="EHC-000002")
    assert plan.draft_issued_date == date.fromisoformat(draft)
    assert plan.stage == "draft"
    assert plan.child.last_name == "Lee"  # a blank cell never erases
    entry = AuditEntry.objects.get(child=plan.child, summary__contains="EHC-000002 updated")
    assert entry.changes["plan.draft_issued_date"] == [None, draft]
    assert entry.changes["plan.stage"] == ["assessing", "draft"]


def test_a_row_for_a_case_on_record_with_one_bad_cell_changes_nothing(tmp_path):
    run(write_csv(tmp_path, GOOD_ROWS))
    before = snapshot()
    header = ["reference", "draft_issued_date", "review_due_date", "review_meeting_date"]

    report = run(write_csv(tmp_path, [["EHC-000001", "2025-04-29", "2026-05-20", "someday"]], header=header))

    assert report.rejected == 1 and report.updated == 0
    assert snapshot() == before


def test_new_case_for_a_child_on_record_is_attached_to_that_child(tmp_path):
    child = ChildFactory(first_name="Amira", last_name="Khan", date_of_birth=date(2016, 3, 14))
    PlanFactory(child=child, reference="EHC-OLD", decision_to_assess="no", decision_date=date(2024, 2, 1))
    rows = [
        ["EHC-000001", "AMIRA", "khan", "2016-03-14", "", "", "2025-01-06", "parent", "", "", "", "", "", ""]
    ]

    report = run(write_csv(tmp_path, rows))

    assert report.created == 1
    assert Child.objects.count() == 1
    assert set(child.plans.values_list("reference", flat=True)) == {"EHC-OLD", "EHC-000001"}


def test_linked_family_is_told_of_a_new_stage_and_review_date(
    tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    run(write_csv(tmp_path, GOOD_ROWS))
    plan = EHCPlan.objects.get(reference="EHC-000002")
    ParentLinkFactory(child=plan.child, user__email="ben.parent@example.org")
    header = ["reference", "draft_issued_date"]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        report = run(
            write_csv(tmp_path, [["EHC-000002", (TODAY - timedelta(days=1)).isoformat()]], header=header)
        )

    assert report.notifications_sent == 1
    assert [m.to for m in mailoutbox] == [["ben.parent@example.org"]]
    assert "Draft plan issued" in mailoutbox[0].body

    reviewed = EHCPlan.objects.get(reference="EHC-000001")
    ParentLinkFactory(child=reviewed.child, user__email="amira.parent@example.org")
    mailoutbox.clear()
    header = ["reference", "review_due_date", "review_meeting_date"]
    with django_capture_on_commit_callbacks(execute=True):
        run(write_csv(tmp_path, [["EHC-000001", "2026-05-20", "2026-05-14"]], header=header))
    assert [m.to for m in mailoutbox] == [["amira.parent@example.org"]]
    assert "14 May 2026" in mailoutbox[0].body


def test_unchanged_rows_notify_nobody(tmp_path, mailoutbox, django_capture_on_commit_callbacks):
    path = write_csv(tmp_path, GOOD_ROWS)
    run(path)
    for plan in EHCPlan.objects.all():
        ParentLinkFactory(child=plan.child)
    with django_capture_on_commit_callbacks(execute=True):
        assert run(path).notifications_sent == 0
    assert mailoutbox == []


def test_a_failed_batch_is_retried_row_by_row(tmp_path, monkeypatch):
    """A database error in a batch (say another import added the same reference meanwhile) rolls the
    batch back; each row is then tried on its own, so only the failing row is rejected."""
    original = importer.PlanImporter._write

    def write(self, works):
        if any(w.plan.reference == "EHC-000002" for w in works):
            raise DatabaseError('duplicate key value violates unique constraint "reference"')
        return original(self, works)

    monkeypatch.setattr(importer.PlanImporter, "_write", write)

    report = run(write_csv(tmp_path, GOOD_ROWS))

    assert (report.created, report.rejected) == (2, 1)
    assert report.rejections[0].reference == "EHC-000002"
    assert report.rejections[0].reasons[0].startswith("could not be saved: duplicate key value")
    assert set(EHCPlan.objects.values_list("reference", flat=True)) == {"EHC-000001", "EHC-000003"}


def test_report_keeps_counts_and_only_the_first_rejections(tmp_path):
    rows = [[f"EHC-{n:06d}", "", "", "", "", "", "", "", "", "", "", "", "", ""] for n in range(1205)]

    report = run(write_csv(tmp_path, rows), dry_run=True, batch_size=100)

    assert report.rejected == 1205
    assert len(report.rejections) == MAX_REJECTIONS_KEPT
    assert report.rejections_not_listed == 205
    assert "  ... and 205 more rejected rows not listed" in report.as_lines()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The file is empty."),
        ("name,date\nAmira,2020-01-01\n", "The first row must hold the column names, including 'reference'"),
        ("reference,REFERENCE\nA,B\n", "These columns appear more than once: reference"),
    ],
)
def test_whole_file_problems(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    report = run(path)
    assert message in report.file_error
    assert report.rows == 0 and not EHCPlan.objects.exists()


def test_a_file_that_breaks_off_part_way(tmp_path):
    path = tmp_path / "broken.csv"
    rows = "".join(f"EHC-0001{n:02d},Amy,Lee{n},2015-01-01,2026-01-05,parent\n" for n in range(5))
    header = "reference,child_first_name,child_last_name,child_date_of_birth,request_date,request_source\n"
    # A quote never closed swallows the rest of the file into one cell, past the csv module's limit.
    path.write_text(header + rows + 'EHC-000199,"unclosed' + "x" * 200_000 + "\n")

    report = run(path, batch_size=2)

    assert "could not be read as CSV" in report.file_error
    assert report.created == 5 and EHCPlan.objects.count() == 5
    assert any(line.startswith("Stopped part-way") for line in report.as_lines())


def test_not_a_spreadsheet(tmp_path):
    path = tmp_path / "plans.xlsx"
    path.write_bytes(b"this is not a zip file")
    assert run(path).file_error == "The file could not be opened as an Excel (.xlsx) workbook."
    path = tmp_path / "plans.pdf"
    path.write_bytes(b"%PDF")
    assert run(path).file_error == "Choose a CSV (.csv) or Excel (.xlsx) file."


def test_template_header_is_every_column():
    from portal.imports.columns import template_header

    assert template_header() == list(NAMES)
    assert {"reference", "review_due_date", "caseworker_email"} <= set(NAMES)


# --- The management command --------------------------------------------------------------------------


def test_command_dry_run_then_import(tmp_path):
    path = write_csv(
        tmp_path, [*GOOD_ROWS, ["EHC-000004", "Dee", "Fox", "bad", "", "", "", "", "", "", "", "", "", ""]]
    )
    out = StringIO()

    call_command("import_plans", str(path), "--dry-run", stdout=out)

    text = out.getvalue()
    assert "Dry run (nothing written)" in text
    assert "4 rows: 3 would be created, 0 would be updated, 0 unchanged, 1 rejected" in text
    assert "row 5 (EHC-000004): child_date_of_birth 'bad' is not a date" in text
    assert not EHCPlan.objects.exists()

    out = StringIO()
    call_command("import_plans", str(path), "--actor", "cw@example.org", stdout=out)
    assert "3 were created" in out.getvalue()
    assert EHCPlan.objects.count() == 3
    assert AuditEntry.objects.filter(actor__email="cw@example.org", action="import").count() == 4


def test_command_errors(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_plans", str(tmp_path / "missing.csv"))
    path = write_csv(tmp_path, GOOD_ROWS)
    with pytest.raises(CommandError, match="No staff account"):
        call_command("import_plans", str(path), "--actor", "nobody@example.org")
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nx\n")
    with pytest.raises(CommandError, match="must hold the column names"):
        call_command("import_plans", str(bad), stdout=StringIO())

"""The spreadsheet import of plans and annual reviews.

Rows are read one at a time and handled in batches (1,000 by default): one query per batch finds the
plans already on record, one the reviews, one the children a new case belongs to; then everything
the batch changes is written with bulk_create / bulk_update inside one transaction. If that
transaction fails (say another import added the same reference a moment ago), the batch is rolled
back and retried row by row, each row in its own transaction, so a valid row is never half-written
and a failing row writes nothing.

Blank cells never erase what is on record. Families linked to a child hear about a new stage or a
new review meeting date through ``portal.case_updates`` once the batch has committed; every created
or updated case gets an entry in the audit log."""

import logging
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from portal import audit, case_updates
from portal.models import AnnualReview, AuditEntry, Child, EHCPlan, ParentLink, Setting

from . import columns
from .readers import SpreadsheetError, open_sheet
from .report import CREATED, UNCHANGED, UPDATED, ImportReport
from .rows import consistency_problems, layout_for, missing_for_new, parse_row
from .seen import SeenReferences

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
ANALYZE_AFTER_ROWS = 5000
CHILD_FIELDS = ("first_name", "last_name", "date_of_birth", "setting_id")
PLAN_FIELDS = tuple(c.field for c in columns.COLUMNS if c.target == columns.PLAN and c.field) + (
    "caseworker_id",
)
REVIEW_FIELDS = tuple(c.field for c in columns.COLUMNS if c.target == columns.REVIEW)


@dataclass
class RowWork:
    """What one accepted row does to the database."""

    number: int
    child: Child | None  # None only for a new case in a dry run
    plan: EHCPlan | None
    review: AnnualReview | None = None
    child_new: bool = False
    plan_new: bool = False
    review_new: bool = False
    changes: dict = field(default_factory=dict)
    old_stage: str | None = None
    meeting_changed: bool = False

    @property
    def outcome(self):
        if self.plan_new:
            return CREATED
        return UPDATED if self.changes else UNCHANGED


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _apply(instance, values, prefix, changes):
    """Set ``values`` on ``instance``; record ``{prefix.field: [old, new]}`` for those that differ."""
    changed = []
    for name, value in values.items():
        old = getattr(instance, name)
        if old != value:
            changes[f"{prefix}{name}"] = [_jsonable(old), _jsonable(value)]
            setattr(instance, name, value)
            changed.append(name)
    return changed


class Lookups:
    """Staff and settings by the keys a spreadsheet uses. Loaded once per import: their size depends on
    the council, not on the file."""

    def __init__(self):
        staff = get_user_model().objects.filter(is_active=True, is_staff=True).values_list("email", "pk")
        self.caseworkers = {email.lower(): pk for email, pk in staff}
        self.settings_by_urn = {}
        self.settings_by_name = {}
        for pk, name, urn in Setting.objects.values_list("pk", "name", "urn"):
            if urn:
                self.settings_by_urn[urn.strip().upper()] = pk
            key = name.strip().lower()
            # Two settings with one name cannot be told apart by name: the URN is needed.
            self.settings_by_name[key] = None if key in self.settings_by_name else pk

    def resolve(self, row):
        """``({model field: id}, reasons)`` for the row's setting and caseworker columns."""
        values, reasons = {}, []
        urn = row.lookups.get("setting_urn")
        name = row.lookups.get("setting_name")
        if urn is not None:
            pk = self.settings_by_urn.get(urn.upper())
            if pk is None:
                reasons.append(f"unknown setting: no setting on record has URN '{urn}'")
            else:
                values["setting_id"] = pk
        elif name is not None:
            key = name.lower()
            if key not in self.settings_by_name:
                reasons.append(f"unknown setting: no setting on record is called '{name}'")
            elif self.settings_by_name[key] is None:
                reasons.append(
                    f"setting '{name}' matches more than one setting on record: give its setting_urn"
                )
            else:
                values["setting_id"] = self.settings_by_name[key]
        email = row.lookups.get("caseworker_email")
        if email is not None:
            pk = self.caseworkers.get(email)
            if pk is None:
                reasons.append(f"unknown caseworker: no active staff account has the email {email}")
            else:
                values["caseworker_id"] = pk
        return values, reasons


def _child_key(first_name, last_name, date_of_birth):
    return (first_name.strip().lower(), last_name.strip().lower(), date_of_birth)


class PlanImporter:
    def __init__(self, path, filename=None, dry_run=True, actor=None, batch_size=BATCH_SIZE, today=None):
        self.path = path
        self.filename = filename or str(path).rsplit("/", 1)[-1]
        self.dry_run = dry_run
        self.actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        self.batch_size = batch_size
        self.today = today or timezone.localdate()
        self.report = ImportReport(filename=self.filename, dry_run=dry_run)
        self._created_since_analyze = 0
        self._created_total_at_analyze = 0

    # --- The run ----------------------------------------------------------------------------------

    def run(self):
        started = time.perf_counter()
        try:
            with open_sheet(self.path, self.filename) as sheet, SeenReferences() as seen:
                positions = self._layout(sheet.headings)
                self.lookups = Lookups()
                batch = []
                try:
                    for number, values in sheet.rows:
                        batch.append(parse_row(number, values, positions, self.today))
                        if len(batch) >= self.batch_size:
                            self._process(batch, seen)
                            batch = []
                except SpreadsheetError as error:
                    # The file breaks off part-way: the rows read before the break are still handled.
                    self.report.file_error = str(error)
                if batch:
                    self._process(batch, seen)
        except SpreadsheetError as error:
            self.report.file_error = str(error)
        self.report.seconds = time.perf_counter() - started
        if not self.dry_run and self.report.rows:
            audit.record(
                self.actor,
                AuditEntry.Action.IMPORT,
                summary=f"Spreadsheet import of {self.filename}: {self.report.summary()}"[:300],
                changes={
                    "created": self.report.created,
                    "updated": self.report.updated,
                    "unchanged": self.report.unchanged,
                    "rejected": self.report.rejected,
                },
            )
        return self.report

    def _layout(self, headings):
        positions, ignored, duplicated = layout_for(headings)
        if duplicated:
            raise SpreadsheetError(
                f"These columns appear more than once: {', '.join(duplicated)}. Keep one of each."
            )
        names = {column.name for _, column in positions}
        if "reference" not in names:
            raise SpreadsheetError(
                "The first row must hold the column names, including 'reference'. "
                "Download the template to see the names."
            )
        self.report.ignored_columns = ignored
        self.report.missing_columns = [name for name in columns.NAMES if name not in names]
        return positions

    def _process(self, batch, seen):
        """Reject rows with bad cells or repeated references; resolve and write the rest."""
        references = {row.reference for row in batch if row.reference}
        earlier = seen.first_rows(references)
        in_batch = {}
        accepted = []
        for row in batch:
            reasons = list(row.errors)
            if reasons:
                # Rejected already: still name an unknown setting or caseworker, so one pass finds all.
                reasons += self.lookups.resolve(row)[1]
            if row.reference:
                first = earlier.get(row.reference) or in_batch.get(row.reference)
                if first is not None:
                    reasons.insert(
                        0, f"duplicate reference: {row.reference} is already on row {first} of this file"
                    )
                else:
                    in_batch[row.reference] = row.number
            if reasons:
                self.report.reject(row.number, row.reference, reasons)
            else:
                accepted.append(row)
        seen.add(in_batch.items())
        if accepted:
            self._resolve_and_write(accepted)

    def _resolve_and_write(self, rows):
        works = self._resolve(rows)  # rows it rejects are reported there
        if not self.dry_run and works:
            try:
                with transaction.atomic():
                    self._write(works)
            except DatabaseError as error:
                accepted = {work.number for work in works}
                if len(accepted) == 1:
                    row = next(row for row in rows if row.number in accepted)
                    logger.warning("Import row %s could not be saved: %s", row.number, error)
                    text = str(error).strip()
                    detail = text.splitlines()[0] if text else type(error).__name__
                    self.report.reject(row.number, row.reference, [f"could not be saved: {detail}"])
                    return
                # Start again one row at a time, each from a fresh read of the database.
                for row in rows:
                    if row.number in accepted:
                        self._resolve_and_write([row])
                return
        for work in works:
            self.report.count(work.outcome)
        if not self.dry_run:
            self._refresh_statistics(sum(w.plan_new for w in works))

    def _refresh_statistics(self, created):
        """PostgreSQL plans each lookup from its table statistics. A first import that grows the tables
        from nothing would have every later batch planned as if they were still empty (and autovacuum
        may be slow, or off), so re-analyse each time the rows added since the last time double."""
        if connection.vendor != "postgresql" or not created:
            return
        self._created_since_analyze += created
        if self._created_since_analyze >= max(ANALYZE_AFTER_ROWS, self._created_total_at_analyze):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE portal_child, portal_ehcplan, portal_annualreview")
            self._created_total_at_analyze += self._created_since_analyze
            self._created_since_analyze = 0

    # --- Resolving rows against what is on record ------------------------------------------------

    def _resolve(self, rows):
        # Two simple indexed lookups rather than a join, so the plan the database picks does not
        # depend on how up to date its statistics are.
        plans = {
            plan.reference: plan
            for plan in EHCPlan.objects.filter(reference__in=[row.reference for row in rows])
        }
        # One instance per child, so two rows about one child update the same object.
        children = Child.objects.in_bulk({plan.child_id for plan in plans.values()})
        for plan in plans.values():
            plan.child = children[plan.child_id]
        new_rows = [row for row in rows if row.reference not in plans]
        matched = {} if self.dry_run else self._match_children(new_rows, children)
        reviews = self._existing_reviews(rows, plans)

        works = []
        for row in rows:
            values, reasons = self.lookups.resolve(row)
            plan = plans.get(row.reference)
            if plan is None:
                reasons += missing_for_new(row)
            if reasons:
                self.report.reject(row.number, row.reference, reasons)
                continue
            child_values = {
                **row.child,
                **({"setting_id": values["setting_id"]} if "setting_id" in values else {}),
            }
            plan_values = {
                **row.plan,
                **({"caseworker_id": values["caseworker_id"]} if "caseworker_id" in values else {}),
            }
            review = (
                reviews.get((plan.pk, row.review.get("due_date")))
                if plan is not None and row.review
                else None
            )

            problems = consistency_problems(
                {**self._stored(plan.child if plan else None, CHILD_FIELDS), **child_values},
                {**self._stored(plan, PLAN_FIELDS), **plan_values},
                {**self._stored(review, REVIEW_FIELDS), **row.review} if row.review else {},
            )
            if problems:
                self.report.reject(row.number, row.reference, problems)
                continue
            works.append(self._work(row, plan, review, child_values, plan_values, matched))
        return works

    @staticmethod
    def _stored(instance, names):
        if instance is None:
            return {}
        return {name: getattr(instance, name) for name in names}

    def _match_children(self, new_rows, children):
        """Existing children for rows with a new reference: a child may have had an earlier case, and is
        recognised by first name, last name and date of birth (any letter case)."""
        keys = {
            _child_key(row.child["first_name"], row.child["last_name"], row.child["date_of_birth"])
            for row in new_rows
            if {"first_name", "last_name", "date_of_birth"} <= row.child.keys()
        }
        if not keys:
            return {}
        candidates = (
            Child.objects.annotate(last_lower=Lower("last_name"))
            .filter(date_of_birth__in={key[2] for key in keys}, last_lower__in={key[1] for key in keys})
            .order_by("pk")
        )
        matched = {}
        for child in candidates:
            key = _child_key(child.first_name, child.last_name, child.date_of_birth)
            if key in keys and key not in matched:
                matched[key] = children.setdefault(child.pk, child)
        return matched

    @staticmethod
    def _existing_reviews(rows, plans):
        wanted = {
            (plans[row.reference].pk, row.review["due_date"])
            for row in rows
            if row.review and row.reference in plans
        }
        if not wanted:
            return {}
        found = AnnualReview.objects.filter(
            plan_id__in={key[0] for key in wanted}, due_date__in={key[1] for key in wanted}
        )
        return {
            (review.plan_id, review.due_date): review
            for review in found
            if (review.plan_id, review.due_date) in wanted
        }

    def _work(self, row, plan, review, child_values, plan_values, matched):
        changes = {}
        if plan is None and self.dry_run:
            # A new case would be created whatever else the row says; a dry run needs no objects for it.
            return RowWork(number=row.number, child=None, plan=None, plan_new=True)
        if plan is None:
            key = _child_key(
                child_values["first_name"], child_values["last_name"], child_values["date_of_birth"]
            )
            child = matched.get(key)
            child_new = child is None
            if child_new:
                child = Child(**child_values)
                matched[key] = child  # a second new case for the same child in this batch shares it
            else:
                # Recognised by name and birth date: only what else the row says can change.
                _apply(child, {k: v for k, v in child_values.items() if k == "setting_id"}, "child.", changes)
            plan = EHCPlan(child=child, reference=row.reference, **plan_values)
            plan.stage = plan.stage_from_fields()
            work = RowWork(number=row.number, child=child, plan=plan, child_new=child_new, plan_new=True)
        else:
            work = RowWork(number=row.number, child=plan.child, plan=plan, old_stage=plan.stage)
            _apply(plan.child, child_values, "child.", changes)
            _apply(plan, plan_values, "plan.", changes)
            plan.stage = plan.stage_from_fields()
            if plan.stage != work.old_stage:
                changes["plan.stage"] = [work.old_stage, plan.stage]
        if row.review:
            label = f"review {row.review['due_date']:%Y-%m-%d}."
            if review is None:
                review = AnnualReview(plan=work.plan, **row.review)
                work.review_new = True
                changes[f"{label}created"] = [None, True]
                work.meeting_changed = review.meeting_date is not None
            else:
                old_meeting = review.meeting_date
                _apply(review, row.review, label, changes)
                work.meeting_changed = review.meeting_date != old_meeting
            work.review = review
        work.changes = changes
        return work

    # --- Writing ---------------------------------------------------------------------------------

    def _write(self, works):
        now = timezone.now()
        new_children = self._unique(w.child for w in works if w.child_new)
        Child.objects.bulk_create(new_children)

        changed = [w for w in works if w.outcome == UPDATED or (w.plan_new and not w.child_new and w.changes)]
        child_fields = {k.split(".", 1)[1] for w in changed for k in w.changes if k.startswith("child.")}
        if child_fields:
            updated_children = self._unique(
                w.child for w in changed if any(k.startswith("child.") for k in w.changes) and not w.child_new
            )
            for child in updated_children:
                child.updated_at = now
            Child.objects.bulk_update(updated_children, [*child_fields, "updated_at"])

        new_plans = [w.plan for w in works if w.plan_new]
        EHCPlan.objects.bulk_create(new_plans)
        plan_fields = {
            k.split(".", 1)[1] for w in changed if not w.plan_new for k in w.changes if k.startswith("plan.")
        }
        plan_fields.discard("stage")  # always written below, recomputed from the dates
        if plan_fields or any(w.old_stage != w.plan.stage for w in changed if not w.plan_new):
            updated_plans = [
                w.plan for w in changed if not w.plan_new and any(k.startswith("plan.") for k in w.changes)
            ]
            for plan in updated_plans:
                plan.updated_at = now
            EHCPlan.objects.bulk_update(updated_plans, [*plan_fields, "stage", "updated_at"])

        AnnualReview.objects.bulk_create([w.review for w in works if w.review is not None and w.review_new])
        review_fields = {
            k.rsplit(".", 1)[1]
            for w in works
            if w.review is not None and not w.review_new
            for k in w.changes
            if k.startswith("review ")
        }
        if review_fields:
            updated_reviews = [
                w.review
                for w in works
                if w.review is not None
                and not w.review_new
                and any(k.startswith("review ") for k in w.changes)
            ]
            for review in updated_reviews:
                review.updated_at = now
            AnnualReview.objects.bulk_update(updated_reviews, [*review_fields, "updated_at"])

        self._audit(works)
        if not case_updates.is_muted():
            announce = [w for w in works if self._worth_announcing(w)]
            if announce:
                transaction.on_commit(lambda: self._announce(announce), robust=True)

    @staticmethod
    def _unique(instances):
        seen, unique = set(), []
        for instance in instances:
            if id(instance) not in seen:
                seen.add(id(instance))
                unique.append(instance)
        return unique

    def _audit(self, works):
        if audit.is_muted():
            return
        entries = []
        for work in works:
            if work.outcome == UNCHANGED:
                continue
            verb = "added" if work.plan_new else "updated"
            entries.append(
                AuditEntry(
                    actor=self.actor,
                    actor_email=self.actor.email if self.actor else "",
                    action=AuditEntry.Action.IMPORT,
                    child=work.child,
                    child_public_id=work.child.public_id,
                    object_type="ehcplan",
                    object_id=str(work.plan.public_id),
                    summary=(
                        f"Case {work.plan.reference} {verb} by spreadsheet import "
                        f"({self.filename}, row {work.number})"
                    )[:300],
                    changes=work.changes,
                )
            )
        AuditEntry.objects.bulk_create(entries)

    @staticmethod
    def _worth_announcing(work):
        return work.outcome != UNCHANGED and (work.plan.stage != work.old_stage or work.meeting_changed)

    def _announce(self, works):
        """After commit: tell the families linked to each changed child (one query finds who has any)."""
        linked = set(
            ParentLink.objects.filter(child_id__in={w.child.pk for w in works}).values_list(
                "child_id", flat=True
            )
        )
        for work in works:
            if work.child.pk not in linked:
                continue
            if work.plan.stage != work.old_stage:
                self.report.notifications_sent += case_updates.announce_stage_change(
                    work.plan, work.old_stage
                )
            if work.meeting_changed:
                self.report.notifications_sent += case_updates.announce_review_date(work.review)


def import_plans(path, filename=None, dry_run=True, actor=None, batch_size=BATCH_SIZE, today=None):
    """Import (or, with ``dry_run``, check) the spreadsheet at ``path``; returns an ImportReport."""
    with audit.acting_as(actor):
        return PlanImporter(
            path, filename=filename, dry_run=dry_run, actor=actor, batch_size=batch_size, today=today
        ).run()

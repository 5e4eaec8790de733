"""What an import did (or, in a dry run, would do).

Only counts are kept for created, updated and unchanged rows, and the detail of the first
``MAX_REJECTIONS_KEPT`` rejected rows, so the report stays small whatever the size of the file."""

from dataclasses import dataclass, field

MAX_REJECTIONS_KEPT = 1000

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
REJECTED = "rejected"


@dataclass
class Rejection:
    row: int
    reference: str
    reasons: list

    @property
    def reason_text(self):
        return "; ".join(self.reasons)


@dataclass
class ImportReport:
    filename: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    missing_columns: list = field(default_factory=list)
    # A problem with the whole file (unreadable, no reference column): nothing was imported.
    file_error: str = ""
    notifications_sent: int = 0
    seconds: float = 0.0

    @property
    def rows(self):
        return self.created + self.updated + self.unchanged + self.rejected

    @property
    def rejections_not_listed(self):
        return self.rejected - len(self.rejections)

    @property
    def changes(self):
        return self.created + self.updated

    def count(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def reject(self, row, reference, reasons):
        self.rejected += 1
        if len(self.rejections) < MAX_REJECTIONS_KEPT:
            self.rejections.append(Rejection(row=row, reference=reference or "", reasons=list(reasons)))

    def summary(self):
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.rows} rows: {self.created} {verb} created, {self.updated} {verb} updated, "
            f"{self.unchanged} unchanged, {self.rejected} rejected"
        )

    def as_lines(self):
        """The report as text, for the management command."""
        mode = "Dry run (nothing written)" if self.dry_run else "Import"
        lines = [f"{mode} of {self.filename}"]
        if self.file_error and not self.rows:
            lines.append(f"Not imported: {self.file_error}")
            return lines
        if self.file_error:
            lines.append(f"Stopped part-way: {self.file_error} The rows before that were handled as below.")
        if self.ignored_columns:
            lines.append("Columns not recognised, ignored: " + ", ".join(self.ignored_columns))
        if self.missing_columns:
            lines.append("Columns not in the file (left as they are): " + ", ".join(self.missing_columns))
        lines.append(self.summary())
        for rejection in self.rejections:
            reference = f" ({rejection.reference})" if rejection.reference else ""
            lines.append(f"  row {rejection.row}{reference}: {rejection.reason_text}")
        if self.rejections_not_listed:
            lines.append(f"  ... and {self.rejections_not_listed} more rejected rows not listed")
        if not self.dry_run:
            lines.append(f"Families notified of changes: {self.notifications_sent}")
        lines.append(f"Took {self.seconds:.1f} s")
        return lines

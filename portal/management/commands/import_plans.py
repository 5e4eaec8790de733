"""manage.py import_plans FILE [--dry-run] [--actor EMAIL]: the spreadsheet import from the shell."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.imports.importer import BATCH_SIZE, import_plans


class Command(BaseCommand):
    help = (
        "Import plans and annual-review data from a CSV or XLSX file (columns: portal/imports/README.md). "
        "Use --dry-run first to see what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; write nothing")
        parser.add_argument("--actor", metavar="EMAIL", help="The staff member the audit log names")
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"Rows per transaction ({BATCH_SIZE})"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = None
        if options["actor"]:
            actor = get_user_model().objects.filter(email__iexact=options["actor"], is_staff=True).first()
            if actor is None:
                raise CommandError(f"No staff account has the email {options['actor']}")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        report = import_plans(path, dry_run=options["dry_run"], actor=actor, batch_size=options["batch_size"])
        for line in report.as_lines():
            self.stdout.write(line)
        if report.file_error:
            raise CommandError(report.file_error)

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

# Each part of the site loads its own demo data; the order matters (cases link to guide pages).
DEMO_COMMANDS = ["load_demo_content", "load_demo_cases"]


class Command(BaseCommand):
    help = (
        "Load the fictional council's demo content, users and cases. Safe to run again: keeps existing data."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Demo data loads only with dev settings (config.settings.dev).")
        for name in DEMO_COMMANDS:
            self.stdout.write(f"demo: {name}")
            call_command(name, stdout=self.stdout, stderr=self.stderr)

"""Delete chat conversations that have been quiet for longer than CHAT_RETENTION_DAYS.

Run daily (cron or a scheduled task). Callback requests are case records and stay, with their own
copy of the transcript. Conversations with a safeguarding flag are kept for
SAFEGUARDING_RETENTION_DAYS from the flag instead, and flags older than that are deleted here too."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from chatbot.history import purge_before
from cms.models import UnansweredQuestion
from portal.safeguarding.flags import purge_flags_before


class Command(BaseCommand):
    help = "Delete chat conversations with no activity for CHAT_RETENTION_DAYS days (or --days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override CHAT_RETENTION_DAYS.")

    def handle(self, *args, days=None, **options):
        days = settings.CHAT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least 1 day.")
        now = timezone.now()
        cutoff = now - datetime.timedelta(days=days)
        flags_cutoff = now - datetime.timedelta(days=settings.SAFEGUARDING_RETENTION_DAYS)
        flags = purge_flags_before(flags_cutoff)
        deleted = purge_before(cutoff, keep_flagged_since=flags_cutoff)
        # Unanswered questions are families' words too (they may hold a name): kept as long as chats.
        UnansweredQuestion.objects.filter(last_asked__lt=cutoff).delete()
        self.stdout.write(
            f"Deleted {deleted} conversation(s) with no activity since {cutoff:%Y-%m-%d %H:%M}, "
            f"and {flags} safeguarding flag(s) raised before {flags_cutoff:%Y-%m-%d}."
        )

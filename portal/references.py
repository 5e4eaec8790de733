"""Human-readable references (CMP-2026-000123, CB-2026-000045) that never repeat, even when two
requests ask at the same moment.

The counter row is incremented with a single UPDATE inside the caller's transaction: on PostgreSQL the
row lock makes concurrent transactions take turns; SQLite serialises writers anyway."""

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import ReferenceCounter


def next_reference(prefix, year, digits=6):
    with transaction.atomic():
        updated = ReferenceCounter.objects.filter(prefix=prefix, year=year).update(value=F("value") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(prefix=prefix, year=year, value=1)
            except IntegrityError:  # another request created the row first
                ReferenceCounter.objects.filter(prefix=prefix, year=year).update(value=F("value") + 1)
        value = ReferenceCounter.objects.get(prefix=prefix, year=year).value
    return f"{prefix}-{year}-{value:0{digits}d}"

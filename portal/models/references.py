"""Counters behind human-readable references such as CMP-2026-000123 (one row per prefix and year)."""

from django.db import models


class ReferenceCounter(models.Model):
    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="referencecounter_prefix_year_unique")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.value}"

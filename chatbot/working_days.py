"""Working-day arithmetic for the promises the chatbot makes ("we will be in touch within 2 working
days"). Weekends and England and Wales bank holidays do not count.

The portal's timeline engine owns the statutory calendar; using its helper keeps one definition of
a working day for the whole site. The fallback (same rule, ``holidays`` with subdivision ENG) keeps
this app usable on its own."""

import datetime
from functools import lru_cache

import holidays

try:
    from portal.timeline import add_working_days
except ImportError:  # pragma: no cover - only without the portal's timeline engine

    @lru_cache(maxsize=16)
    def _bank_holidays(year):
        return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))

    def add_working_days(start, days):
        """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
        day = start
        counted = 0
        while counted < days:
            day += datetime.timedelta(days=1)
            if day.weekday() < 5 and day not in _bank_holidays(day.year):
                counted += 1
        return day


__all__ = ["add_working_days"]

"""What a family's own words about time tell them: "it's been 22 weeks and no plan" is told that the
20-week limit has passed and offered a complaint, rather than only how long an assessment takes.

The limits are those of the SEND Regulations (docs/statutory-rules.md): 6 weeks for the decision
whether to assess, 16 weeks for a notice that no plan will be issued, 20 weeks for the final plan,
all from the request."""

import re

WEEKS_PER_MONTH = 4.345
DECISION_WEEKS = 6
FINAL_PLAN_WEEKS = 20

_WAIT = re.compile(
    r"\b(\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*"
    r"(?:\+\s*)?(weeks?|wks?|months?|mths?)\b",
    re.IGNORECASE,
)
_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ABOUT_A_REQUEST = re.compile(
    r"\b(?:request\w*|applied|application|asked for|ehcna|needs assessment|assess\w*|ehcp|ehc plan|plan|"
    r"heard (?:\w+ )?nothing|no plan|still waiting|waiting|nothing yet|no decision|no answer)\b",
    re.IGNORECASE,
)
_PLAN_ISSUED = re.compile(
    r"\b(?:got|have|received|issued)\s+(?:the|our|his|her|a)\s+final plan\b", re.IGNORECASE
)
_DECISION = re.compile(
    r"\b(?:decide|decision|heard (?:\w+ )?nothing|no answer|agree\w* to assess|whether)\b", re.IGNORECASE
)

LATE_PLAN = (
    "It has been about {weeks} weeks since the request. The final EHC plan must be issued within 20 "
    "weeks of the request, so it is late. You can make a complaint, and the council must still issue "
    "the plan: a late plan is never cancelled."
)
LATE_DECISION = (
    "It has been about {weeks} weeks since the request. The council must tell you whether it will "
    "assess within 6 weeks of the request, so that decision is late. You can ask your caseworker for it "
    "now, and make a complaint."
)


def weeks_waited(text):
    """The longest wait the text mentions, in weeks, or None."""
    longest = None
    for number, unit in _WAIT.findall(text or ""):
        count = _NUMBERS.get(number.lower()) if not number.isdigit() else int(number)
        weeks = count * WEEKS_PER_MONTH if unit.lower().startswith("m") else count
        longest = weeks if longest is None else max(longest, weeks)
    return longest


def note_for(text):
    """A sentence about the family's own wait, when their words say it has passed a limit."""
    weeks = weeks_waited(text)
    if weeks is None or not _ABOUT_A_REQUEST.search(text) or _PLAN_ISSUED.search(text):
        return None
    if weeks > FINAL_PLAN_WEEKS:
        return LATE_PLAN.format(weeks=round(weeks))
    if weeks > DECISION_WEEKS and _DECISION.search(text):
        return LATE_DECISION.format(weeks=round(weeks))
    return None

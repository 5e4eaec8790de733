"""Finding cases for the staff case list: search, filters and the page of rows with each row's
timeline, in a fixed number of queries whatever the number of plans."""

from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects

from portal import cases, dashboard
from portal.models import EHCPlan

from .forms import CaseFilterForm

PER_PAGE = 50


def search_q(text):
    """A reference (or part of one), or a child's name: every word must be in the first or last name."""
    text = text.strip()
    if not text:
        return Q()
    names = Q()
    for word in text.split():
        names &= Q(child__first_name__icontains=word) | Q(child__last_name__icontains=word)
    return Q(reference__icontains=text) | names


def filtered_cases(data, today):
    """The plans matching a valid ``CaseFilterForm``'s cleaned data."""
    plans = EHCPlan.objects.all()
    plans = plans.filter(search_q(data.get("q") or ""))
    if data.get("stage"):
        plans = plans.filter(stage=data["stage"])
    caseworker = data.get("caseworker")
    if caseworker == CaseFilterForm.UNASSIGNED:
        plans = plans.filter(caseworker__isnull=True)
    elif caseworker:
        plans = plans.filter(caseworker_id=caseworker)
    setting = (data.get("setting") or "").strip()
    if setting:
        plans = plans.filter(
            Q(child__setting__urn__iexact=setting) | Q(child__setting__name__icontains=setting)
        )
    overdue = data.get("overdue")
    if overdue == "assessment":
        plans = plans.filter(dashboard.assessment_overdue_q(today))
    elif overdue in ("review", "any"):
        # The reviews are grouped by plan in a subquery over plans in place only, so the page query
        # itself needs no GROUP BY.
        late = dashboard.review_overdue_plans(today)
        if overdue == "any":
            # One set of ids (a UNION) rather than an OR of conditions: the database hashes it once.
            late = late.union(
                EHCPlan.objects.filter(dashboard.assessment_overdue_q(today)).order_by().values("pk")
            )
        plans = plans.filter(pk__in=late)
    order = data.get("order") or "-request_date"
    return plans.order_by(order, "-pk")


class CaseRow:
    """One row of the list: the plan, and what the timeline engine says about it today."""

    def __init__(self, plan, today):
        self.plan = plan
        self.timeline = cases.plan_timeline(plan, today)
        self.next_step = self.timeline.next_step
        self.overdue = self.timeline.overdue


def case_page(form, page_number, today):
    """``(page, rows)`` for the list: count, then the page's ids (sorting plans alone, no joins), then
    those 50 plans with their child, setting and caseworker, then their events in three queries."""
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(filtered_cases(data, today).values_list("pk", flat=True), PER_PAGE).get_page(page_number)
    ids = list(page.object_list)
    by_id = EHCPlan.objects.select_related("child", "child__setting", "caseworker").in_bulk(ids)
    plans = [by_id[pk] for pk in ids if pk in by_id]
    prefetch_related_objects(plans, "advice", "exceptions", "reviews")
    return page, [CaseRow(plan, today) for plan in plans]

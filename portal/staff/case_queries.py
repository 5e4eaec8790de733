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
    if data.get("setting"):
        plans = plans.filter(child__setting=data["setting"])
    overdue = data.get("overdue")
    if overdue == "assessment":
        plans = plans.filter(dashboard.assessment_overdue_q(today))
    elif overdue == "review":
        plans = dashboard.with_review_facts(plans, today).filter(dashboard.review_overdue_q(today))
    elif overdue == "any":
        plans = dashboard.with_review_facts(plans, today).filter(
            dashboard.assessment_overdue_q(today) | dashboard.review_overdue_q(today)
        )
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
    """``(page, rows)`` for the list. The page's plans get their events in three more queries."""
    data = form.cleaned_data if form.is_valid() else {}
    plans = filtered_cases(data, today).select_related("child", "child__setting", "caseworker")
    page = Paginator(plans, PER_PAGE).get_page(page_number)
    object_list = list(page.object_list)
    prefetch_related_objects(object_list, "advice", "exceptions", "reviews")
    return page, [CaseRow(plan, today) for plan in object_list]

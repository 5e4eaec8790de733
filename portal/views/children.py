"""The plan page for one child, and asking for an early review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from portal import access, audit, case_pages, cases, explanations
from portal.forms import EarlyReviewForm
from portal.models import AuditEntry, EarlyReviewRequest, EHCPlan, Outcome
from portal.notifications import format_date, notify

from .home import my_links


def plan_page_queryset(user):
    """Everything the plan page shows, in a fixed number of queries whatever the size of the case."""
    plans = EHCPlan.objects.select_related("caseworker").prefetch_related(
        "advice",
        "exceptions",
        "reviews",
        "documents",
        Prefetch("outcomes", queryset=Outcome.objects.prefetch_related("progress")),
        Prefetch("early_review_requests", queryset=EarlyReviewRequest.objects.select_related("requested_by")),
    )
    return (
        access.children_for(user)
        .select_related("setting")
        .prefetch_related(Prefetch("plans", queryset=plans), my_links(user))
    )


def explained(steps):
    rows = []
    for step in steps:
        text, guide_url, guide_title = explanations.explain(step.kind)
        rows.append({"step": step, "text": text, "guide_url": guide_url, "guide_title": guide_title})
    return rows


@never_cache
@login_required
def child_detail(request, public_id):
    try:
        response, seen = case_pages.cached_page(
            request, "plan", [public_id], lambda: render_plan_page(request, public_id)
        )
    except KeyError as error:
        raise Http404("No such child") from error
    audit.record_views(request.user, [seen.cases[public_id].child], "Viewed the plan page", request=request)
    return response


def render_plan_page(request, public_id):
    child = access.get_child_for(request.user, public_id, queryset=plan_page_queryset(request.user))
    summary = cases.summarise(child)
    plan = summary.plan
    plans = list(child.plans.all())
    context = {
        "child": child,
        "summary": summary,
        "plan": plan,
        "is_own_record": any(link.relationship == "young_person" for link in child.my_links),
        "earlier_plans": [p for p in plans if p is not plan],
        "documents": sorted(
            (d for p in plans for d in p.documents.all()), key=lambda d: d.uploaded_at, reverse=True
        ),
        "today": cases.today(),
        # CoP 9.178: reviews every 3 to 6 months are recommended for children under 5.
        "under_five": child.age_on(cases.today()) < 5,
    }
    if plan is not None:
        tl = summary.timeline
        context.update(
            {
                "timeline": tl,
                "done_rows": explained(tl.done),
                "upcoming_rows": explained(tl.upcoming),
                "pauses": list(plan.exceptions.all()),
                "reviews": sorted(plan.reviews.all(), key=lambda r: r.due_date, reverse=True),
                "outcomes": [(o, list(o.progress.all())) for o in plan.outcomes.all()],
                "early_reviews": list(plan.early_review_requests.all()),
                "can_request_early_review": plan.final_issued_date is not None
                and not plan.ceased_date
                and not any(
                    e.status == EarlyReviewRequest.Status.OPEN for e in plan.early_review_requests.all()
                ),
            }
        )
    return render(request, "portal/child_detail.html", context)


@never_cache
@login_required
def early_review(request, public_id):
    child = access.get_child_for(
        request.user, public_id, queryset=access.children_with_cases_for(request.user)
    )
    if request.method != "POST":
        audit.record_views(request.user, [child], "Viewed the early review form", request=request)
    plan = cases.current_plan(child)
    if plan is None or plan.final_issued_date is None or plan.ceased_date is not None:
        return render(request, "portal/early_review_unavailable.html", {"child": child}, status=200)

    waiting = plan.early_review_requests.filter(status=EarlyReviewRequest.Status.OPEN).first()
    if waiting is not None:
        # One request waits per plan (a database constraint): say when it was sent and when the
        # answer is due, rather than queue the same request twice.
        return render(request, "portal/early_review_waiting.html", {"child": child, "waiting": waiting})

    form = EarlyReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"].strip()
        try:
            with transaction.atomic():
                request_obj = EarlyReviewRequest.objects.create(
                    plan=plan, requested_by=request.user, reason=reason
                )
        except IntegrityError:
            # Sent twice at once (a double click, or both parents): the other one was stored first.
            waiting = plan.early_review_requests.get(status=EarlyReviewRequest.Status.OPEN)
            return render(request, "portal/early_review_waiting.html", {"child": child, "waiting": waiting})
        audit.record(
            request.user,
            AuditEntry.Action.REQUEST,
            child=child,
            obj=request_obj,
            summary="Asked for an early review",
            request=request,
        )
        if plan.caseworker and plan.caseworker.email:
            notify(
                plan.caseworker,
                "early_review_requested",
                {
                    "child_name": child.full_name,
                    "reference": plan.reference,
                    "reason": reason,
                    "requested_by": request.user.get_full_name() or request.user.email,
                },
            )
        messages.success(
            request,
            "Your request for an early review has been sent to the caseworker. They will reply by "
            f"{format_date(request_obj.reply_by)}.",
        )
        return redirect("portal:child", public_id=child.public_id)
    return render(request, "portal/early_review.html", {"child": child, "plan": plan, "form": form})

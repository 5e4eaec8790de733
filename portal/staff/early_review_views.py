"""Early review requests from families: the list (open ones first, longest waiting first) and the
reply, which the family sees on their plan page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from portal import audit
from portal.models import AuditEntry, EarlyReviewRequest

from . import permissions as perms
from .forms import EarlyReviewResponseForm

PER_PAGE = 50
# A reply is expected within this many days; older open requests are flagged in the list.
REPLY_EXPECTED_DAYS = 20


@perms.staff_view(perms.VIEW_EARLY_REVIEWS)
def early_review_list(request):
    status = request.GET.get("status", EarlyReviewRequest.Status.OPEN)
    items = EarlyReviewRequest.objects.select_related("plan__child", "plan__caseworker", "requested_by")
    if status in EarlyReviewRequest.Status.values:
        items = items.filter(status=status)
    else:
        status = "all"
    if request.GET.get("mine"):
        items = items.filter(plan__caseworker=request.user)
    items = (
        items.order_by("created_at")
        if status == EarlyReviewRequest.Status.OPEN
        else items.order_by("-created_at")
    )
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("p"))
    now = timezone.now()
    rows = [(item, (now - item.created_at).days) for item in page.object_list]
    audit.record_views(
        request.user,
        [item.plan.child for item, _days in rows],
        "Staff listed early review requests",
        request=request,
    )
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "portal/staff/early_review_list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "mine": bool(request.GET.get("mine")),
            "statuses": [*EarlyReviewRequest.Status.choices, ("all", "All")],
            "reply_expected_days": REPLY_EXPECTED_DAYS,
            "query_string": query.urlencode(),
            "title": "Early review requests",
            "icon": "date",
        },
    )


@perms.staff_view(perms.VIEW_EARLY_REVIEWS)
def early_review_detail(request, public_id):
    item = get_object_or_404(
        EarlyReviewRequest.objects.select_related(
            "plan__child", "plan__caseworker", "requested_by", "responded_by"
        ),
        public_id=public_id,
    )
    may_reply = perms.may(request.user, perms.CHANGE_EARLY_REVIEWS)
    form = EarlyReviewResponseForm(request.POST or None, instance=item)
    if request.method == "POST":
        if not may_reply:
            return redirect(reverse("portal_staff:early_review", args=[item.public_id]))
        if form.is_valid():
            reply = form.save(commit=False)
            reply.responded_by = request.user
            reply.responded_at = timezone.now()
            reply.save()  # portal.signals emails the family the answer
            messages.success(
                request,
                f"Your reply to the early review request for {item.plan.reference} is saved; the family "
                "sees it on their plan page and is emailed it.",
            )
            return redirect(reverse("portal_staff:early_reviews"))
    else:
        audit.record(
            request.user,
            AuditEntry.Action.VIEW,
            child=item.plan.child,
            obj=item,
            summary=f"Staff viewed an early review request for {item.plan.reference}",
            request=request,
        )
    return TemplateResponse(
        request,
        "portal/staff/early_review_detail.html",
        {
            "item": item,
            "plan": item.plan,
            "child": item.plan.child,
            "form": form,
            "may_reply": may_reply,
            "title": f"Early review request for {item.plan.reference}",
            "icon": "date",
        },
        status=400 if request.method == "POST" else 200,
    )

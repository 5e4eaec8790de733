"""The safeguarding queue: every flag raised from a family's words, newest first, unreviewed ones
marked out, each reviewed by a named person at a recorded time. Opening one is audited, since it
holds what a family wrote at their most vulnerable."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from chatbot.models import Conversation
from portal import audit
from portal.models import AuditEntry, SafeguardingFlag
from portal.safeguarding.detector import LABELS

from . import permissions as perms
from .forms import SafeguardingReviewForm

PER_PAGE = 50
FILTERS = [("waiting", "Waiting for review"), ("reviewed", "Reviewed"), ("all", "All")]


def _labels(flag):
    return [LABELS.get(category, category) for category in flag.categories]


@perms.staff_view(perms.VIEW_SAFEGUARDING)
def flag_list(request):
    shown = request.GET.get("status", "waiting")
    flags = SafeguardingFlag.objects.select_related("reviewed_by", "user", "complaint")
    if shown == "waiting":
        flags = flags.filter(reviewed_at__isnull=True)
    elif shown == "reviewed":
        flags = flags.filter(reviewed_at__isnull=False)
    else:
        shown = "all"
    page = Paginator(flags.order_by("-created_at", "-pk"), PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "portal/staff/safeguarding_list.html",
        {
            "page": page,
            "rows": [(flag, _labels(flag)) for flag in page.object_list],
            "status": shown,
            "filters": FILTERS,
            "waiting": SafeguardingFlag.objects.filter(reviewed_at__isnull=True).count(),
            "query_string": query.urlencode(),
            "title": "Safeguarding flags",
            "icon": "warning",
        },
    )


@perms.staff_view(perms.VIEW_SAFEGUARDING)
def flag_detail(request, public_id):
    flag = get_object_or_404(
        SafeguardingFlag.objects.select_related("reviewed_by", "user", "complaint__child"),
        public_id=public_id,
    )
    may_review = perms.may(request.user, perms.REVIEW_SAFEGUARDING) and not flag.reviewed
    form = SafeguardingReviewForm(request.POST or None, instance=flag)
    if request.method == "POST":
        if not may_review:
            return redirect(reverse("portal_staff:safeguarding_flag", args=[flag.public_id]))
        if form.is_valid():
            flag = form.save(commit=False)
            flag.reviewed_by = request.user
            flag.reviewed_at = timezone.now()
            flag.save(update_fields=["review_notes", "reviewed_by", "reviewed_at"])
            audit.record(
                request.user,
                AuditEntry.Action.CHANGE,
                child=flag.complaint.child if flag.complaint else None,
                obj=flag,
                summary="Staff marked a safeguarding flag reviewed",
                changes={"review_notes": flag.review_notes},
                request=request,
            )
            messages.success(request, "The flag is marked reviewed, with your name and the time.")
            return redirect(reverse("portal_staff:safeguarding"))
    else:
        audit.record(
            request.user,
            AuditEntry.Action.VIEW,
            child=flag.complaint.child if flag.complaint else None,
            obj=flag,
            summary=f"Staff viewed a safeguarding flag from the {flag.get_source_display().lower()}",
            request=request,
        )
    conversation = (
        Conversation.objects.filter(public_id=flag.conversation_public_id).first()
        if flag.conversation_public_id
        else None
    )
    return TemplateResponse(
        request,
        "portal/staff/safeguarding_detail.html",
        {
            "flag": flag,
            "labels": _labels(flag),
            "conversation": conversation,
            "transcript": list(conversation.messages.all()) if conversation else [],
            "form": form,
            "may_review": may_review,
            "title": "Safeguarding flag",
            "subtitle": flag.get_source_display(),
            "icon": "warning",
        },
        status=400 if request.method == "POST" else 200,
    )

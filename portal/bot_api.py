"""The internal API the Rasa action server calls (``/internal/bot/...``).

Only the action server may call it (service token), and it acts for a family member only through
the short-lived user token the web app signed for that chat message; see ``portal.bot_auth``. Every
answer is JSON, including errors: never an HTML error page, never a 500 for bad input."""

from django.http import JsonResponse

from . import access, audit, cases, complaints, timeline
from .bot_auth import NOT_A_JSON_OBJECT, allow, json_object, require_service_token
from .models import Complaint

# The bot contract speaks of three states for a pending step; a family's open window is "on_time".
CONTRACT_STATUS = {timeline.OVERDUE: "overdue", timeline.DUE_SOON: "due_soon"}


def _step(step):
    return {
        "label": step.label,
        "due": step.due.isoformat(),
        "status": CONTRACT_STATUS.get(step.status, "on_time"),
        "days_overdue": step.days if step.status == timeline.OVERDUE else 0,
    }


def child_payload(summary):
    child, plan, tl = summary.child, summary.plan, summary.timeline
    caseworker = summary.caseworker
    next_step = tl.next_step if tl else None
    return {
        "id": str(child.public_id),
        "first_name": child.first_name,
        "stage": plan.stage if plan else "none",
        "stage_label": summary.stage_label,
        "summary": summary.summary,
        "next_step": _step(next_step) if next_step else None,
        "overdue": [
            {"label": s.label, "due": s.due.isoformat(), "days_overdue": s.days}
            for s in (tl.overdue if tl else [])
        ],
        "next_annual_review": tl.next_annual_review.isoformat() if tl and tl.next_annual_review else None,
        "caseworker": (
            {
                "name": caseworker.get_full_name() or caseworker.email,
                "email": caseworker.email,
                "phone": caseworker.phone,
            }
            if caseworker
            else None
        ),
        "url": summary.url,
    }


@allow("GET")
@require_service_token
def plans(request):
    if request.bot_user is None:
        return JsonResponse({"error": "sign_in_required"}, status=401)
    children = list(access.children_with_cases_for(request.bot_user))
    audit.record_views(request.bot_user, children, "Plan status read by the chat assistant", channel="bot")
    return JsonResponse({"children": [child_payload(s) for s in cases.summaries_for(children)]})


def complaint_json(complaint):
    return {
        "reference": complaint.reference,
        "stage1_due": complaint.stage1_due.isoformat(),
        "status_url": complaints.status_path(complaint),
    }


@allow("GET", "POST")
@require_service_token
def complaints_endpoint(request):
    # The action server makes every key from the conversation id, so signed-out chats share one scope.
    scope = complaints.scope_for(request.bot_user, conversation="assistant")
    if request.method == "GET":
        # Did a complaint whose reply was lost reach us? (Asked before telling a family that
        # cancels that nothing was sent.)
        found = complaints.find_complaint(scope, request.GET.get("idempotency_key"))
        if found is None:
            return JsonResponse({"error": "not_found"}, status=404)
        return JsonResponse(complaint_json(found))
    if (data := json_object(request)) is None:
        return JsonResponse(NOT_A_JSON_OBJECT, status=400)
    cleaned, errors = complaints.clean_submission(data, user=request.bot_user)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    try:
        result = complaints.create_complaint(
            cleaned, user=request.bot_user, channel=Complaint.Channel.CHATBOT, scope=scope
        )
    except complaints.AlreadySent as sent:
        # Sent before (its reply was lost), then changed: say so rather than drop the changes.
        return JsonResponse(
            {"error": "already_sent", **complaint_json(sent.complaint)},
            status=409,
        )  # fmt: skip
    return JsonResponse(complaint_json(result.complaint), status=201 if result.created else 200)

"""Complaints for staff: the list (overdue ones first and flagged), and one complaint with its
assign, extend and close actions. Extending and closing use ``portal.complaints`` so the rules are
the same everywhere; changes reach the audit log through ``portal.signals``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal import audit, complaints
from portal.models import AuditEntry, Complaint

from . import permissions as perms
from .forms import ComplaintAssignForm, ComplaintCloseForm, ComplaintExtendForm, ComplaintFilterForm

PER_PAGE = 50


def overdue_days(complaint, today):
    if complaint.status != Complaint.Status.OPEN or complaint.due_date >= today:
        return 0
    return (today - complaint.due_date).days


@perms.staff_view(perms.VIEW_COMPLAINTS)
def complaint_list(request):
    today = timezone.localdate()
    form = ComplaintFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = Complaint.objects.select_related("assigned_to", "child").annotate(
        due=Coalesce("extended_due", "stage1_due")
    )
    status = data.get("status") or "open"
    if status != "all":
        items = items.filter(status=status)
    if data.get("overdue"):
        items = items.filter(status=Complaint.Status.OPEN, due__lt=today)
    if data.get("assigned") == "me":
        items = items.filter(assigned_to=request.user)
    elif data.get("assigned") == "none":
        items = items.filter(assigned_to__isnull=True)
    if data.get("category"):
        items = items.filter(category=data["category"])
    text = (data.get("q") or "").strip()
    if text:
        items = items.filter(
            Q(reference__icontains=text) | Q(contact_name__icontains=text) | Q(contact_email__icontains=text)
        )
    # Open ones first, soonest (or longest overdue) due date first; closed ones newest first.
    items = items.annotate(
        closed=Case(
            When(status=Complaint.Status.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by("closed", "due", "-received_at")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("p"))
    rows = [(c, overdue_days(c, today)) for c in page.object_list]
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "portal/staff/complaint_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": today,
            "query_string": query.urlencode(),
            "title": "Complaints",
            "icon": "warning",
        },
    )


def _complaint(public_id):
    return get_object_or_404(
        Complaint.objects.select_related("assigned_to", "child", "submitted_by"), public_id=public_id
    )


def _detail(request, complaint, assign_form=None, extend_form=None, close_form=None, status=200):
    today = timezone.localdate()
    plan = complaint.child.plans.order_by("-request_date").first() if complaint.child else None
    return TemplateResponse(
        request,
        "portal/staff/complaint_detail.html",
        {
            "complaint": complaint,
            "case": plan,
            "title": f"Complaint {complaint.reference}",
            "icon": "warning",
            "overdue_days": overdue_days(complaint, today),
            "may_change": perms.may(request.user, perms.CHANGE_COMPLAINTS),
            "assign_form": assign_form
            or ComplaintAssignForm(initial={"assigned_to": complaint.assigned_to_id}),
            "extend_form": extend_form or ComplaintExtendForm(),
            "close_form": close_form or ComplaintCloseForm(),
        },
        status=status,
    )


@perms.staff_view(perms.VIEW_COMPLAINTS)
def complaint_detail(request, public_id):
    complaint = _complaint(public_id)
    if complaint.child is not None:
        audit.record(
            request.user,
            AuditEntry.Action.VIEW,
            child=complaint.child,
            obj=complaint,
            summary=f"Staff viewed complaint {complaint.reference}",
            request=request,
        )
    return _detail(request, complaint)


def _back(complaint):
    return redirect(reverse("portal_staff:complaint", args=[complaint.public_id]))


@require_POST
@perms.staff_view(perms.CHANGE_COMPLAINTS)
def complaint_assign(request, public_id):
    complaint = _complaint(public_id)
    form = ComplaintAssignForm(request.POST)
    if not form.is_valid():
        return _detail(request, complaint, assign_form=form, status=400)
    complaint.assigned_to = form.cleaned_data["assigned_to"]
    complaint.save(update_fields=["assigned_to", "updated_at"])
    who = (
        complaint.assigned_to.get_full_name() or complaint.assigned_to.email
        if complaint.assigned_to
        else "nobody"
    )
    messages.success(request, f"{complaint.reference} is assigned to {who}.")
    return _back(complaint)


@require_POST
@perms.staff_view(perms.CHANGE_COMPLAINTS)
def complaint_extend(request, public_id):
    complaint = _complaint(public_id)
    form = ComplaintExtendForm(request.POST)
    if complaint.status != Complaint.Status.OPEN:
        form.add_error(None, "This complaint is closed: it cannot be extended")
    elif complaint.extended_due:
        form.add_error(None, "This complaint has already been extended once: stage 1 allows one extension")
    if not form.is_valid():
        return _detail(request, complaint, extend_form=form, status=400)
    try:
        complaints.extend(complaint, form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        form.add_error("reason", error)
        return _detail(request, complaint, extend_form=form, status=400)
    messages.success(
        request, f"{complaint.reference} is extended: the answer is now due {complaint.due_date:%-d %B %Y}."
    )
    return _back(complaint)


@require_POST
@perms.staff_view(perms.CHANGE_COMPLAINTS)
def complaint_close(request, public_id):
    complaint = _complaint(public_id)
    form = ComplaintCloseForm(request.POST)
    if complaint.status != Complaint.Status.OPEN:
        form.add_error(None, "This complaint is already closed")
    if not form.is_valid():
        return _detail(request, complaint, close_form=form, status=400)
    complaints.close(complaint, form.cleaned_data["outcome"], by=request.user)
    messages.success(request, f"{complaint.reference} is closed.")
    return _back(complaint)

"""The case list and the case page, with the edits that belong to the case as a whole: the child's
details, the plan's events, parent links, link codes and document downloads.

Each view of a case is written to the audit log; changes are recorded by ``portal.signals`` with the
signed-in caseworker as the actor."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal import audit, cases, subject_access
from portal.models import (
    AuditEntry,
    Child,
    Complaint,
    Document,
    EarlyReviewRequest,
    EHCPlan,
    LinkCode,
    Outcome,
    ParentLink,
)
from portal.notifications import site_url

from . import permissions as perms
from .case_queries import case_page
from .forms import CaseFilterForm, ChildForm, IssueCodeForm, NewCaseForm, PlanForm

HISTORY_PER_PAGE = 50


def case_url(plan, anchor=""):
    return reverse("portal_staff:case", args=[plan.public_id]) + (f"#{anchor}" if anchor else "")


def get_plan(public_id, queryset=None):
    return get_object_or_404(
        queryset if queryset is not None else EHCPlan.objects.select_related("child"), public_id=public_id
    )


@perms.staff_view(perms.VIEW_CASES)
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    today = timezone.localdate()
    page, rows = case_page(form, request.GET.get("p"), today)
    audit.record_views(request.user, [row.plan.child for row in rows], "Staff listed cases", request=request)
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "portal/staff/case_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": today,
            "title": "Cases",
            "query_string": query.urlencode(),
            "filtering": any(v for k, v in request.GET.items() if k not in ("p", "order")),
            "may_add": perms.may(request.user, perms.ADD_CASES),
        },
    )


def _case_queryset():
    return EHCPlan.objects.select_related("child", "child__setting", "caseworker").prefetch_related(
        "advice",
        "exceptions",
        "reviews",
        Prefetch("outcomes", queryset=Outcome.objects.prefetch_related("progress")),
        Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
        Prefetch("early_review_requests", queryset=EarlyReviewRequest.objects.select_related("requested_by")),
    )


@perms.staff_view(perms.VIEW_CASES)
def case_detail(request, public_id):
    plan = get_plan(public_id, _case_queryset())
    child = plan.child
    today = timezone.localdate()
    audit.record_views(request.user, [child], f"Staff viewed case {plan.reference}", request=request)
    return TemplateResponse(
        request,
        "portal/staff/case_detail.html",
        {
            "plan": plan,
            "child": child,
            "timeline": cases.plan_timeline(plan, today),
            "today": today,
            "other_plans": child.plans.exclude(pk=plan.pk).order_by("-request_date"),
            "links": ParentLink.objects.filter(child=child).select_related("user", "created_by"),
            "codes": LinkCode.objects.filter(child=child).select_related("created_by", "used_by")[:20],
            "complaints": Complaint.objects.filter(child=child).select_related("assigned_to"),
            "history": AuditEntry.objects.filter(child=child).order_by("-at", "-id")[:10],
            "may_change": perms.may(request.user, perms.CHANGE_CASES),
            "may_export": perms.may(request.user, perms.EXPORT_FAMILY_DATA),
            "issue_code_form": IssueCodeForm(),
            "age": child.age_on(today),
            "title": f"{plan.reference}: {child}",
        },
    )


@perms.staff_view(perms.ADD_CASES)
def case_new(request):
    """A new case for a new child, or (``?child=<public id>``) another case for a child on record."""
    child = None
    child_id = request.GET.get("child") or request.POST.get("child")
    if child_id:
        try:
            child = Child.objects.get(public_id=child_id)
        except (Child.DoesNotExist, ValueError) as error:
            raise Http404("No such child") from error
    form = NewCaseForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        messages.success(request, f"Case {plan.reference} added for {plan.child}.")
        return redirect(case_url(plan))
    return TemplateResponse(
        request,
        "portal/staff/case_form.html",
        {"form": form, "child": child, "title": "Add a case", "submit": "Add case"},
    )


def _edit(request, plan, form, title, anchor):
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{title}: saved.")
        return redirect(case_url(plan, anchor))
    # The form shows the record: opening it is a view of the child's data.
    audit.record_views(request.user, [plan.child], f"Staff opened '{title}' for editing", request=request)
    return TemplateResponse(
        request,
        "portal/staff/case_form.html",
        {"form": form, "plan": plan, "child": plan.child, "title": title, "submit": "Save"},
    )


@perms.staff_view(perms.CHANGE_CASES)
def child_edit(request, public_id):
    plan = get_plan(public_id)
    form = ChildForm(request.POST or None, instance=plan.child)
    return _edit(request, plan, form, f"Details of {plan.child}", "child")


@perms.staff_view(perms.CHANGE_CASES)
def plan_edit(request, public_id):
    plan = get_plan(public_id)
    form = PlanForm(request.POST or None, instance=plan)
    return _edit(request, plan, form, f"Case {plan.reference}", "events")


@perms.staff_view(perms.VIEW_CASES)
def case_history(request, public_id):
    plan = get_plan(public_id)
    entries = AuditEntry.objects.filter(child=plan.child).select_related("actor").order_by("-at", "-id")
    page = Paginator(entries, HISTORY_PER_PAGE).get_page(request.GET.get("p"))
    audit.record_views(
        request.user, [plan.child], f"Staff viewed the history of case {plan.reference}", request=request
    )
    return TemplateResponse(
        request,
        "portal/staff/case_history.html",
        {"plan": plan, "child": plan.child, "page": page, "title": f"History of {plan.child}'s record"},
    )


@perms.staff_view(perms.EXPORT_FAMILY_DATA)
def family_export(request, public_id):
    """A subject access request in one step: everything held about the child and the accounts
    linked to it, as one JSON file (portal.subject_access)."""
    plan = get_plan(public_id)
    data = subject_access.export_for(plan.child)
    audit.record(
        request.user,
        AuditEntry.Action.DOWNLOAD,
        child=plan.child,
        summary="Exported everything held about the family (subject access request)",
        request=request,
    )
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="family-data-{plan.child.public_id}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@perms.staff_view(perms.VIEW_CASES)
def document_download(request, public_id, document_id):
    plan = get_plan(public_id)
    document = get_object_or_404(Document, id=document_id, plan=plan)
    audit.record(
        request.user,
        AuditEntry.Action.DOWNLOAD,
        child=plan.child,
        obj=document,
        summary=f"Staff downloaded '{document.title}'",
        request=request,
    )
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.download_filename)
    response["Cache-Control"] = "private, no-store"
    return response


@perms.staff_view(perms.CHANGE_CASES)
def link_remove(request, public_id, link_id):
    plan = get_plan(public_id)
    link = get_object_or_404(ParentLink.objects.select_related("user"), pk=link_id, child=plan.child)
    if request.method == "POST":
        link.delete()  # portal.signals records the unlink
        messages.success(request, f"{link.user.email} can no longer see {plan.child.first_name}'s record.")
        return redirect(case_url(plan, "links"))
    return TemplateResponse(
        request,
        "portal/staff/confirm.html",
        {
            "plan": plan,
            "child": plan.child,
            "title": f"Remove {link.user.email}'s link to {plan.child}?",
            "body": (
                f"{link.user.email} will no longer see {plan.child.first_name}'s record, documents or "
                "reviews. They can be linked again with a new link code."
            ),
            "submit": "Remove link",
        },
    )


@require_POST
@perms.staff_view(perms.CHANGE_CASES)
def code_issue(request, public_id):
    """Issue a link code. The code is shown on this response only: just its hash is stored."""
    plan = get_plan(public_id)
    form = IssueCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose who the link code is for.")
        return redirect(case_url(plan, "links"))
    link_code, code = LinkCode.issue(
        plan.child, created_by=request.user, relationship=form.cleaned_data["relationship"]
    )
    response = TemplateResponse(
        request,
        "portal/staff/link_code_issued.html",
        {
            "plan": plan,
            "child": plan.child,
            "link_code": link_code,
            "code": code,
            "link_url": site_url(reverse("portal:link_child")),
        },
    )
    response["Cache-Control"] = "no-store"
    return response

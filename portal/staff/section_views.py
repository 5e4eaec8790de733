"""Adding, changing and deleting the parts of a case: advice requests, clock exceptions, annual
reviews, outcomes, progress against outcomes and documents. One pair of views serves them all; each
part is described by a ``Section``."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from portal.models import AdviceRequest, AnnualReview, ClockException, Document, Outcome, OutcomeProgress

from . import permissions as perms
from .case_views import case_url, get_plan
from .forms import (
    AdviceForm,
    AnnualReviewForm,
    ClockExceptionForm,
    DocumentForm,
    OutcomeForm,
    OutcomeProgressForm,
)


@dataclass(frozen=True)
class Section:
    slug: str
    model: type
    form_class: type
    noun: str
    anchor: str
    lookup: str = "pk"
    form_takes_plan: bool = False

    def queryset(self, plan):
        return self.model.objects.filter(plan=plan)

    def new_instance(self, plan, request):
        return self.model(plan=plan)

    def form(self, request, plan, instance):
        kwargs = {"instance": instance}
        if self.form_takes_plan:
            kwargs["plan"] = plan
        if request.method == "POST":
            return self.form_class(request.POST, request.FILES, **kwargs)
        return self.form_class(initial=self.initial(request), **kwargs)

    def initial(self, request):
        return {}

    def before_delete(self, instance):
        pass


class ProgressSection(Section):
    def queryset(self, plan):
        return OutcomeProgress.objects.filter(outcome__plan=plan)

    def new_instance(self, plan, request):
        return OutcomeProgress(recorded_by=request.user)

    def initial(self, request):
        return {"outcome": request.GET.get("outcome")} if request.GET.get("outcome") else {}


class DocumentSection(Section):
    def new_instance(self, plan, request):
        return Document(plan=plan, uploaded_by=request.user)

    def before_delete(self, document):
        document.file.delete(save=False)


SECTIONS = {
    s.slug: s
    for s in (
        Section("advice", AdviceRequest, AdviceForm, "advice request", "advice"),
        Section("exceptions", ClockException, ClockExceptionForm, "clock exception", "exceptions"),
        Section(
            "reviews",
            AnnualReview,
            AnnualReviewForm,
            "annual review",
            "reviews",
            "public_id",
            form_takes_plan=True,
        ),
        Section("outcomes", Outcome, OutcomeForm, "outcome", "outcomes", "public_id"),
        ProgressSection(
            "progress",
            OutcomeProgress,
            OutcomeProgressForm,
            "progress record",
            "outcomes",
            form_takes_plan=True,
        ),
        DocumentSection("documents", Document, DocumentForm, "document", "documents"),
    )
}


def _section(slug):
    try:
        return SECTIONS[slug]
    except KeyError as error:
        raise Http404("No such part of a case") from error


def _instance(section, plan, object_id):
    try:
        return get_object_or_404(section.queryset(plan), **{section.lookup: object_id})
    except (ValueError, TypeError) as error:  # not a number / not a UUID
        raise Http404("No such record") from error


@perms.staff_view(perms.CHANGE_CASES)
def section_form(request, public_id, section, object_id=None):
    section = _section(section)
    plan = get_plan(public_id)
    instance = _instance(section, plan, object_id) if object_id else section.new_instance(plan, request)
    adding = object_id is None
    form = section.form(request, plan, instance)
    if request.method == "POST" and form.is_valid():
        form.save()  # portal.signals records the change and tells the family where it should
        messages.success(request, f"The {section.noun} was {'added' if adding else 'saved'}.")
        return redirect(case_url(plan, section.anchor))
    return TemplateResponse(
        request,
        "portal/staff/section_form.html",
        {
            "plan": plan,
            "child": plan.child,
            "form": form,
            "section": section,
            "instance": instance,
            "adding": adding,
            "title": f"{'Add' if adding else 'Change'} {section.noun}",
        },
    )


@perms.staff_view(perms.CHANGE_CASES)
def section_delete(request, public_id, section, object_id):
    section = _section(section)
    plan = get_plan(public_id)
    instance = _instance(section, plan, object_id)
    if request.method == "POST":
        section.before_delete(instance)
        instance.delete()
        messages.success(request, f"The {section.noun} was deleted.")
        return redirect(case_url(plan, section.anchor))
    return TemplateResponse(
        request,
        "portal/staff/confirm.html",
        {
            "plan": plan,
            "child": plan.child,
            "title": f"Delete this {section.noun}?",
            "body": f"{instance}. This cannot be undone; the audit log keeps a record that it was deleted.",
            "submit": f"Delete {section.noun}",
            "danger": True,
        },
    )

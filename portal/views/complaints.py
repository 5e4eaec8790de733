"""The complaint form (signed in or not, no JavaScript needed) and a family's own complaints."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from portal import access, audit, complaints
from portal.forms import ComplaintForm
from portal.models import Complaint
from portal.safeguarding import contacts, screening

# Complaints made in this browser session, so a signed-out person can see their confirmation page.
SESSION_KEY = "portal_complaints"


@never_cache
def complaint_new(request):
    user = request.user
    children = list(access.children_for(user)) if user.is_authenticated else []
    initial = {}
    wanted = request.GET.get("child", "")
    if wanted and any(str(c.public_id) == wanted for c in children):
        initial["child_id"] = wanted
    form = ComplaintForm(request.POST or None, user=user, children=children, initial=initial)
    if request.method != "POST" and children:
        # The form lists the family's children by name.
        audit.record_views(user, children, "Opened the complaint form", request=request)
    if request.method == "POST" and form.is_valid():
        if not request.session.session_key:
            request.session.save()  # a signed-out person's keys belong to their browser session
        scope = complaints.scope_for(user, session_key=request.session.session_key)
        try:
            result = complaints.create_complaint(
                form.submission, user=user, channel=Complaint.Channel.WEB, scope=scope
            )
        except complaints.AlreadySent as sent:
            form.add_error(
                None,
                f"You already sent this complaint (reference {sent.complaint.reference}), and your "
                "changes have not been added to it. To add something, reply to the email we sent you, "
                "or start a new complaint.",
            )
            return render(request, "portal/complaint_form.html", {"form": form})
        seen = request.session.get(SESSION_KEY, [])
        if str(result.complaint.public_id) not in seen:
            request.session[SESSION_KEY] = [*seen, str(result.complaint.public_id)][-20:]
        return redirect("portal:complaint_confirmation", public_id=result.complaint.public_id)
    return render(request, "portal/complaint_form.html", {"form": form})


@never_cache
def complaint_confirmation(request, public_id):
    complaint = get_object_or_404(Complaint, public_id=public_id)
    mine = request.user.is_authenticated and complaint.submitted_by_id == request.user.pk
    if not mine and str(public_id) not in request.session.get(SESSION_KEY, []):
        raise Http404("No such complaint")
    concern = screening.screen(f"{complaint.what_happened}\n\n{complaint.desired_outcome}")
    safety = contacts.reply_for(concern) if concern is not None else None
    return render(request, "portal/complaint_confirmation.html", {"complaint": complaint, "safety": safety})


@never_cache
@login_required
def complaint_list(request):
    items = list(access.complaints_for(request.user).select_related("child"))
    return render(request, "portal/complaint_list.html", {"complaints": items})


@never_cache
@login_required
def complaint_detail(request, public_id):
    complaint = access.get_complaint_for(request.user, public_id)
    if complaint.child is not None:
        audit.record_views(
            request.user, [complaint.child], f"Viewed complaint {complaint.reference}", request=request
        )
    return render(request, "portal/complaint_detail.html", {"complaint": complaint})

"""/portal/: one card per child the signed-in user is linked to."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from portal import access, audit, case_pages, cases
from portal.models import ParentLink


def my_links(user):
    """The user's own link to each child (to say "your plan" to a young person)."""
    return Prefetch("parent_links", queryset=ParentLink.objects.filter(user=user), to_attr="my_links")


@never_cache
@login_required
def portal_home(request):
    response, seen = case_pages.cached_page(request, "home", [], lambda: render_home_page(request))
    audit.record_views(
        request.user,
        [case.child for case in seen.cases.values()],
        "Viewed the summary card on the portal home page",
        request=request,
    )
    return response


def render_home_page(request):
    children = list(access.children_with_cases_for(request.user).prefetch_related(my_links(request.user)))
    summaries = cases.summaries_for(children)
    complaints = list(access.complaints_for(request.user).filter(status="open").select_related("child"))
    return render(
        request,
        "portal/home.html",
        {"summaries": summaries, "open_complaints": complaints, "today": cases.today()},
    )

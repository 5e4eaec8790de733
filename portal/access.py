"""The one place that decides which children's records a user may see.

Every parent view, the document download and the chatbot API ask here; nothing else filters child
data by user. Anything outside a user's scope is a 404, never a 403, so that a guessed id does not
even confirm that a record exists."""

import functools

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Prefetch
from django.http import Http404

from .models import Child, Complaint, Document, EHCPlan


def _may_see_children(user):
    return user is not None and user.is_authenticated and user.is_active


def children_for(user):
    """The children ``user`` is linked to (as parent, carer or the young person themselves)."""
    if not _may_see_children(user):
        return Child.objects.none()
    return Child.objects.filter(parent_links__user=user).distinct()


def children_for_sql(user):
    """``children_for(user)``'s ids as (SQL, params) to embed in a raw query, or None when the user
    may see no child. The query is compiled once per process: only the user's id changes."""
    if not _may_see_children(user):
        return None
    return _children_sql(), [user.pk]


@functools.cache
def _children_sql():
    sample = get_user_model()(pk=-1, is_active=True)
    sql, params = children_for(sample).order_by().values("pk").query.sql_with_params()
    if list(params) != [-1]:  # the user's id must be the query's one parameter
        raise ImproperlyConfigured(f"children_for compiled with unexpected parameters {params!r}")
    return sql


def plans_prefetch():
    """Plans with everything the timeline engine reads, newest request first."""
    return Prefetch(
        "plans",
        queryset=EHCPlan.objects.select_related("caseworker").prefetch_related(
            "advice", "exceptions", "reviews"
        ),
    )


def children_with_cases_for(user):
    """``children_for`` with what a summary card needs, in a fixed number of queries."""
    return children_for(user).select_related("setting").prefetch_related(plans_prefetch())


def get_child_for(user, public_id, queryset=None):
    """The child with ``public_id`` if ``user`` may see it; Http404 otherwise."""
    queryset = queryset if queryset is not None else children_for(user)
    try:
        return queryset.get(public_id=public_id)
    except (Child.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404("No such child") from error


def documents_for(user):
    return Document.objects.filter(plan__child__in=children_for(user))


def get_document_for(user, document_id):
    try:
        return documents_for(user).select_related("plan__child").get(id=document_id)
    except (Document.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404("No such document") from error


def complaints_for(user):
    """Complaints ``user`` submitted themselves (signed in)."""
    if user is None or not user.is_authenticated:
        return Complaint.objects.none()
    return Complaint.objects.filter(submitted_by=user)


def get_complaint_for(user, public_id):
    try:
        return complaints_for(user).select_related("child").get(public_id=public_id)
    except (Complaint.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404("No such complaint") from error


def may_see_child(user, child):
    return child is not None and children_for(user).filter(pk=child.pk).exists()

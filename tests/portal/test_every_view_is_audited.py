"""Every view of a child's data is audited (issue 10), found by walking the URL resolver rather than
by listing the pages we remember.

One family is made with words found nowhere else (the child's name, the plan reference, a callback
and a chat). Every URL pattern in the project, the Wagtail admin's included, is filled in with the
ids of those records and fetched as the family's parent and as a superuser who has used their second
factor. Any page that answers 200 and shows one of those words must have written an audit entry
during that request. The exemptions below are the reviewed list; anything else that shows a
family's data without an entry fails the test, including pages added later."""

import re

import pytest
from django.urls import get_resolver
from django.urls.resolvers import URLResolver

from chatbot.models import CallbackRequest, Conversation, Message
from portal.models import AuditEntry
from tests.factories.portal import (
    ComplaintFactory,
    DocumentFactory,
    EarlyReviewRequestFactory,
    FinalPlanFactory,
    UserFactory,
    family,
    sign_in_with_mfa,
)

pytestmark = pytest.mark.django_db

MARKERS = ("Quillfeather", "EHC-987654", "qx-chat-words-qx", "Quentin Callback")

# Reviewed: pages that may show those words without an entry of their own, and why.
EXEMPT = {
    # The audit log is the record of access; reading it is not a view of a child's record, and
    # auditing it would add an entry for every entry read.
    "admin/portal_audit/",
    "admin/portal_audit/inspect/<str:pk>/",
    "admin/portal_audit/results/",
    # The health check shows no family data, and its database check (on another thread) closes the
    # test's PostgreSQL connection.
    "healthz",
}
# Reviewed: Wagtail's own routes that answer a made-up id with a server error (staff only, never
# reached with a real one), and its deliberate error page.
WAGTAIL_ERRORS = {
    "admin/failwhale/",
    "admin/documents/chooser/chosen/<str:pk>/",
    "admin/images/chooser/chosen/<str:pk>/",
}
# Parameters that name a record of the family, and the candidate values for each.
KNOWN = ("public_id", "pk", "id", "object_id", "document_id", "link_id", "doc_id")


def routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def fill(route, values):
    """Every URL ``route`` can make from ``values`` (a name -> candidates map), or none when the route
    needs something else (a regular expression, an app label...)."""
    if "^" in route or "(?P" in route or "$" in route:
        return []
    urls = ["/" + route]
    for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        if name not in values:
            return []
        placeholder = f"<{converter}:{name}>" if converter else f"<{name}>"
        urls = [url.replace(placeholder, str(value), 1) for url in urls for value in values[name]]
    return urls


@pytest.fixture
def one_family(settings):
    settings.PAGE_CACHE_SECONDS = 0
    plan = FinalPlanFactory(
        reference="EHC-987654", child__first_name="Zinnia", child__last_name="Quillfeather"
    )
    parent, child = family(child=plan.child)
    document = DocumentFactory(plan=plan, title="Quillfeather report")
    complaint = ComplaintFactory(
        submitted_by=parent, child=child, what_happened="Quillfeather's plan is late"
    )
    early = EarlyReviewRequestFactory(plan=plan, requested_by=parent)
    conversation = Conversation.objects.create(user=parent)
    Message.objects.create(conversation=conversation, sender="user", text="qx-chat-words-qx")
    callback = CallbackRequest.objects.create(
        idempotency_key="audit-walk",
        user=parent,
        conversation=conversation,
        conversation_public_id=conversation.public_id,
        contact_name="Quentin Callback",
        contact_email="quentin@example.org",
        reason="Call me about Quillfeather",
    )
    link = child.parent_links.first()
    ids = {
        "public_id": [child.public_id, complaint.public_id, early.public_id, conversation.public_id],
        "document_id": [document.pk],
        "link_id": [link.pk],
        "doc_id": [document.pk],
    }
    records = (child, plan, document, complaint, early, conversation, callback, link, parent)
    record_pks = sorted({str(record.pk) for record in records})
    ids["pk"] = ids["id"] = ids["object_id"] = record_pks
    return parent, ids


def audited_count():
    return AuditEntry.objects.filter(action__in=[AuditEntry.Action.VIEW, AuditEntry.Action.DOWNLOAD]).count()


def shows_the_family(response):
    if response.status_code != 200 or response.streaming:
        return False
    body = response.content.decode(errors="replace")
    return any(marker in body for marker in MARKERS)


def test_every_page_that_shows_a_familys_data_writes_an_audit_entry(client, one_family):
    parent, ids = one_family
    staff = UserFactory(is_staff=True, is_superuser=True)
    as_staff, as_parent = client, type(client)()
    sign_in_with_mfa(as_staff, staff)
    as_parent.force_login(parent)
    for browser in (as_staff, as_parent):
        browser.raise_request_exception = False
    errors = []

    checked, showing, missing = 0, [], []
    for route in sorted(set(routes(get_resolver().url_patterns))):
        if route in EXEMPT:
            continue
        for url in fill(route, ids):
            for who, browser in (("staff", as_staff), ("parent", as_parent)):
                before = audited_count()
                response = browser.get(url)
                checked += 1
                if response.status_code >= 500 and route not in WAGTAIL_ERRORS:
                    errors.append(f"{who} {url} ({route})")
                if shows_the_family(response):
                    showing.append(f"{who} {url}")
                    if audited_count() == before:
                        missing.append(f"{who} {url} ({route})")
    print(
        f"\nAudit walk: {checked} requests, {len(showing)} showed the family's data, {len(missing)} unaudited"
    )
    print("\n".join(["Server errors:", *errors]))
    assert len(showing) >= 10, showing  # the walk reached the family's pages at all
    assert missing == [], "\n".join(missing)
    assert errors == [], "\n".join(errors)

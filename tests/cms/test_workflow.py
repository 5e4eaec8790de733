"""The editorial workflow: Editors draft and submit, Moderators approve and publish."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow, WorkflowContentType, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from cms.models import FAQAnswer, GuidePage
from tests.factories.portal import sign_in_with_mfa

pytestmark = pytest.mark.django_db


def edit_form_data(client, page, **changes):
    """The page's admin edit form as the browser would send it, with ``changes`` applied."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField editor is drawn by JavaScript, so its fields are not in the HTML: send the body.
    body = streamfield([("paragraph", rich_text("<p>Plain English guidance for families.</p>"))])
    changes = {**nested_form_data({"body": body}), **changes}
    for field, value in changes.items():
        data[field] = value
    return data


def test_the_migration_sets_up_groups_and_the_workflow():
    workflow = Workflow.objects.get(name="Moderators approval")
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Moderators"]
    root = Page.get_first_root_node()
    assert root.get_workflow() == workflow
    assert WorkflowContentType.objects.get(content_type__model="faqanswer").workflow == workflow


def test_the_home_page_and_its_pages_need_moderators_approval(home, guide):
    assert home.get_workflow().name == "Moderators approval"
    assert guide.get_workflow().name == "Moderators approval"


def test_editors_can_edit_but_not_publish_moderators_can(editor, moderator, guide):
    editor_perms = guide.permissions_for_user(editor)
    moderator_perms = guide.permissions_for_user(moderator)
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert moderator_perms.can_edit() and moderator_perms.can_publish()
    assert editor.has_perm("cms.change_faqanswer") and not editor.has_perm("cms.publish_faqanswer")
    assert moderator.has_perm("cms.publish_faqanswer")
    assert editor.has_perm("wagtaildocs.add_document")


def test_editor_submits_page_stays_unpublished_until_a_moderator_approves(client, editor, moderator, guide):
    sign_in_with_mfa(client, editor)
    data = edit_form_data(client, guide, title="Annual reviews (updated)")
    data["action-submit"] = "Submit for moderation"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)

    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live and guide.title == "Annual reviews"  # the live page is unchanged
    assert guide.has_unpublished_changes
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(guide.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Annual reviews (updated)" not in Client().get("/guidance/annual-reviews/").content.decode()

    sign_in_with_mfa(client, moderator)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk]),
        {"comment": "Checked against the regulations."},
    )

    assert response.status_code in (200, 302)
    guide.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert guide.title == "Annual reviews (updated)" and not guide.has_unpublished_changes
    assert "Annual reviews (updated)" in Client().get("/guidance/annual-reviews/").content.decode()


def test_an_editor_cannot_publish_directly(client, editor, guide):
    sign_in_with_mfa(client, editor)
    data = edit_form_data(client, guide, title="Published by an editor?")
    data["action-publish"] = "Publish"

    client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)

    guide.refresh_from_db()
    assert guide.title == "Annual reviews"
    # At most it is kept as a draft, for a moderator to publish.
    assert guide.has_unpublished_changes
    assert guide.get_latest_revision().content["title"] == "Published by an editor?"
    assert "Published by an editor?" not in Client().get(guide.url).content.decode()


def test_a_moderator_rejection_leaves_the_live_page_alone(client, editor, moderator, guide):
    sign_in_with_mfa(client, editor)
    data = edit_form_data(client, guide, title="Wrong deadline")
    data["action-submit"] = "Submit for moderation"
    client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    state = WorkflowState.objects.get(object_id=str(guide.pk))

    sign_in_with_mfa(client, moderator)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "reject", state.current_task_state.pk]),
        {"comment": "The appeal time limit is 2 months."},
    )

    state.refresh_from_db()
    guide.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert guide.title == "Annual reviews"


def test_revisions_are_kept(client, moderator, guide):
    before = guide.revisions.count()
    sign_in_with_mfa(client, moderator)
    for title in ("First edit", "Second edit"):
        data = edit_form_data(client, guide, title=title)
        data["action-publish"] = "Publish"
        client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    guide.refresh_from_db()
    assert guide.title == "Second edit"
    assert guide.revisions.count() == before + 2
    assert [r.content["title"] for r in guide.revisions.order_by("-created_at", "-pk")[:2]] == [
        "Second edit",
        "First edit",
    ]


def test_scheduled_publishing(guidance, moderator):
    page = GuidePage(title="Transport from September", slug="transport-september", summary="Transport.")
    page.live = False
    guidance.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision(user=moderator)
    revision.publish(user=moderator)

    page.refresh_from_db()
    assert not page.live  # approved, waiting for its time
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet

    # An hour and a minute later (moved back in time rather than waiting):
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_faq_answer_edits_go_through_the_same_workflow(editor, moderator, guide):
    faq = FAQAnswer.objects.create(key="annual_review", question="Q?", answer="Live answer.", guide=guide)
    faq.answer = "Draft answer."
    revision = faq.save_revision(user=editor)
    workflow = faq.get_workflow()
    assert workflow.name == "Moderators approval"
    workflow.start(faq, editor)

    faq.refresh_from_db()
    assert faq.answer == "Live answer."  # not live until approved
    state = faq.current_workflow_state
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(faq, editor) == []  # an editor cannot approve their own change
    assert "approve" in [name for name, *_ in task.get_actions(faq, moderator)]
    task.on_action(task_state, moderator, "approve")

    faq.refresh_from_db()
    assert faq.answer == "Draft answer."
    assert faq.live_revision_id == revision.pk

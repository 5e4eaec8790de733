"""Trying to break access: another family's records by URL are 404; signed-out users sign in first."""

import pytest
from django.urls import reverse

from tests.factories.portal import (
    ComplaintFactory,
    DocumentFactory,
    EarlyReviewRequestFactory,
    FinalPlanFactory,
    family,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_families():
    mine = FinalPlanFactory()
    theirs = FinalPlanFactory()
    me, _ = family(child=mine.child)
    them, _ = family(child=theirs.child)
    return me, them, mine, theirs


def test_another_familys_child_plan_page_is_404(client, two_families):
    me, _, mine, theirs = two_families
    client.force_login(me)
    assert client.get(reverse("portal:child", args=[mine.child.public_id])).status_code == 200
    response = client.get(reverse("portal:child", args=[theirs.child.public_id]))
    assert response.status_code == 404
    assert theirs.child.last_name not in response.content.decode()


def test_another_familys_document_is_404_and_mine_downloads_as_an_attachment(client, two_families):
    me, _, mine, theirs = two_families
    my_doc = DocumentFactory(plan=mine)
    their_doc = DocumentFactory(plan=theirs)
    client.force_login(me)
    assert client.get(reverse("portal:document", args=[their_doc.id])).status_code == 404
    response = client.get(reverse("portal:document", args=[my_doc.id]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="final-plan.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_documents_are_not_under_the_public_media_url(settings, two_families):
    _, _, mine, _ = two_families
    document = DocumentFactory(plan=mine)
    assert str(settings.MEDIA_ROOT) not in document.file.path
    assert document.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018  (the private storage has no public URL)


def test_another_familys_early_review_form_is_404(client, two_families):
    me, _, _, theirs = two_families
    EarlyReviewRequestFactory(plan=theirs)
    client.force_login(me)
    url = reverse("portal:early_review", args=[theirs.child.public_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Let me in"}).status_code == 404
    assert theirs.early_review_requests.count() == 1


def test_another_persons_complaint_is_404(client, two_families):
    me, them, _, _ = two_families
    mine = ComplaintFactory(submitted_by=me)
    theirs = ComplaintFactory(submitted_by=them)
    client.force_login(me)
    assert client.get(reverse("portal:complaint_detail", args=[mine.public_id])).status_code == 200
    assert client.get(reverse("portal:complaint_detail", args=[theirs.public_id])).status_code == 404
    assert client.get(reverse("portal:complaint_confirmation", args=[theirs.public_id])).status_code == 404
    listing = client.get(reverse("portal:complaint_list")).content.decode()
    assert mine.reference in listing and theirs.reference not in listing


def test_unknown_and_malformed_ids_are_404(client, two_families):
    me, *_ = two_families
    client.force_login(me)
    assert client.get("/portal/children/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/portal/children/1/").status_code == 404  # row ids never work


@pytest.mark.parametrize(
    "url_name",
    ["portal:home", "portal:link_child", "portal:complaint_list"],
)
def test_signed_out_users_are_sent_to_sign_in(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_signed_out_users_are_sent_to_sign_in_for_a_child_or_document(client, two_families):
    _, _, mine, _ = two_families
    document = DocumentFactory(plan=mine)
    for url in (
        reverse("portal:child", args=[mine.child.public_id]),
        reverse("portal:document", args=[document.id]),
        reverse("portal:early_review", args=[mine.child.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_child_with_two_parents_is_visible_to_both_and_a_parent_sees_both_children(client):
    first = FinalPlanFactory()
    second = FinalPlanFactory()
    mum, _ = family(child=first.child)
    mum.child_links.create(child=second.child)
    dad, _ = family(child=first.child)
    client.force_login(dad)
    assert client.get(reverse("portal:child", args=[first.child.public_id])).status_code == 200
    assert client.get(reverse("portal:child", args=[second.child.public_id])).status_code == 404
    client.force_login(mum)
    html = client.get(reverse("portal:home")).content.decode()
    assert first.child.full_name in html and second.child.full_name in html


def test_a_young_person_sees_their_own_record(client):
    plan = FinalPlanFactory(child__first_name="Sam")
    young_person, _ = family(child=plan.child)
    young_person.child_links.update(relationship="young_person")
    client.force_login(young_person)
    html = client.get(reverse("portal:home")).content.decode()
    assert "Your plan (Sam" in html
    page = client.get(reverse("portal:child", args=[plan.child.public_id])).content.decode()
    assert "Your EHC plan" in page


def test_a_removed_link_removes_access(client, two_families):
    me, _, mine, _ = two_families
    client.force_login(me)
    me.child_links.get(child=mine.child).delete()
    assert client.get(reverse("portal:child", args=[mine.child.public_id])).status_code == 404

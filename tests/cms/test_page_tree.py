"""Where each page type may go: editors cannot build a tree the templates and URLs do not expect."""

import pytest
from wagtail.models import Page

from cms.models import (
    GuideIndexPage,
    GuidePage,
    HomePage,
    MeetingMinutesPage,
    MinutesIndexPage,
    StepByStepPage,
)
from tests.factories.cms import MeetingMinutesPageFactory, StepByStepPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_goes_only_under_the_root(home, guidance):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    assert not HomePage.can_create_at(home)
    assert not HomePage.can_create_at(guidance)


def test_home_page_children(home):
    allowed = set(home.specific_class.allowed_subpage_models())
    assert allowed == {GuideIndexPage, GuidePage, StepByStepPage, MinutesIndexPage}
    assert not MeetingMinutesPage.can_create_at(home)


def test_guides_go_under_the_guidance_index_or_the_home_page(home, guidance, minutes_index):
    assert GuidePage.can_create_at(guidance)
    assert GuidePage.can_create_at(home)  # the footer pages: contact, accessibility, cookies, privacy
    assert not GuidePage.can_create_at(minutes_index)


def test_guides_have_no_children(guide):
    assert guide.specific_class.allowed_subpage_models() == []
    assert not GuidePage.can_create_at(guide)


def test_one_guidance_index_and_one_minutes_index_per_home_page(home, guidance, minutes_index):
    assert not GuideIndexPage.can_create_at(home)
    assert not MinutesIndexPage.can_create_at(home)
    assert not GuideIndexPage.can_create_at(Page.get_first_root_node())


def test_meeting_minutes_only_under_the_minutes_index(home, guidance, minutes_index):
    assert MeetingMinutesPage.can_create_at(minutes_index)
    assert not MeetingMinutesPage.can_create_at(guidance)
    assert not MeetingMinutesPage.can_create_at(home)
    assert MinutesIndexPage.allowed_subpage_models() == [MeetingMinutesPage]
    meeting = MeetingMinutesPageFactory(parent=minutes_index)
    assert meeting.specific_class.allowed_subpage_models() == []


def test_step_by_step_page_only_under_home_and_has_no_children(home, guidance):
    assert StepByStepPage.can_create_at(home)
    assert not StepByStepPage.can_create_at(guidance)
    journey = StepByStepPageFactory(parent=home)
    assert journey.specific_class.allowed_subpage_models() == []


def test_every_page_type_names_its_template_and_search_fields():
    for model in (HomePage, GuideIndexPage, GuidePage, StepByStepPage, MinutesIndexPage, MeetingMinutesPage):
        assert model.template.startswith("cms/"), model
        own_fields = {getattr(f, "field_name", None) for f in model.search_fields} - {
            getattr(f, "field_name", None) for f in Page.search_fields
        }
        assert own_fields, f"{model.__name__} indexes none of its own fields"

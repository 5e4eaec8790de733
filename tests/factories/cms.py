"""Factories for the Local Offer's pages and snippets (wagtail-factories builds the page tree).

Pages are created live unless ``live=False`` is passed. Give ``parent=`` for every page but the
home page, which goes under Wagtail's root and becomes the default site's root page."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from cms.models import (
    AgendaItem,
    Committee,
    FAQAnswer,
    GuideIndexPage,
    GuidePage,
    HomePage,
    MeetingMinutesPage,
    MinutesIndexPage,
    PageFeedback,
    StepByStepPage,
    StepByStepStep,
)


def rich(text):
    return f"<p>{text}</p>"


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Northmere SEND Local Offer"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = rich("Information and support for families of children with special educational needs.")

    class Meta:
        model = HomePage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Under Wagtail's root, and made the default site's root so URLs start at "/".
        if kwargs.get("parent") is None:
            kwargs["parent"] = Page.get_first_root_node()
        home = super()._create(model_class, *args, **kwargs)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Test")
        else:
            site.root_page = home
            site.save()
        return home


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    title = "Guidance"
    slug = "guidance"
    intro = rich("Guides for families.")

    class Meta:
        model = GuideIndexPage


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guide {n}")
    summary = "What this guide is about."
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Plain English guidance for families.</p>"}]
    )
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    class Meta:
        model = GuidePage


class StepByStepPageFactory(wagtail_factories.PageFactory):
    title = "The EHCP journey"
    slug = "ehcp-journey"
    intro = rich("The steps of an EHC needs assessment.")

    class Meta:
        model = StepByStepPage
        skip_postgeneration_save = True

    @factory.post_generation
    def steps(obj, create, extracted, **kwargs):
        """Pass ``steps=[{"title", "deadline", "body"}, ...]``; two steps by default."""
        if not create:
            return
        specs = extracted or [
            {"title": "Ask for an assessment", "deadline": "", "body": rich("Write to the council.")},
            {"title": "The council decides", "deadline": "Within 6 weeks", "body": rich("A letter.")},
        ]
        for number, spec in enumerate(specs):
            StepByStepStep.objects.create(page=obj, sort_order=number, **spec)
        obj.save()  # re-index with the steps


class MinutesIndexPageFactory(wagtail_factories.PageFactory):
    title = "Committee minutes"
    slug = "minutes"

    class Meta:
        model = MinutesIndexPage


class CommitteeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Committee {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))

    class Meta:
        model = Committee
        django_get_or_create = ["name"]


class MeetingMinutesPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda o: f"{o.committee.name}, {o.meeting_date:%-d %B %Y}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    committee = factory.SubFactory(CommitteeFactory)
    meeting_date = datetime.date(2026, 1, 14)
    status = MeetingMinutesPage.Status.APPROVED
    summary = rich("The committee met to discuss SEND services.")

    class Meta:
        model = MeetingMinutesPage
        skip_postgeneration_save = True

    @factory.post_generation
    def agenda_items(obj, create, extracted, **kwargs):
        """Pass ``agenda_items=[{"title", "minutes", "decisions"?, "actions"?}, ...]``."""
        if not create:
            return
        specs = extracted or [{"title": "Apologies", "minutes": rich("There were no apologies.")}]
        for number, spec in enumerate(specs):
            AgendaItem.objects.create(page=obj, sort_order=number, **spec)
        obj.save()  # re-index with the agenda items


class FAQAnswerFactory(DjangoModelFactory):
    key = factory.Sequence(lambda n: f"faq_{n}")
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "A short answer."
    more = "A longer answer.\n\nWith a second paragraph."
    live = True

    class Meta:
        model = FAQAnswer


class PageFeedbackFactory(DjangoModelFactory):
    page_title = factory.LazyAttribute(lambda o: o.page.title if o.page else "A page")
    page_url = factory.LazyAttribute(lambda o: o.page.url if o.page else "/")
    useful = True
    comment = ""

    class Meta:
        model = PageFeedback

from .faq import FAQAnswer, UnansweredQuestion
from .feedback import PageFeedback
from .guide import GuideIndexPage, GuidePage
from .home import HomePage, HomePageFeaturedGuide
from .minutes import AgendaItem, Committee, MeetingDocument, MeetingMinutesPage, MinutesIndexPage
from .site_settings import SiteSettings
from .step_by_step import StepByStepPage, StepByStepStep

__all__ = [
    "AgendaItem",
    "Committee",
    "FAQAnswer",
    "UnansweredQuestion",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "HomePageFeaturedGuide",
    "MeetingDocument",
    "MeetingMinutesPage",
    "MinutesIndexPage",
    "PageFeedback",
    "SiteSettings",
    "StepByStepPage",
    "StepByStepStep",
]

"""What the stack tests put in the database: an FAQ answer staff wrote, a parent with a child."""

import datetime

from django.utils import timezone

# Distinctive text: if the bot says it, the answer came from the database, not from training data.
FAQ_ANSWER = "Stack-test answer: an EHC plan sets out a child's needs and the help the council must arrange."


def faq_answer(key="what_is_ehcp", answer=FAQ_ANSWER):
    from cms.models import FAQAnswer

    return FAQAnswer.objects.create(
        key=key,
        question="What is an EHC plan?",
        answer=answer,
        more="An education, health and care plan is a legal document.",
        live=True,
    )


def parent_with_child(django_user_model, email="stack.parent@example.org", first_name="Maya", weeks_ago=8):
    """A signed-up parent linked to one child whose assessment request is ``weeks_ago`` weeks old:
    at 8 weeks, the 6-week decision is overdue."""
    from portal.models import Child, EHCPlan, ParentLink

    parent = django_user_model.objects.create_user(email=email, password="a-long-test-password")
    child = Child.objects.create(
        first_name=first_name, last_name="Stacktest", date_of_birth=datetime.date(2016, 5, 4)
    )
    ParentLink.objects.create(user=parent, child=child)
    EHCPlan.objects.create(
        child=child,
        reference=f"EHC-STACK-{first_name.upper()}",
        request_date=timezone.localdate() - datetime.timedelta(weeks=weeks_ago),
    )
    return parent, child


def ensure_site():
    """A Wagtail root page and default site, which base.html's site settings need.

    Transactional tests empty every table afterwards, including the rows Wagtail's own migrations
    made, so each test puts them back."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    if Site.objects.filter(is_default_site=True).exists():
        return
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(title="Root")
    Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True, site_name="Test")

"""Wagtail admin hooks: the "Local Offer" menu and the guide-review panel on the dashboard."""

import datetime

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component

from cms.admin_viewsets import LocalOfferViewSetGroup
from cms.models import GuidePage
from cms.models.guide import REVIEW_DUE_SOON_DAYS

GUIDES_DUE_PANEL_LIMIT = 10


@hooks.register("register_admin_viewset")
def register_local_offer_viewsets():
    return LocalOfferViewSetGroup()


class GuidesDueForReviewPanel(Component):
    """Dashboard list of guides whose review is overdue or due within a month."""

    name = "guides_due_for_review"
    template_name = "cms/admin/guides_due_for_review_panel.html"
    order = 90  # above Wagtail's own panels: checking content is part of the job, not an extra

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        due = GuidePage.objects.filter(review_due__lte=today + datetime.timedelta(days=REVIEW_DUE_SOON_DAYS))
        context["guides"] = due.order_by("review_due", "title")[:GUIDES_DUE_PANEL_LIMIT]
        context["total"] = due.count()
        context["today"] = today
        return context


@hooks.register("construct_homepage_panels")
def add_guides_due_for_review_panel(request, panels):
    if user_has_any_page_permission(request.user):
        panels.append(GuidesDueForReviewPanel())

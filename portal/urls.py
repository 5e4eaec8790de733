from django.urls import path

from . import bot_api
from .views import children, complaints, documents, home, link

app_name = "portal"

urlpatterns = [
    path("portal/", home.portal_home, name="home"),
    path("portal/link/", link.link_child, name="link_child"),
    path("portal/children/<uuid:public_id>/", children.child_detail, name="child"),
    path("portal/children/<uuid:public_id>/early-review/", children.early_review, name="early_review"),
    path("portal/documents/<uuid:document_id>/", documents.document_download, name="document"),
    path("complaints/", complaints.complaint_list, name="complaint_list"),
    path("complaints/new/", complaints.complaint_new, name="complaint_new"),
    path("complaints/<uuid:public_id>/", complaints.complaint_detail, name="complaint_detail"),
    path(
        "complaints/<uuid:public_id>/confirmation/",
        complaints.complaint_confirmation,
        name="complaint_confirmation",
    ),
    path("internal/bot/plans/", bot_api.plans, name="bot_plans"),
    path("internal/bot/complaints/", bot_api.complaints_endpoint, name="bot_complaints"),
]

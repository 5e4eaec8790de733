"""Staff pages, mounted under /admin/casework/ by ``portal.wagtail_hooks`` (so Wagtail's sign-in and
admin-access checks wrap every one of them)."""

from django.urls import path

from . import (
    case_views,
    complaint_views,
    dashboard_views,
    early_review_views,
    import_views,
    safeguarding_views,
    section_views,
)

app_name = "portal_staff"

urlpatterns = [
    path("cases/", case_views.case_list, name="cases"),
    path("cases/new/", case_views.case_new, name="case_new"),
    path("cases/<uuid:public_id>/", case_views.case_detail, name="case"),
    path("cases/<uuid:public_id>/child/", case_views.child_edit, name="child_edit"),
    path("cases/<uuid:public_id>/events/", case_views.plan_edit, name="plan_edit"),
    path("cases/<uuid:public_id>/history/", case_views.case_history, name="case_history"),
    path("cases/<uuid:public_id>/family-data/", case_views.family_export, name="family_export"),
    path(
        "cases/<uuid:public_id>/documents/<uuid:document_id>/download/",
        case_views.document_download,
        name="document_download",
    ),
    path("cases/<uuid:public_id>/links/<int:link_id>/remove/", case_views.link_remove, name="link_remove"),
    path("cases/<uuid:public_id>/link-codes/", case_views.code_issue, name="code_issue"),
    path("cases/<uuid:public_id>/<slug:section>/add/", section_views.section_form, name="section_add"),
    path(
        "cases/<uuid:public_id>/<slug:section>/<str:object_id>/",
        section_views.section_form,
        name="section_edit",
    ),
    path(
        "cases/<uuid:public_id>/<slug:section>/<str:object_id>/delete/",
        section_views.section_delete,
        name="section_delete",
    ),
    path("complaints/", complaint_views.complaint_list, name="complaints"),
    path("complaints/<uuid:public_id>/", complaint_views.complaint_detail, name="complaint"),
    path("complaints/<uuid:public_id>/assign/", complaint_views.complaint_assign, name="complaint_assign"),
    path("complaints/<uuid:public_id>/extend/", complaint_views.complaint_extend, name="complaint_extend"),
    path("complaints/<uuid:public_id>/close/", complaint_views.complaint_close, name="complaint_close"),
    path("early-reviews/", early_review_views.early_review_list, name="early_reviews"),
    path("early-reviews/<uuid:public_id>/", early_review_views.early_review_detail, name="early_review"),
    path("safeguarding/", safeguarding_views.flag_list, name="safeguarding"),
    path("safeguarding/<uuid:public_id>/", safeguarding_views.flag_detail, name="safeguarding_flag"),
    path("import/", import_views.import_start, name="import"),
    path("import/apply/", import_views.import_apply, name="import_apply"),
    path("import/cancel/", import_views.import_cancel, name="import_cancel"),
    path("import/template.csv", import_views.import_template, name="import_template"),
    path("dashboard/", dashboard_views.dashboard_page, name="dashboard"),
    path("dashboard.csv", dashboard_views.dashboard_csv, name="dashboard_csv"),
]

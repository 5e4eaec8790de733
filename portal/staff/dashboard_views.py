"""The timeliness dashboard page and its CSV download."""

import csv

from django.http import HttpResponse
from django.template.response import TemplateResponse

from config.spreadsheets import text_row
from portal import dashboard

from . import permissions as perms


@perms.staff_view(perms.VIEW_CASES)
def dashboard_page(request):
    figures = dashboard.build()
    return TemplateResponse(
        request,
        "portal/staff/dashboard.html",
        {"d": figures, "title": f"Timeliness in {figures.year}", "icon": "table"},
    )


@perms.staff_view(perms.VIEW_CASES)
def dashboard_csv(request):
    figures = dashboard.build()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="send-timeliness-{figures.today:%Y-%m-%d}.csv"'
    csv.writer(response).writerows(text_row(row) for row in dashboard.csv_rows(figures))
    return response

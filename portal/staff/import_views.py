"""The spreadsheet import in the admin: upload, see the dry run, then apply it (or cancel).

The uploaded file waits on the private storage between the dry run and the apply step, named by a
random id inside a signed token that only the uploader can use, for at most a day."""

import csv
import time
import uuid
from pathlib import PurePosixPath

from django.contrib import messages
from django.core import signing
from django.core.files.storage import storages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.imports import columns
from portal.imports.importer import import_plans

from . import permissions as perms
from .forms import ImportUploadForm

UPLOAD_DIR = "imports"
TOKEN_SALT = "portal.staff.import"
TOKEN_MAX_AGE = 24 * 60 * 60
IMPORT_PERMISSION = perms.ADD_CASES


def _storage():
    return storages["private"]


def _sweep_old_uploads(storage):
    """Uploads that were never applied or cancelled go after a day."""
    try:
        _, files = storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return
    cutoff = time.time() - TOKEN_MAX_AGE
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        try:
            if storage.get_modified_time(path).timestamp() < cutoff:
                storage.delete(path)
        except OSError:
            continue


def _page(request, status=200, **context):
    example = dict(zip(columns.NAMES, columns.example_row(), strict=True))
    return TemplateResponse(
        request,
        "portal/staff/import.html",
        {
            "columns": columns.COLUMNS,
            "example": example,
            "title": "Import plans and reviews",
            "icon": "upload",
            **context,
        },
        status=status,
    )


@perms.staff_view(IMPORT_PERMISSION)
def import_start(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, form=form, status=400 if request.method == "POST" else 200)

    upload = form.cleaned_data["file"]
    storage = _storage()
    _sweep_old_uploads(storage)
    suffix = PurePosixPath(upload.name).suffix.lower()
    stored = storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}{suffix}", upload)
    try:
        report = import_plans(storage.path(stored), filename=upload.name, dry_run=True, actor=request.user)
    except BaseException:
        storage.delete(stored)  # whatever went wrong, no family's data is left on disk
        raise
    token = signing.dumps({"file": stored, "name": upload.name, "user": request.user.pk}, salt=TOKEN_SALT)
    if report.file_error or not report.changes:
        storage.delete(stored)
        token = None
    return _page(request, form=ImportUploadForm(), report=report, token=token)


def _stored_upload(request):
    """The stored file the signed token names, if this user uploaded it and it is still there."""
    try:
        data = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != request.user.pk or not str(data.get("file", "")).startswith(f"{UPLOAD_DIR}/"):
        return None
    if not _storage().exists(data["file"]):
        return None
    return data


@require_POST
@perms.staff_view(IMPORT_PERMISSION)
def import_apply(request):
    upload = _stored_upload(request)
    if upload is None:
        messages.error(
            request,
            "That upload has already been imported, was cancelled or has expired. Upload the file again.",
        )
        return redirect(reverse("portal_staff:import"))
    storage = _storage()
    try:
        report = import_plans(
            storage.path(upload["file"]), filename=upload["name"], dry_run=False, actor=request.user
        )
    finally:
        storage.delete(upload["file"])
    return _page(request, form=ImportUploadForm(), report=report, applied=True)


@require_POST
@perms.staff_view(IMPORT_PERMISSION)
def import_cancel(request):
    upload = _stored_upload(request)
    if upload is not None:
        _storage().delete(upload["file"])
    messages.info(request, "The import was cancelled: nothing was changed.")
    return redirect(reverse("portal_staff:import"))


@perms.staff_view(IMPORT_PERMISSION)
def import_template(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plans-import-template.csv"'
    csv.writer(response).writerow(columns.template_header())
    return response

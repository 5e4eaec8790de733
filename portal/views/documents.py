"""Case documents are streamed from private storage after an access check, never from a media URL."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from portal import access, audit
from portal.models import AuditEntry


@login_required
def document_download(request, document_id):
    document = access.get_document_for(request.user, document_id)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file is missing") from error
    audit.record(
        request.user,
        AuditEntry.Action.DOWNLOAD,
        child=document.plan.child,
        obj=document,
        summary=f"Downloaded {document.title}",
        request=request,
    )
    response = FileResponse(handle, as_attachment=True, filename=document.download_filename)
    response["Cache-Control"] = "private, no-store"
    return response

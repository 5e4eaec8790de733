"""The "Was this page useful?" form. It posts here from the foot of every content page; a valid
answer is stored and the family goes back to the page they were on with a thank-you message.
An invalid one is shown again on its own page with the GOV.UK error summary, nothing stored."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from cms.forms import PageFeedbackForm
from cms.models.feedback import COMMENT_MAX_LENGTH, PageFeedback
from portal.models import SafeguardingFlag
from portal.safeguarding import contacts, flags, screening

THANK_YOU = "Thank you for your feedback. We read every comment and use them to improve the Local Offer."


# No CSRF token: the form sits on every public page, and a per-visitor token would stop those pages
# being cached. CSRF protects what a signed-in person can do; this form is anonymous, acts for no
# account and stores only an answer anyone could send directly.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def page_feedback(request):
    if request.method == "POST":
        form = PageFeedbackForm(request.POST)
        if form.is_valid():
            page = form.cleaned_data["page"]
            url = page.get_url(request=request) or "/"
            feedback = PageFeedback.objects.create(
                page=page,
                page_title=page.title[:255],
                page_url=url[:500],
                useful=form.cleaned_data["useful"],
                comment=form.cleaned_data["comment"],
            )
            if (concern := screening.screen(feedback.comment)) is not None:
                # Feedback is anonymous: the person can only be helped on this page, now.
                flags.raise_flag(
                    concern,
                    feedback.comment,
                    SafeguardingFlag.Source.FEEDBACK,
                    reference=f"feedback {feedback.pk}",
                )
                return TemplateResponse(
                    request,
                    "cms/feedback_safety.html",
                    {"feedback_page": page, "safety": contacts.reply_for(concern)},
                )
            messages.success(request, THANK_YOU)
            return HttpResponseRedirect(url)
    else:
        form = PageFeedbackForm(initial={"page": request.GET.get("page")})

    page = _page_from(form)
    return TemplateResponse(
        request,
        "cms/feedback_form.html",
        {"form": form, "feedback_page": page, "comment_max_length": COMMENT_MAX_LENGTH},
        status=200,
    )


def _page_from(form):
    """The live page the feedback is about, for the heading and the way back, if we can tell."""
    raw = form.data.get("page") if form.is_bound else form.initial.get("page")
    try:
        return Page.objects.live().public().get(pk=int(raw)).specific
    except (TypeError, ValueError, Page.DoesNotExist):
        return None

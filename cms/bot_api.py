"""The chatbot's read-only window on the Local Offer (see the bot contract).

The action server calls these with the service token. Answers are read from the database at the
moment of asking, so a published edit to an FAQ answer changes the bot's next reply."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from cms.models import FAQAnswer, GuidePage, StepByStepPage
from cms.site_search import search_pages, specific_pages
from portal.bot_auth import require_service_token

GUIDE_SEARCH_DEFAULT_LIMIT = 3
GUIDE_SEARCH_MAX_LIMIT = 10


def _page_link(page, request):
    """``{"title", "url"}`` for a page families may open, else None (a draft or private guide)."""
    if page is None or not page.live or page.get_view_restrictions().exists():
        return None
    url = page.get_url(request=request) or page.relative_url(Site.find_for_request(request))
    return {"title": page.title, "url": url} if url else None


@require_service_token
@require_GET
def faq_answer(request, key):
    faq = FAQAnswer.objects.filter(key=key, live=True).select_related("guide").first()
    if faq is None:
        return JsonResponse({"error": "unknown_faq"}, status=404)
    return JsonResponse(
        {
            "key": faq.key,
            "question": faq.question,
            "answer": faq.answer,
            "more": faq.more,
            "link": _page_link(faq.guide, request),
        }
    )


@require_service_token
@require_GET
def guide_search(request):
    query = " ".join(request.GET.get("q", "").split())
    try:
        limit = int(request.GET.get("limit", GUIDE_SEARCH_DEFAULT_LIMIT))
    except ValueError:
        return JsonResponse({"errors": {"limit": "limit must be a whole number"}}, status=400)
    limit = max(1, min(limit, GUIDE_SEARCH_MAX_LIMIT))
    if not query:
        return JsonResponse({"results": []})
    results = []
    for page in specific_pages(_guides_matching(query)[:limit]):
        link = _page_link(page, request)
        if link:
            results.append(link)
    return JsonResponse({"results": results})


def _guides_matching(query):
    """Guide pages and the EHCP journey that match, best first."""
    return search_pages(query, Page.objects.live().public().type(GuidePage, StepByStepPage))

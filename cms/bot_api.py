"""The chatbot's read-only window on the Local Offer (see the bot contract).

The action server calls these with the service token. Answers are read from the database at the
moment of asking, so a published edit to an FAQ answer changes the bot's next reply."""

from django.db import DatabaseError
from django.db.models import F
from django.http import JsonResponse
from django.utils import timezone
from wagtail.models import Page, Site

from cms import elapsed, knowledge
from cms.models import FAQAnswer, GuidePage, StepByStepPage, UnansweredQuestion
from cms.site_search import search_pages, specific_pages
from portal.bot_auth import allow, require_service_token

GUIDE_SEARCH_DEFAULT_LIMIT = 3
GUIDE_SEARCH_MAX_LIMIT = 10


def _page_link(page, request):
    """``{"title", "url"}`` for a page families may open, else None (a draft or private guide)."""
    if page is None or not page.live or page.get_view_restrictions().exists():
        return None
    url = page.get_url(request=request) or page.relative_url(Site.find_for_request(request))
    return {"title": page.title, "url": url} if url else None


@require_service_token
@allow("GET")
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
@allow("GET")
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


MAX_QUESTION_CHARS = 2000


def _entry_json(entry, request, guides, score):
    return {
        "key": entry.key,
        "question": entry.question,
        "answer": entry.answer,
        "more": entry.more,
        "link": _page_link(guides.get(entry.guide_id), request),
        "score": round(score, 3),
    }


def _note_unanswered(question, closest):
    """Count a question the assistant could not answer, for the comms team's report."""
    text = " ".join(question.lower().split())[:300]
    try:
        updated = UnansweredQuestion.objects.filter(text=text).update(
            count=F("count") + 1, last_asked=timezone.now()
        )
        if not updated:
            UnansweredQuestion.objects.get_or_create(
                text=text,
                defaults={
                    "closest_id": closest.entry.pk if closest else None,
                    "closest_score": closest.score if closest else 0,
                },
            )
    except DatabaseError:  # a report line is not worth failing an answer for
        pass


@require_service_token
@allow("GET")
def knowledge_answer(request):
    """``GET /internal/bot/knowledge/?q=<the family's words>&hint=<intent's key>``: the entries that
    answer it (``answers``, empty when unsure) and the closest others (``alternatives``)."""
    question = " ".join(request.GET.get("q", "").split())[:MAX_QUESTION_CHARS]
    if not question:
        return JsonResponse({"errors": {"q": "Send the question as q"}}, status=400)
    found = knowledge.answer(question, hint=request.GET.get("hint") or None)
    matches = [*found.answers, *found.alternatives]
    guides = {page.pk: page for page in GuidePage.objects.filter(pk__in={m.entry.guide_id for m in matches})}
    if not found.answers:
        _note_unanswered(question, found.alternatives[0] if found.alternatives else None)
    return JsonResponse(
        {
            # A sentence about the family's own wait ("22 weeks and no plan"), to say first.
            "note": elapsed.note_for(question),
            "answers": [_entry_json(m.entry, request, guides, m.score) for m in found.answers],
            "alternatives": [
                {"key": m.entry.key, "question": m.entry.question, "score": round(m.score, 3)}
                for m in found.alternatives
            ],
        }
    )

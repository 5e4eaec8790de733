"""Site search: every live, public page of the Local Offer, with the searched words marked."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from cms import search_hits
from cms.forms import SearchForm
from cms.highlight import highlight, snippet
from cms.site_search import pages_by_id, ranked_page_ids

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET)
    query = ""
    results = []
    page_obj = None
    counted = None
    elided_page_range = []
    if form.is_valid():
        query = form.cleaned_data["q"]
    if query:
        paginator = Paginator(ranked_page_ids(query), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        elided_page_range = paginator.get_elided_page_range(page_obj.number, on_each_side=1)
        results = [
            {
                "page": page,
                "url": page.get_url(request=request),
                "title": highlight(page.title, query),
                "snippet": snippet(page.get_search_text() if hasattr(page, "get_search_text") else "", query),
                "type": getattr(page, "search_result_type", "Page"),
            }
            for page in pages_by_id(page_obj.object_list)
        ]
        if page_obj.number == 1:
            counted = query
            search_hits.count_now(query)
    response = TemplateResponse(
        request,
        "cms/search_results.html",
        {
            "form": form,
            "query": query,
            "searched": "q" in request.GET,
            "results": results,
            "page_obj": page_obj,
            "result_count": page_obj.paginator.count if page_obj else 0,
            "elided_page_range": elided_page_range,
            "search_trail": [("Home", "/")],
        },
    )
    # The page cache counts this search again each time it answers it for the view.
    response.search_hit_query = counted
    return response

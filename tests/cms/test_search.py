"""Site search: live public pages only, matched words marked, paginated, clear messages."""

import datetime

import pytest
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import PageViewRestriction

from cms.models import AgendaItem, MeetingMinutesPage
from cms.search_views import RESULTS_PER_PAGE
from tests.factories.cms import CommitteeFactory, GuidePageFactory

pytestmark = pytest.mark.django_db

MARK = '<mark class="app-search-result__highlight">'


def publish_meeting(minutes_index, agenda):
    """A meeting created the way the admin creates one: agenda items held in the page's cluster and
    written with it, then published from a revision."""
    page = MeetingMinutesPage(
        title="SEND Partnership Board, 21 January 2026",
        slug="board-2026-01-21",
        committee=CommitteeFactory(name="SEND Partnership Board"),
        meeting_date=datetime.date(2026, 1, 21),
        status=MeetingMinutesPage.Status.APPROVED,
        summary="<p>The Board met.</p>",
    )
    for number, (title, minutes) in enumerate(agenda):
        page.agenda_items.add(AgendaItem(sort_order=number, title=title, minutes=minutes))
    page.live = False
    minutes_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def result_titles(response):
    return [result["page"].title for result in response.context["results"]]


def test_finds_a_meeting_by_a_word_only_in_an_agenda_item_and_marks_it(client, minutes_index):
    publish_meeting(
        minutes_index,
        [("Apologies", "<p>None.</p>"), ("Data", "<p>Reviews were kept in spreadsheets for months.</p>")],
    )

    response = client.get("/search/", {"q": "spreadsheets"})

    assert response.status_code == 200
    assert result_titles(response) == ["SEND Partnership Board, 21 January 2026"]
    body = response.content.decode()
    assert f"{MARK}spreadsheets</mark>" in body
    assert "1 result for &lsquo;spreadsheets&rsquo;" in body


def test_an_edited_agenda_item_is_searchable_as_soon_as_it_is_published(client, minutes_index):
    page = publish_meeting(minutes_index, [("Transport", "<p>Taxis for pupils.</p>")])
    draft = page.get_latest_revision_as_object()
    draft.agenda_items.add(
        AgendaItem(sort_order=1, title="Workforce", minutes="<p>Psychologist vacancies.</p>")
    )
    draft.agenda_items.first().minutes = "<p>Minibuses for pupils.</p>"
    draft.save_revision().publish()

    assert result_titles(client.get("/search/", {"q": "psychologist"})) == [page.title]
    assert result_titles(client.get("/search/", {"q": "minibuses"})) == [page.title]
    assert result_titles(client.get("/search/", {"q": "taxis"})) == []


def test_only_live_public_pages_are_found(client, guidance):
    GuidePageFactory(parent=guidance, title="Mediation explained", summary="About mediation.")
    GuidePageFactory(parent=guidance, title="Mediation draft", summary="About mediation.", live=False)
    private = GuidePageFactory(parent=guidance, title="Mediation for staff", summary="About mediation.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/search/", {"q": "mediation"})

    assert result_titles(response) == ["Mediation explained"]


def test_title_matches_are_marked_and_page_text_is_escaped(client, guidance):
    GuidePageFactory(
        parent=guidance,
        title="Tribunal <appeals> & you",
        summary="How to <script>appeal</script> to the tribunal.",
    )

    body = client.get("/search/", {"q": "tribunal"}).content.decode()

    assert f"{MARK}Tribunal</mark> &lt;appeals&gt; &amp; you" in body
    assert "&lt;script&gt;appeal&lt;/script&gt;" in body
    assert "<script>appeal" not in body


def test_the_query_itself_is_escaped(client, guidance):
    body = client.get("/search/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in body


def test_results_are_paginated_with_the_query_kept(client, guidance):
    for number in range(RESULTS_PER_PAGE + 2):
        GuidePageFactory(parent=guidance, title=f"Transport guide {number}", summary="School transport.")

    first = client.get("/search/", {"q": "transport"})
    second = client.get("/search/", {"q": "transport", "page": "2"})

    assert first.context["result_count"] == RESULTS_PER_PAGE + 2
    assert len(first.context["results"]) == RESULTS_PER_PAGE
    assert len(second.context["results"]) == 2
    assert 'href="?q=transport&amp;page=2"' in first.content.decode()
    assert f"{RESULTS_PER_PAGE + 2} results for" in first.content.decode()
    assert "(page 2 of 2)" in second.content.decode()


def test_no_results_message(client, guide):
    body = client.get("/search/", {"q": "xylophone"}).content.decode()
    assert "There are no results for &lsquo;xylophone&rsquo;." in body
    assert "checking your spelling" in body


def test_empty_query_asks_for_words(client, guide):
    body = client.get("/search/", {"q": "   "}).content.decode()
    assert "Enter a word or phrase to search for" in body
    assert client.get("/search/").status_code == 200


def test_an_over_long_query_gets_a_clear_error(client, guide):
    response = client.get("/search/", {"q": "review " * 40})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Search for 200 characters or fewer" in body
    assert 'href="#search-q"' in body and "govuk-input--error" in body


def test_queries_are_recorded_for_editors(client, guide):
    client.get("/search/", {"q": "Annual Reviews"})
    client.get("/search/", {"q": "annual reviews"})
    assert Query.objects.get(query_string="annual reviews").hits == 2


def test_a_page_titled_with_the_query_comes_first(client, guidance, minutes_index):
    publish_meeting(
        minutes_index,
        [("Annual review backlog", "<p>" + "Annual reviews were late. " * 10 + "</p>")],
    )
    GuidePageFactory(parent=guidance, title="Annual reviews", summary="When plans are reviewed.")

    titles = result_titles(client.get("/search/", {"q": "annual reviews"}))

    assert titles[0] == "Annual reviews"
    assert "SEND Partnership Board, 21 January 2026" in titles


def test_results_name_their_kind_in_families_words_and_quote_no_block_labels(client, guidance):
    GuidePageFactory(
        parent=guidance,
        title="Tribunal appeals",
        summary="Appealing to the tribunal.",
        body=[
            {"type": "heading", "value": {"text": "When to appeal", "level": "h2"}},
            {"type": "paragraph", "value": "<p>You can appeal to the tribunal within 2 months.</p>"},
        ],
    )
    response = client.get("/search/", {"q": "tribunal"})
    html = response.content.decode()
    assert result_titles(response) == ["Tribunal appeals"]
    assert "When to appeal" in html
    assert "Heading (h2)" not in html and "Guide page" not in html
    assert response.context["results"][0]["type"] == "Guide"

"""The minutes list: newest first, filtered by committee and by year with a plain GET form."""

import datetime

import pytest

from cms.models.minutes import MINUTES_PER_PAGE
from tests.factories.cms import CommitteeFactory, MeetingMinutesPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(minutes_index):
    board = CommitteeFactory(name="SEND Partnership Board", slug="send-partnership-board")
    scrutiny = CommitteeFactory(name="Scrutiny Committee", slug="scrutiny")
    made = {}
    for title, committee, date in [
        ("Board Oct 2025", board, datetime.date(2025, 10, 15)),
        ("Scrutiny Nov 2025", scrutiny, datetime.date(2025, 11, 20)),
        ("Board Jan 2026", board, datetime.date(2026, 1, 21)),
        ("Scrutiny Feb 2026", scrutiny, datetime.date(2026, 2, 26)),
        ("Board Jun 2026", board, datetime.date(2026, 6, 17)),
    ]:
        made[title] = MeetingMinutesPageFactory(
            parent=minutes_index, title=title, committee=committee, meeting_date=date
        )
    # Unpublished minutes never appear, whatever the filter.
    made["unpublished"] = MeetingMinutesPageFactory(
        parent=minutes_index,
        title="Board Oct 2026",
        slug="board-oct-2026",
        committee=board,
        meeting_date=datetime.date(2026, 10, 14),
        status="draft",
        live=False,
    )
    return made


def titles(response):
    return [meeting.title for meeting in response.context["meetings"]]


def test_newest_first(client, meetings):
    response = client.get("/minutes/")
    assert titles(response) == [
        "Board Jun 2026",
        "Scrutiny Feb 2026",
        "Board Jan 2026",
        "Scrutiny Nov 2025",
        "Board Oct 2025",
    ]
    assert "5 meetings, newest first." in response.content.decode()


def test_filter_by_committee(client, meetings):
    response = client.get("/minutes/", {"committee": "scrutiny"})
    assert titles(response) == ["Scrutiny Feb 2026", "Scrutiny Nov 2025"]
    assert "2 meetings match your filters." in response.content.decode()


def test_filter_by_year(client, meetings):
    assert titles(client.get("/minutes/", {"year": "2025"})) == ["Scrutiny Nov 2025", "Board Oct 2025"]


def test_filter_by_committee_and_year(client, meetings):
    response = client.get("/minutes/", {"committee": "send-partnership-board", "year": "2026"})
    assert titles(response) == ["Board Jun 2026", "Board Jan 2026"]


def test_filter_choices_offer_only_published_committees_and_years(client, meetings):
    form = client.get("/minutes/").context["filter_form"]
    assert [value for value, _ in form.fields["year"].choices] == ["", "2026", "2025"]
    assert [value for value, _ in form.fields["committee"].choices] == [
        "",
        "send-partnership-board",
        "scrutiny",
    ]


def test_selected_filters_stay_selected(client, meetings):
    body = client.get("/minutes/", {"committee": "scrutiny", "year": "2025"}).content.decode()
    assert '<option value="scrutiny" selected>' in body
    assert '<option value="2025" selected>' in body
    assert "Clear filters" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "1999"}, "Select a year from the list"),
        ({"committee": "nope"}, "Select a committee from the list"),
    ],
)
def test_a_filter_value_not_offered_gets_a_clear_error_not_a_500(client, meetings, params, message):
    response = client.get("/minutes/", params)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert "govuk-select--error" in body
    # The list is still there, unfiltered, so the page is useful.
    assert len(titles(response)) == 5


def test_no_match_message(client, meetings, minutes_index):
    other = CommitteeFactory(name="Cabinet", slug="cabinet")
    MeetingMinutesPageFactory(parent=minutes_index, committee=other, meeting_date=datetime.date(2024, 5, 1))
    response = client.get("/minutes/", {"committee": "cabinet", "year": "2025"})
    assert titles(response) == []
    assert "No published minutes match." in response.content.decode()


def test_paginated_with_filters_kept_in_the_links(client, minutes_index):
    committee = CommitteeFactory(name="Board", slug="board")
    for day in range(1, MINUTES_PER_PAGE + 3):
        MeetingMinutesPageFactory(
            parent=minutes_index, committee=committee, meeting_date=datetime.date(2026, 1, day)
        )

    first = client.get("/minutes/", {"committee": "board"})
    second = client.get("/minutes/", {"committee": "board", "page": "2"})
    beyond = client.get("/minutes/", {"committee": "board", "page": "99"})

    assert len(first.context["meetings"]) == MINUTES_PER_PAGE
    assert [m.meeting_date.day for m in second.context["meetings"]] == [2, 1]
    assert 'href="?committee=board&amp;page=2"' in first.content.decode()
    assert 'class="govuk-pagination"' in first.content.decode()
    assert beyond.status_code == 200 and beyond.context["page_obj"].number == 2


def test_unpublished_meeting_is_not_reachable(client, meetings, minutes_index):
    assert client.get("/minutes/board-oct-2026/").status_code == 404
    assert "Board Oct 2026" not in client.get("/minutes/").content.decode()


def test_a_valid_filter_still_applies_when_the_other_is_wrong(client, meetings):
    response = client.get("/minutes/", {"committee": "nope", "year": "2025"})
    assert "Select a committee from the list" in response.content.decode()
    assert titles(response) == ["Scrutiny Nov 2025", "Board Oct 2025"]

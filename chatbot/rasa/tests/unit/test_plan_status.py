"""'Where is my child's plan?': only ever what the portal lists for this user's token."""

from actions.plan_status import ActionPlanStatus
from tests.conftest import all_buttons, all_links, slot_events, texts, tracker_for

AMELIA = "0b6f0b5e-5d0c-4a53-8f0e-7a1a2b3c4d5e"
JACK = "9a8b7c6d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"


async def run(dispatcher, scenario, occurrence=1, **kwargs):
    return await ActionPlanStatus().run(
        dispatcher, tracker_for(scenario, "action_plan_status", occurrence, **kwargs), {}
    )


async def test_a_signed_out_family_is_asked_to_sign_in_and_shown_nothing(portal, dispatcher):
    await run(dispatcher, "plan_status_signed_out")
    assert texts(dispatcher).startswith("To see where your child's plan is, please sign in first.")
    assert all_links(dispatcher) == [{"title": "Sign in", "url": "/accounts/login/?next=/portal/"}]
    assert portal.requests == []  # without a token the portal is not even asked


async def test_an_expired_or_forged_user_token_is_treated_as_signed_out(portal, dispatcher):
    await run(dispatcher, "plan_status_two_children", user_token="expired-token")
    assert texts(dispatcher).startswith("To see where your child's plan is, please sign in first.")
    assert "Amelia" not in texts(dispatcher) and all_buttons(dispatcher) == []


async def test_one_child_stage_next_step_due_date_review_and_the_plan_page(portal, dispatcher):
    events = await run(dispatcher, "plan_status_one_child")
    assert texts(dispatcher) == (
        "Noah: EHC plan in place.\n"
        "Next step: Annual review meeting, due by 1 March 2027. This is on time.\n"
        "Next annual review: by 1 March 2027."
    )
    assert all_links(dispatcher) == [
        {"title": "Noah's plan", "url": "/portal/children/4c3b2a19-0f8e-4d7c-b6a5-948372615f0e/"}
    ]
    assert portal.requests[0]["user_token"] == "token-parent-of-one"
    assert slot_events(events) == {"child_choice_pending": False, "child_id": None}


async def test_with_several_children_the_family_chooses_with_buttons(portal, dispatcher):
    events = await run(dispatcher, "plan_status_two_children")
    assert texts(dispatcher) == "Which child would you like to know about?"
    assert all_buttons(dispatcher) == [
        {"title": "Amelia", "payload": f'/choose_child{{"child_id":"{AMELIA}"}}'},
        {"title": "Jack", "payload": f'/choose_child{{"child_id":"{JACK}"}}'},
        {"title": "All of them", "payload": '/choose_child{"child_id":"all"}'},
    ]
    assert slot_events(events)["child_choice_pending"] is True


async def test_the_chosen_child_overdue_by_how_many_days_and_the_caseworker(portal, dispatcher):
    await run(dispatcher, "plan_status_two_children", occurrence=2)
    said = texts(dispatcher)
    assert said.startswith("Amelia: EHC needs assessment: gathering advice.")
    assert "Next step: Final EHC plan issued, due by 10 November 2026. This is overdue by 12 days." in said
    assert (
        "Overdue: Educational psychologist advice, which was due by 14 October 2026 (39 days overdue)."
        in said
    )
    assert said.count("Final EHC plan issued") == 1  # the next step is not repeated in the overdue list
    assert "Caseworker: Sam Patel (sam.patel@northmere.example.org, 01234 567891)." in said
    assert "Jack" not in said
    assert all_links(dispatcher) == [{"title": "Amelia's plan", "url": f"/portal/children/{AMELIA}/"}]


async def test_a_typed_first_name_chooses_the_child(portal, dispatcher):
    await run(dispatcher, "plan_status_two_children", occurrence=4)  # the family typed "Jack"
    assert texts(dispatcher).startswith("Jack: EHC plan in place.")
    assert "This is due soon." in texts(dispatcher)
    assert "Amelia" not in texts(dispatcher)


async def test_all_of_them(portal, dispatcher):
    tracker = tracker_for("plan_status_two_children", "action_plan_status", 2)
    tracker.latest_message["entities"] = [{"entity": "child_id", "value": "all"}]
    await ActionPlanStatus().run(dispatcher, tracker, {})
    assert [m["text"].split(":")[0] for m in dispatcher.messages] == ["Amelia", "Jack"]


async def test_a_child_id_not_in_this_users_list_is_never_looked_up(portal, dispatcher):
    await run(dispatcher, "plan_status_two_children", occurrence=5)  # payload with someone else's id
    assert texts(dispatcher).startswith("I can't find that child in your account. Which child")
    assert "overdue" not in texts(dispatcher)
    assert [r["path"] for r in portal.requests] == ["/internal/bot/plans/"]


async def test_another_familys_child_id_with_this_users_token_shows_only_this_users_child(portal, dispatcher):
    # Amelia's id replayed by a parent who may only see Noah.
    await run(dispatcher, "plan_status_two_children", occurrence=2, user_token="token-parent-of-one")
    assert texts(dispatcher).startswith("Noah:")
    assert "Amelia" not in texts(dispatcher)


async def test_an_account_with_no_linked_child(portal, dispatcher):
    await run(dispatcher, "plan_status_one_child", user_token="token-not-linked")
    assert texts(dispatcher).startswith("Your account isn't linked to a child's plan yet.")


async def test_when_the_portal_is_down_a_plain_apology(portal, dispatcher):
    portal.down = True
    await run(dispatcher, "plan_status_one_child")
    assert texts(dispatcher).startswith("Sorry, I can't check plans right now")
    assert all_links(dispatcher) == [{"title": "Contact the SEND team", "url": "/contact-us/"}]

"""Plain-English explanations of each step of the timeline, each linked to the Local Offer guide page
that explains it in full. Kept apart from the engine so the wording can change without touching rules."""

GUIDE_ROOT = "/guidance/"

GUIDES = {
    "requesting-an-assessment": "Requesting an assessment",
    "the-20-week-timeline": "The 20-week timeline",
    "draft-plan-and-naming-a-school": "The draft plan and naming a school",
    "annual-reviews": "Annual reviews",
    "mediation-and-tribunal": "Disagreeing: mediation and tribunal",
    "complaints": "Making a complaint",
}

# step kind -> (explanation, guide slug)
EXPLANATIONS = {
    "request": (
        "The council received a request for an education, health and care (EHC) needs assessment. "
        "The 20-week clock starts on this date.",
        "requesting-an-assessment",
    ),
    "decision": (
        "The council must tell you whether it will carry out an assessment within 6 weeks of the request. "
        "If it says no, you can ask for mediation or appeal to the tribunal.",
        "the-20-week-timeline",
    ),
    "advice": (
        "Professionals asked for advice (education, health, social care, educational psychology) "
        "should give it within 6 weeks of being asked.",
        "the-20-week-timeline",
    ),
    "issue_decision": (
        "After the assessment the council decides whether to issue a plan. "
        "If it will not issue one, it must tell you by week 16.",
        "the-20-week-timeline",
    ),
    "no_plan_notice": (
        "The council decided not to issue a plan. It must tell you by week 16 and explain how to "
        "challenge the decision through mediation or an appeal.",
        "mediation-and-tribunal",
    ),
    "draft": (
        "The draft plan must reach you early enough to leave you 15 days to comment before the "
        "20-week deadline for the final plan.",
        "draft-plan-and-naming-a-school",
    ),
    "draft_comments": (
        "You have at least 15 days to comment on the draft, ask for a meeting and say which school or "
        "college you want named in the plan.",
        "draft-plan-and-naming-a-school",
    ),
    "final_plan": (
        "The final plan must be issued within 20 weeks of the request. You can appeal against what it "
        "says within 2 months.",
        "the-20-week-timeline",
    ),
    "appeal_window": (
        "If you disagree, you have 2 months from the decision to appeal to the SEND tribunal. Before "
        "appealing you must talk to a mediation adviser, unless the appeal is only about the school named.",
        "mediation-and-tribunal",
    ),
    "ceased": (
        "The plan has stopped. If you disagree with the decision to cease it, you can ask for mediation "
        "or appeal.",
        "mediation-and-tribunal",
    ),
    "review_meeting": (
        "The plan must be reviewed at least every 12 months from when it was issued or last reviewed. "
        "You can ask for an early review if needs change.",
        "annual-reviews",
    ),
    "review_notice": (
        "You must be invited to the review meeting, and sent the advice for it, at least 2 weeks before.",
        "annual-reviews",
    ),
    "review_decision": (
        "Within 4 weeks of the review meeting the council must tell you whether it will keep, amend or "
        "stop the plan.",
        "annual-reviews",
    ),
    "amendment_comments": (
        "You have 15 days to comment on the proposed changes to the plan.",
        "annual-reviews",
    ),
    "amended_plan": (
        "The amended plan must be issued within 8 weeks of the proposed changes, and no later than "
        "12 weeks after the review meeting.",
        "annual-reviews",
    ),
    "phase_transfer": (
        "When your child moves school phase the plan must be amended, naming the new school, by "
        "15 February of the year of the move (31 March for a move from secondary school to post-16).",
        "annual-reviews",
    ),
}


def explain(kind):
    """``(text, guide_url, guide_title)`` for a step kind."""
    text, slug = EXPLANATIONS.get(kind, ("", ""))
    if not slug:
        return text, "", ""
    return text, f"{GUIDE_ROOT}{slug}/", GUIDES[slug]

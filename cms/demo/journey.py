"""The EHCP journey (step-by-step page). Each deadline is the one in docs/statutory-rules.md."""

from .blocks import link

TITLE = "The EHCP journey: step by step"
SLUG = "ehcp-journey"
INTRO = (
    "<p>How an education, health and care (EHC) needs assessment works in Northmere, from the first "
    "worries to the final plan and its yearly review. The time limits are set by the SEND Regulations "
    "2014 and apply to every council in England.</p>"
)

# title, deadline (as families read it), legal basis, body (rich text), links [(title, guide slug or URL)]
STEPS = [
    (
        "Talk to your child's school or nursery",
        "",
        "",
        "<p>Start with your child's teacher or the special educational needs co-ordinator (SENCO). Most "
        "children get the help they need through SEN support, reviewed with you every term.</p>",
        [("SEN support in school", "sen-support")],
    ),
    (
        "Ask for an EHC needs assessment",
        "",
        "",
        "<p>A parent, a young person aged 16 to 25, or a school or nursery can ask. Write to the SEND team "
        "and explain why you think your child needs more help than the school can give. The 20 weeks for "
        "the whole assessment start on the day the council receives the request.</p>",
        [("Asking for an EHC needs assessment", "requesting-an-assessment")],
    ),
    (
        "The council decides whether to assess",
        "Within 6 weeks of the request",
        "SEND Regulations 2014, regulation 5",
        "<p>We look at the evidence from you and the school. If we decide not to assess, the letter explains "
        "why and how to challenge the decision.</p>",
        [("If you disagree: mediation and tribunal appeals", "mediation-and-tribunal")],
    ),
    (
        "Professionals give their advice",
        "Within 6 weeks of being asked",
        "SEND Regulations 2014, regulation 8",
        "<p>We ask for advice from education, health and social care, and from an educational psychologist. "
        "We also ask for your views and your child's.</p>",
        [("Educational psychologists", "educational-psychologists")],
    ),
    (
        "The council decides whether to issue a plan",
        "If there will be no plan, you are told within 16 weeks of the request",
        "SEND Regulations 2014, regulation 10",
        "<p>If we decide a plan is not needed, we tell you why, what support the school should give instead, "
        "and your right to appeal.</p>",
        [("How long an EHC needs assessment takes", "the-20-week-timeline")],
    ),
    (
        "Comment on the draft plan and name a school",
        "At least 15 days to comment, ask for a meeting and name a school or college",
        "SEND Regulations 2014, regulation 13(1)",
        "<p>Check that the draft describes all your child's needs and that the support is specific. Tell us "
        "which school or college you want named.</p>",
        [("The draft plan and naming a school", "draft-plan-and-naming-a-school")],
    ),
    (
        "The final EHC plan is issued",
        "Within 20 weeks of the request",
        "SEND Regulations 2014, regulation 13(2)",
        "<p>The final plan names the school or college and sets out the support your child must get. The "
        "time limit can only be extended for the exceptions the regulations allow, such as a school holiday "
        "of 4 weeks or more.</p>",
        [("Your child's plan (sign in)", "/portal/")],
    ),
    (
        "Review the plan every year",
        "At least every 12 months (every 3 to 6 months is recommended for children under 5)",
        "Children and Families Act 2014, section 44",
        "<p>You are invited at least 2 weeks before the meeting. We tell you within 4 weeks of the meeting "
        "whether we will keep, amend or stop the plan. Plans for a move to secondary school are amended by "
        "15 February; for a move to post-16 education by 31 March.</p>",
        [("Annual reviews of an EHC plan", "annual-reviews")],
    ),
    (
        "If you disagree with a decision",
        "Contact a mediation adviser within 2 months of the decision",
        "SEND Regulations 2014, regulation 33",
        "<p>You can appeal to the First-tier Tribunal (SEND) within 2 months of the decision, or within 1 "
        "month of the mediation certificate if that is later. For problems with the service, "
        + link("/guidance/complaints/", "make a complaint")
        + ".</p>",
        [
            ("If you disagree: mediation and tribunal appeals", "mediation-and-tribunal"),
            ("Independent advice and support (SENDIASS)", "independent-advice-sendiass"),
        ],
    ),
]

"""Guide pages for the demo Local Offer. ``parent`` is "guidance" (under /guidance/) or "home" (the
footer pages, directly under the home page). Slugs are stable: the portal, the chatbot's FAQ
answers and the browser tests link to them."""

from .blocks import bullets, cta, details, h2, inset, link, numbered, p, warning

SENDIASS_PHONE = "01234 567891"
SENDIASS_EMAIL = "sendiass@northmere.example.org"
SEND_TEAM_PHONE = "01234 567890"
SEND_TEAM_EMAIL = "send@northmere.example.org"

GUIDES = [
    {
        "slug": "what-is-an-ehc-plan",
        "parent": "guidance",
        "featured": True,
        "title": "What an EHC plan is",
        "summary": "An education, health and care (EHC) plan is a legal document for a child or young person "
        "aged 0 to 25 who needs more help than their school or college can usually give.",
        "body": [
            p(
                "An education, health and care (EHC) plan describes a child or young person's special "
                "educational needs, the outcomes they are working towards and the support they must get "
                "to reach them. It is a legal document: Northmere Council must make sure the special "
                "educational provision in it is delivered.",
                "Plans can be issued for children and young people from birth up to the age of 25, in "
                "early years settings, schools, colleges and some apprenticeships. They do not cover "
                "university.",
            ),
            h2("Who needs a plan"),
            p(
                "Most children with special educational needs get the help they need through "
                + link("/guidance/sen-support/", "SEN support")
                + " at their school or nursery, without a plan. A plan is for those whose needs cannot "
                "reasonably be met from the resources a school or college normally has."
            ),
            h2("What a plan contains"),
            bullets(
                "Every plan has the same sections, including:",
                [
                    "the views, interests and hopes of the child and their family, or of the young person",
                    "their special educational needs, and any health and social care needs",
                    "the outcomes they are working towards",
                    "the special educational provision they must receive, which should be specific: "
                    "who gives it, how often and for how long",
                    "the school, college or other setting they will attend",
                    "any personal budget",
                ],
            ),
            h2("How a plan is made and kept up to date"),
            p(
                "A plan comes from an EHC needs assessment, which takes no more than 20 weeks from the "
                "request to the final plan. It is then reviewed at least every 12 months. Follow "
                + link("/ehcp-journey/", "the EHCP journey step by step")
                + " to see each stage and its time limit."
            ),
            cta("Find out how to ask for an assessment", page_slug="requesting-an-assessment"),
        ],
    },
    {
        "slug": "requesting-an-assessment",
        "parent": "guidance",
        "featured": True,
        "title": "Asking for an EHC needs assessment",
        "summary": "Who can ask Northmere Council for an education, health and care needs assessment, "
        "how to ask and what happens next.",
        "body": [
            p(
                "An EHC needs assessment is how the council finds out what support a child or young "
                "person needs, and whether they need an education, health and care (EHC) plan."
            ),
            h2("Who can ask"),
            bullets(
                "You can ask for an assessment if you are:",
                [
                    "the parent of a child aged 0 to 16",
                    "a young person aged 16 to 25, asking for yourself",
                    "a school, nursery or college, in agreement with the family where possible",
                ],
            ),
            p(
                "Anyone else, for example a doctor or health visitor, can tell us about a child who may "
                "need an assessment. In the last year about a third of the requests we received came "
                "from parents and most of the rest from schools."
            ),
            h2("How to ask"),
            p(
                "Write to the SEND team by email at "
                + link(f"mailto:{SEND_TEAM_EMAIL}", SEND_TEAM_EMAIL)
                + " or by post. There is no form you must use. Say that you are asking for an EHC needs "
                "assessment, why you think your child needs one, and include any reports you have. Keep a "
                "copy and note the date you sent it: the time limits count from the day we receive it."
            ),
            inset(
                "You do not need the school's agreement to ask, and you do not need a diagnosis. The "
                "question is whether your child may have special educational needs and may need support "
                "through a plan."
            ),
            h2("What happens next"),
            p(
                "We must tell you within 6 weeks of receiving the request whether we will carry out an "
                "assessment. We will ask for your views and your child's views, and for information from "
                "their school and any professionals who know them."
            ),
            warning(
                "If we decide not to assess, you can challenge the decision. You must contact a "
                "mediation adviser within 2 months of the decision letter before you can appeal."
            ),
            p(
                "Read "
                + link("/guidance/the-20-week-timeline/", "how long an assessment takes")
                + " and "
                + link("/guidance/mediation-and-tribunal/", "what to do if you disagree")
                + ". "
                + link("/guidance/independent-advice-sendiass/", "Northmere SENDIASS")
                + " can help you write the request."
            ),
        ],
    },
    {
        "slug": "the-20-week-timeline",
        "parent": "guidance",
        "featured": True,
        "title": "How long an EHC needs assessment takes",
        "summary": "The time limits for each stage of an EHC needs assessment, from the request to the "
        "final plan 20 weeks later.",
        "body": [
            p(
                "The law sets a time limit for each stage. The clock starts on the day the council "
                "receives the request for an assessment."
            ),
            h2("The time limits"),
            numbered(
                "",
                [
                    "<b>Within 6 weeks</b> of the request: we tell you whether we will carry out an "
                    "assessment.",
                    "<b>Within 6 weeks</b> of being asked: professionals (education, health, social care "
                    "and an educational psychologist) give their advice.",
                    "<b>Within 16 weeks</b> of the request: if we decide not to issue a plan, we tell "
                    "you, with our reasons and your right to appeal.",
                    "<b>At least 15 days</b> to comment on the draft plan, ask for a meeting and say which "
                    "school or college you want named.",
                    "<b>Within 20 weeks</b> of the request: the final EHC plan is issued.",
                ],
            ),
            h2("When the time limits do not apply"),
            p(
                "The regulations allow a few exceptions, for example when we need information from a "
                "school during a holiday of 4 weeks or more, when there are exceptional personal "
                "circumstances affecting the child or family, or when the child or family is away from "
                "the area for 4 weeks or more. If an exception applies we will tell you which one, and "
                "the reason and dates are recorded on your child's case."
            ),
            warning(
                "An exception only covers the delay it caused. It does not excuse a late plan for "
                "any other reason."
            ),
            h2("If we are late"),
            p(
                "Our recent figures for plans issued within 20 weeks are published in the "
                + link("/minutes/", "committee minutes")
                + ". If your child's assessment is late, ask your caseworker for a date. If that does not "
                "resolve it you can "
                + link("/guidance/complaints/", "make a complaint")
                + ". Signed-in parents can see every due date in "
                + link("/portal/", "your child's plan")
                + "."
            ),
        ],
    },
    {
        "slug": "draft-plan-and-naming-a-school",
        "parent": "guidance",
        "featured": True,
        "title": "The draft plan and naming a school",
        "summary": "What to check in a draft EHC plan, the 15 days you have to comment, and how to ask "
        "for a particular school or college.",
        "body": [
            p(
                "If we decide to issue a plan we first send you a draft. The draft does not name a school "
                "or college: that is your chance to tell us which one you want."
            ),
            h2("You have at least 15 days to respond"),
            bullets(
                "Within 15 days of receiving the draft you can:",
                [
                    "comment on any part of it, in writing or at a meeting",
                    "ask for a meeting with us to discuss it",
                    "ask for a particular school, college or other setting to be named",
                ],
            ),
            p(
                "If you need more time, ask your caseworker before the 15 days end. The final plan must "
                "still be issued within 20 weeks of the original request."
            ),
            h2("Checking the draft"),
            bullets(
                "Check that:",
                [
                    "all your child's needs from the professional advice are in section B",
                    "the provision in section F is specific and says how much and how often, not "
                    "&lsquo;access to&rsquo; or &lsquo;as needed&rsquo;",
                    "the outcomes are things your child can achieve and that matter to them",
                ],
            ),
            h2("Naming a school or college"),
            p(
                "You can ask for a mainstream or special school, academy or college, or an independent "
                "special school on the approved list. We must name it unless it would be unsuitable for "
                "your child's age, ability, aptitude or needs, or your child being there would be "
                "incompatible with the efficient education of others or the efficient use of resources. "
                "We consult the school before we decide."
            ),
            details(
                "What if we do not name the school you asked for?",
                "We will tell you why. You can appeal to the First-tier Tribunal (SEND) about the school "
                "named in the final plan. For an appeal only about the school you do not need a "
                "mediation certificate.",
            ),
        ],
    },
    {
        "slug": "annual-reviews",
        "parent": "guidance",
        "featured": True,
        "title": "Annual reviews of an EHC plan",
        "summary": "Every EHC plan is reviewed at least once every 12 months. What happens at a review, "
        "the time limits, and how to ask for an early review.",
        "body": [
            p(
                "An annual review checks whether the plan still describes your child's needs, whether the "
                "support is working and whether the outcomes need to change."
            ),
            h2("How often"),
            p(
                "A plan must be reviewed within 12 months of being issued, and then within 12 months of "
                "each review. For children under 5 we aim to review every 3 to 6 months, because young "
                "children's needs change quickly."
            ),
            h2("Time limits"),
            numbered(
                "",
                [
                    "<b>At least 2 weeks before the meeting</b>: you are invited, and the advice and "
                    "information for the review are sent to you.",
                    "<b>Within 4 weeks of the meeting</b>: we tell you whether we will keep the plan as it "
                    "is, amend it, or stop it.",
                    "<b>15 days</b> to comment on any proposed amendments.",
                    "<b>Within 8 weeks of the proposed amendments</b> (12 weeks in all from the meeting): "
                    "the final amended plan is issued.",
                ],
            ),
            h2("Moving to a new school or college"),
            p(
                "When your child moves from one phase of education to the next, the plan must be reviewed "
                "and amended in time. For a move to secondary school the amended plan must be issued by "
                "15 February in the year of the move. For a move from secondary school to post-16 "
                "education it must be issued by 31 March."
            ),
            h2("Asking for an early review"),
            p(
                "If your child's needs change, you or the school can ask for an early review at any time. "
                "We will not usually hold one less than 6 months after the last review, but we look at "
                "every request and will tell you our reasons. Signed-in parents can ask from "
                + link("/portal/", "your child's plan")
                + "."
            ),
            warning("If you disagree with the decision after a review, you have 2 months to seek mediation."),
        ],
    },
    {
        "slug": "mediation-and-tribunal",
        "parent": "guidance",
        "featured": True,
        "title": "If you disagree: mediation and tribunal appeals",
        "summary": "How to challenge a decision about an EHC needs assessment or plan: disagreement "
        "resolution, mediation and appeals to the First-tier Tribunal (SEND).",
        "body": [
            p(
                "Most disagreements are settled by talking to your caseworker. If that does not work, "
                "there are formal routes, and strict time limits."
            ),
            h2("Decisions you can appeal"),
            bullets(
                "You can appeal to the First-tier Tribunal (Special Educational Needs and Disability) "
                "if we decide:",
                [
                    "not to carry out an EHC needs assessment",
                    "not to issue a plan after an assessment",
                    "what goes in the plan, including the school or college named",
                    "not to amend a plan after a review, or to stop (cease) a plan",
                ],
            ),
            h2("Step 1: contact a mediation adviser"),
            p(
                "Before you appeal you must contact our independent mediation service within 2 months of "
                "the decision letter. You do not have to go to mediation, but you must get the adviser's "
                "information first. This does not apply if you only want to appeal about the school or "
                "college named in the plan."
            ),
            bullets(
                "",
                [
                    "If you decide not to go to mediation, the adviser must give you a certificate within "
                    "3 working days.",
                    "If you want mediation, it must take place within 30 days of us being told.",
                    "After mediation you also get a certificate, whatever the outcome.",
                ],
            ),
            h2("Step 2: appeal to the tribunal"),
            p(
                "You must appeal within 2 months of the decision, or within 1 month of the mediation "
                "certificate, whichever is later. Appeals are made to HM Courts and Tribunals Service, "
                "not to the council."
            ),
            warning("If you miss the appeal deadline the tribunal may refuse to hear your appeal."),
            details(
                "Disagreement resolution: for disagreements that cannot be appealed",
                "Our independent disagreement resolution service can help with disagreements about "
                "SEN support in school or about how provision is being delivered. It is free and "
                "voluntary.",
            ),
            p(
                link("/guidance/independent-advice-sendiass/", "Northmere SENDIASS")
                + " can explain your options and help you prepare. If your concern is about how you were "
                "treated rather than a decision, "
                + link("/guidance/complaints/", "make a complaint")
                + " instead."
            ),
        ],
    },
    {
        "slug": "complaints",
        "parent": "guidance",
        "featured": False,
        "title": "Making a complaint",
        "summary": "How to complain about the SEND service, how long we take to answer, and what to do "
        "if you are not happy with our answer.",
        "body": [
            p(
                "You can complain about delays, poor communication, what a plan says or how support is "
                "being delivered. Complaining does not affect your right to mediation or an appeal."
            ),
            h2("How we handle complaints"),
            numbered(
                "",
                [
                    "You get a reference number straight away and an acknowledgement by email.",
                    "<b>Stage 1</b>: a manager investigates and answers within 10 working days. If it is "
                    "complicated they may need up to 10 more working days, and they will tell you why.",
                    "<b>Stage 2</b>: if you are not happy with the answer, ask for a review by a senior "
                    "manager who was not involved.",
                ],
            ),
            h2("The Ombudsman"),
            p(
                "If you are still unhappy after stage 2 you can go to the Local Government and Social Care "
                "Ombudsman. The Ombudsman expects you to finish our complaints process first, and usually "
                "looks at complaints made within 12 months of the problem."
            ),
            cta("Make a complaint", url="/complaints/new/"),
            inset(
                "If you disagree with a decision about an assessment or a plan, read about "
                + link("/guidance/mediation-and-tribunal/", "mediation and appeals")
                + ": a complaint cannot change those decisions."
            ),
        ],
    },
    {
        "slug": "sen-support",
        "parent": "guidance",
        "featured": False,
        "title": "SEN support in school",
        "summary": "The help schools, nurseries and colleges give children with special educational needs "
        "who do not have an EHC plan.",
        "body": [
            p(
                "Every school and nursery must do its best to meet children's special educational needs. "
                "The help they give without an EHC plan is called SEN support."
            ),
            h2("The graduated approach"),
            numbered(
                "Schools follow four steps, repeated as a cycle:",
                [
                    "<b>Assess</b> what your child needs.",
                    "<b>Plan</b> the support, with you, and agree what should change.",
                    "<b>Do</b>: put the support in place.",
                    "<b>Review</b> it with you, usually every term.",
                ],
            ),
            p(
                "Talk to your child's teacher or the school's special educational needs co-ordinator "
                "(SENCO) first. If your child is not making progress with SEN support, you or the school "
                "can " + link("/guidance/requesting-an-assessment/", "ask for an EHC needs assessment") + "."
            ),
        ],
    },
    {
        "slug": "independent-advice-sendiass",
        "parent": "guidance",
        "featured": False,
        "title": "Independent advice and support (SENDIASS)",
        "summary": "Northmere SENDIASS gives free, confidential and impartial advice about special "
        "educational needs to parents, children and young people.",
        "body": [
            p(
                "Northmere SEND Information, Advice and Support Service (SENDIASS) is run at arm's length "
                "from the council's SEND team. Every local authority must provide one."
            ),
            bullets(
                "They can help you:",
                [
                    "understand SEN support and EHC plans",
                    "ask for an assessment and respond to a draft plan",
                    "prepare for meetings and annual reviews",
                    "understand mediation, tribunal appeals and complaints",
                ],
            ),
            p(
                f"Phone {SENDIASS_PHONE} (Monday to Friday, 9:30am to 4:30pm) or email "
                + link(f"mailto:{SENDIASS_EMAIL}", SENDIASS_EMAIL)
                + ". Young people aged 16 to 25 can contact them directly."
            ),
        ],
    },
    {
        "slug": "personal-budgets",
        "parent": "guidance",
        # Reviewed over a year ago, so editors see it listed as overdue for review.
        "reviewed_days_ago": 380,
        "featured": False,
        "title": "Personal budgets",
        "summary": "A personal budget is money set aside for some of the provision in an EHC plan, which "
        "families can have a say in how it is spent.",
        "body": [
            p(
                "You can ask for a personal budget once we have told you we will issue an EHC plan, while "
                "the plan is being drafted, or at an annual review."
            ),
            bullets(
                "A personal budget can be:",
                [
                    "a direct payment, paid to you to buy and manage the support yourself",
                    "an arrangement where we or the school hold the money and buy what you choose",
                    "paid to a third party you choose to manage it for you",
                    "a mix of these",
                ],
            ),
            p(
                "The plan says what the budget pays for and how. We can refuse a direct payment for "
                "support given in a school if the head teacher does not agree to it."
            ),
        ],
    },
    {
        "slug": "school-transport",
        "parent": "guidance",
        # Due for review within the month: listed to editors as "due soon".
        "reviewed_days_ago": 345,
        "featured": False,
        "title": "Transport to school for children with SEND",
        "summary": "Who can get free travel to school because of special educational needs or a "
        "disability, and how to apply.",
        "body": [
            p(
                "Children of compulsory school age can get free travel to their nearest suitable school if "
                "they cannot reasonably be expected to walk there because of their special educational "
                "needs, a disability or a mobility problem. Other children qualify if the school is over "
                "2 miles away (under 8) or over 3 miles away (8 to 16)."
            ),
            p(
                "Travel is decided separately from the EHC plan: having a plan does not mean your child "
                "gets transport automatically, and you must apply to the travel assistance team."
            ),
            h2("Young people aged 16 to 25"),
            p(
                "For students over 16 we publish a yearly transport policy statement explaining what "
                "help is available. Apply before the start of the college year."
            ),
            warning("Apply by 31 May for travel from September, so it is ready for the first day."),
        ],
    },
    {
        "slug": "education-other-than-at-school",
        "parent": "guidance",
        "featured": False,
        "title": "Education other than at school (EOTAS) and alternative provision",
        "summary": "When an EHC plan can say a child should be educated other than at school, and how this "
        "differs from alternative provision.",
        "body": [
            p(
                "Education other than at school (EOTAS) is a package of provision, such as tutoring and "
                "therapies, arranged instead of a school place. The council can only arrange it when it "
                "would be inappropriate for the special educational provision to be made in a school or "
                "college (section 61 of the Children and Families Act 2014)."
            ),
            p(
                "Alternative provision is different: it is education arranged, usually for a limited time, "
                "for pupils who cannot attend school, for example because of illness or exclusion."
            ),
            details(
                "Is EOTAS the same as elective home education?",
                "No. If you choose to educate your child at home yourself, you take on responsibility for "
                "their education and we do not have to fund it. With EOTAS, the council arranges and pays "
                "for the provision in the plan.",
            ),
        ],
    },
    {
        "slug": "educational-psychologists",
        "parent": "guidance",
        "featured": False,
        "title": "Educational psychologists",
        "summary": "What an educational psychologist does and their part in an EHC needs assessment.",
        "body": [
            p(
                "Educational psychologists (EPs) assess how children learn and what helps them. Every EHC "
                "needs assessment includes psychological advice from an EP, which must be given within 6 "
                "weeks of being asked."
            ),
            p(
                "The EP may meet your child at school or at home, talk to you and their teachers, and "
                "observe them in class. Their advice describes your child's needs and the support that "
                "would help, and it is sent to you with the draft plan."
            ),
            p(
                "Like many councils, Northmere is short of educational psychologists. We are training our "
                "own and report progress to the SEND Partnership Board."
            ),
        ],
    },
    {
        "slug": "about-the-local-offer",
        "parent": "guidance",
        "featured": False,
        "title": "About the Local Offer",
        "summary": "The Local Offer is where Northmere Council publishes the support available for children "
        "and young people with special educational needs and disabilities.",
        "body": [
            p(
                "Every council must publish a Local Offer: information about education, health and care "
                "services, leisure, travel and preparing for adulthood, and about how to ask for help, "
                "complain, or challenge a decision."
            ),
            h2("You said, we did"),
            p(
                "Every year we publish what families told us about the Local Offer, through the "
                "&lsquo;Was this page useful?&rsquo; form on each page and other feedback, and what we "
                "changed as a result."
            ),
            p(
                "If you do not use the internet, phone the SEND team on "
                + SEND_TEAM_PHONE
                + " and we will send you the information you need on paper."
            ),
        ],
    },
    {
        "slug": "who-can-see-your-childs-information",
        "parent": "guidance",
        "featured": False,
        "title": "Who can see your child's information",
        "summary": "Who sees the information in your child's EHC needs assessment and plan, and your right "
        "to see what we hold.",
        "body": [
            p(
                "We share information about your child only with people who need it to assess or support "
                "them: the SEND caseworker and managers, the professionals giving advice, and the school or "
                "college named in the plan. We tell you before we share it with anyone else, unless the law "
                "requires it (for example to protect a child)."
            ),
            p(
                "In the family portal, only parents linked to the child by a code from the caseworker can "
                "see the child's plan. Every time a member of staff looks at a record it is logged."
            ),
            p(
                "You can ask for a copy of the information we hold about you or your child. We will reply "
                "within one month. Read our " + link("/privacy/", "privacy notice") + " for details."
            ),
        ],
    },
    # --- Footer pages, directly under the home page -------------------------------------------
    {
        "slug": "contact-us",
        "parent": "home",
        "featured": False,
        "title": "Contact the SEND team",
        "summary": "How to contact Northmere Council's special educational needs and disabilities (SEND) "
        "team.",
        "body": [
            p(
                f"Phone {SEND_TEAM_PHONE}, Monday to Friday, 9am to 5pm.",
                "Email "
                + link(f"mailto:{SEND_TEAM_EMAIL}", SEND_TEAM_EMAIL)
                + ". We reply within 3 working days.",
                "Write to: SEND Team, Northmere Council, Civic Centre, Northmere NM1 1AA.",
            ),
            p(
                "If your child has an EHC plan or an assessment, your caseworker's name and contact details "
                "are in " + link("/portal/", "your child's plan") + "."
            ),
            inset(
                "For free independent advice, contact "
                + link("/guidance/independent-advice-sendiass/", "Northmere SENDIASS")
                + "."
            ),
        ],
    },
    {
        "slug": "accessibility",
        "parent": "home",
        "featured": False,
        "title": "Accessibility statement",
        "summary": "How accessible the Northmere SEND Local Offer is and how to report a problem.",
        "body": [
            p(
                "Northmere Council runs this website. We want as many people as possible to be able to use "
                "it. You should be able to change colours and fonts, zoom in up to 400% without the text "
                "spilling off the screen, and get around it using just a keyboard, speech recognition or a "
                "screen reader."
            ),
            h2("How accessible this website is"),
            p(
                "This website is designed to meet the Web Content Accessibility Guidelines version 2.2 "
                "at level AA. Every page works without JavaScript. We test pages with automated tools "
                "and by hand. Some older documents attached to committee minutes may not be fully "
                "accessible: ask us for another format."
            ),
            h2("Reporting problems"),
            p(
                "If you find a problem, or need information in another format such as large print or easy "
                "read, email "
                + link(f"mailto:{SEND_TEAM_EMAIL}", SEND_TEAM_EMAIL)
                + ". We will reply within 5 working days."
            ),
            h2("Enforcement procedure"),
            p(
                "The Equality and Human Rights Commission enforces the accessibility regulations. If you "
                "are not happy with how we respond to your complaint, contact the Equality Advisory and "
                "Support Service (EASS)."
            ),
        ],
    },
    {
        "slug": "cookies",
        "parent": "home",
        "featured": False,
        "title": "Cookies",
        "summary": "The cookies this website uses. We only use cookies that are needed for the site to work.",
        "body": [
            p(
                "Cookies are small files saved on your device. We only use essential cookies, which make "
                "the site work and keep it secure. We do not use analytics or advertising cookies, so we "
                "do not need to ask for your consent."
            ),
            h2("Essential cookies"),
            bullets(
                "",
                [
                    "<b>sessionid</b>: keeps you signed in to the family portal and remembers the chat "
                    "conversation. Expires when you sign out or after 2 weeks.",
                    "<b>csrftoken</b>: protects forms on this site from being sent by other websites. "
                    "Expires after 1 year.",
                    "<b>messages</b>: shows a confirmation, for example after you send feedback. Deleted "
                    "once it has been shown.",
                ],
            ),
        ],
    },
    {
        "slug": "privacy",
        "parent": "home",
        "featured": False,
        "title": "Privacy notice",
        "summary": "How Northmere Council uses personal information on the SEND Local Offer, the family "
        "portal and the assistant.",
        "body": [
            p(
                "Northmere Council is the data controller for personal information collected on this "
                "website. We use it to carry out our duties under the Children and Families Act 2014."
            ),
            h2("What we collect"),
            bullets(
                "",
                [
                    "Feedback about pages: anonymous. Please do not include personal details.",
                    "Family portal accounts: your email address and the children you are linked to.",
                    "Complaints and callback requests: your contact details and what you tell us.",
                    "Conversations with the assistant: kept for 90 days so staff can check answers and "
                    "follow up requests, then deleted. A conversation in which someone may be at risk "
                    "is kept for 6 years, as the council's safeguarding records are, and may be shared "
                    "with the people whose job is to keep them safe.",
                ],
            ),
            h2("Your rights"),
            p(
                "You can ask for a copy of your information, ask us to correct it, and in some cases ask "
                "us to delete it. Email the data protection officer at dpo@northmere.example.org. If you "
                "are not happy with how we handle your information you can complain to the Information "
                "Commissioner's Office."
            ),
        ],
    },
]

# The EHCP journey's guide links and the FAQ answers name guides by these slugs.
GUIDE_SLUGS = {guide["slug"] for guide in GUIDES}

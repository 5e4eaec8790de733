"""Committee minutes for the fictional Northmere Council, in the shape of real council minutes
(agenda items with the discussion, resolutions and agreed actions). The people and figures are
invented for the demo."""

import datetime

COMMITTEES = [
    {
        "name": "Children and Young People Scrutiny Committee",
        "slug": "cyp-scrutiny",
        "description": "Councillors who examine the council's services for children and young people, "
        "including SEND, and make recommendations to Cabinet.",
    },
    {
        "name": "SEND Partnership Board",
        "slug": "send-partnership-board",
        "description": "Education, health and care leaders and the Northmere Parent Carer Forum, overseeing "
        "the local area's SEND improvement plan.",
    },
    {
        "name": "Cabinet",
        "slug": "cabinet",
        "description": "The council's executive, which takes key decisions.",
    },
]


def d(year, month, day):
    return datetime.date(year, month, day)


def ps(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# Each meeting: slug, committee slug, date, status, location, attendees, summary, agenda items
# (title, minutes HTML, decisions HTML, [(action, owner, due date or None)]), and documents (keys of
# DOCUMENTS below). "draft" meetings are created unpublished.
MEETINGS = [
    {
        "slug": "send-partnership-board-2025-10-15",
        "committee": "send-partnership-board",
        "date": d(2025, 10, 15),
        "status": "approved",
        "location": "Committee Room 2, Civic Centre, Northmere",
        "attendees": "Helen Okafor, Director of Children's Services (Chair)\n"
        "Dr Sam Whitfield, Designated Clinical Officer, Northmere Integrated Care Board\n"
        "Priya Lal, Assistant Director for SEND and Inclusion\n"
        "Mark Dunmore, Principal Educational Psychologist\n"
        "Jo Reyes and Ann Patel, Northmere Parent Carer Forum",
        "summary": ps(
            "The Board received the quarterly performance report and discussed the state of annual review "
            "records and the educational psychology workforce."
        ),
        "items": [
            (
                "Minutes of the previous meeting",
                ps("The minutes of the meeting held on 16 July 2025 were agreed as a correct record."),
                "",
                [],
            ),
            (
                "EHC needs assessment timeliness",
                ps(
                    "The Assistant Director reported that 41% of new EHC plans in the quarter were issued "
                    "within 20 weeks, up from 33% in the previous quarter. The number of assessments past "
                    "the 20-week deadline had fallen from 212 to 148. Most late plans were waiting for "
                    "educational psychology advice.",
                    "The Parent Carer Forum said families were rarely told when a plan would be late or why. "
                    "Members agreed that families should hear about a delay from their caseworker before the "
                    "deadline passes, not after.",
                ),
                ps("The Board noted the report."),
                [
                    (
                        "Write to every family whose assessment is past 20 weeks with a named caseworker and "
                        "a "
                        "date for the plan.",
                        "Assistant Director for SEND and Inclusion",
                        d(2025, 11, 14),
                    ),
                ],
            ),
            (
                "Annual review records",
                ps(
                    "Members heard that the annual review dates for Northmere's 3,120 plans had been kept in "
                    "several spreadsheets since the previous case system was switched off. Officers were "
                    "entering them into the new case system by hand; 1,870 had been entered so far and the "
                    "rest were expected to take another ten weeks.",
                    "A member asked how many reviews were overdue. Officers could not yet give a reliable "
                    "figure until the records were complete, but estimated between 550 and 700. The Board "
                    "said that this was not acceptable and asked for a single, accurate figure at its next "
                    "meeting.",
                ),
                ps(
                    "RESOLVED that the Board (a) notes the progress in moving annual review records; (b) "
                    "asks "
                    "for the number of overdue annual reviews at its next meeting."
                ),
                [
                    (
                        "Report the number of overdue annual reviews, by school phase.",
                        "Head of SEND Casework",
                        d(2026, 1, 21),
                    ),
                    (
                        "Make sure spreadsheets can be imported directly into the case system instead of "
                        "being typed in.",
                        "Head of Digital Services",
                        d(2026, 1, 21),
                    ),
                ],
            ),
            (
                "Educational psychology workforce",
                ps(
                    "The Principal Educational Psychologist said four of the team's eleven posts were "
                    "vacant, "
                    "in line with a national shortage. The service had recruited two trainee educational "
                    "psychologists and three assistant psychologists, and was using locum psychologists to "
                    "clear the waiting list for statutory advice."
                ),
                ps("The Board noted the workforce plan and asked for an update in six months."),
                [],
            ),
        ],
        "documents": [],
    },
    {
        "slug": "cyp-scrutiny-2025-11-20",
        "committee": "cyp-scrutiny",
        "date": d(2025, 11, 20),
        "status": "approved",
        "location": "Council Chamber, Civic Centre, Northmere",
        "attendees": "Councillor Rachel Moss (Chair), Councillors Idris Bell, Carol Finch, Tom Hale, "
        "Nadia Rahman and Peter Wood\n"
        "Officers: Helen Okafor, Director of Children's Services; Priya Lal, Assistant Director for SEND "
        "and Inclusion",
        "summary": ps("The Committee scrutinised the SEND improvement programme, complaints and tribunals."),
        "items": [
            (
                "SEND improvement programme: six-month report",
                ps(
                    "The Director presented the report. Timeliness of new EHC plans had reached 47% in "
                    "October. Stage 1 complaints about SEND had risen to 96 in the half year, and 71% had "
                    "been answered within 10 working days. Fifty-eight appeals had been registered with the "
                    "tribunal this year, most about the school named in the plan.",
                    "Members asked why the SEND Partnership Board's minutes had not appeared on the Local "
                    "Offer website since July. Officers apologised: minutes had waited for a web editor. "
                    "From January, minutes would be published by the SEND team directly within 10 working "
                    "days of being approved.",
                    "Members welcomed plans for a family portal giving parents shared access to their "
                    "child's "
                    "EHC plan and its deadlines, and asked that parents help design it.",
                ),
                ps(
                    "RESOLVED that the Committee (a) notes the report; (b) asks for complaint response times "
                    "to be reported every quarter."
                ),
                [
                    (
                        "Report SEND complaint response times to each meeting.",
                        "Assistant Director for SEND and Inclusion",
                        d(2026, 2, 26),
                    ),
                ],
            ),
            (
                "Mediation and tribunal appeals",
                ps(
                    "Officers explained that early conversations with families, and mediation, resolved "
                    "many disagreements before an appeal. Mediation had been held within 30 days in 88% of "
                    "cases. Councillor Finch asked that letters explain the 2-month time limit for "
                    "contacting "
                    "a mediation adviser in plain English."
                ),
                ps("The Committee noted the update."),
                [
                    (
                        "Rewrite decision letters so the mediation and appeal time limits are clear.",
                        "Head of SEND Casework",
                        d(2026, 1, 31),
                    ),
                ],
            ),
        ],
        "documents": [],
    },
    {
        "slug": "cabinet-2025-12-10",
        "committee": "cabinet",
        "date": d(2025, 12, 10),
        "status": "approved",
        "location": "Council Chamber, Civic Centre, Northmere",
        "attendees": "Councillor Lynne Carter, Leader (Chair); Councillor Dev Mistry, Cabinet Member for "
        "Children and Education; other Cabinet Members",
        "summary": ps("Cabinet decided to build a family portal and assistant for the SEND service."),
        "items": [
            (
                "Family portal and assistant for SEND",
                ps(
                    "The Cabinet Member for Children and Education introduced the report. Families had told "
                    "the council, through the Parent Carer Forum and in complaints, that they could not find "
                    "out where their child's assessment or plan had got to. Calls to the SEND team had risen "
                    "by a third in two years.",
                    "The proposal was a secure portal where parents see each stage of their child's plan and "
                    "its legal deadline, and an online assistant that answers common questions from the "
                    "Local Offer and can take a complaint or arrange a call back. A data protection impact "
                    "assessment and an accessibility audit would be completed before launch.",
                ),
                ps(
                    "RESOLVED that Cabinet (a) approves the business case for the family portal and "
                    "assistant; (b) delegates the launch date to the Director of Children's Services, in "
                    "consultation with the Cabinet Member; (c) asks the SEND Partnership Board to oversee "
                    "the "
                    "pilot with parents."
                ),
                [
                    (
                        "Complete the data protection impact assessment for the portal.",
                        "Data Protection Officer",
                        d(2026, 2, 28),
                    ),
                ],
            ),
        ],
        "documents": ["portal-business-case"],
    },
    {
        "slug": "send-partnership-board-2026-01-21",
        "committee": "send-partnership-board",
        "date": d(2026, 1, 21),
        "status": "approved",
        "location": "Committee Room 2, Civic Centre, Northmere",
        "attendees": "Helen Okafor (Chair); Dr Sam Whitfield; Priya Lal; Mark Dunmore; Jo Reyes, Northmere "
        "Parent Carer Forum; Ruth Osei, Head of SEND Casework",
        "summary": ps("The Board looked at the annual review backlog, phase transfers and the portal pilot."),
        "items": [
            (
                "Annual review backlog",
                ps(
                    "All annual review records were now in the case system. The Head of SEND Casework "
                    "reported 612 reviews overdue, of which 180 were more than three months late. A recovery "
                    "plan prioritised children moving school this year and children under 5."
                ),
                ps("RESOLVED that the Board agrees the annual review recovery plan."),
                [
                    (
                        "Report overdue annual reviews at every meeting until the backlog is cleared.",
                        "Head of SEND Casework",
                        d(2026, 3, 18),
                    ),
                ],
            ),
            (
                "Phase transfers: moving to secondary school in September 2026",
                ps(
                    "286 children with EHC plans move to secondary school in September. Their amended plans "
                    "must be issued by 15 February. So far 241 had been issued. Officers were confident the "
                    "rest would be issued on time, apart from around 12 where a school place was still being "
                    "agreed."
                ),
                ps("The Board noted the position."),
                [
                    (
                        "Tell each family whose plan will not be amended by 15 February why, and when it "
                        "will "
                        "be.",
                        "Head of SEND Casework",
                        d(2026, 2, 13),
                    ),
                ],
            ),
            (
                "You said, we did: Local Offer feedback",
                ps(
                    "The Parent Carer Forum presented the year's feedback on the Local Offer. Families "
                    "wanted "
                    "the EHCP process explained step by step with its time limits, and fewer PDFs. The SEND "
                    "team showed the new step-by-step page and the &lsquo;Was this page useful?&rsquo; form."
                ),
                ps("The Board thanked the Forum and agreed to publish the feedback and response."),
                [],
            ),
        ],
        "documents": [],
    },
    {
        "slug": "cyp-scrutiny-2026-02-26",
        "committee": "cyp-scrutiny",
        "date": d(2026, 2, 26),
        "status": "approved",
        "location": "Council Chamber, Civic Centre, Northmere",
        "attendees": "Councillor Rachel Moss (Chair), Councillors Idris Bell, Carol Finch, Nadia Rahman and "
        "Peter Wood\nOfficers: Priya Lal, Assistant Director for SEND and Inclusion",
        "summary": ps("Quarterly SEND report: timeliness, requests for assessment and complaints."),
        "items": [
            (
                "Quarterly SEND performance report",
                ps(
                    "The Assistant Director reported that 58% of new EHC plans in the quarter had been "
                    "issued "
                    "within 20 weeks, above the latest national figure. Of 412 requests for assessment in "
                    "the "
                    "year, 31% came from parents, 64% from schools and settings and 5% from young people and "
                    "others.",
                    "Stage 1 complaints answered within 10 working days had improved to 84%. Members asked "
                    "for the most common reasons; delay and communication accounted for two thirds.",
                    "Councillor Rahman asked about the cost of education other than at school (EOTAS) and "
                    "alternative provision. Officers said 64 children had EOTAS packages and a review of "
                    "each would be finished by the summer.",
                ),
                ps("RESOLVED that the Committee notes the report."),
                [
                    (
                        "Bring the review of EOTAS packages to the Committee.",
                        "Assistant Director for SEND and Inclusion",
                        d(2026, 7, 9),
                    ),
                ],
            ),
        ],
        "documents": ["timeliness-2025-26"],
    },
    {
        "slug": "send-partnership-board-2026-06-17",
        "committee": "send-partnership-board",
        "date": d(2026, 6, 17),
        "status": "approved",
        "location": "Online meeting",
        "attendees": "Helen Okafor (Chair); Dr Sam Whitfield; Priya Lal; Ruth Osei; Jo Reyes and Ann "
        "Patel, Northmere Parent Carer Forum",
        "summary": ps("The Board reviewed the family portal pilot and school transport for September."),
        "items": [
            (
                "Family portal pilot",
                ps(
                    "Forty families had used the portal for eight weeks. They said seeing the deadlines for "
                    "each step made them more confident, and asked for clearer wording where a step was "
                    "overdue. Calls to caseworkers from pilot families fell by a quarter.",
                    "The assistant had answered most process questions correctly; questions it could not "
                    "answer were passed to a caseworker for a call back.",
                ),
                ps(
                    "RESOLVED that the Board recommends the portal is offered to all families from the "
                    "autumn."
                ),
                [
                    (
                        "Change the wording of overdue steps with the Parent Carer Forum.",
                        "Head of Digital Services",
                        d(2026, 8, 31),
                    ),
                ],
            ),
            (
                "School transport for September",
                ps(
                    "Officers reminded the Board that applications for travel assistance from September "
                    "closed on 31 May. 37 late applications for children with EHC plans were being processed "
                    "so that no child would miss the start of term."
                ),
                ps("The Board noted the update."),
                [],
            ),
        ],
        "documents": [],
    },
    {
        "slug": "send-partnership-board-2026-10-14",
        "committee": "send-partnership-board",
        "date": d(2026, 10, 14),
        "status": "draft",
        "location": "Committee Room 2, Civic Centre, Northmere",
        "attendees": "Helen Okafor (Chair); Dr Sam Whitfield; Priya Lal; Ruth Osei; Jo Reyes, Northmere "
        "Parent Carer Forum",
        "summary": ps("Draft minutes: portal launch and annual review recovery."),
        "items": [
            (
                "Family portal launch",
                ps(
                    "The portal had opened to all families on 1 October. 1,140 parents had linked their "
                    "accounts in the first two weeks."
                ),
                ps("The Board noted the launch."),
                [],
            ),
            (
                "Annual review recovery",
                ps("Overdue annual reviews had fallen to 260, with none more than three months late."),
                ps("The Board noted the progress."),
                [],
            ),
        ],
        "documents": [],
    },
]

# Supporting documents, created as Wagtail documents: key -> (title, file name, content).
DOCUMENTS = {
    "portal-business-case": (
        "Family portal and assistant: summary of the business case",
        "family-portal-business-case-summary.txt",
        "Northmere Council - Family portal and assistant for SEND\n"
        "Summary of the business case approved by Cabinet on 10 December 2025\n\n"
        "Problem: families cannot see where their child's EHC needs assessment or plan has got to, and call "
        "the SEND team to find out. Calls rose by a third in two years.\n\n"
        "Proposal: a secure portal showing each stage of the child's plan with its statutory deadline, and "
        "an assistant answering common questions from the Local Offer.\n\n"
        "Safeguards: data protection impact assessment; access only through a link code issued by the "
        "caseworker; every view of a record logged; WCAG 2.2 AA accessibility audit before launch.\n",
    ),
    "timeliness-2025-26": (
        "EHC plans issued within 20 weeks, by month (2025 to 2026)",
        "ehcp-timeliness-2025-26.csv",
        "month,plans issued,issued within 20 weeks,percentage\n"
        "2025-04,31,10,32\n2025-05,28,9,32\n2025-06,34,12,35\n2025-07,30,12,40\n2025-08,22,9,41\n"
        "2025-09,36,15,42\n2025-10,38,18,47\n2025-11,35,19,54\n2025-12,29,17,59\n2026-01,33,20,61\n",
    ),
}

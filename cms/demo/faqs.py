"""FAQ answers for every key in the bot contract. The chatbot reads them through
/internal/bot/faq/<key>/; each links to the guide page that explains it in full."""

# key: (question, short answer, longer answer, guide slug)
FAQS = {
    "what_is_ehcp": (
        "What is an EHC plan?",
        "An education, health and care (EHC) plan is a legal document for a child or young person aged 0 "
        "to 25 who needs more support than their school or college can usually give. It sets out their "
        "needs, the outcomes they are working towards and the support they must get.",
        "Most children with special educational needs are helped through SEN support at school, without a "
        "plan.\n\nA plan comes from an EHC needs assessment, which takes up to 20 weeks, and it is reviewed "
        "at least every 12 months. The council must make sure the special educational provision in the plan "
        "is delivered.",
        "what-is-an-ehc-plan",
    ),
    "request_assessment": (
        "How do I ask for an EHC needs assessment?",
        "A parent, a young person aged 16 to 25, or a school or nursery can ask. Write to the SEND team "
        "saying you are asking for an EHC needs assessment and why. You do not need a diagnosis or the "
        "school's agreement.",
        "Email the SEND team or write to us, and include any reports you have. Keep a copy and note the "
        "date: the time limits start on the day we receive the request.\n\nWe must tell you within 6 weeks "
        "whether we will carry out an assessment. Northmere SENDIASS can help you write the request.",
        "requesting-an-assessment",
    ),
    "assessment_timeline": (
        "How long does an EHC needs assessment take?",
        "The council must decide whether to assess within 6 weeks of the request, and issue the final EHC "
        "plan within 20 weeks of the request.",
        "Along the way: professionals have 6 weeks from being asked to give their advice; if the council "
        "decides not to issue a plan it must tell you within 16 weeks of the request; and you get at least "
        "15 days to comment on the draft plan.\n\nThe time limits can only be extended for the exceptions in "
        "the regulations, such as a school holiday of 4 weeks or more when information is needed from the "
        "school, or exceptional personal circumstances.",
        "the-20-week-timeline",
    ),
    "draft_plan": (
        "What happens when I get the draft plan?",
        "You have at least 15 days from receiving the draft to comment on it, ask for a meeting with the "
        "council, and say which school or college you want named in the plan.",
        "Check that all the needs in the professional advice are included and that the support is "
        "specific: who gives it, how much and how often.\n\nThe council must name the school you ask for "
        "unless it is unsuitable for your child or would be incompatible with the efficient education of "
        "others or the efficient use of resources. The final plan must still be issued within 20 weeks of "
        "the request.",
        "draft-plan-and-naming-a-school",
    ),
    "annual_review": (
        "When is my child's plan reviewed?",
        "An EHC plan must be reviewed at least every 12 months. You are invited at least 2 weeks before "
        "the meeting, and the council tells you within 4 weeks of the meeting whether it will keep, amend "
        "or stop the plan.",
        "For children under 5, reviews every 3 to 6 months are recommended.\n\nIf the plan is amended you "
        "have 15 days to comment on the proposed changes, and the final amended plan is due within 8 weeks "
        "of the proposals (12 weeks in all from the meeting). When a child moves to secondary school the "
        "plan must be amended by 15 February of that year; for a move to post-16 education, by 31 March.\n\n"
        "You can ask for an early review if needs change. Northmere does not usually hold one less than 6 "
        "months after the last review, but considers every request.",
        "annual-reviews",
    ),
    "disagreement": (
        "What can I do if I disagree with a decision?",
        "Talk to your caseworker first. To appeal to the First-tier Tribunal (SEND), you must first contact "
        "a mediation adviser within 2 months of the decision, unless the appeal is only about the school "
        "named in the plan.",
        "If you decline mediation, the adviser gives you a certificate within 3 working days. If you choose "
        "mediation, it must happen within 30 days of the council being told.\n\nYou can appeal within 2 "
        "months of the decision, or within 1 month of the mediation certificate, whichever is later. "
        "Northmere SENDIASS can help you prepare.",
        "mediation-and-tribunal",
    ),
    "complaints": (
        "How do I make a complaint?",
        "You can complain online, by email or by phone. You get a reference number straight away, and a "
        "stage 1 answer within 10 working days.",
        "If the complaint is complicated the council may take up to 10 more working days, and will tell "
        "you why. If you are not happy with the answer you can ask for a stage 2 review.\n\nAfter that you "
        "can go to the Local Government and Social Care Ombudsman, who expects the council's process to be "
        "finished first and usually looks at complaints made within 12 months.",
        "complaints",
    ),
    "local_offer": (
        "What is the Local Offer?",
        "The Local Offer is where the council publishes the support available for children and young "
        "people with special educational needs and disabilities, and how to get it.",
        "It covers education, health and care services, travel, leisure and preparing for adulthood, and "
        "how to complain or challenge a decision. Every year the council publishes what families said "
        "about it and what changed as a result.\n\nIf you do not use the internet, the SEND team can send "
        "you the information on paper.",
        "about-the-local-offer",
    ),
    "sendiass": (
        "Where can I get independent advice?",
        "Northmere SENDIASS gives free, confidential and impartial advice about special educational needs "
        "to parents, children and young people. It is separate from the council's SEND team.",
        "They can help you ask for an assessment, respond to a draft plan, prepare for reviews and meetings, "
        "and understand mediation, appeals and complaints.\n\nPhone 01234 567891 or email "
        "sendiass@northmere.example.org. Young people aged 16 to 25 can contact them directly.",
        "independent-advice-sendiass",
    ),
    "sen_support": (
        "What help can my child get without an EHC plan?",
        "Schools and nurseries must support children with special educational needs. This is called SEN "
        "support: the school assesses your child's needs, plans support with you, puts it in place and "
        "reviews it, usually every term.",
        "Talk to your child's teacher or the special educational needs co-ordinator (SENCO).\n\nIf your "
        "child is not making progress with SEN support, you or the school can ask for an EHC needs "
        "assessment.",
        "sen-support",
    ),
    "personal_budget": (
        "Can I have a personal budget?",
        "You can ask for a personal budget for some of the support in an EHC plan once the council has "
        "said it will issue a plan, while it is drafted, or at an annual review.",
        "It can be paid to you as a direct payment, held by the council or school to buy what you choose, "
        "paid to someone else to manage, or a mix.\n\nA direct payment for support given in school needs "
        "the head teacher's agreement.",
        "personal-budgets",
    ),
    "eotas": (
        "What is education other than at school (EOTAS)?",
        "EOTAS is a package of education, such as tutoring and therapies, that an EHC plan can set out "
        "instead of a school place, when provision in a school would be inappropriate for the child.",
        "It is arranged and paid for by the council under section 61 of the Children and Families Act "
        "2014.\n\nIt is different from alternative provision, which is usually short-term education for "
        "pupils who cannot attend school, and from elective home education, where parents take on "
        "responsibility for their child's education themselves.",
        "education-other-than-at-school",
    ),
    "educational_psychologist": (
        "What does an educational psychologist do in an assessment?",
        "Every EHC needs assessment includes advice from an educational psychologist, who looks at how your "
        "child learns and what would help. The advice must be given within 6 weeks of being asked.",
        "The educational psychologist may meet your child at school or at home, talk to you and the "
        "teachers, and observe your child in class. You receive their advice with the draft plan.",
        "educational-psychologists",
    ),
    "school_transport": (
        "Can my child get transport to school?",
        "Children of compulsory school age can get free travel to their nearest suitable school if they "
        "cannot reasonably be expected to walk there because of their special educational needs, a "
        "disability or a mobility problem. You apply separately from the EHC plan.",
        "Other children qualify if the school is more than 2 miles away (under 8) or more than 3 miles "
        "away (8 to 16).\n\nFor students over 16 the council publishes a yearly transport policy "
        "statement. Apply by 31 May for travel from September.",
        "school-transport",
    ),
    "data_sharing": (
        "Who can see my child's information?",
        "Only people who need it to assess or support your child: the SEND caseworker and managers, the "
        "professionals giving advice, and the school or college named in the plan.",
        "In the family portal only parents linked to the child by a code from the caseworker can see the "
        "plan, and every time staff view a record it is logged.\n\nYou can ask for a copy of the "
        "information the council holds about you or your child; it will reply within one month.",
        "who-can-see-your-childs-information",
    ),
}

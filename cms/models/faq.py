"""FAQ answers: the words the chatbot says for each process question, edited by communications staff.

Rasa decides which question was asked and names it by a stable ``key``; the answer itself is read
from here at the moment of asking, so changing an answer needs no retraining and no developer."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

# The keys the chatbot's intents map to (the bot contract). Others may be added for the web site.
CONTRACT_KEYS = [
    "what_is_ehcp",
    "request_assessment",
    "assessment_timeline",
    "draft_plan",
    "annual_review",
    "disagreement",
    "complaints",
    "local_offer",
    "sendiass",
    "sen_support",
    "personal_budget",
    "eotas",
    "educational_psychologist",
    "school_transport",
    "data_sharing",
]

key_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$", "Use lower-case letters, numbers and underscores only, starting with a letter."
)


class FAQAnswerForm(WagtailAdminModelForm):
    """Once an answer exists its key is fixed: the chatbot finds the answer by it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "key" in self.fields:
            self.fields["key"].disabled = True
            self.fields["key"].help_text = "The chatbot looks this answer up by its key, so it cannot change."


class FAQAnswer(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    key = models.CharField(
        max_length=60,
        unique=True,
        validators=[key_validator],
        help_text="A stable name the chatbot uses, for example 'annual_review'. It cannot change later.",
    )
    question = models.CharField(max_length=200, help_text="The question as a parent would ask it.")
    answer = models.TextField(
        max_length=600,
        help_text="The short answer the chatbot gives first: two or three plain sentences, no links.",
    )
    more = models.TextField(
        "longer answer",
        max_length=3000,
        blank=True,
        help_text="More detail, for when someone asks for more. Plain text; a blank line starts a paragraph.",
    )
    guide = models.ForeignKey(
        "cms.GuidePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faq_answers",
        help_text="The guide page that explains this in full. The chatbot links to it.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="faqanswer")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="faqanswer",
        for_concrete_model=False,
    )

    base_form_class = FAQAnswerForm
    panels = [
        HelpPanel(
            content="<p>The chatbot gives this answer as soon as it is published, without retraining. "
            "Check every time limit against the SEND Regulations before you submit it.</p>"
        ),
        FieldPanel("key"),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("more"),
        FieldPanel("guide"),
    ]
    search_fields = [
        index.SearchField("question"),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
        index.FilterField("key"),
    ]

    class Meta:
        ordering = ["question"]
        verbose_name = "FAQ answer"

    def __str__(self):
        return self.question

    @property
    def revisions(self):
        return self._revisions

    def more_paragraphs(self):
        return [p.strip() for p in self.more.split("\n\n") if p.strip()]

"""The knowledge base: the answers the assistant gives to process questions, kept by communications
staff under the same moderation and preview as pages.

Each entry has a question, a short answer that leads with the fact asked for, a longer answer, the
guide page it links to, and example questions in families' own words. The assistant finds the
entry by retrieval over the published entries (``cms.knowledge``), so an entry that staff publish,
edit, unpublish or delete changes the answers at once, with no retraining; Rasa's topic intent
names an entry by its stable ``key`` and is one signal among others."""

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
    topic = models.CharField(
        max_length=40,
        blank=True,
        help_text="A short name for the subject, for example 'annual_review'. Used in the reports.",
    )
    answer = models.TextField(
        max_length=700,
        help_text="The short answer the chatbot gives first: at most about 80 words, starting with the "
        "fact asked for (the number, the date, who does what). Plain sentences, no links.",
    )
    more = models.TextField(
        "longer answer",
        max_length=3000,
        blank=True,
        help_text="More detail, for when someone asks for more. Plain text; a blank line starts a paragraph.",
    )
    examples = models.TextField(
        "example questions",
        blank=True,
        help_text="Ways families ask this, one per line, in their own words (typos and all). The "
        "assistant matches new questions against these.",
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
            content="<p>The assistant gives this answer as soon as it is published, without retraining. "
            "Check every time limit against the SEND Regulations before you submit it. Add the ways "
            "families really ask the question under 'Example questions'.</p>"
        ),
        FieldPanel("key"),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("more"),
        FieldPanel("examples"),
        FieldPanel("guide"),
        FieldPanel("topic"),
    ]
    search_fields = [
        index.SearchField("question"),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
        index.FilterField("key"),
    ]

    class Meta:
        ordering = ["question"]
        verbose_name = "knowledge base entry"
        verbose_name_plural = "knowledge base"

    def __str__(self):
        return self.question

    @property
    def revisions(self):
        return self._revisions

    def example_list(self):
        return [line.strip() for line in self.examples.splitlines() if line.strip()]

    def more_paragraphs(self):
        return [p.strip() for p in self.more.split("\n\n") if p.strip()]


class UnansweredQuestion(models.Model):
    """A question the assistant could not answer with confidence, counted, for comms staff to see
    what the knowledge base lacks. The words are kept only as long as the chat itself
    (CHAT_RETENTION_DAYS, by ``purge_chat_history``): they may hold a name."""

    text = models.CharField(max_length=300, unique=True, help_text="The question, lower case.")
    count = models.PositiveIntegerField(default=1)
    first_asked = models.DateTimeField(auto_now_add=True)
    last_asked = models.DateTimeField(auto_now=True, db_index=True)
    closest = models.ForeignKey(
        FAQAnswer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The entry that came closest.",
    )
    closest_score = models.FloatField(default=0)

    class Meta:
        ordering = ["-last_asked"]
        verbose_name = "unanswered question"

    def __str__(self):
        return self.text

"""StreamField blocks for Local Offer pages. Each block renders a GOV.UK Design System component,
so editors choose *what* to say and the markup stays accessible and consistent."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

# Rich text features editors may use in body text: no colours, no embedded HTML, no images inside
# paragraphs (images without alt text are the commonest accessibility failure in council sites).
BODY_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading (h2)"), ("h3", "Subheading (h3)")],
        default="h2",
        help_text="Use headings in order: an h3 only under an h2.",
        # The level is layout, not content: without this, search snippets quoted "Heading (h2)".
        search_index=False,
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"


class InsetTextBlock(blocks.RichTextBlock):
    """A quotation, example or an extra point that stands apart from the text around it."""

    def __init__(self, **kwargs):
        super().__init__(features=["bold", "link", "document-link"], **kwargs)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/inset_text.html"


class WarningTextBlock(blocks.TextBlock):
    """Something families must not miss (a legal deadline, a consequence)."""

    class Meta:
        icon = "warning"
        template = "cms/blocks/warning_text.html"
        help_text = "Keep it to one or two sentences."


class DetailsBlock(blocks.StructBlock):
    """Extra information that only some families need, behind a summary line (native <details>)."""

    summary = blocks.CharBlock(max_length=120, help_text="The clickable line, for example 'What is a SENCO?'")
    content = blocks.RichTextBlock(features=BODY_FEATURES)

    class Meta:
        icon = "collapse-down"
        template = "cms/blocks/details.html"


class CallToActionBlock(blocks.StructBlock):
    """A start button pointing at one next step: a page on this site or a form elsewhere."""

    text = blocks.CharBlock(max_length=60, help_text="A verb first: 'Ask for an assessment'.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Only when the action is not a page on this site.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose a page on this site or enter a web address, not both."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_links.html"


class GuideStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, template="cms/blocks/rich_text.html")
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    call_to_action = CallToActionBlock()
    document_links = DocumentLinksBlock()


class LinkBlock(blocks.StructBlock):
    """A link from a step of the EHCP journey: a page on this site or an outside address."""

    title = blocks.CharBlock(max_length=120)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose a page on this site or enter a web address, not both."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "link"


class AgreedActionBlock(blocks.StructBlock):
    """An action the committee agreed, with who owns it and when it is due."""

    action = blocks.TextBlock()
    owner = blocks.CharBlock(required=False, max_length=120)
    due = blocks.DateBlock(required=False)

    class Meta:
        icon = "tick"

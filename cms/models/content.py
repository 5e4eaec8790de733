"""What every Local Offer page type shares: a plain-text version of its content for search result
snippets, and re-indexing once its child rows (agenda items, steps) are saved."""

from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index


def plain_text(html):
    """Rich text or HTML as one line of plain text (block ends become spaces, not run-together)."""
    return " ".join(get_text_for_indexing(str(html)).split()) if html else ""


class ContentPage(Page):
    """Base for the site's page types. Not a page type itself (abstract)."""

    # What a search result calls this kind of page, in families' words (not the model's name).
    search_result_type = "Page"

    class Meta:
        abstract = True

    def get_search_text(self):
        """Plain text that a search result snippet may quote; page types add their own content."""
        return self.search_description or ""


class ReindexAfterChildrenMixin:
    """Re-index a page once its child relations are saved.

    Wagtail indexes a page in its post_save signal, but django-modelcluster writes the page's child
    rows (agenda items, steps) only after that signal has run, so the index would always hold the
    previous version of them. Indexing again after the whole cluster is written keeps a search for
    a word in an agenda item correct from the moment the page is saved or published."""

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        index.insert_or_update_object(self)
        return result

"""Shorthand for writing StreamField content in the demo data: each function returns one
(block type, value) pair of cms.blocks.GuideStreamBlock."""

from django.utils.html import escape


def h2(text):
    return ("heading", {"text": text, "level": "h2"})


def h3(text):
    return ("heading", {"text": text, "level": "h3"})


def p(*paragraphs):
    """Paragraphs of rich text (their HTML is written by us, so it is used as it is)."""
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def bullets(intro, items):
    """An introductory sentence and a bulleted list, as one rich text block."""
    lis = "".join(f"<li>{item}</li>" for item in items)
    return ("paragraph", (f"<p>{intro}</p>" if intro else "") + f"<ul>{lis}</ul>")


def numbered(intro, items):
    lis = "".join(f"<li>{item}</li>" for item in items)
    return ("paragraph", (f"<p>{intro}</p>" if intro else "") + f"<ol>{lis}</ol>")


def inset(text):
    return ("inset_text", f"<p>{text}</p>")


def warning(text):
    return ("warning_text", text)


def details(summary, *paragraphs):
    return ("details", {"summary": summary, "content": "".join(f"<p>{t}</p>" for t in paragraphs)})


def cta(text, url=None, page_slug=None):
    """A start button; ``page_slug`` names a demo guide page and is resolved when loading."""
    return ("call_to_action", {"text": text, "url": url or "", "page_slug": page_slug})


def link(url, text):
    return f'<a href="{escape(url)}">{escape(text)}</a>'

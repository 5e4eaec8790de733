"""Marking the words a family searched for in result titles and snippets.

Wagtail's database search backend does not return highlights, so we find the query's words in the
page text ourselves. Matching is by word start on a rough stem ("reviews" marks "review" and
"reviewed"), close to what PostgreSQL's English full-text search matched. Text is HTML-escaped
piece by piece, so page content can never inject markup: only our <mark> tags are HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

MARK_OPEN = '<mark class="app-search-result__highlight">'
MARK_CLOSE = "</mark>"

# Words too common to be worth marking (full-text search ignores them too).
_STOP_WORDS_TEXT = """
a an and are as at be but by can do for from has have how i if in is it my of on or our so that
the their them there this to was what when where which who why will with you your
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
SUFFIXES = ("ies", "ing", "es", "ed", "s")
MIN_STEM_LENGTH = 3


def query_terms(query):
    """The distinct words of a query worth marking, as stems, longest first."""
    stems = set()
    for word in re.findall(r"\w+", query.lower()):
        if word in STOP_WORDS or len(word) < 2:
            continue
        stems.add(_stem(word))
    return sorted(stems, key=len, reverse=True)


def _stem(word):
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LENGTH:
            return word[: -len(suffix)]
    return word


def _pattern(terms):
    if not terms:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)


def matches_every_term(text, query):
    """Whether every word of the query worth marking appears in ``text`` (as a word start)."""
    terms = query_terms(query)
    return bool(terms) and all(_pattern([term]).search(text or "") for term in terms)


def highlight(text, query):
    """``text`` escaped for HTML, with each word matching the query wrapped in a <mark>."""
    text = text or ""
    pattern = _pattern(query_terms(query))
    if pattern is None:
        return escape(text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(MARK_OPEN + escape(match.group(0)) + MARK_CLOSE)
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of page text above is escaped


def snippet(text, query, words=40):
    """About ``words`` words of ``text`` around the first match of the query, highlighted.

    Starts at the beginning when nothing matches (the page matched on a field we do not quote)."""
    tokens = (text or "").split()
    if not tokens:
        return ""
    pattern = _pattern(query_terms(query))
    first = 0
    if pattern is not None:
        for i, token in enumerate(tokens):
            if pattern.search(token):
                first = i
                break
    start = max(0, first - words // 4)
    end = min(len(tokens), start + words)
    start = max(0, min(start, end - words))
    excerpt = " ".join(tokens[start:end])
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(escape(prefix) + highlight(excerpt, query) + escape(suffix))  # noqa: S308

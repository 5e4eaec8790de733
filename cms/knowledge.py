"""Finding the knowledge base entry that answers a family's question, by retrieval over the
published entries: their questions, example questions and answers.

A question's score for an entry is the cosine similarity of their character n-grams (scikit-learn's
TF-IDF), so typos, word forms and word order matter little.

The index is rebuilt whenever the published entries change, checked by one cheap query per
question (the live entries' ids and publication times): an entry that staff publish, edit,
unpublish or delete changes the next answer on every worker and every node, with no signal to
pass between processes and nothing to retrain. Rebuilding for a hundred entries takes tens of
milliseconds. The thresholds were chosen on the tuning part of the chat evaluation set
(``tests/chatbot/chat_eval/``); docs/assistant.md has the figures."""

import hashlib
import re
import threading
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer

from cms.models import FAQAnswer

# At or above this (or clear of the next entry, below), the best entry is the answer. Below, the
# entry of Rasa's topic intent (the hint) is the answer if it is among the closest; otherwise the
# family is offered the closest entries to choose from, and a person. Measured (docs/assistant.md):
# letting the intent overrule confident retrieval gave fewer right answers, not more.
CONFIDENT_SCORE = 0.25
# ... or at least this, well clear of the next entry.
CLEAR_SCORE = 0.2
CLEAR_MARGIN = 0.02
ALTERNATIVES = 3

_lock = threading.Lock()
_cache = {"signature": None, "index": None}


def normalise(text):
    text = (text or "").lower().replace("’", "'")
    text = re.sub(r"'", "", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Entry:
    pk: int
    key: str
    question: str
    answer: str
    more: str
    guide_id: int | None
    examples: tuple = ()
    topic: str = ""


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float


class Index:
    """One document per entry (its question, answer and example questions together), over
    character n-grams: measured best of the lexical and semantic set-ups tried (docs/assistant.md)."""

    def __init__(self, entries):
        self.entries = list(entries)
        documents = [normalise(" ".join([e.question, e.answer, *e.examples])) for e in self.entries]
        self.vectoriser = None
        if any(documents):
            self.vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
            self.matrix = self.vectoriser.fit_transform(documents)

    def search(self, text, limit=ALTERNATIVES):
        if self.vectoriser is None or not normalise(text):
            return []
        scores = (self.matrix @ self.vectoriser.transform([normalise(text)]).T).toarray().ravel()
        ranked = sorted(range(len(self.entries)), key=lambda number: scores[number], reverse=True)[:limit]
        return [Match(self.entries[number], float(scores[number])) for number in ranked]


def _live_entries():
    return FAQAnswer.objects.filter(live=True).order_by("pk")


def _signature():
    rows = _live_entries().values_list("pk", "last_published_at", "latest_revision_id")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def index():
    """The index of the published entries, rebuilt when they have changed."""
    signature = _signature()
    if _cache["signature"] != signature:
        with _lock:
            if _cache["signature"] != signature:
                entries = [
                    Entry(
                        faq.pk,
                        faq.key,
                        faq.question,
                        faq.answer,
                        faq.more,
                        faq.guide_id,
                        tuple(faq.example_list()),
                        faq.topic,
                    )
                    for faq in _live_entries()
                ]
                _cache["index"] = Index(entries)
                _cache["signature"] = signature
    return _cache["index"]


@dataclass(frozen=True)
class Answer:
    """What retrieval found for one question: the entries to give (none when unsure) and the
    closest ones to offer instead."""

    answers: list
    alternatives: list


def _parts(text):
    """Two questions in one message: split at question marks and at 'and also' / 'also'."""
    parts = [part.strip() for part in re.split(r"\?|\balso\b|\band another thing\b", text) if part.strip()]
    return [part for part in parts if len(normalise(part).split()) >= 3]


def confident(found):
    """The best match, if it is good enough to give as the answer."""
    if not found:
        return None
    best, runner_up = found[0], (found[1].score if len(found) > 1 else 0.0)
    if best.score >= CONFIDENT_SCORE or (
        best.score >= CLEAR_SCORE and best.score - runner_up >= CLEAR_MARGIN
    ):
        return best
    return None


def answer(text, hint=None, using=None):
    """The entries that answer ``text`` (one, or two for a message asking two things), from the
    published entries (or from ``using``, an ``Index``, for the evaluation)."""
    using = using or index()
    found = using.search(text)
    if not found:
        return Answer([], [])
    chosen = confident(found)
    if chosen is None and hint:
        # Unsure from the words alone: Rasa's topic decides, if its entry is among the closest.
        chosen = next((match for match in found if match.entry.key == hint), None)
    if chosen is None:
        return Answer([], found)
    answers = [chosen]
    parts = _parts(text)
    if len(parts) >= 2:
        for part in parts:
            other = confident(using.search(part))
            if other is not None and other.entry.key not in {a.entry.key for a in answers}:
                answers.append(other)
                break
    return Answer(answers, [m for m in found if m.entry.key not in {a.entry.key for a in answers}])

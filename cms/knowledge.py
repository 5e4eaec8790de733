"""Finding the knowledge base entry that answers a family's question, by retrieval over the
published entries: their questions, example questions and answers.

Each entry is a handful of short documents (its question, each example, its answer); a question's
score for an entry is its best cosine similarity to any of them, over word and character n-grams
(scikit-learn's TF-IDF), so typos and word order matter little and one good example is enough.

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
from sklearn.pipeline import make_union

from cms.models import FAQAnswer

# At or above this (or clear of the next entry, below), the best entry is the answer. Below, the
# entry of Rasa's topic intent (the hint) is the answer if it is among the closest; otherwise the
# family is offered the closest entries to choose from, and a person. Measured (docs/assistant.md):
# letting the intent overrule confident retrieval gave fewer right answers, not more.
CONFIDENT_SCORE = 0.42
# ... or at least this, well clear of the next entry.
CLEAR_SCORE = 0.3
CLEAR_MARGIN = 0.15
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
    def __init__(self, entries):
        self.entries = list(entries)
        documents, owners = [], []
        for number, entry in enumerate(self.entries):
            for text in [entry.question, entry.answer, *entry.examples]:
                if normalise(text):
                    documents.append(normalise(text))
                    owners.append(number)
        self.owners = owners
        self.vectoriser = None
        if documents:
            self.vectoriser = make_union(
                TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english"),
            )
            self.matrix = self.vectoriser.fit_transform(documents)
            # Each half of the union is unit length: halve so a score runs from 0 to 1.
            self.matrix = self.matrix * 0.5

    def search(self, text, limit=ALTERNATIVES):
        if self.vectoriser is None or not normalise(text):
            return []
        query = self.vectoriser.transform([normalise(text)])
        scores = (self.matrix @ query.T).toarray().ravel()
        best = {}
        for owner, score in zip(self.owners, scores, strict=True):
            if score > best.get(owner, -1.0):
                best[owner] = float(score)
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)[:limit]
        return [Match(self.entries[owner], score) for owner, score in ranked]


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

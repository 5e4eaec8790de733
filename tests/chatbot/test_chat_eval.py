"""The chat evaluation: questions written as parents type them, each with the facts its first reply
must hold, the facts it must not state, and the guide page it must link. What is measured is the
reply a family reads (the knowledge base entries retrieval gives for their words), against the
demo knowledge base comms staff start from. Figures are printed by topic.

``tests/chatbot/chat_eval/questions.yml`` was written before any tuning, by someone who had not
seen the entries; its ``held_out`` part is never used for tuning and gates the build."""

from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from chatbot import nations
from cms import elapsed, knowledge
from cms.demo.faqs import FAQS
from cms.management.commands.load_demo_content import knowledge_base_specs
from portal.safeguarding import replies, screening
from portal.safeguarding.classifier import process_questions

QUESTIONS = Path(__file__).parent / "chat_eval" / "questions.yml"
# The share of held-out questions whose first reply must carry every fact asked for. The target is
# 90% (issue 9, still open); this is the level measured today (74/108, 68.5%, docs/assistant.md),
# kept as a floor so that no change makes the answers worse. Raise it with every improvement.
HELD_OUT_GATE = 0.67
NEAR_DUPLICATE = 0.9


def demo_entries():
    """The demo knowledge base as the loader publishes it: the file's entries, then today's FAQ
    answers that the file does not supersede."""
    entries, slugs = {}, {}
    for number, spec in enumerate(knowledge_base_specs()):
        examples = tuple(spec.get("examples") or [])
        entries[spec["key"]] = knowledge.Entry(
            number,
            spec["key"],
            spec["question"],
            spec["answer"],
            spec.get("more", ""),
            number,
            examples,
            spec.get("topic", ""),
        )
        slugs[number] = spec.get("guide")
    for number, (key, (question, answer, more, guide)) in enumerate(FAQS.items(), start=len(entries)):
        if key not in entries:
            entries[key] = knowledge.Entry(number, key, question, answer, more, number, ())
            slugs[number] = guide
    return list(entries.values()), slugs


def questions():
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]


@pytest.fixture(scope="module")
def demo():
    entries, slugs = demo_entries()
    return knowledge.Index(entries), slugs


def first_reply(index, text):
    """What the family reads first, and the guide page it links, in the bridge's order: the safety
    reply, then the other nations' reply, then the knowledge base."""
    concern = screening.screen(text)
    if concern is not None:
        return replies.build(concern).text, None
    elsewhere = nations.reply_for(text)
    if elsewhere is not None:
        return elsewhere.text, None
    found = knowledge.answer(text, using=index)
    note = elapsed.note_for(text)
    if note:
        reply, guide = first_reply_of(found)
        return f"{note}\n{reply}", guide
    return first_reply_of(found)


def first_reply_of(found):
    if not found.answers:
        return "I'm not sure I have the right answer to that. " + " ".join(
            m.entry.question for m in found.alternatives
        ), None
    return "\n".join(m.entry.answer for m in found.answers), found.answers[0].entry.guide_id


def judge(reply, guide, slugs, item):
    text = reply.lower()
    facts = all(
        any(alt.lower() in text for alt in alternatives) for alternatives in item.get("must_include") or []
    )
    wrong = [fact for fact in item.get("must_not_include") or [] if fact.lower() in text]
    linked = slugs.get(guide) == item.get("guide") if guide is not None else item.get("guide") == "contact-us"
    return facts and not wrong, linked, wrong


def measure(demo, split):
    index, slugs = demo
    by_topic, total = defaultdict(Counter), Counter()
    failures = []
    for item in questions():
        if item["split"] != split:
            continue
        reply, guide = first_reply(index, item["text"])
        right, linked, wrong = judge(reply, guide, slugs, item)
        for counter in (by_topic[item["topic"]], total):
            counter["asked"] += 1
            counter["right"] += right
            counter["linked"] += linked
        if not right:
            failures.append((item["text"], item.get("must_include"), wrong, reply[:160]))
    print(
        f"\nChat evaluation, {split}: {total['right']}/{total['asked']} first replies hold every fact "
        "asked for "
        f"({total['right'] / max(total['asked'], 1):.1%}); {total['linked']} link the expected guide"
    )
    for topic in sorted(by_topic):
        counts = by_topic[topic]
        print(f"  {topic:<16} {counts['right']:>3}/{counts['asked']:<3} right, {counts['linked']:>3} linked")
    return total, failures


def test_tuning_questions_are_measured(demo):
    total, _failures = measure(demo, "tune")
    assert total["asked"] >= 200


def test_held_out_questions_gate_the_build(demo):
    total, failures = measure(demo, "held_out")
    assert total["asked"] >= 100
    print(f"  gate {HELD_OUT_GATE:.0%} (target 90%)")
    share = total["right"] / total["asked"]
    assert share >= HELD_OUT_GATE, "\n".join(map(str, failures[:25]))


def test_no_question_is_a_near_duplicate_of_a_training_or_example_question():
    from sklearn.feature_extraction.text import TfidfVectorizer

    entries, _slugs = demo_entries()
    known = [*process_questions(), *(example for entry in entries for example in entry.examples)]
    known += [entry.question for entry in entries]
    asked = [item["text"] for item in questions()]
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit(known + asked)
    similarity = (
        vectoriser.transform([knowledge.normalise(t) for t in asked])
        @ vectoriser.transform([knowledge.normalise(t) for t in known]).T
    )
    duplicates = [
        (asked[row], known[similarity[row].argmax()])
        for row in range(len(asked))
        if similarity[row].max() >= NEAR_DUPLICATE
    ]
    assert not duplicates, duplicates[:10]

"""The safety screen, measured on what families write: every concern in the example sets caught and
routed right, at most 2% of the near misses raising an alarm. Figures are printed by kind.

``portal/safeguarding/examples/`` holds the sets the rules were written from and the classifier is
trained on; each was first measured before it was used (docs/safeguarding.md has those figures).
Any set in ``tests/chatbot/safety_cases/`` is one nothing was tuned on: it is measured and printed
the same way, and gated for recall."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from portal.safeguarding import classifier, detector, screening

EXAMPLES = classifier.EXAMPLES_DIR
HELD_OUT = Path(__file__).parent / "safety_cases"
# The child's own self-harm takes the same routes as the parent's, with Childline among them.
ROUTE = {"child_self_harm": detector.SUICIDE_SELF_HARM}
MAX_FALSE_ALARMS = 0.02


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["concerns"], [
        item["text"] if isinstance(item, dict) else item for item in data["near_misses"]
    ]


def measure(path):
    concerns, near_misses = load(path)
    caught, routed, total = Counter(), Counter(), Counter()
    missed, misrouted = [], []
    for item in concerns:
        kind = item["category"]
        total[kind] += 1
        concern = screening.screen(item["text"])
        if concern is None:
            missed.append(item["text"])
            continue
        caught[kind] += 1
        if ROUTE.get(kind, kind) in concern.categories:
            routed[kind] += 1
        else:
            misrouted.append((kind, concern.categories, item["text"]))
    alarms = [text for text in near_misses if screening.screen(text) is not None]
    print(
        f"\n{path.name}: {sum(caught.values())}/{len(concerns)} concerns caught, "
        f"{sum(routed.values())} routed right; {len(alarms)}/{len(near_misses)} false alarms"
    )
    for kind in sorted(total):
        print(f"  {kind:<18} caught {caught[kind]}/{total[kind]}, routed right {routed[kind]}/{total[kind]}")
    return missed, misrouted, alarms, len(near_misses)


def example_sets():
    return sorted(EXAMPLES.glob("*.yml"))


@pytest.mark.parametrize("path", example_sets(), ids=lambda path: path.stem)
def test_every_concern_is_caught_and_routed_and_near_misses_stay_quiet(path):
    missed, misrouted, alarms, near_total = measure(path)
    assert not missed, missed
    assert not misrouted, misrouted
    assert len(alarms) <= MAX_FALSE_ALARMS * near_total, alarms


@pytest.mark.parametrize("path", sorted(HELD_OUT.glob("*.yml")), ids=lambda path: path.stem)
def test_held_out_set_is_measured(path):
    missed, _misrouted, alarms, near_total = measure(path)
    concerns, _ = load(path)
    # Never tuned on: recall is what matters most, and it is gated; the rest is reported.
    assert len(missed) <= 0.05 * len(concerns), missed


def test_the_example_sets_hold_enough_of_each_kind():
    kinds, near = Counter(), 0
    for path in example_sets():
        concerns, near_misses = load(path)
        kinds.update(item["category"] for item in concerns)
        near += len(near_misses)
    assert sum(kinds.values()) >= 60 and near >= 60
    assert set(kinds) == {*detector.CATEGORIES, "child_self_harm"}


@pytest.mark.parametrize(
    "text",
    [
        "i cant do this anymore ... i just want it all to stop",
        "I'm at breaking point and I'm scared I might hurt myself",
        "my 15 year old is threatening to hurt himself tonight",
        "his TA drags him by the arm and locks him in a room",
        "I think a child in my son's class is being hurt at home",
        "dont see the point in anything",
        "i want to kil myslef",
    ],
)
def test_the_messages_of_the_issue_are_caught(text):
    assert screening.screen(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "my son hurt his arm at PE",
        "stop the complaint",
        "I'm worried about the transport",
        "cancel",
        "what is an EHCP?",
        "when is Leo's annual review",
        "",
        "   ",
    ],
)
def test_everyday_messages_are_left_alone(text):
    assert screening.screen(text) is None


def test_the_kind_of_concern_decides_the_first_route():
    assert (
        screening.screen("his TA drags him by the arm and locks him in a room").primary
        == detector.STAFF_ABUSE
    )
    assert screening.screen("my partner hits me when the kids are in bed").primary == detector.DOMESTIC_ABUSE
    assert screening.screen("i want to end my life tonight").immediate


def test_a_broken_classifier_leaves_the_rules_standing(monkeypatch):
    def broken(text):
        raise RuntimeError("model file damaged")

    monkeypatch.setattr(classifier, "probability", broken)
    assert screening.screen("i want to kill myself") is not None
    assert screening.screen("what is an ehcp") is None


def test_odd_input_never_raises():
    for value in [None, 12, "\x00" * 50, "🙂" * 3000, "a" * 100_000, "kill " * 5000]:
        screening.screen(value)


def test_the_fast_scorer_gives_the_pipelines_own_probability():
    concerns, near = [], []
    for path in example_sets():
        set_concerns, set_near = load(path)
        concerns += [item["text"] for item in set_concerns]
        near += set_near
    pipeline = classifier.train(concerns[::2], near[::2] + classifier.process_questions()[::4])
    scorer = classifier.Scorer(pipeline)
    for text in concerns[1::7] + near[1::7] + ["", "what is an ehcp", "x" * 3000]:
        expected = pipeline.predict_proba([detector.normalise(text)])[0][1]
        assert abs(classifier.probability(text, scorer) - expected) < 1e-9, text

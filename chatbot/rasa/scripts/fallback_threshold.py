"""Choose the FallbackClassifier threshold from measured confidences, not by guessing.

Reads intent_successes.json and intent_errors.json from a cross-validation run of the pipeline
*without* the FallbackClassifier (scripts/cross_validate.py --no-fallback), so every held-out
message has the classifier's own top intent and confidence. For each candidate threshold it prints
how many right answers would still be given (the rest get "I'm not sure": annoying, but safe) and
how many wrong answers would still be given (a confident wrong answer: what we must avoid).

    python scripts/fallback_threshold.py results/cv-raw
"""

import argparse
import json
import sys
from pathlib import Path


def macro_f1(messages: list[tuple[str, str, float]], threshold: float) -> float:
    """Macro F1 over the true intents when predictions below ``threshold`` become "not sure"."""
    intents = {true for true, _, _ in messages}
    scores = []
    for intent in intents:
        hits = sum(1 for t, p, c in messages if t == intent and p == intent and c >= threshold)
        predicted = sum(1 for _, p, c in messages if p == intent and c >= threshold)
        actual = sum(1 for t, _, _ in messages if t == intent)
        precision = hits / predicted if predicted else 0.0
        recall = hits / actual
        scores.append(2 * precision * recall / (precision + recall) if hits else 0.0)
    return sum(scores) / len(scores)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", type=Path)
    args = parser.parse_args()

    successes = json.loads((args.results / "intent_successes.json").read_text())
    errors = json.loads((args.results / "intent_errors.json").read_text())
    right = [m["intent_prediction"]["confidence"] for m in successes]
    wrong = [m["intent_prediction"]["confidence"] for m in errors]
    messages = [
        (m["intent"], m["intent_prediction"]["name"], m["intent_prediction"]["confidence"])
        for m in successes + errors
    ]
    total = len(right) + len(wrong)
    print(f"{total} held-out messages: {len(right)} classified right, {len(wrong)} wrong (no fallback)")
    print("threshold | right answers kept | wrong answers still given | 'not sure' replies | macro F1")
    for step in range(10, 75, 5):
        threshold = step / 100
        kept = sum(c >= threshold for c in right)
        still_wrong = sum(c >= threshold for c in wrong)
        not_sure = total - kept - still_wrong
        print(
            f"   {threshold:.2f}   | {kept:4d} ({kept / len(right):6.1%})      | "
            f"{still_wrong:4d} ({still_wrong / total:5.1%} of all)      | "
            f"{not_sure:4d} ({not_sure / total:5.1%})      | {macro_f1(messages, threshold):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fail the build when intent classification is not good enough.

Reads the intent_report.json that `rasa test nlu --cross-validation` wrote and prints the macro F1
over the assistant's intents. A message the FallbackClassifier turned into `nlu_fallback` counts as
a miss for its true intent (lower recall), but `nlu_fallback` itself is not one of our intents and
is left out of the average (it never has true examples, so its F1 is always 0).

    python scripts/nlu_gate.py results/cross-validation --min 0.90
"""

import argparse
import json
import sys
from pathlib import Path

NOT_INTENTS = {"accuracy", "macro avg", "weighted avg", "micro avg", "nlu_fallback"}


def macro_f1(report: dict) -> tuple[float, dict[str, float]]:
    scores = {
        name: row["f1-score"]
        for name, row in report.items()
        if name not in NOT_INTENTS and row.get("support")
    }
    return sum(scores.values()) / len(scores), scores


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", type=Path)
    parser.add_argument("--min", type=float, default=0.90)
    args = parser.parse_args()

    report = json.loads((args.results / "intent_report.json").read_text())
    score, scores = macro_f1(report)
    worst = sorted(scores.items(), key=lambda item: item[1])[:5]
    print(f"NLU macro F1 over {len(scores)} intents: {score:.3f} (gate: {args.min:.2f})")
    print(
        f"Accuracy: {report['accuracy']:.3f}; Rasa's own macro avg (with the nlu_fallback row): "
        f"{report['macro avg']['f1-score']:.3f}"
    )
    errors_file = args.results / "intent_errors.json"
    if errors_file.exists():
        errors = json.loads(errors_file.read_text())
        to_fallback = sum(1 for e in errors if e["intent_prediction"]["name"] == "nlu_fallback")
        print(
            f"Wrong answers: {len(errors) - to_fallback}; "
            f"'not sure' (fallback) instead of an answer: {to_fallback}"
        )
    print("Weakest intents: " + ", ".join(f"{name} {value:.2f}" for name, value in worst))
    if score < args.min:
        print(
            f"FAILED: macro F1 {score:.3f} is below {args.min:.2f}. Improve the training data in data/nlu/."
        )
        return 1
    print("PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())

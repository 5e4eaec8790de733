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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", type=Path)
    args = parser.parse_args()

    right = [
        m["intent_prediction"]["confidence"]
        for m in json.loads((args.results / "intent_successes.json").read_text())
    ]
    wrong = [
        m["intent_prediction"]["confidence"]
        for m in json.loads((args.results / "intent_errors.json").read_text())
    ]
    total = len(right) + len(wrong)
    print(f"{total} held-out messages: {len(right)} classified right, {len(wrong)} wrong (no fallback)")
    print("threshold | right answers kept | wrong answers still given | 'not sure' replies")
    for step in range(10, 75, 5):
        threshold = step / 100
        kept = sum(c >= threshold for c in right)
        still_wrong = sum(c >= threshold for c in wrong)
        not_sure = total - kept - still_wrong
        print(
            f"   {threshold:.2f}   | {kept:4d} ({kept / len(right):6.1%})      | "
            f"{still_wrong:4d} ({still_wrong / total:5.1%} of all)      | "
            f"{not_sure:4d} ({not_sure / total:5.1%})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

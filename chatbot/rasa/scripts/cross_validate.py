"""Run `rasa test nlu --cross-validation` with fixed folds, and time it.

Rasa shuffles the folds with numpy's global random state and no seed, so two runs of the same
data give slightly different figures. Seeding it first makes the F1 gate in `make rasa-test`
reproducible: the same data always gives the same folds and the same figure.

    python scripts/cross_validate.py --config config.yml --folds 5 --out results/cv

Rasa's evaluation undoes FallbackClassifier predictions, so the figures (and the confidences in
intent_successes.json / intent_errors.json, read by scripts/fallback_threshold.py) are the
classifier's own.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

SEED = 2026


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--config", default="config.yml", type=Path)
    parser.add_argument("--nlu", default="data/nlu")
    parser.add_argument("--folds", default=5, type=int)
    parser.add_argument("--out", default="results/cross-validation", type=Path)
    args = parser.parse_args()

    import numpy

    random.seed(SEED)
    numpy.random.seed(SEED)
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    config = args.config
    args.out.mkdir(parents=True, exist_ok=True)

    sys.argv = [
        "rasa", "test", "nlu", "--cross-validation", "--folds", str(args.folds), "--config", str(config),
        "--nlu", args.nlu, "--domain", "domain", "--out", str(args.out), "--successes", "--no-plot",
    ]  # fmt: skip
    print(f"Cross-validating {args.config} ({args.folds} folds): " + " ".join(sys.argv), flush=True)
    started = time.monotonic()
    from rasa.__main__ import main as rasa_main

    try:
        rasa_main()
    except SystemExit as exit_:
        if exit_.code not in (0, None):
            return int(exit_.code)
    seconds = time.monotonic() - started
    (args.out / "timing.json").write_text(
        json.dumps({"config": str(args.config), "folds": args.folds, "seconds": round(seconds, 1)})
    )
    print(f"Cross-validation took {seconds:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

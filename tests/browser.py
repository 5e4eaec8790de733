"""Browser tests in real headless Chromium (Debian's package), driven by Playwright, with axe-core.

Playwright's own browser download is never used: it is pointed at the system Chromium. There is
one browser per pytest process (the `browser` fixture in tests/conftest.py): Playwright's sync API
cannot start a second one while the first runs."""

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# WCAG 2.2 A and AA, and the earlier levels it includes.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The machine has no network: keep Chromium from reaching out at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class PageProblems:
    """Console errors and Content-Security-Policy violations seen while a page was open."""

    def __init__(self, page):
        self.errors = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def _on_console(self, message):
        if message.type == "error":
            self.errors.append(message.text)


def axe_violations(page):
    """Runs axe-core in the page through the DevTools protocol, so the page's CSP stays on."""
    page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"axe-core found violations on {page.url}:\n{json.dumps(violations, indent=2)}"
    assert page.problems.errors == [], f"console errors on {page.url}: {page.problems.errors}"

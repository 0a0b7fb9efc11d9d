"""Checks on pages in the browser: axe-core, the accessibility engine, run
inside the page under test, and the Content-Security-Policy's refusals.

axe-core's script comes from the ``axe-playwright-python`` package (a dev
dependency), which ships axe-core's build: nothing to fetch from a CDN or npm.
"""

import json
from importlib import resources

# What "WCAG 2.2 A/AA" means to axe-core: its rules tagged with these.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source():
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()


def run_axe(page, axe_source):
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now."""
    page.evaluate(axe_source)
    options = {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def describe_violations(violations):
    """axe's findings as a reader-friendly report: rule, impact, help, nodes."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", " ")
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def csp_violations(console_errors):
    """The console errors that report something the policy refused."""
    return [text for text in console_errors if "Content Security Policy" in text]

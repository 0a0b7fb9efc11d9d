"""The apps import each other in one direction, and no product module grows
past what a newcomer can read.

The layers, lowest first: the site-wide pieces in ``newsroom`` (site settings
and pages, media and renditions, the page cache and its generation,
throttling, text rules), then the image ``library`` (heroes and avatars alike
point at it), then ``authors``, then ``articles``, then the reader services on
top of the news (``newsletter``, ``contact``), then the archive ``imports``
(they write articles and subscribers), then the ``demo``.
``newsroom``'s settings, URLs and WSGI entry are the project, above them all.
Every import counts, a function's own included: an import pushed inside a
function to dodge a cycle is still the cycle.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS = [
    {"newsroom"},
    {"library"},
    {"authors"},
    {"articles"},
    {"newsletter", "contact"},
    {"imports"},
    {"demo"},
]
PROJECT_MODULES = ("newsroom.settings", "newsroom.urls", "newsroom.wsgi")
APPS = set().union(*LAYERS)
LONGEST_MODULE = 500


def level_of(app):
    return next(level for level, apps in enumerate(LAYERS) if app in apps)


def product_modules():
    for app in sorted(APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def part_of_the_project(module):
    # settings_test is the project's too.
    return module.startswith(PROJECT_MODULES)


def imported_apps(path):
    """Each app a module imports, with the line: top-level and in-function."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                yield top, name, node.lineno


def upward_imports():
    found = []
    for module, path in product_modules():
        if part_of_the_project(module):
            continue
        app = module.split(".")[0]
        for target, name, line in imported_apps(path):
            if target != app and level_of(target) >= level_of(app):
                found.append(f"{module}:{line} imports {name}")
    return found


def test_the_module_list_sees_every_app_and_the_project():
    modules = dict(product_modules())
    assert {module.split(".")[0] for module in modules} == APPS
    assert "newsroom.urls" in modules and "articles.services" in modules
    assert part_of_the_project("newsroom.settings_test")
    assert not part_of_the_project("newsroom.generations")


def test_no_app_imports_an_app_above_it_or_beside_it():
    assert upward_imports() == []


def test_an_upward_import_inside_a_function_is_found(tmp_path):
    # The check reads function bodies too: a cycle dodged by a late import
    # is still reported.
    hidden = tmp_path / "authors"
    hidden.mkdir()
    (hidden / "late.py").write_text(
        "def shown():\n    from articles.models import Article\n    return Article\n"
    )
    assert list(imported_apps(hidden / "late.py")) == [
        ("articles", "articles.models", 2)
    ]


@pytest.mark.parametrize("app", sorted(APPS))
def test_no_product_module_is_longer_than_a_newcomer_reads(app):
    too_long = {
        module: lines
        for module, path in product_modules()
        if module.split(".")[0] == app
        and (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    }
    assert too_long == {}

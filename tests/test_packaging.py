"""The package's own metadata, as pip and setuptools read it."""

import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
)


def test_the_licence_is_an_spdx_expression_that_installs_without_a_warning():
    # The `license = {text = ...}` table is deprecated (PEP 639): setuptools
    # warns on every install and stops reading it in 2027. The SPDX string
    # needs setuptools 77 or later to build.
    assert PYPROJECT["project"]["license"] == "BSD-3-Clause"
    assert "setuptools>=77" in PYPROJECT["build-system"]["requires"]

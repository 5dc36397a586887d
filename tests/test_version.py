"""``jovianview --version`` reports the package version, installed or from a source tree."""

from __future__ import annotations

import tomllib
from pathlib import Path

import jovianview
from jovianview.cli.main import main

REPO = Path(__file__).resolve().parent.parent


def test_version_matches_pyproject(capsys) -> None:
    with (REPO / "pyproject.toml").open("rb") as fh:
        expected = tomllib.load(fh)["project"]["version"]
    # "0.1.0" when installed; "0.1.0+source" from a checkout that was never installed.
    assert jovianview.__version__.split("+")[0] == expected
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.strip() == f"jovianview {jovianview.__version__}"


def test_source_version_reads_pyproject() -> None:
    assert jovianview._source_version().endswith("+source")

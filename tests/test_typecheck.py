"""The package type-checks: ``mypy jovianview`` with the settings in pyproject.toml.

``.ci/run`` runs the same check before the tests; this test makes the README's test command
cover it too. The whole package is checked, qt/ included (issue 17).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_mypy_passes_on_the_package():
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "jovianview"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"mypy jovianview failed:\n{result.stdout}{result.stderr}"
    assert "Success" in result.stdout, result.stdout


def test_no_part_of_the_package_is_excused_from_the_checks():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for override in config["tool"]["mypy"].get("overrides", []):
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        if any(m.startswith("jovianview") for m in modules):
            assert not override.get("ignore_errors"), f"mypy skips {modules}"
    ignores = config["tool"]["ruff"]["lint"].get("per-file-ignores", {})
    excused = [path for path in ignores if path.startswith("jovianview")]
    assert not excused, f"ruff rules switched off for {excused}"

"""The layer contracts in pyproject.toml hold, and the code is ruff clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint_imports).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [lint_imports, "--config", str(REPO / "pyproject.toml")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [ruff, "check", "."],  # the same command as .ci/run
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_imports_no_gui_toolkit():
    code = (
        "import sys, jovianview.core, jovianview.core.ephemeris; "
        "bad = [m for m in ('vispy', 'PyQt6') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=60)


def test_core_has_no_network_or_file_format_code():
    """Downloads and image decoding live in jovianview.data (issue 17, redesign 2).

    (skyfield, which core uses for time scales, imports urllib itself; the check is on
    jovianview's own source.)
    """
    import re

    banned = re.compile(r"^\s*(import|from)\s+(urllib|http|socket|PIL|jovianview\.data)\b",
                        re.MULTILINE)
    for path in (REPO / "jovianview" / "core").rglob("*.py"):
        found = banned.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.relative_to(REPO)}: {found.group(0).strip()}"

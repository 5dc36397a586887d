"""Release hygiene (issue 17): licence files, run-time dependencies, the constraints the
bundle is built from, and the desktop and AppStream files checked by their validators."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.bundle_helpers import REPO

LINUX = REPO / "packaging" / "linux"
APP_ID = "org.jovianview.jovianview"


def _project() -> dict:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it: apt-get install "
                    f"{'appstream' if name == 'appstreamcli' else 'desktop-file-utils'})")
    return path


def test_licence_files() -> None:
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "either version 2" in licence and "or (at your option) any later version" in licence
    assert "GNU GENERAL PUBLIC LICENSE\n                       Version 2, June 1991" in licence
    assert "PyQt6" in licence and "version 3" in licence
    gpl3 = (REPO / "LICENSES" / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "Version 3, 29 June 2007" in gpl3
    assert _project()["license"] == "GPL-2.0-or-later"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "GPL-2.0-or-later" in readme and "GPL-3" in readme and "PyQt6" in readme


def test_build_script_puts_the_licences_in_the_bundle() -> None:
    build = (REPO / "packaging" / "build.py").read_text(encoding="utf-8")
    assert 'ROOT / "LICENSE"' in build and '"GPL-3.0.txt"' in build


def _imported_top_level_modules() -> set[str]:
    found = set()
    pattern = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_][\w]*)", re.MULTILINE)
    for path in (REPO / "jovianview").rglob("*.py"):
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_build_time_packages_are_not_run_time_dependencies() -> None:
    deps = {canonicalize_name(Requirement(d).name) for d in _project()["dependencies"]}
    imported = _imported_top_level_modules()
    # trimesh only rebuilds the stored Juno model (tools/, tests); skyfield-data is DE421 for
    # the generators and tests. The program never imports them at run time.
    assert "skyfield_data" not in imported
    assert {"trimesh", "skyfield-data"} & deps == set()
    extras = _project()["optional-dependencies"]
    for name in ("trimesh", "skyfield-data"):
        assert any(Requirement(r).name == name for r in extras["generate"])
        assert any(Requirement(r).name == name for r in extras["test"])


def test_trimesh_is_imported_only_to_rebuild_the_stored_model() -> None:
    hits = [p for p in (REPO / "jovianview").rglob("*.py")
            if re.search(r"^\s*import trimesh", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert [p.name for p in hits] == ["juno_model.py"]
    assert (REPO / "assets" / "models" / "juno.npz").exists()  # so it is never needed


def test_constraints_pin_every_run_time_dependency_within_its_range() -> None:
    lines = (REPO / "packaging" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(req.name)] = spec.version
    for text in _project()["dependencies"]:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not pinned in packaging/constraints.txt"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {text}"
    build = (REPO / "packaging" / "build.py").read_text(encoding="utf-8")
    assert '"constraints.txt"' in build and '"-c"' in build


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = _tool("desktop-file-validate")
    proc = subprocess.run([tool, str(LINUX / f"{APP_ID}.desktop")], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "error" not in (proc.stdout + proc.stderr).lower()


def test_appstream_metadata_passes_appstreamcli_validate(tmp_path: Path) -> None:
    tool = _tool("appstreamcli")
    # As packaging/build.py installs it: the release version and date filled in.
    text = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    filled = tmp_path / f"{APP_ID}.metainfo.xml"
    filled.write_text(text.replace("@VERSION@", _project()["version"])
                      .replace("@DATE@", "2026-01-01"), encoding="utf-8")
    proc = subprocess.run([tool, "validate", "--no-net", "--explain", str(filled)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ci_installs_the_validators() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "appstream" in ci.split() and "desktop-file-utils" in ci.split()


def test_missing_juno_model_without_trimesh_is_a_clear_error(monkeypatch, tmp_path) -> None:
    import builtins

    from jovianview.core.errors import DataFileError
    from jovianview.render import juno_model

    real_import = builtins.__import__

    def no_trimesh(name, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if name == "trimesh":
            raise ImportError("No module named 'trimesh'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(juno_model, "assets_dir", lambda: tmp_path)
    monkeypatch.setattr(builtins, "__import__", no_trimesh)
    juno_model.juno_mesh.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"jovianview\[generate\]"):
            juno_model.juno_mesh()
    finally:
        juno_model.juno_mesh.cache_clear()

"""The packaging sources, checked without building: icons, desktop metadata, spec, build.py."""

from __future__ import annotations

import ast
import struct
import sys
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import numpy as np
import pytest

from jovianview.data.images import decode as read_png
from tests.packaging.bundle_helpers import REPO

PACKAGING = REPO / "packaging"
ICONS = PACKAGING / "icons"
APP_ID = "org.jovianview.jovianview"
# Excluded from the bundle although jovianview imports them, and why that is safe.
EXCLUDED_BUT_IMPORTED = {
    "trimesh": "only rebuilds the Juno model when assets/models/juno.npz is missing",
    "spiceypy": "optional (jovianview[spice]): imported lazily for NAIF Juno kernels; without "
                "it the program says to install jovianview[spice] and keeps the embedded Juno",
}


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_icon_png_sizes_and_transparency(size: int) -> None:
    image = read_png(ICONS / f"jovianview-{size}.png")
    assert image.shape == (size, size, 4)
    assert image[0, 0, 3] == 0 and image[-1, 0, 3] == 0  # transparent corners
    centre = image[size // 2 - 1: size // 2 + 1, size // 2 - 2: size // 2]
    assert centre[..., 3].min() == 255  # an opaque planet in the middle


def test_ico_and_icns_hold_the_pngs() -> None:
    ico = (ICONS / "jovianview.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for i in range(count):
        w, _h, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert ico[offset: offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico)
        sizes.add(w or 256)
    assert {16, 32, 48, 256} <= sizes
    icns = (ICONS / "jovianview.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    pos, kinds = 8, []
    while pos < len(icns):
        kinds.append(icns[pos: pos + 4])
        assert icns[pos + 8: pos + 16] == b"\x89PNG\r\n\x1a\n"
        pos += struct.unpack_from(">I", icns, pos + 4)[0]
    assert pos == len(icns) and {b"ic07", b"ic08", b"ic09"} <= set(kinds)


def test_committed_icons_are_what_the_tool_draws(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    from tools.make_icon import main

    main(str(tmp_path))
    for size in (48, 256):
        drawn = read_png(tmp_path / f"jovianview-{size}.png").astype(int)
        committed = read_png(ICONS / f"jovianview-{size}.png").astype(int)
        assert np.abs(drawn - committed).max() <= 2, size
    window_icon = read_png(REPO / "assets" / "icons" / "jovianview.png")
    assert np.array_equal(window_icon, read_png(ICONS / "jovianview-256.png"))


def test_desktop_file_and_appstream_metadata() -> None:
    desktop = ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(PACKAGING / "linux" / f"{APP_ID}.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"] == "jovianview"
    assert entry["Icon"] == "jovianview" and entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    meta = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.get("type") == "desktop-application"
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.find("releases/release").get("version") == "@VERSION@"  # filled in by build.py
    assert meta.findtext("metadata_license") and meta.findtext("project_license")


def _spec_list(name: str) -> list[str]:
    tree = ast.parse((PACKAGING / "jovianview.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not found in the spec")


def _imports_of_jovianview() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "jovianview").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return names


def test_spec_excludes_nothing_the_program_imports() -> None:
    excludes = _spec_list("EXCLUDES")
    imported = _imports_of_jovianview()
    clashes = {ex for ex in excludes for mod in imported
               if mod == ex or mod.startswith(ex + ".")} - set(EXCLUDED_BUT_IMPORTED)
    assert not clashes, f"the spec excludes modules jovianview imports: {sorted(clashes)}"


def test_build_script_documents_every_option() -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import build
    finally:
        sys.path.remove(str(PACKAGING))
    parser_options = {opt for action in build.make_parser()._actions
                      for opt in action.option_strings if opt.startswith("--") and opt != "--help"}
    assert {"--python", "--venv", "--skip-app", "--no-deb", "--no-tar", "--clean"} <= \
        parser_options
    for option in parser_options:
        assert option in build.__doc__, f"{option} is not described in build.py's docstring"
    assert build.project_version()  # reads pyproject.toml

"""Helpers shared by the packaging tests: where the built bundle is, how to run it, ELF deps."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DIST = REPO / "dist"
APP_DIR = DIST / "jovianview"
BUILD_ENV = "JOVIANVIEW_BUILD_BUNDLE"  # "1": build the bundle first when dist/ has none
# Libraries the bundle may take from the system; packaging/build.py's DEB_DEPENDS covers them.
SYSTEM_LIBS = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libGL.so.1", "libEGL.so.1",
    "libOpenGL.so.0", "libGLX.so.0", "libxcb.so.1", "libwayland-client.so.0",
    "libwayland-cursor.so.0", "libwayland-egl.so.1", "libdrm.so.2",
}
UTC = "2022-09-29T09:36:28"


def project_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def run_app(exe: Path, *args: str, display: bool, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the bundled executable; ``display=False`` hides any X/Wayland display."""
    full = dict(os.environ)
    if not display:
        for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            full.pop(key, None)
    full.update(env or {})
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout,
                          env=full, stdin=subprocess.DEVNULL)


def elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED names of an ELF file (via ``readelf``), or None when it is not ELF."""
    with path.open("rb") as fh:
        if fh.read(4) != b"\x7fELF":
            return None
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]

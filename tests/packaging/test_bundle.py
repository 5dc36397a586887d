"""Smoke test of the built Linux bundle, the tarball and the .deb (slow: marked ``bundle``).

Runs against what ``python packaging/build.py`` left in ``dist/``; skipped when there is none,
unless ``JOVIANVIEW_BUILD_BUNDLE=1`` asks this test to build it first (about 3 minutes)::

    python packaging/build.py && python -m pytest -m bundle tests/packaging -v

The window checks need an X server: pytest-xvfb starts one (or run under ``xvfb-run``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from tests.packaging.bundle_helpers import (
    APP_DIR,
    BUILD_ENV,
    DIST,
    REPO,
    SYSTEM_LIBS,
    UTC,
    elf_needed,
    project_version,
    run_app,
)

pytestmark = [pytest.mark.bundle, pytest.mark.skipif(not sys.platform.startswith("linux"),
                                                      reason="the Linux bundle")]
APP_ID = "org.jovianview.jovianview"


@pytest.fixture(scope="session")
def app_dir() -> Path:
    exe = APP_DIR / "jovianview"
    if not exe.exists():
        if os.environ.get(BUILD_ENV) != "1":
            pytest.skip(f"no built bundle at {APP_DIR}: run `python packaging/build.py` "
                        f"(or set {BUILD_ENV}=1)")
        subprocess.run([sys.executable, str(REPO / "packaging" / "build.py")], check=True)
    return APP_DIR


def _one(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    if not found:
        pytest.skip(f"no {pattern} in {DIST}: run `python packaging/build.py`")
    return found[-1]


def check_render(exe: Path, out: Path, display: bool = False) -> None:
    """The bundled program draws a frame into a real PNG: headless (EGL, no display), or
    with a display (VisPy's Qt backend; it aborted there before issue 17 was fixed)."""
    if display and not os.environ.get("DISPLAY"):
        pytest.skip("no X display (install pytest-xvfb or run under xvfb-run)")
    proc = run_app(exe, "render", "--utc", UTC, "--view", "jupiter", "--size", "320x200",
                   "--out", str(out), display=display)
    assert proc.returncode == 0, proc.stderr
    assert "QApplication" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    from jovianview.data.images import decode as read_png

    image = read_png(str(out))
    assert image.shape[:2] == (200, 320)
    # Jupiter fills the middle of the "jupiter" view; the corners are black sky.
    assert image[90:110, 150:170, :3].mean() > 40
    assert image[:5, :5, :3].mean() < 30


def check_images(exe: Path, folder: Path) -> None:
    """The bundled program decodes a JPEG and TIFFs (plain and LZW) with its own codecs.

    Crash item 8 of issue 17: the bundle had no image-format plugins, so JPEG and TIFF maps
    could not open in the installed program. Pillow (bundled) decodes every image now.
    """
    import numpy as np
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    rgb = np.zeros((32, 64, 3), np.uint8)
    rgb[:, 32:] = (250, 120, 30)
    Image.fromarray(rgb).save(folder / "map.jpg", quality=90)
    Image.fromarray(rgb).save(folder / "map.tif")
    Image.fromarray(np.full((40, 80), 40000, np.uint16)).save(folder / "grey16.tif",
                                                             compression="tiff_lzw")
    proc = run_app(exe, "maps", "check", str(folder / "map.jpg"), str(folder / "map.tif"),
                   str(folder / "grey16.tif"), display=False)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    out = proc.stdout
    assert "map.jpg: JPEG 64x32, 8-bit colour; usable as a global map" in out, out
    assert "map.tif: TIFF 64x32, 8-bit colour; usable as a global map" in out, out
    assert "grey16.tif: TIFF 80x40, 16-bit grey; usable as a global map" in out, out
    (folder / "cut.jpg").write_bytes((folder / "map.jpg").read_bytes()[:200])
    bad = run_app(exe, "maps", "check", str(folder / "cut.jpg"), display=False)
    assert bad.returncode == 2 and "truncated or damaged" in bad.stderr, bad.stderr


def check_movie(exe: Path, out: Path) -> None:
    """The bundled program encodes a 1-second H.264 clip (its own PyAV) that decodes here."""
    av = pytest.importorskip("av", reason="decoding the clip needs PyAV in the test venv")
    import numpy as np

    proc = run_app(exe, "movie", "--from", "2022-09-29T09:26", "--to", "2022-09-29T09:46",
                   "--duration", "1", "--fps", "10", "--size", "320x180", "--view", "chase",
                   "--out", str(out), display=False, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "needs PyAV" not in proc.stderr, proc.stderr
    with av.open(str(out)) as box:
        stream = box.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        frames = [f.to_ndarray(format="rgb24") for f in box.decode(stream)]
    assert len(frames) == 10 and all(f.shape == (180, 320, 3) for f in frames)
    assert frames[0].mean() > 1.0  # not a black clip
    assert np.abs(frames[0].astype(np.int16) - frames[-1]).mean() > 1.0  # Europa moves
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def check_window(exe: Path, config_dir: Path) -> None:
    """The window opens under X, draws, stays up 3 s and quits cleanly."""
    if not os.environ.get("DISPLAY"):
        pytest.skip("no X display (install pytest-xvfb or run under xvfb-run)")
    proc = run_app(exe, display=True, timeout=90,
                   env={"JOVIANVIEW_EXIT_AFTER_FIRST_FRAME": "3",
                        "JOVIANVIEW_CONFIG_DIR": str(config_dir)})
    assert proc.returncode == 0, proc.stderr
    assert "jovianview: first frame at" in proc.stdout, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert (config_dir / "settings.json").exists()  # closed through its normal path


def test_version_is_the_package_version(app_dir: Path) -> None:
    proc = run_app(app_dir / "jovianview", "--version", display=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"jovianview {project_version()}"


def test_bundle_renders_headless(app_dir: Path, tmp_path: Path) -> None:
    check_render(app_dir / "jovianview", tmp_path / "frame.png")


def test_bundle_renders_with_a_display(app_dir: Path, tmp_path: Path) -> None:
    """Every teacher's desktop has a display: ``render`` must not abort there (issue 17)."""
    check_render(app_dir / "jovianview", tmp_path / "frame.png", display=True)


def test_bundle_carries_the_licences(app_dir: Path) -> None:
    assert "GPL-2.0-or-later" in (app_dir / "LICENSE").read_text(encoding="utf-8")
    assert "Version 3, 29 June 2007" in (app_dir / "LICENSE-GPL-3.0.txt").read_text(
        encoding="utf-8")


def test_bundle_decodes_jpeg_and_tiff(app_dir: Path, tmp_path: Path) -> None:
    check_images(app_dir / "jovianview", tmp_path)


def test_bundle_encodes_an_mp4(app_dir: Path, tmp_path: Path) -> None:
    check_movie(app_dir / "jovianview", tmp_path / "flyby.mp4")


def test_bundle_opens_its_window(app_dir: Path, tmp_path: Path) -> None:
    check_window(app_dir / "jovianview", tmp_path)


def test_bundle_carries_assets_and_no_excluded_packages(app_dir: Path) -> None:
    internal = app_dir / "_internal"
    assets = internal / "jovianview" / "_assets"
    for rel in ("ephemeris/moons.npz", "models/juno.npz", "textures/jupiter.png",
                "LICENSES.md", "icons/jovianview.png"):
        assert (assets / rel).is_file(), rel
    assert list(internal.glob("vispy/glsl/**/*.glsl"))
    assert list(internal.glob("PIL/_imaging.*")), "Pillow's codecs are not bundled"
    assert not list(internal.glob("**/libavif*")) and not list(internal.glob("PIL/_webp*"))
    for unwanted in ("scipy", "matplotlib", "spiceypy", "trimesh", "tkinter", "PyQt6/Qt6/qml",
                     "PyQt6/Qt6/translations", "skyfield_data"):
        assert not (internal / unwanted).exists(), unwanted


def test_every_library_is_bundled_or_a_declared_system_one(app_dir: Path) -> None:
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) is not installed")
    bundled = {p.name for p in app_dir.rglob("*") if ".so" in p.name}
    missing: dict[str, str] = {}
    for path in app_dir.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path == app_dir
                                                          / "jovianview"):
            for name in elf_needed(path) or []:
                if name not in bundled and name not in SYSTEM_LIBS:
                    missing[name] = str(path.relative_to(app_dir))
    assert not missing, f"libraries neither bundled nor declared: {missing}"


def test_tarball_unpacks_and_runs(tmp_path: Path) -> None:
    tarball = _one("jovianview-*-linux-*.tar.gz")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path, filter="tar")
    (top,) = tmp_path.iterdir()
    assert (top / f"{APP_ID}.desktop").is_file()
    assert run_app(top / "jovianview", "--version", display=False).returncode == 0
    check_render(top / "jovianview", tmp_path / "frame.png")
    check_images(top / "jovianview", tmp_path / "images")
    (tmp_path / "movie").mkdir()
    check_movie(top / "jovianview", tmp_path / "movie" / "clip.mp4")


def test_deb_contents_and_metadata(tmp_path: Path) -> None:
    deb = _one("jovianview_*.deb")
    field = lambda name: subprocess.run(  # noqa: E731
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert field("Package") == "jovianview"
    assert field("Version") == project_version()
    assert "libgl1" in field("Depends")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert os.readlink(root / "usr/bin/jovianview") == "/opt/jovianview/jovianview"
    desktop = ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(root / f"usr/share/applications/{APP_ID}.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "jovianview" and entry["Icon"] == "jovianview"
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (root / f"usr/share/icons/hicolor/{size}x{size}/apps/jovianview.png").is_file()
    meta = ET.parse(root / f"usr/share/metainfo/{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.find("releases/release").get("version") == project_version()
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert (root / "usr/share/doc/jovianview/copyright").is_file()


def test_deb_unpacked_into_a_throwaway_root_runs(tmp_path: Path) -> None:
    deb = _one("jovianview_*.deb")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    exe = root / "opt/jovianview/jovianview"
    check_render(exe, tmp_path / "frame.png")
    if os.environ.get("DISPLAY"):
        check_render(exe, tmp_path / "frame-display.png", display=True)
    check_images(exe, tmp_path / "images")
    (tmp_path / "movie").mkdir()
    check_movie(exe, tmp_path / "movie" / "clip.mp4")
    check_window(exe, tmp_path / "config")

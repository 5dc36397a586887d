"""``jovianview plot``: PNG, SVG and CSV files, and one-line errors with exit status 2."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from jovianview.cli import render as render_cli
from jovianview.cli.main import EXIT_USAGE, main
from jovianview.core.ephemeris import default_ephemeris
from jovianview.core.events import perijove
from jovianview.core.plot_series import QUANTITIES, sample
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

REPO = Path(__file__).resolve().parents[2]
QUANTITY_ARGS = ["altitude", "speed", "latitude", "distance-europa"]
BACKGROUND = (255, 255, 255)  # plot_figure.LIGHT: files have a white background


def pj45_span(hours: float = 1.0) -> tuple[str, str]:
    t0 = perijove(45).tdb
    return tdb_to_iso(t0 - hours / 24, 0), tdb_to_iso(t0 + hours / 24, 0)


def plot(tmp_path: Path, out: str, *extra: str, quantities=QUANTITY_ARGS) -> int:
    start, end = pj45_span()
    return main(["plot", *quantities, "--from", start, "--to", end, "--out",
                 str(tmp_path / out), *extra])


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_png_at_the_requested_size_with_curves(tmp_path: Path, capsys) -> None:
    assert plot(tmp_path, "pj45.png", "--size", "800x600") == 0
    assert "wrote" in capsys.readouterr().out
    image = np.asarray(Image.open(tmp_path / "pj45.png").convert("RGB"))
    assert image.shape == (600, 800, 3)
    # the single curves are drawn in LIGHT.curve (dark blue), Europa's in its moon colour
    blue = np.all(np.abs(image.astype(int) - (0x1A, 0x4F, 0x9C)) < 40, axis=2)
    europa = np.all(np.abs(image.astype(int) - (0x7F, 0xB3, 0xFF)) < 40, axis=2)
    assert blue.sum() > 500, blue.sum()
    assert europa.sum() > 100, europa.sum()
    background = np.all(image == BACKGROUND, axis=2)
    assert 0.5 < background.mean() < 0.99


def test_svg_is_xml_with_paths(tmp_path: Path) -> None:
    assert plot(tmp_path, "pj45.svg", "--size", "640x520") == 0
    root = ET.parse(tmp_path / "pj45.svg").getroot()
    assert root.tag.endswith("svg")
    paths = [e for e in root.iter() if e.tag.endswith("path") or e.tag.endswith("polyline")]
    assert len(paths) > 10
    text = (tmp_path / "pj45.svg").read_text(encoding="utf-8")
    assert "PJ45" in text  # the marker's label
    assert "embedded Juno trajectory" in text  # the caption


def test_csv_header_units_and_values_equal_sample(tmp_path: Path) -> None:
    assert plot(tmp_path, "pj45.csv", "--step", "10m") == 0
    lines = (tmp_path / "pj45.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Trajectory: ")
    assert lines[1].startswith("# events: ") and "PJ45" in lines[1]
    rows = list(csv.DictReader(io.StringIO("\n".join(ln for ln in lines
                                                     if not ln.startswith("#")))))
    header = list(rows[0])
    assert header == ["tdb_jd", "utc", "altitude_km", "speed_km_s", "latitude_deg",
                      "europa_surface_distance_km"]
    start, end = pj45_span()
    expected = sample(QUANTITY_ARGS, float(utc_to_tdb(start)), float(utc_to_tdb(end)),
                      10 / 1440)
    assert len(rows) == expected.tdb.size == 13  # 2 h every 10 min, both ends
    tdb = np.array([float(r["tdb_jd"]) for r in rows])
    np.testing.assert_allclose(tdb, expected.tdb, atol=1e-8)
    for name in QUANTITY_ARGS:
        column = np.array([float(r[QUANTITIES[name].column]) for r in rows])
        np.testing.assert_allclose(column, expected.values[name], atol=2e-6)
    assert rows[0]["utc"] == tdb_to_iso(expected.tdb[0], 3)


@pytest.mark.parametrize(("args", "words"), [
    (["plot", "altitude", "temperature"], "unknown quantity 'temperature'"),
    (["plot", "altitude", "--from", "2010-01-01", "--to", "2010-01-02"], "outside Juno's data"),
    (["plot", "altitude", "--from", "2022-09-29T12:00", "--to", "2022-09-29T10:00"],
     "must be after --from"),
    (["plot", "altitude", "--out", "{tmp}/pj45.pdf"], "--out must name a .png or .svg or .csv"),
    (["plot", "altitude", "--out", "{tmp}/no/such/folder/x.png"], "does not exist"),
    (["plot", "altitude", "speed", "--size", "400x300"], "give at least 480x320"),
])
def test_bad_arguments_exit_2_with_one_line(tmp_path: Path, capsys, args, words) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--from" not in args:
        args += ["--from", "2022-09-29T10:00", "--to", "2022-09-29T12:00"]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "x.png")]
    assert main(args) == EXIT_USAGE
    line = one_error_line(capsys)
    assert line.startswith("jovianview plot: error: ") and words in line, line
    assert not list(tmp_path.glob("x.*"))


def test_unwritable_folder_exits_2(tmp_path: Path, capsys, monkeypatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):  # root may write anywhere: deny it as the OS would
            real = os.access
            monkeypatch.setattr(render_cli.os, "access", lambda p, mode: False
                                if Path(p) == folder else real(p, mode))
        start, end = pj45_span()
        status = main(["plot", "altitude", "--from", start, "--to", end,
                       "--out", str(folder / "x.png")])
    finally:
        folder.chmod(0o755)
    assert status == EXIT_USAGE
    assert "no permission to write there" in one_error_line(capsys)
    assert not (folder / "x.png").exists()


def test_smallest_size_is_exact_and_keeps_the_curves(tmp_path: Path) -> None:
    """Below their minimum the titles would widen the layout: the file is still the size asked."""
    assert plot(tmp_path, "small.png", "--size", "480x520") == 0
    image = np.asarray(Image.open(tmp_path / "small.png").convert("RGB"))
    assert image.shape == (520, 480, 3)
    blue = np.all(np.abs(image.astype(int) - (0x1A, 0x4F, 0x9C)) < 40, axis=2)
    rows = np.flatnonzero(blue.any(axis=1))
    assert blue.sum() > 300 and rows.max() - rows.min() > 200  # three plots, one above another


def test_bad_size_is_a_usage_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        plot(tmp_path, "x.png", "--size", "big")
    assert exc.value.code == EXIT_USAGE
    assert "WIDTHxHEIGHT" in one_error_line(capsys)


@pytest.mark.parametrize("display", [True, False], ids=["DISPLAY set", "no DISPLAY"])
def test_png_in_a_fresh_process(tmp_path: Path, display: bool) -> None:
    """With an X server (pytest-xvfb's) and without one (Qt's offscreen platform)."""
    env = dict(os.environ)
    if display and not env.get("DISPLAY"):
        pytest.skip("no X display (pytest-xvfb provides one)")
    if not display:
        for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(key, None)
    start, end = pj45_span()
    out = tmp_path / "fresh.png"
    proc = subprocess.run(
        [sys.executable, "-m", "jovianview", "plot", "altitude", "distance-io", "--from", start,
         "--to", end, "--size", "480x320", "--out", str(out)],
        capture_output=True, text=True, timeout=120, env=env, cwd=REPO,
        stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    image = np.asarray(Image.open(out).convert("RGB"))
    assert image.shape == (320, 480, 3)
    assert np.any(np.all(np.abs(image.astype(int) - (0x1A, 0x4F, 0x9C)) < 40, axis=2))


def test_default_sampling_covers_the_span(tmp_path: Path) -> None:
    assert plot(tmp_path, "dense.csv", quantities=["altitude"]) == 0
    lines = [ln for ln in (tmp_path / "dense.csv").read_text().splitlines()
             if not ln.startswith("#")]
    first, last = default_ephemeris().juno_extent()
    tdb = np.array([float(ln.split(",")[0]) for ln in lines[1:]])
    assert tdb.size >= 1500 and np.all(np.diff(tdb) > 0)
    assert first <= tdb[0] and tdb[-1] <= last

"""``python -m jovianview render`` in a fresh process, with and without a display (issue 17).

The installed bundle runs optimised bytecode (PyInstaller ``optimize=1``, like ``python -O``),
which strips ``assert`` statements; VisPy created the Qt application only inside one, so with
a display the render aborted ("QWidget: Must construct a QApplication before a QWidget").
Both bytecode modes are run here; the bundle itself is run both ways in tests/packaging.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jovianview.data.images import decode as read_png
from tests.packaging.bundle_helpers import REPO, UTC

pytestmark = pytest.mark.gui


def render_in_subprocess(out: Path, display: bool, optimise: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if display:
        if not env.get("DISPLAY"):
            pytest.skip("no X display (pytest-xvfb provides one)")
    else:
        for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(key, None)
    cmd = [sys.executable, *(["-O"] if optimise else []), "-m", "jovianview", "render",
           "--utc", UTC, "--view", "jupiter", "--size", "320x200", "--out", str(out)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env, cwd=REPO,
                          stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("optimise", [True, False], ids=["python -O", "python"])
@pytest.mark.parametrize("display", [True, False], ids=["DISPLAY set", "no DISPLAY"])
def test_render_in_a_fresh_process(tmp_path: Path, display: bool, optimise: bool) -> None:
    out = tmp_path / "frame.png"
    proc = render_in_subprocess(out, display, optimise)
    assert proc.returncode == 0, proc.stderr
    assert "QApplication" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    image = read_png(out)
    assert image.shape[:2] == (200, 320)
    assert image[90:110, 150:170, :3].mean() > 40  # Jupiter fills the middle
    assert image[:5, :5, :3].mean() < 30  # black sky in the corners


def test_python_m_jovianview_help_says_no_command_opens_the_window() -> None:
    proc = subprocess.run([sys.executable, "-m", "jovianview", "--help"], capture_output=True,
                          text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert "opens the window" in proc.stdout
    for command in ("ephem", "events", "kernels", "render"):
        assert command in proc.stdout

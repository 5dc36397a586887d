"""Every camera transition ends with a frame of its final state (issue 10, item 1).

The frame loop asked for frames only while the camera was in transition, so the last frame
drawn was one from inside it (about 0.98 of the way): in the Juno (9) and chase (3) views,
centred tens of km from Juno with the eye some 50 m from it, an empty picture. These tests
read the frames the window really drew back from its GL canvas and look for Juno's pixels.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.gui

IO_FLYBY_UTC = "2023-12-30T08:36:00"


def record_frames(window) -> dict:  # noqa: ANN001
    """Wrap the renderer's frame so that each frame the window draws is read back."""
    from vispy import gloo

    renderer = window.renderer
    real = renderer.frame
    seen: dict = {"image": None, "count": 0, "offscreen": False, "after": None}

    def frame(tdb, size, canvas):  # noqa: ANN001, ANN202
        fd = real(tdb, size, canvas)
        if not seen["offscreen"]:
            seen["image"] = gloo.read_pixels((0, 0, size[0], size[1]), alpha=False)
            seen["count"] += 1
            if seen["after"] is not None:  # time passing while this frame was drawn
                seen.pop("after")()
                seen["after"] = None
        return fd

    renderer.frame = frame
    return seen


class SteppedWall:
    """The camera's wall clock, stepped by the test: frames land at chosen transition points."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def go(window, qtbot, seen: dict, name: str) -> None:  # noqa: ANN001
    """Choose view ``name`` as a key would; draw frames at 50 % and 98 % of the transition
    (where the old loop's last frame fell), then let the transition's time run out."""
    from jovianview.model.camera import TRANSITION_SECONDS

    wall = SteppedWall()
    window.camera._wall = wall
    window.go_to_view(name)
    assert window.camera.in_transition()
    for share in (0.5, 0.98):
        wall.now = 1000.0 + share * TRANSITION_SECONDS
        count = seen["count"]
        if share == 0.98:  # the transition's time runs out while this frame is drawn
            seen["after"] = lambda: setattr(wall, "now", 1000.0 + 3.0 * TRANSITION_SECONDS)
        window.canvas.update()
        qtbot.waitUntil(lambda c=count: seen["count"] > c, timeout=5000)
    settle(window, qtbot, seen)


def settle(window, qtbot, seen: dict, quiet_s: float = 0.4) -> None:  # noqa: ANN001
    """Wait until no frame has been drawn for ``quiet_s``."""
    last, since = seen["count"], time.monotonic()
    deadline = time.monotonic() + 10.0
    while time.monotonic() < deadline:
        qtbot.wait(50)
        if seen["count"] != last:
            last, since = seen["count"], time.monotonic()
        elif time.monotonic() - since > quiet_s:
            return


def juno_mask(window) -> np.ndarray:  # noqa: ANN001
    """Pixels where Juno is, in the final state: a render with Juno against one without."""
    canvas = window.canvas
    size = tuple(canvas.physical_size)
    canvas.set_current()
    with_juno = canvas.render_offscreen(size)[:, :, :3].astype(int)
    window.renderer.juno.visible = False
    try:
        without = canvas.render_offscreen(size)[:, :, :3].astype(int)
    finally:
        window.renderer.juno.visible = True
    return np.abs(with_juno - without).sum(axis=2) > 30, with_juno


def assert_juno_drawn(window, seen: dict) -> None:  # noqa: ANN001
    seen["offscreen"] = True
    try:
        mask, expected = juno_mask(window)
    finally:
        seen["offscreen"] = False
    drawn = seen["image"].astype(int)
    assert mask.sum() > 200, "Juno covers too few pixels in the final view to judge"
    match = np.abs(drawn - expected).sum(axis=2)[mask] <= 30
    assert match.mean() > 0.9, (
        f"the last frame drawn does not show Juno where the final view has it "
        f"({match.mean():.0%} of Juno's {mask.sum()} pixels)")


def test_juno_view_at_pj62_ends_on_juno(window, qtbot) -> None:
    from jovianview.core.events import perijove

    window.set_time(perijove(62).tdb)
    seen = record_frames(window)
    go(window, qtbot, seen, "juno")
    assert window.camera.preset == "juno" and not window.camera.in_transition()
    assert_juno_drawn(window, seen)


def test_io_then_chase_at_the_io_flyby_ends_on_juno(window, qtbot) -> None:
    from jovianview.core.timescale import utc_to_tdb

    window.set_time(float(utc_to_tdb(IO_FLYBY_UTC)))
    seen = record_frames(window)
    go(window, qtbot, seen, "io")
    go(window, qtbot, seen, "chase")
    assert window.camera.preset == "chase"
    assert_juno_drawn(window, seen)


def test_juno_view_right_after_start_up(qtbot, tmp_path: Path, monkeypatch) -> None:
    import vispy.app

    from jovianview.model.settings import Settings, SettingsStore
    from jovianview.render.headless import _pick_backend

    monkeypatch.setenv("JOVIANVIEW_CONFIG_DIR", str(tmp_path))
    _pick_backend()
    if vispy.app.use_app().backend_name.lower() != "pyqt6":
        pytest.skip("the window needs VisPy's PyQt6 backend")
    from jovianview.qt.launch import open_window

    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(view="juno"))
    w = open_window(store=store)
    qtbot.addWidget(w)
    seen = record_frames(w)
    w.resize(900, 600)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: seen["count"] > 0, timeout=10000)
    settle(w, qtbot, seen)
    assert w.camera.preset == "juno"
    assert_juno_drawn(w, seen)
    w.close()

"""Replaying Juno's Europa flyby (2022-09-29 09:36 UTC) as a new user would.

Type a date into the UTC field, jump with the event buttons, then scrub: coarsely on the
mission timeline, finely on the detail strip. The clock, the timeline cursors and the
readouts (UTC, previous/next event with countdown) must follow every step.
"""

from __future__ import annotations

import pytest

from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

pytestmark = pytest.mark.gui


def flyby_tdb() -> float:
    from jovianview.model import sources

    flybys = [e for e in sources.timeline_events()
              if e.kind == "flyby" and e.body == "europa" and e.number == 45]
    if not flybys:
        pytest.skip("no event data: the Europa flyby is not among the events")
    return flybys[0].tdb


def readout(window, label: str) -> str:
    window._refresh_readouts(force=True)
    return window.readout_panel.rows[label].text()


def shown_utc(window) -> str:
    return readout(window, "UTC").replace(" UTC", "").replace(" ", "T")


def drag(qtbot, widget, x0: float, x1: float, steps: int = 6) -> None:
    from PyQt6.QtCore import QPoint, Qt

    y = widget.height() // 2
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(int(x0), y))
    for i in range(1, steps + 1):
        qtbot.mouseMove(widget, QPoint(int(x0 + (x1 - x0) * i / steps), y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(int(x1), y))


def test_replay_by_jumping(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    flyby = flyby_tdb()
    field = window.time_bar.utc_field
    field.setFocus()
    field.setText("2022-09-20T00:00:00")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.clock.tdb() == pytest.approx(utc_to_tdb("2022-09-20T00:00:00"))
    assert readout(window, "Next").startswith("Europa flyby  T-9d ")

    qtbot.mouseClick(window.time_bar.next_event_button, Qt.MouseButton.LeftButton)
    assert window.clock.tdb() == pytest.approx(flyby)
    assert shown_utc(window) == str(tdb_to_iso(flyby, 0))
    assert readout(window, "Previous").startswith("Europa flyby  T+00:00:00")
    assert readout(window, "Next").startswith("PJ45  T-07:3")  # 7 h 35 min to perijove 45
    assert "Europa flyby" in window.statusBar().currentMessage()
    assert window.timeline.current == window.detail.current == pytest.approx(flyby)
    # Juno is there, 352 km above Europa (1,913 km from its centre), and can be followed
    europa_km = float(readout(window, "Europa").split()[0].replace(",", ""))
    assert europa_km == pytest.approx(352.0 + 1560.8, abs=40.0)
    window.go_to_view("chase", smooth=False)
    assert window.camera.preset == "chase"

    qtbot.mouseClick(window.time_bar.next_button, Qt.MouseButton.LeftButton)  # PJ >>
    assert readout(window, "Previous").startswith("PJ45  T+00:00:00")
    qtbot.mouseClick(window.time_bar.prev_event_button, Qt.MouseButton.LeftButton)
    assert window.clock.tdb() == pytest.approx(flyby)

    # an hour before closest approach with the keyboard
    window.activateWindow()
    window.canvas.native.setFocus()
    qtbot.waitUntil(lambda: window.canvas.native.hasFocus(), timeout=3000)
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Left)
    assert readout(window, "Next").startswith("Europa flyby  T-01:00:00")


def test_replay_by_scrubbing(window, qtbot) -> None:
    flyby = flyby_tdb()
    tl = window.timeline
    # coarse: the mission timeline, from its left end to the flyby's pixel
    target_x = tl.scale().x_of(flyby)
    drag(qtbot, tl, 15, target_x)
    coarse = window.clock.tdb()
    assert coarse == pytest.approx(tl.scale().tdb_of(int(target_x)), abs=1e-6)
    day_per_px = (tl.span[1] - tl.span[0]) / (tl.scale().right - tl.scale().left)
    assert abs(coarse - flyby) < 1.5 * day_per_px  # within a pixel or so: days off
    assert shown_utc(window) == str(tdb_to_iso(coarse, 0))
    assert window.detail.current == pytest.approx(coarse)

    # fine: pull the detail strip by the pixels that separate the cursor from the flyby
    detail = window.detail
    detail.set_window(1.0)
    sc = detail.scale()
    px_per_day = (sc.right - sc.left) / detail.window_days
    offset_px = (flyby - coarse) * px_per_day
    if abs(offset_px) > sc.right - sc.x_of(coarse) - 2:  # more than half a strip: widen it
        detail.set_window(8.0)
        sc = detail.scale()
        px_per_day = (sc.right - sc.left) / detail.window_days
        offset_px = (flyby - coarse) * px_per_day
    x0 = (sc.left + sc.right) / 2
    drag(qtbot, detail, x0, x0 - offset_px)
    fine = window.clock.tdb()
    assert abs(fine - flyby) * 24 * 60 < 2.0 / px_per_day * 24 * 60 + 1e-9  # ~2 px
    assert not detail.dragging

    # finest: a 6-hour strip, then the readouts count down to the flyby in minutes
    detail.set_window(0.25)
    sc = detail.scale()
    px_per_day = (sc.right - sc.left) / detail.window_days
    x0 = (sc.left + sc.right) / 2
    drag(qtbot, detail, x0, x0 - (flyby - fine) * px_per_day - 30 / 1440 * px_per_day)
    now = window.clock.tdb()
    assert (now - flyby) * 1440 == pytest.approx(30.0, abs=1.5)  # 30 min after, +-1 px
    assert readout(window, "Previous").startswith("Europa flyby  T+00:")
    assert shown_utc(window) == str(tdb_to_iso(now, 0))


def test_event_keys(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    flyby = flyby_tdb()
    window.set_time(flyby - 3.0)
    window.activateWindow()
    window.canvas.native.setFocus()
    qtbot.waitUntil(lambda: window.canvas.native.hasFocus(), timeout=3000)
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Period)
    assert window.clock.tdb() == pytest.approx(flyby)
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Comma)
    assert window.clock.tdb() < flyby

"""The main window on a real X server (pytest-xvfb) with Mesa: opens, scrubs, remembers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_window_draws_and_shows_readouts(window) -> None:
    assert window.canvas.frames_drawn > 0
    assert "UTC" in window.readout_panel.rows
    assert window.menuBar().actions()[0].text() == "&File"


def test_timeline_scrub_moves_the_clock_and_redraws(window, qtbot) -> None:
    from PyQt6.QtCore import QPoint, Qt

    tl = window.timeline
    before = window.clock.tdb()
    drawn = window.canvas.frames_drawn
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.mouseMove(tl, QPoint(tl.width() // 3, 20))
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(tl.width() // 3, 20))
    after = window.clock.tdb()
    assert after != before
    assert after == pytest.approx(tl.scale().tdb_of(tl.width() // 3), abs=1e-6)
    qtbot.waitUntil(lambda: window.canvas.frames_drawn > drawn, timeout=5000)


def test_space_plays_and_pauses(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    window.activateWindow()
    window.canvas.native.setFocus()
    qtbot.waitUntil(lambda: window.canvas.native.hasFocus(), timeout=3000)
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Space)
    assert window.clock.playing
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Space)
    assert not window.clock.playing
    rate = window.clock.rate
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Up)
    assert abs(window.clock.rate) > abs(rate)
    t = window.clock.tdb()
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Right)
    assert window.clock.tdb() == pytest.approx(t + 1 / 24)


def test_utc_field_jumps_and_clamps(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    from jovianview.core.timescale import utc_to_tdb

    field = window.time_bar.utc_field
    field.setText("2022-09-29T09:36:28")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.clock.tdb() == pytest.approx(utc_to_tdb("2022-09-29T09:36:28"))
    field.setText("1990-01-01")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.clock.tdb() == window.clock.bounds[0]
    assert "outside the data" in window.statusBar().currentMessage()


def test_settings_saved_on_close(window, tmp_path: Path) -> None:
    window.settings.distance_unit = "RJ"
    window.close()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["distance_unit"] == "RJ"
    assert saved["window_geometry"] and saved["last_tdb"] is not None


def test_corrupt_settings_give_a_message_not_a_crash(qtbot, tmp_path: Path) -> None:
    from jovianview.model.settings import SettingsStore
    from jovianview.qt.launch import open_window

    (tmp_path / "settings.json").write_text("{{{")
    w = open_window(store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(w)
    assert "unreadable" in w.statusBar().currentMessage()
    assert list(tmp_path.glob("settings.json.corrupt-*"))
    w.close()


def test_presets_and_picking(window, qtbot) -> None:
    window.go_to_view("jupiter", smooth=False)
    window.canvas.update()
    drawn = window.canvas.frames_drawn
    qtbot.waitUntil(lambda: window.canvas.frames_drawn > drawn, timeout=5000)
    cx, cy, r = window.renderer.labels.placed["jupiter"]
    ratio = window.canvas.physical_size[0] / window.canvas.size[0]
    assert window.canvas.pick(cx / ratio, cy / ratio) == "jupiter"
    assert window.canvas.pick(1, 1) is None
    window.go_to_view("overview")
    assert window.camera.in_transition()


def test_juno_views_explain_when_juno_is_absent(window) -> None:
    from jovianview.core.timescale import utc_to_tdb
    from jovianview.model import sources

    before_insertion = float(utc_to_tdb("2016-06-01T00:00:00"))  # moons yes, Juno not yet
    window.set_time(before_insertion)
    absent = sources.juno_absence(window.clock.tdb(), window.ephemeris)
    assert absent is not None and "before" in absent[1]
    window.go_to_view("overview", smooth=False)
    window.go_to_view("chase")
    assert window.camera.preset == "overview"  # the camera did not dive into Jupiter
    message = window.statusBar().currentMessage()
    assert "needs Juno" in message and absent[0] in message


def test_labels_follow_the_first_frame_at_once(window, qtbot) -> None:
    # the first frame leaves the text out (glyphs are slow to build); the next has it
    qtbot.waitUntil(lambda: window.canvas.frames_drawn >= 2, timeout=5000)
    assert not window.renderer.labels.deferred
    assert "Jupiter" in list(window.renderer.labels.text.text)


def test_juno_kernels_folder_from_the_menu(window, tmp_path: Path) -> None:
    """File > Juno kernels folder: the choice is used at once, said, remembered, undoable."""
    pytest.importorskip("spiceypy", reason="SpiceyPy (jovianview[spice]) is not installed")
    from tests.core.ephemeris.juno_spk_factory import T_PJ, write_juno_spk

    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Juno &kernels folder (NAIF SPICE)..." in texts
    try:
        window.set_juno_kernels(str(tmp_path / "missing"))
        assert "Juno kernels not used" in window.statusBar().currentMessage()
        assert window.settings.juno_kernels_dir == str(tmp_path / "missing")
        write_juno_spk(tmp_path / "k.bsp", T_PJ, T_PJ + 1.0, step_s=600.0)
        window.set_juno_kernels(str(tmp_path))
        assert window.statusBar().currentMessage().startswith("Juno from 1 NAIF kernels")
        # A new Ephemeris, handed to the scene (no process-wide switch).
        assert window.scene_model.ephemeris is window.ephemeris
        assert window.ephemeris.juno_kernels is not None
        window.set_time(T_PJ + 3.0)  # beyond the kernel: the status bar says so
        assert "Juno kernels do not cover this time" in window.status_label.text()
        window.set_time(T_PJ + 0.5)
        assert "do not cover" not in window.status_label.text()
    finally:
        window.set_juno_kernels("")
    assert window.statusBar().currentMessage() == "Juno: the embedded trajectory only"
    assert window.settings.juno_kernels_dir == ""


def test_key_0_looks_from_earth_and_the_events_panel_goes_to_an_event(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    from jovianview.core.timescale import utc_to_tdb

    window.set_time(utc_to_tdb("2016-03-15T01:00"))
    window.activateWindow()
    window.canvas.native.setFocus()
    qtbot.waitUntil(lambda: window.canvas.native.hasFocus(), timeout=3000)
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_0)
    assert window.camera.preset == "earth"
    assert window.camera.target_view.mode == "from_earth"
    panel = window.moon_events
    panel.update_for(window.clock.tdb())
    label, button = panel.rows[0]
    assert "Europa" in label.text() and button.isVisible()  # 01:26:57 Europa's transit
    target = button.property("tdb")
    window.go_to_view("overview", smooth=False)
    button.click()
    assert window.clock.tdb() == target
    assert window.camera.preset == "earth"
    drawn = window.canvas.frames_drawn
    qtbot.waitUntil(lambda: window.canvas.frames_drawn > drawn, timeout=5000)
    assert window.renderer.earth is not None  # the frame was drawn from Earth


def test_telescope_choices_change_settings_and_reframe(window) -> None:
    panel = window.moon_events
    window.go_to_view("earth", smooth=False)
    panel.field_box.setCurrentIndex(3)  # 4'
    panel.field_box.activated.emit(3)
    assert window.settings.earth_fov_arcmin == 4.0
    assert abs(window.camera.target_view.fov * 60 - 4.0) < 1e-9
    panel.image_box.setCurrentIndex(1)
    panel.image_box.activated.emit(1)
    assert window.settings.telescope_image == "inverted"
    panel.zone_box.setCurrentIndex(1)
    panel.zone_box.activated.emit(1)
    assert window.settings.event_time_zone == "local"


def test_events_panel_follows_settings_changed_elsewhere(window) -> None:
    window.settings.earth_fov_arcmin = 2.0
    assert window.moon_events.field_box.currentData() == 2.0
    window.settings.telescope_image = "mirrored"
    assert window.moon_events.image_box.currentData() == "mirrored"

"""The window's keys act wherever the focus is, except in a text field (issue 10, item 2)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def focus(window, widget, qtbot) -> None:  # noqa: ANN001
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=3000)


def test_keys_after_clicking_a_button(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    button = window.time_bar.play_button
    focus(window, button, qtbot)
    assert not window.clock.playing
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.clock.playing  # once: the key did not also press the button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert not window.clock.playing
    azimuth = window.camera.target_view.azimuth
    qtbot.keyClick(button, Qt.Key.Key_D)
    assert window.camera.target_view.azimuth == pytest.approx((azimuth + 5.0) % 360.0)
    distance = window.camera.target_view.distance
    qtbot.keyClick(button, Qt.Key.Key_Minus)
    assert window.camera.target_view.distance == pytest.approx(distance * 1.25)
    t = window.clock.tdb()
    qtbot.keyClick(button, Qt.Key.Key_Right)
    assert window.clock.tdb() == pytest.approx(t + 1 / 24)
    assert button.hasFocus()  # the arrow did not move the focus to the next button


def test_keys_after_choosing_a_rate_and_a_view(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    box = window.time_bar.rate_box
    focus(window, box, qtbot)
    rate, index = abs(window.clock.rate), box.currentIndex()
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert abs(window.clock.rate) > rate
    assert box.currentIndex() == index + 1  # the box shows the clock's new rate
    qtbot.keyClick(box, Qt.Key.Key_5)
    assert window.camera.preset == "io"
    views = window.view_list
    focus(window, views, qtbot)
    qtbot.keyClick(views, Qt.Key.Key_2)
    assert window.camera.preset == "jupiter"
    rate = abs(window.clock.rate)
    qtbot.keyClick(views, Qt.Key.Key_Down)
    assert abs(window.clock.rate) < rate
    window.camera.settle()  # else the step starts from the pose part way to "jupiter"
    elevation = window.camera.target_view.elevation
    qtbot.keyClick(views, Qt.Key.Key_W)
    assert window.camera.target_view.elevation == pytest.approx(elevation + 5.0)


def test_the_utc_field_still_types(window, qtbot) -> None:
    field = window.time_bar.utc_field
    focus(window, field, qtbot)
    field.clear()
    preset, playing = window.camera.preset, window.clock.playing
    azimuth = window.camera.target_view.azimuth
    qtbot.keyClicks(field, "2022-09-29 12:00 ADWS 5")
    assert field.text() == "2022-09-29 12:00 ADWS 5"
    assert window.camera.preset == preset and window.clock.playing == playing
    assert window.camera.target_view.azimuth == azimuth


def test_a_failing_binding_gives_a_message(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    def broken() -> None:
        raise RuntimeError("test failure")

    window.keys.extra["F12"] = broken
    window.keys.rebuild()
    focus(window, window.time_bar.play_button, qtbot)
    qtbot.keyClick(window.time_bar.play_button, Qt.Key.Key_F12)
    assert "test failure" in window.statusBar().currentMessage()

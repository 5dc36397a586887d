"""The Plots dock in the window: hidden by default, cursor follows the clock, a click sets it."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.events import perijove
from jovianview.core.plot_series import FLYBY_HALF_DAYS

pytestmark = pytest.mark.gui

MINUTE = 1.0 / 1440


def show_plots(window, qtbot, tdb: float):
    """Set the clock, show the dock (View > Panels > Plots) and wait for its plots."""
    window.set_time(tdb)
    action = window.docks["plots"].toggleViewAction()
    action.trigger()
    panel = window.plots_panel
    qtbot.waitUntil(lambda: panel.isVisible() and bool(panel.cursors), timeout=10000)
    qtbot.waitUntil(lambda: panel.view.width() > 200 and panel.view.height() > 100,
                    timeout=5000)
    return panel


def cursor_tdb(panel) -> float:
    xs = {line.value() for line in panel.cursors}
    assert len(xs) == 1  # one cursor per plot, all at the same time
    return panel.model.tdb_of(xs.pop())


def test_hidden_by_default_and_listed_in_view_panels(window) -> None:
    assert not window.docks["plots"].isVisible()
    assert window.plots_panel.model.samplings == 0  # nothing sampled while hidden
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    panels = next(a.menu() for a in view.actions() if a.menu() and a.text() == "&Panels")
    texts = [a.text() for a in panels.actions()]
    assert "Plots" in texts
    action = next(a for a in panels.actions() if a.text() == "Plots")
    assert action.isCheckable() and not action.isChecked()


def test_cursor_follows_the_clock_without_resampling(window, qtbot) -> None:
    t0 = perijove(45).tdb
    panel = show_plots(window, qtbot, t0)
    assert panel.model.kind == "perijove" and panel.model.event.label == "PJ45"
    assert cursor_tdb(panel) == pytest.approx(t0, abs=1 * MINUTE / 60)
    samplings = panel.model.samplings
    for hours in (-3.0, 1.5, 5.0):  # inside PJ45 +-6 h: only the cursor moves
        window.set_time(t0 + hours / 24)
        qtbot.waitUntil(lambda h=hours: abs(cursor_tdb(panel) - (t0 + h / 24)) < 1e-5,
                        timeout=5000)
    assert panel.model.samplings == samplings
    window.set_time(perijove(46).tdb)  # another perijove: a new window
    qtbot.waitUntil(lambda: panel.model.event.label == "PJ46", timeout=10000)
    assert panel.model.samplings == samplings + 1
    assert cursor_tdb(panel) == pytest.approx(perijove(46).tdb, abs=1e-5)


def test_window_selector_resamples(window, qtbot) -> None:
    t0 = perijove(45).tdb
    panel = show_plots(window, qtbot, t0)
    box = panel.window_box
    before = panel.model.samplings
    for kind in ("orbit", "flyby", "perijove"):
        index = box.findData(kind)
        box.setCurrentIndex(index)
        box.activated.emit(index)  # what a user's choice emits
        assert panel.model.kind == kind
        before += 1
        assert panel.model.samplings == before
    # the flyby window is the Europa flyby's +-2 h, 7.6 h before PJ45
    box.activated.emit(box.findData("flyby"))
    series = panel.model.series
    assert panel.model.event.label == "Europa flyby"
    assert (series.end - series.start) == pytest.approx(2 * FLYBY_HALF_DAYS, abs=1e-6)
    assert "outside this window" in panel.info.text()  # the clock is at PJ45


def _click_at(panel, qtbot, plot, x: float, button=None) -> None:
    from PyQt6.QtCore import QPointF, Qt

    vb = plot.getViewBox()
    y_mid = float(np.mean(vb.viewRange()[1]))
    scene = vb.mapViewToScene(QPointF(x, y_mid))
    pos = panel.view.mapFromScene(scene)
    qtbot.mouseClick(panel.view.viewport(), button or Qt.MouseButton.LeftButton, pos=pos)


def test_left_click_in_a_plot_sets_the_clock(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    t0 = perijove(45).tdb
    panel = show_plots(window, qtbot, t0)
    series = panel.model.series
    target = t0 - 2.5 / 24
    for plot in (panel.plots[0], panel.plots[-1]):  # altitude, and the moon distances
        window.set_time(t0)
        _click_at(panel, qtbot, plot, panel.model.x_of(target))
        # one pixel of the plot's width, and the clock's own rounding
        pixel = (series.end - series.start) / plot.getViewBox().width()
        assert window.clock.tdb() == pytest.approx(target, abs=2 * pixel)
        # the cursor follows (it moves only by whole pixels: a repaint costs tens of ms)
        qtbot.waitUntil(lambda p=pixel: abs(cursor_tdb(panel) - window.clock.tdb()) <= p,
                        timeout=5000)
    before = window.clock.tdb()
    _click_at(panel, qtbot, panel.plots[0], panel.model.x_of(t0 + 3 / 24),
              Qt.MouseButton.RightButton)
    assert window.clock.tdb() == before  # only the left button moves the clock


def test_cursor_moves_by_whole_pixels(window, qtbot) -> None:
    """Sub-pixel clock steps (a slow rate) leave the cursor, and the plots, unpainted."""
    t0 = perijove(45).tdb
    panel = show_plots(window, qtbot, t0)
    vb = panel.plots[0].getViewBox()
    pixel = vb.viewPixelSize()[0] / 86400.0  # x is in seconds
    start = panel.cursors[0].value()
    window.set_time(t0 + 0.3 * pixel)
    qtbot.wait(100)  # a few ticks
    assert panel.cursors[0].value() == start
    window.set_time(t0 + 3 * pixel)
    qtbot.waitUntil(lambda: panel.cursors[0].value() != start, timeout=5000)
    assert cursor_tdb(panel) == pytest.approx(t0 + 3 * pixel, abs=1e-7)


def test_curves_drawn_in_their_colours(window, qtbot) -> None:
    """The dock's pixels: the single curves in the dark theme's pen, Europa's in its colour."""
    from jovianview.qt.plot_figure import DARK, MOON_COLOURS
    from jovianview.qt.plots_panel import CURSOR_COLOUR

    window.resize(1280, 900)
    panel = show_plots(window, qtbot, perijove(45).tdb - 2.0 / 24)  # in PJ45's window
    qtbot.wait(200)
    from PyQt6.QtGui import QImage

    image = panel.view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    ptr = image.constBits()
    ptr.setsize(image.sizeInBytes())
    rgb = np.frombuffer(ptr, np.uint8).reshape(h, image.bytesPerLine() // 4, 4)[:, :w, 2::-1]
    rgb = rgb.astype(int)

    def count(hex_colour: str, tol: int = 30) -> int:
        c = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return int(np.all(np.abs(rgb - c) < tol, axis=2).sum())

    # pytest-xvfb's X server has 16-bit colour: #15171c comes back as #101418
    background = count(DARK.background, 8)
    assert background > 0.4 * w * h
    assert count(DARK.curve) > 300  # altitude, speed, latitude
    assert count(MOON_COLOURS["europa"]) > 100
    assert count(CURSOR_COLOUR) > 50  # the clock's cursor lines
    # the cursor stands where the clock is: 2 h before PJ45, a sixth of the way across
    columns = np.flatnonzero(np.all(np.abs(rgb - (0xFF, 0xD2, 0x4A)) < 30, axis=2).any(axis=0))
    left = panel.plots[0].getViewBox().sceneBoundingRect()
    expected = left.left() + left.width() * (4.0 / 12.0)
    assert np.any(np.abs(columns - expected) < 4), (columns, expected)

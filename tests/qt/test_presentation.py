"""Presentation mode, text size, high contrast, the legend, timeline tooltips, 1024x768
(issue 10, items 3 and 4), measured in pixels and widget geometries."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.model.sources import TimelineEvent
from jovianview.qt.presentation import caption_lines, friendly_duration, text_scale

pytestmark = pytest.mark.gui


def image_of(widget) -> np.ndarray:  # noqa: ANN001
    """(h, w, 3) uint8 of the widget as grabbed (device pixels)."""
    from PyQt6.QtGui import QImage

    img = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    ptr = img.constBits()
    ptr.setsize(img.sizeInBytes())
    rows = np.frombuffer(ptr, np.uint8).reshape(img.height(), img.bytesPerLine())
    return rows[:, :img.width() * 3].reshape(img.height(), img.width(), 3).copy()


def test_text_scale_follows_the_setting_else_the_dpi() -> None:
    assert text_scale(0, 96.0) == 1.0
    assert text_scale(0, 192.0) == 2.0
    assert text_scale(0, 72.0) == 1.0  # never below 100 %
    assert text_scale(0, 480.0) == 3.0  # nor above 300 %
    assert text_scale(250, 96.0) == 2.5
    assert text_scale(500, 96.0) == 3.0


def test_caption_names_the_nearest_event() -> None:
    from jovianview.model.readouts import Readouts

    def event(tdb: float, label: str) -> TimelineEvent:
        return TimelineEvent(tdb, label, "flyby", None, False, "io", "")

    r = Readouts(100.0, "2023-12-30 08:36:00 UTC", previous_event=event(99.0, "PJ56"),
                 next_event=event(100.0 + 12 / 1440, "Io flyby"))
    main, sub = caption_lines(r, "Moons drawn 8 times larger\nJuno drawn larger too")
    assert main == "2023-12-30 08:36 UTC   \u2022   Io flyby in 12 min"
    assert sub == "Moons drawn 8 times larger  \u2022  Juno drawn larger too"
    r.next_event = event(100.0 + 0.2 / 1440, "Io flyby")
    assert caption_lines(r, "")[0].endswith("Io flyby now")
    assert friendly_duration(3.25 / 24) == "3 h 15 min"
    assert friendly_duration(4.0) == "4 days"


def test_presentation_mode_enters_and_esc_leaves(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    p = window.presentation
    window.activateWindow()
    window.canvas.native.setFocus()
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_F5)
    assert p.active
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert window.docks["time"].isVisible()
    assert not window.docks["readouts"].isVisible() and not window.docks["views"].isVisible()
    assert p.caption.isVisible() and "UTC" in p.caption.lines[0]
    assert not window.time_bar.detail.isVisible()  # the slim bar
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_H)  # the time bar hides too
    assert not window.docks["time"].isVisible()
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_H)
    assert window.docks["time"].isVisible()
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_Escape)
    assert not p.active
    assert window.menuBar().isVisible() and window.docks["readouts"].isVisible()
    assert not p.caption.isVisible() and window.time_bar.detail.isVisible()


def test_caption_text_is_large_at_200_percent(window, qtbot) -> None:
    p = window.presentation

    def text_height(percent: int) -> int:
        window.settings.text_size = percent
        p.set_presentation(True)
        try:
            p.timer.stop()  # no refresh of the caption while it is measured
            p.caption.set_lines("2023-12-30 08:36 UTC", "")  # digits and capitals only
            qtbot.wait(300)  # laid out and painted, also on a busy machine
            image = image_of(p.caption)
        finally:
            p.set_presentation(False)
        bright = (image.min(axis=2) > 200)  # white text (the main line)
        rows = np.flatnonzero(bright.any(axis=1))
        runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
        return len(runs[0])  # the main line's height, ascender to descender

    small, large = text_height(100), text_height(200)
    assert large >= 24  # capitals of 26 pt text: legible from the back of a room
    assert large >= 1.8 * small


def test_text_size_reaches_every_text_and_is_remembered(window, tmp_path) -> None:
    import json

    window.settings.text_size = 200
    assert window.renderer.labels.text_scale == 2.0
    assert window.timeline.style_.scale == 2.0 and window.detail.style_.scale == 2.0
    assert window.presentation.caption.scale == 2.0
    mono = window.readout_panel._mono.pointSizeF()
    window.settings.text_size = 100
    assert window.readout_panel._mono.pointSizeF() == pytest.approx(mono / 2)
    window.settings.text_size = 250
    window.close()
    assert json.loads((tmp_path / "settings.json").read_text())["text_size"] == 250


def test_high_contrast_is_white_on_black(window) -> None:
    window.settings.high_contrast = True
    try:
        assert window.renderer.labels.LABEL_COLOUR == (1.0, 1.0, 1.0, 1.0)
        assert window.renderer.labels.NOTICE_COLOUR == (1.0, 1.0, 1.0, 1.0)
        contrast = [image_of(window.detail), image_of(window.timeline)]
        assert "background-color: #000000" in window.styleSheet()
    finally:
        window.settings.high_contrast = False
    assert window.styleSheet() == ""
    normal = [image_of(window.detail), image_of(window.timeline)]

    def greys(image: np.ndarray) -> int:  # the strips' grey lines and text, exactly
        return sum(int((np.abs(image.astype(int) - g).sum(axis=2) <= 6).sum())
                   for g in ((0x56, 0x60, 0x6a), (0x8a, 0x94, 0x9e)))

    assert sum(greys(i) for i in normal) > 100  # the test can see grey where there is grey
    assert sum(greys(i) for i in contrast) < 20  # (an anti-aliased edge may match by chance)


def test_legend_lists_every_shown_kind_with_its_colour(window, qtbot) -> None:
    from PyQt6.QtCore import Qt

    from jovianview.qt.legend import shown_entries

    window.activateWindow()
    window.canvas.native.setFocus()
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_L)
    legend = window.presentation.legend
    assert window.settings.show_legend and legend.isVisible()
    image = image_of(legend).astype(int)
    for entry in shown_entries(window.settings):
        if entry.colour[3] < 0.9:
            continue  # faint lines blend with the box; their names are checked below
        rgb = np.array(entry.colour[:3]) * 255
        near = np.abs(image - rgb).sum(axis=2) <= 24
        assert near.sum() >= 6, f"no swatch of {entry.name!r} in its colour"
    names = [e.name for e in shown_entries(window.settings)]
    assert "Juno's path, flown" in names and "Io flyby" in names
    window.settings.show_trail = False
    assert "Juno's path, flown" not in [e.name for e in shown_entries(window.settings)]
    qtbot.keyClick(window.canvas.native, Qt.Key.Key_L)
    assert not legend.isVisible()


def test_nothing_overlaps_at_1024x768(window, qtbot) -> None:
    from PyQt6.QtWidgets import QWidget

    def visible_children(parent: QWidget) -> list[QWidget]:
        return [c for c in parent.findChildren(QWidget) if c.parentWidget() is parent
                and c.isVisible() and c.width() > 0]

    def assert_apart(widgets: list[QWidget]) -> None:
        for i, a in enumerate(widgets):
            for b in widgets[i + 1:]:
                overlap = a.geometry().intersected(b.geometry())
                assert overlap.isEmpty(), f"{a.objectName() or type(a).__name__} overlaps " \
                                          f"{b.objectName() or type(b).__name__}"

    for percent, present in ((100, False), (200, False), (200, True)):
        window.settings.text_size = percent
        window.presentation.set_presentation(present)
        window.resize(1024, 768)
        qtbot.wait(300)  # the layouts settle
        assert window.width() <= 1024 and window.height() <= 768, (percent, present)
        parts = [window.centralWidget()] + [d for d in window.docks.values() if d.isVisible()]
        assert_apart(parts)
        assert_apart(visible_children(window.time_bar))
        bar = window.time_bar
        for w in visible_children(bar):
            assert bar.rect().contains(w.geometry()), type(w).__name__
        window.presentation.set_presentation(False)
    window.presentation.set_side_panels(False)  # F9: the side panels fold away
    assert not window.docks["readouts"].isVisible() and window.docks["time"].isVisible()


def test_timeline_tooltip_names_the_event_and_stays_on_screen(window) -> None:
    from jovianview.qt.timeline_tips import event_at, event_text, tip_position

    tl = window.timeline
    sc = tl.scale()
    last = [e for e in tl.events if e.kind == "perijove"][-1]
    x = sc.x_of(last.tdb)
    hit = event_at(tl.events, sc, x)
    assert hit is not None and abs(sc.x_of(hit.tdb) - x) < 1.0
    text = event_text(hit)
    assert hit.label in text and "UTC" in text
    pos = tip_position(tl, x, text)
    area = tl.screen().availableGeometry()
    width = max(tl.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
    assert area.left() <= pos.x() and pos.x() + width <= area.right()
    assert area.top() <= pos.y() <= area.bottom()
    assert event_at(tl.events, sc, -100.0) is None


def test_direction_button_says_reverse_or_forward(window) -> None:
    bar = window.time_bar
    bar.show_rate(3600.0, False)
    assert bar.reverse_button.text() == "Reverse"
    bar.show_rate(-3600.0, False)
    assert bar.reverse_button.text() == "Forward"

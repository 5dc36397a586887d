"""Dock panel: Juno's altitude, speed, latitude and moon distances around the clock's time.

The window (a perijove pass, an orbit, a flyby) comes from :class:`jovianview.model.plots
.PlotWindow`, which samples only when the window changes; a clock tick only moves the cursor
lines. A click or a drag in a plot moves the clock there (:attr:`PlotsPanel.scrubbed`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
from PyQt6.QtCore import QSize, Qt, pyqtSignal
from PyQt6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jovianview.core.ephemeris import Ephemeris
from jovianview.core.plot_series import WINDOW_KINDS
from jovianview.core.timescale import tdb_to_iso
from jovianview.model.plots import PANEL_QUANTITIES, WINDOW_TITLES, PlotWindow
from jovianview.qt.guard import guarded
from jovianview.qt.plot_figure import DARK, add_plots

CURSOR_COLOUR = "#ffd24a"
COLUMNS = 2  # a bottom dock is wide and short: two plots side by side


class ScrubViewBox(pg.ViewBox):
    """A ViewBox whose left click or drag reports the x under the mouse (no pan or zoom)."""

    def __init__(self, on_x: Callable[[float], None]) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)
        self._on_x = on_x

    def _report(self, ev: Any) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        self._on_x(float(self.mapSceneToView(ev.scenePos()).x()))

    def mouseClickEvent(self, ev: Any) -> None:  # noqa: N802 - pyqtgraph's name
        """Left click: report its x."""
        self._report(ev)

    def mouseDragEvent(self, ev: Any, axis: int | None = None) -> None:  # noqa: N802
        """Left drag: report x at every step."""
        self._report(ev)

    def wheelEvent(self, ev: Any, axis: int | None = None) -> None:  # noqa: N802
        """The wheel scrolls the dock, not the plot."""
        ev.ignore()


class PlotsPanel(QWidget):
    """The window selector, one line saying what is shown, and the plots.

    Signals
    -------
    scrubbed(float)
        The TDB Julian date clicked or dragged to in a plot.
    """

    scrubbed = pyqtSignal(float)

    def __init__(self, ephemeris: Ephemeris | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlotWindow(ephemeris)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        top = QHBoxLayout()
        self.window_box = QComboBox()
        for kind in WINDOW_KINDS:
            self.window_box.addItem(WINDOW_TITLES[kind], kind)
        self.window_box.setToolTip("The span the plots show, around the clock's time")
        self.window_box.activated.connect(guarded(self._kind_chosen))
        self.info = QLabel()
        self.info.setWordWrap(True)
        top.addWidget(self.window_box)
        top.addWidget(self.info, 1)
        layout.addLayout(top)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(DARK.background)
        self.view.setMinimumHeight(160)
        self.view.setToolTip("Click or drag in a plot to move the clock there")
        layout.addWidget(self.view, 1)
        self.plots: list[pg.PlotItem] = []
        self.cursors: list[pg.InfiniteLine] = []
        self.tdb: float | None = None  # the clock time the cursors show
        self.model.resampled.connect(self._redraw)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide and short: two rows of plots under the time bar."""
        return QSize(900, 320)

    # ---------------------------------------------------------------- the clock
    def follow(self, tdb: float) -> None:
        """Show ``tdb``: a new window if it left the old one, else only the cursor moves."""
        if tdb == self.tdb:
            return
        self.tdb = tdb
        self.model.follow(tdb)  # emits resampled (-> _redraw) only for a new window
        self._place_cursors()

    def set_ephemeris(self, ephemeris: Ephemeris | None) -> None:
        """Use new kernels (resampled now if a time is shown)."""
        self.model.ephemeris = ephemeris
        if self.tdb is not None:
            self.model.set_ephemeris(ephemeris, self.tdb)
            self._place_cursors()

    def _kind_chosen(self, index: int) -> None:
        kind = self.window_box.itemData(index)
        if self.tdb is not None and kind != self.model.kind:
            self.model.set_kind(kind, self.tdb)
            self._place_cursors()

    def _place_cursors(self) -> None:
        if self.model.series is None or self.tdb is None:
            return
        x = self.model.x_of(self.tdb)
        for line, plot in zip(self.cursors, self.plots, strict=True):
            # Move the cursor only when it moves by a pixel or more: no repaint on most ticks
            # at slow clock rates.
            pixel = float(plot.getViewBox().viewPixelSize()[0])
            if not pixel > 0.0 or abs(float(line.value()) - x) >= pixel:
                line.setValue(x)
        inside = self.model.series.start <= self.tdb <= self.model.series.end
        self._show_info(inside)

    # ---------------------------------------------------------------- drawing
    def _redraw(self) -> None:
        self.view.clear()
        self.plots, self.cursors = [], []
        series = self.model.series
        if series is None:
            self.info.setText(self.model.problem or "")
            return
        self.plots = add_plots(self.view.ci, series, self.model.x, self.model.origin,
                               PANEL_QUANTITIES, DARK, self.model.x_of,
                               view_box=lambda: ScrubViewBox(guarded(self._scrub)),
                               columns=COLUMNS)
        grid = self.view.ci.layout
        for col in range(COLUMNS):  # equal columns, whatever their titles and ticks prefer
            grid.setColumnStretchFactor(col, 1)
            grid.setColumnPreferredWidth(col, 10)
        for plot in self.plots:
            plot.setPreferredWidth(10)
            # The curves and the axes with their grid do not change while the cursor moves:
            # painted once into pixmaps, a cursor step repaints in ~2 ms instead of ~20.
            cached = [item.curve for item in plot.listDataItems()]
            cached += [plot.getAxis(side) for side in ("left", "bottom")]
            for item in cached:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        for plot in self.plots:
            line = pg.InfiniteLine(0.0, angle=90, movable=False,
                                   pen=pg.mkPen(CURSOR_COLOUR, width=2))
            line.setZValue(100)
            plot.addItem(line, ignoreBounds=True)
            self.cursors.append(line)

    def _show_info(self, inside: bool) -> None:
        series, event = self.model.series, self.model.event
        if series is None:
            return
        what = f"{event.label}: " if event is not None else ""
        first, last = (tdb_to_iso(t, 0).replace("T", " ") for t in (series.start, series.end))
        if series.end - series.start > 2.0:  # an orbit: the dates say enough
            span = f"{first[:10]} to {last[:10]}"
        else:
            span = f"{first} to {last[11:] if last[:10] == first[:10] else last} UTC"
        where = "" if inside else "  (the clock is outside this window)"
        text = f"{what}{span}{where}. {series.caption.removeprefix('Trajectory: ')}"
        if self.info.text() != text:
            self.info.setText(text)
            self.info.setToolTip(series.caption)

    def _scrub(self, x: float) -> None:
        if self.model.series is not None:
            self.scrubbed.emit(self.model.tdb_of(x))

"""Juno's plots drawn with pyqtgraph: stacked time plots, a UTC axis, event markers, files.

:func:`add_plots` fills a pyqtgraph layout with one plot per quantity (the moon distances share
one, on a log axis) over x = UTC seconds since an origin; the plot panel and
:func:`figure_bytes` (``jovianview plot --out x.png|x.svg``) both use it. PNG and SVG are both
painted from the scene by Qt (a QImage; a QSvgGenerator, because pyqtgraph 0.14's SVGExporter
cannot read the paths Qt 6.11 writes: pyqtgraph issue #3485). Offsetting x by an origin keeps
coordinates small: paths are drawn in float32 and a 1.7e9 s POSIX time would lose seconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PyQt6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PyQt6.QtGui import QColor, QImage, QPainter
from PyQt6.QtSvg import QSvgGenerator
from PyQt6.QtWidgets import QApplication

from jovianview.core.errors import JovianviewError
from jovianview.core.plot_series import QUANTITIES, PlotSeries
from jovianview.core.timescale import tdb_to_iso

MOON_COLOURS = {"io": "#d9a521", "europa": "#7fb3ff", "ganymede": "#b48cd9",
                "callisto": "#7fd18b"}
LEFT_AXIS_PX = 84
LOG_RATIO = 20.0  # distances spanning more than this factor get a log axis
EVENT_COLOURS = {"perijove": "#e07050", "flyby": "#50a0e0"}


@dataclass(frozen=True)
class Theme:
    """Colours of a figure: background, axes and text, and the single-curve pen."""

    background: str
    foreground: str
    curve: str


DARK = Theme("#15171c", "#c8ccd4", "#f0f0f0")  # the panel, beside the 3D view
LIGHT = Theme("#ffffff", "#202020", "#1a4f9c")  # files, for print and slides


class UtcAxis(pg.DateAxisItem):
    """A UTC date axis for x = seconds since :attr:`origin` (POSIX seconds)."""

    def __init__(self, origin: float = 0.0, **kwargs: object) -> None:
        super().__init__(orientation="bottom", utcOffset=0, **kwargs)
        self.origin = origin

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802,N803
        """DateAxisItem's ticks for the absolute times, shifted back to x."""
        levels = super().tickValues(minVal + self.origin, maxVal + self.origin, size)
        out: list = []
        taken: list[float] = []
        for spacing, values in levels:
            # A day tick beside a month tick would read "30 Oct" on the 30th of September.
            gap = float(np.min(np.diff(values))) if len(values) > 1 else spacing
            kept = [v for v in values if all(abs(v - t) >= gap / 2 for t in taken)]
            out.append((spacing, [v - self.origin for v in kept]))
            taken += kept
        return out

    def tickStrings(self, values: list, scale: float, spacing: float) -> list:  # noqa: N802
        """DateAxisItem's labels for the absolute times."""
        return super().tickStrings([v + self.origin for v in values], scale, spacing)


def plot_groups(names: Sequence[str]) -> list[tuple[str, ...]]:
    """Quantities per plot, in order: each alone, the moon distances together."""
    groups: list[tuple[str, ...]] = []
    distances = tuple(n for n in names if n.startswith("distance-"))
    for name in names:
        if name.startswith("distance-"):
            if name == distances[0]:
                groups.append(distances)
        else:
            groups.append((name,))
    return groups


def add_plots(layout: pg.GraphicsLayout, series: PlotSeries, x: np.ndarray, origin: float,
              names: Sequence[str], theme: Theme, x_of: Callable[[float], float],
              view_box: Callable[[], pg.ViewBox] | None = None,
              titles: bool = False, columns: int = 1) -> list[pg.PlotItem]:
    """One plot per group of :func:`plot_groups` in ``layout``, ``columns`` wide, x linked.

    ``x`` are the samples' x values (UTC seconds since ``origin``) and ``x_of`` maps a TDB
    Julian date to x (for the event markers); ``view_box`` makes each plot's ViewBox (the
    panel's handles clicks). Returns the plots in reading order.
    """
    plots: list[pg.PlotItem] = []
    groups = plot_groups(names)
    for index, group in enumerate(groups):
        row, col = divmod(index, columns)
        last = index + columns >= len(groups)  # nothing below it: its axis shows the times
        axis = UtcAxis(origin)
        plot = layout.addPlot(row=row, col=col, axisItems={"bottom": axis},
                              viewBox=view_box() if view_box is not None else None)
        quantity = QUANTITIES[group[0]]
        many = len(group) > 1
        if many:  # the names in their curves' colours: a legend box would hide curves
            names_html = " ".join(
                f'<span style="color:{MOON_COLOURS[n.removeprefix("distance-")]}">'
                f'{n.removeprefix("distance-").title()}</span>' for n in group)
            title = ("Distance from the moons' surfaces (mean radius): " if titles
                     else "From the surface: ") + names_html
            plot.setTitle(title, color=theme.foreground, size="10pt" if titles else "8pt")
        elif titles:
            plot.setTitle(quantity.title, color=theme.foreground, size="10pt")
        plot.setLabel("left", quantity.axis, color=theme.foreground)
        if last:
            plot.setLabel("bottom", "UTC", color=theme.foreground)
        else:
            axis.setStyle(showValues=False)
        for side in ("left", "bottom"):
            item = plot.getAxis(side)
            item.enableAutoSIPrefix(False)
            item.setPen(theme.foreground)
            item.setTextPen(theme.foreground)
        plot.getAxis("left").setWidth(LEFT_AXIS_PX)  # aligned plots, room for 7 digits
        plot.showGrid(x=True, y=True, alpha=0.25)
        values = np.concatenate([series.values[n] for n in group])
        if many and values.min() > 0 and values.max() / values.min() > LOG_RATIO:
            plot.setLogMode(y=True)  # a flyby: a few hundred km beside a million
        for name in group:
            moon = name.removeprefix("distance-")
            pen = pg.mkPen(MOON_COLOURS.get(moon, theme.curve), width=2)
            plot.plot(x, series.values[name], pen=pen, antialias=True)  # no 1-px stairs
        height, last_x = 0.88, -np.inf
        for event in series.events:
            colour = EVENT_COLOURS.get(event.kind, theme.foreground)
            at = x_of(event.tdb)
            # labels of events close together go one under the other
            height = 0.88 if at - last_x > 0.06 * (x[-1] - x[0]) or height < 0.5 else height - 0.14
            last_x = at
            line = pg.InfiniteLine(
                at, angle=90, movable=False,
                pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                label=event.label if index == 0 else None,
                labelOpts={"position": height, "color": colour})
            plot.addItem(line, ignoreBounds=True)
        plot.setXRange(float(x[0]), float(x[-1]), padding=0)
        if plots:
            plot.setXLink(plots[0])
        plot.hideButtons()
        plots.append(plot)
    return plots


MIN_WIDTH_PX = 480  # the title, a left axis and a readable time axis
MIN_HEIGHT_PX = (120, 100)  # title and caption, then each plot


def min_size(names: Sequence[str]) -> tuple[int, int]:
    """The smallest figure (width, height in pixels) in which the plots of ``names`` read."""
    return MIN_WIDTH_PX, MIN_HEIGHT_PX[0] + MIN_HEIGHT_PX[1] * len(plot_groups(names))


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen where there is no display)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # 2D only: no OpenGL needed
    return QApplication([])


def figure_bytes(series: PlotSeries, names: Sequence[str], fmt: str,
                 size: tuple[int, int]) -> bytes:
    """The plots of ``names`` as a PNG or SVG file's bytes (``fmt``: ``png`` or ``svg``).

    A title names the span, markers the perijoves and flybys, a caption the trajectory's
    source.
    """
    if fmt not in ("png", "svg"):
        raise JovianviewError(f"unknown figure format {fmt!r}: choose png or svg")
    from jovianview.core.plot_series import unix_utc

    ensure_app()
    width, height = size
    unix = unix_utc(series.tdb)
    origin = float(unix[0])
    x = unix - origin
    t0, t1 = series.tdb[0], series.tdb[-1]

    def x_of(tdb: float) -> float:
        return float(np.interp(tdb, series.tdb, x))

    view = pg.GraphicsLayoutWidget()
    view.setBackground(LIGHT.background)
    view.resize(width, height)
    layout = view.ci
    inner = layout.addLayout(row=0, col=0)
    first, last = (tdb_to_iso(t, 0).replace("T", " ") for t in (t0, t1))
    if first[:10] == last[:10]:  # one day: the date once (a narrower title)
        last = last[11:]
    title = f"Juno, {first} to {last} UTC"
    inner.addLabel(title, row=0, col=0, color=LIGHT.foreground, size="12pt")
    plots_layout = inner.addLayout(row=1, col=0)
    add_plots(plots_layout, series, x, origin, names, LIGHT, x_of, titles=True)
    inner.addLabel(series.caption, row=2, col=0, color=LIGHT.foreground, size="9pt")
    layout.setGeometry(QRectF(0, 0, width, height))
    # Titles and axes have a minimum size; below it the layout is larger than asked for and
    # is scaled down to fit (aspect kept), so the file is always the size requested.
    source = layout.geometry()
    try:
        if fmt == "png":
            return _png(view, source, width, height)
        return _svg(view, source, width, height, title)
    finally:
        view.deleteLater()


def _draw(painter: QPainter, view: pg.GraphicsLayoutWidget, source: QRectF, width: int,
          height: int) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    target = QRectF(0, 0, width, height)
    painter.fillRect(target, QColor(LIGHT.background))
    view.scene().render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)


def _png(view: pg.GraphicsLayoutWidget, source: QRectF, width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        _draw(painter, view, source, width, height)
    finally:
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def _svg(view: pg.GraphicsLayoutWidget, source: QRectF, width: int, height: int,
         title: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(title)
    generator.setDescription("Made by jovianview (pyqtgraph, Qt)")
    painter = QPainter(generator)
    try:
        _draw(painter, view, source, width, height)
    finally:
        painter.end()
    return bytes(buffer.data().data())

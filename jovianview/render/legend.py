"""What each kind of line and marker on screen means: a small registry for the legend.

Each layer registers its entries where it defines its colours, so the legend shows the very
constants the layer draws with and cannot drift from the picture. The window's legend (in
``jovianview.qt.legend``) lists them; the timeline registers its markers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Shape = Literal["line", "faint_line", "triangle", "tick", "arrow", "disc"]
Colour = tuple[float, float, float, float]  # RGBA, 0..1
Place = Literal["scene", "timeline"]


@dataclass(frozen=True)
class LegendEntry:
    """One legend line: a swatch of ``shape`` in ``colour`` and what it stands for.

    ``setting`` names the :class:`~jovianview.model.settings.Settings` field that shows the
    thing (None: always shown); the legend lists only what is switched on.
    """

    name: str
    colour: Colour
    shape: Shape
    setting: str | None = None
    place: Place = "scene"


_ENTRIES: dict[str, LegendEntry] = {}


def register(entry: LegendEntry) -> LegendEntry:
    """Add ``entry`` (an entry of the same name is replaced); returns it."""
    _ENTRIES[entry.name] = entry
    return entry


def entries(place: Place | None = None) -> list[LegendEntry]:
    """Every registered entry in registration order (only those of ``place`` if given)."""
    return [e for e in _ENTRIES.values() if place is None or e.place == place]


def hex_colour(colour: Colour) -> str:
    """``#rrggbb`` of an RGBA tuple (alpha dropped)."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in colour[:3])


def rgba_of_hex(text: str, alpha: float = 1.0) -> Colour:
    """An RGBA tuple of ``#rrggbb``."""
    text = text.lstrip("#")
    r, g, b = (int(text[i:i + 2], 16) / 255.0 for i in (0, 2, 4))
    return (r, g, b, alpha)

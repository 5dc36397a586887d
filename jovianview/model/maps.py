"""Which surface map each body wears, and any patch laid over it: an evented model.

The images live here as canonical numpy maps (see :mod:`jovianview.core.imagemaps`); the
renderer listens and uploads them. A new map replaces the old one only once it has been fully
read and checked, so a failed load never costs the user what they had.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from psygnal import Signal

from jovianview.core.assets import asset_path
from jovianview.core.imagemaps import PatchBounds

BODIES = ("jupiter", "io", "europa", "ganymede", "callisto")


@dataclass
class BodyMap:
    """A canonical map (h, w, 3) uint8 and where it came from.

    ``grs_u`` is set for a Jupiter map whose longitudes are not fixed (cloud maps drift): the
    horizontal texture coordinate (0..1) of the Great Red Spot's centre in the image. The
    renderer then turns the map so the spot lies at its modelled longitude for the date.
    """

    image: NDArray[np.uint8]
    source: str
    grs_u: float | None = None


@dataclass
class BodyPatch:
    """An image laid over part of a body's map, within ``bounds``, at ``opacity``."""
    image: NDArray[np.uint8]
    bounds: PatchBounds
    opacity: float
    source: str


def embedded_registration() -> dict[str, dict[str, float]]:
    """Per-body facts measured on the built-in maps (``assets/textures/registration.json``)."""
    return json.loads(Path(asset_path("textures", "registration.json")).read_text("utf-8"))


class MapsModel:
    """Current map and patch per body.

    Signals
    -------
    map_changed(str)
        The body whose map was replaced.
    patch_changed(str)
        The body whose patch was set or removed.
    """

    map_changed = Signal(str)
    patch_changed = Signal(str)

    def __init__(self, maps: dict[str, BodyMap] | None = None) -> None:
        self.maps: dict[str, BodyMap] = dict(maps or {})
        self.patches: dict[str, BodyPatch] = {}

    def set_map(self, body: str, body_map: BodyMap) -> None:
        """Give ``body`` a new map (an (H, W, 3) uint8 image) and emit ``map_changed``."""
        if body not in BODIES:
            raise ValueError(f"unknown body {body!r}: choose one of {', '.join(BODIES)}")
        if body_map.image.ndim != 3 or body_map.image.shape[2] != 3 \
                or body_map.image.dtype != np.uint8:
            raise ValueError("a body map must be an (h, w, 3) uint8 array")
        self.maps[body] = body_map
        self.map_changed.emit(body)

    def set_patch(self, body: str, patch: BodyPatch | None) -> None:
        """Lay ``patch`` over ``body``'s map, or remove its patch for None."""
        if patch is None:
            if self.patches.pop(body, None) is not None:
                self.patch_changed.emit(body)
            return
        patch.bounds.validate()
        self.patches[body] = patch
        self.patch_changed.emit(body)

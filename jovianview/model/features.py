"""Which named features to show, and where they are at each frame (ICRF km, from the core).

:class:`FeaturesModel` follows the settings (``show_features``, the Great Red Spot's longitude
override) and, when shown, puts :class:`FeatureSpots` into each :class:`~.scene.Snapshot`:
every feature's offset from its body's centre and its surface normal, in ICRF. The render
layer only scales, projects and draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import JovianviewError
from jovianview.core.features import (
    Feature,
    body_fixed_points,
    load_features,
    surface_normal,
    to_icrf,
)
from jovianview.model.settings import Settings

GRS_KEY = "jupiter:Great Red Spot"


@dataclass(frozen=True)
class FeatureSpots:
    """Features at one instant: ``offsets`` and ``normals`` are (3, N), ICRF (km, unit)."""

    features: tuple[Feature, ...]
    offsets: NDArray[np.float64]
    normals: NDArray[np.float64]

    def of(self, body: str) -> list[int]:
        """Indices of ``body``'s features."""
        return [i for i, f in enumerate(self.features) if f.body == body]


class FeaturesModel:
    """The features layer's model: visibility from the settings, positions from the core.

    Parameters
    ----------
    settings : Settings
        Read for ``show_features`` and ``grs_system2_longitude`` (followed by events).
    grs_map_latitude : float or None
        Planetocentric latitude of the Great Red Spot on the drawn Jupiter map; the GRS label
        sits there, on the spot the viewer sees (None: the published latitude).
    """

    def __init__(self, settings: Settings, grs_map_latitude: float | None = None) -> None:
        self.settings = settings
        self.visible = bool(settings.show_features)
        self.grs_override = settings.grs_system2_longitude
        self.lat_override = {} if grs_map_latitude is None else {GRS_KEY: grs_map_latitude}
        self.note: str | None = None
        self._fixed: dict[str, NDArray[np.float64]] = {}  # key -> body-fixed km
        try:
            self.features = load_features()
        except JovianviewError as exc:  # a broken asset: no features, a note says why
            self.features = ()
            self.note = str(exc)
        ev = settings.events
        ev.show_features.connect(self._on_show_features_change)
        ev.grs_system2_longitude.connect(self._on_grs_system2_longitude_change)

    def _on_show_features_change(self, value: bool) -> None:
        self.visible = bool(value)

    def _on_grs_system2_longitude_change(self, value: float | None) -> None:
        self.grs_override = value

    def close(self) -> None:
        """Stop following the settings."""
        ev = self.settings.events
        ev.show_features.disconnect(self._on_show_features_change)
        ev.grs_system2_longitude.disconnect(self._on_grs_system2_longitude_change)

    def by_key(self, key: str) -> Feature | None:
        """The feature with ``key``, or None."""
        return next((f for f in self.features if f.key == key), None)

    def _body_fixed(self, features: tuple[Feature, ...], tdb: float) -> NDArray[np.float64]:
        """(3, N) body-fixed km; fixed features are computed once, Jupiter's every frame."""
        out = np.empty((3, len(features)))
        moving = [i for i, f in enumerate(features) if f.placement != "fixed"]
        for i, f in enumerate(features):
            if f.placement == "fixed":
                if f.key not in self._fixed:
                    self._fixed[f.key] = body_fixed_points((f,), tdb)[:, 0]
                out[:, i] = self._fixed[f.key]
        if moving:
            out[:, moving] = body_fixed_points(tuple(features[i] for i in moving), tdb,
                                               self.grs_override, self.lat_override)
        return out

    def spots(self, tdb: float, rotations: dict[str, NDArray[np.float64]]) -> FeatureSpots | None:
        """Positions at ``tdb`` given each body's ICRF -> body-fixed matrix; None when hidden.

        Bodies without a rotation (frames unavailable) have no features shown.
        """
        if not self.visible or not self.features:
            return None
        features = tuple(f for f in self.features if f.body in rotations)
        if not features:
            return None
        fixed = self._body_fixed(features, tdb)
        offsets = np.empty_like(fixed)
        normals = np.empty_like(fixed)
        for body in {f.body for f in features}:
            idx = [i for i, f in enumerate(features) if f.body == body]
            offsets[:, idx] = to_icrf(fixed[:, idx], rotations[body])
            normals[:, idx] = to_icrf(surface_normal(body, fixed[:, idx]), rotations[body])
        return FeatureSpots(features, offsets, normals)

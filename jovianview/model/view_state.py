"""One saved view (a recorded tour step, a bookmark): moment, camera, rate, scale and layers.

:func:`state_values` writes a :class:`ViewState` in the words of a tour step (``utc``,
``view``, ``rate``, ``scale``, ``layers``), the form both tour files and the bookmarks file
use; :func:`state_from_values` reads it back with the tour's own checks, so a saved view
reloads to the same state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jovianview.core.timescale import tdb_to_iso
from jovianview.model.camera import View
from jovianview.model.rates import RATE_NAMES
from jovianview.model.tour_values import (
    LAYERS,
    BadValue,
    need,
    read_rate,
    read_scale,
    read_utc,
    read_view,
)

STATE_KEYS = ("utc", "view", "rate", "scale", "layers")


@dataclass(frozen=True)
class ViewState:
    """A view to come back to.

    Attributes
    ----------
    tdb : float
        TDB Julian date.
    view_name, view
        A camera preset name (for the views a table cannot say: chase, from Juno, from Earth),
        or a :class:`View` with target, distance and angles.
    rate : float
        Simulated seconds per second; 0 for a paused clock.
    scale : str
        ``"true"`` or ``"enlarged"``.
    layers : dict
        Tour layer names (:data:`model.tour_values.LAYERS`) -> on or off.
    """

    tdb: float
    view_name: str | None = None
    view: View | None = None
    rate: float = 3600.0
    scale: str = "enlarged"
    layers: dict[str, bool] = field(default_factory=dict)

    def settings(self) -> dict[str, bool | str]:
        """The settings fields this state sets."""
        out: dict[str, bool | str] = {"scale_mode": self.scale}
        out.update({LAYERS[name]: on for name, on in self.layers.items()})
        return out


def capture(tdb: float, preset: str, view: View, playing: bool, rate: float,
            settings: Any) -> ViewState:
    """The state of the window now: a preset name when the camera is in a special mode
    (chase, from Juno, from Earth), else the camera's target, distance and angles."""
    if view.mode != "free":
        name: str | None = preset
        table: View | None = None
    else:
        name = None
        table = View(target=view.target, distance=view.distance,
                     azimuth=view.azimuth % 360.0,
                     elevation=min(max(view.elevation, -89.0), 89.0))
    layers = {name_: bool(getattr(settings, field_)) for name_, field_ in LAYERS.items()}
    return ViewState(tdb=tdb, view_name=name, view=table,
                     rate=abs(rate) if playing else 0.0, scale=str(settings.scale_mode),
                     layers=layers)


def rate_text(rate: float) -> str:
    """A rate as a tour writes it: ``"paused"``, a time-bar name, or ``"<n>x"``."""
    if rate <= 0:
        return "paused"
    return RATE_NAMES.get(rate, f"{rate!r}x")


def state_values(state: ViewState) -> dict[str, Any]:
    """The state as tour-step values (plain str, float, bool and dict)."""
    values: dict[str, Any] = {"utc": tdb_to_iso(state.tdb, 3)}
    if state.view is not None:
        v = state.view
        values["view"] = {"target": v.target, "distance_rj": float(v.distance),
                          "azimuth_deg": float(v.azimuth), "elevation_deg": float(v.elevation)}
    else:
        values["view"] = state.view_name or "overview"
    values["rate"] = rate_text(state.rate)
    values["scale"] = state.scale
    values["layers"] = dict(state.layers)
    return values


def state_from_values(values: Any) -> ViewState:
    """Read :func:`state_values`'s form back; BadValue (naming the key) when it is wrong."""
    need(values, dict, "a table")
    unknown = sorted(set(values) - set(STATE_KEYS) - {"name"})
    if unknown:
        raise BadValue(f"unknown key {unknown[0]!r}: use {', '.join(STATE_KEYS)}")
    if "utc" not in values:
        raise BadValue("utc: missing")

    def read(key: str, reader: Any, default: Any) -> Any:
        if key not in values:
            return default
        try:
            return reader(values[key])
        except BadValue as exc:
            raise BadValue(f"{key}: {exc}") from None

    tdb = read("utc", read_utc, None)
    view_name, view = read("view", read_view, ("overview", None))
    rate = read("rate", read_rate, 3600.0)
    scale = read("scale", read_scale, "enlarged")
    layers_raw = values.get("layers", {})
    need(layers_raw, dict, "layers: a table of true/false")
    layers: dict[str, bool] = {}
    for name, on in layers_raw.items():
        if name not in LAYERS or not isinstance(on, bool):
            raise BadValue(f"layers: {name!r} = {on!r}: use true/false for "
                           f"{', '.join(LAYERS)}")
        layers[name] = on
    return ViewState(tdb=tdb, view_name=view_name, view=view, rate=rate, scale=scale,
                     layers=layers)

"""Named value types of the app state: camera views, scale modes, units, backgrounds.

Each is a ``Literal`` defined once here; the settings model checks fields against them and
the tuples beside them serve as run-time choices (menus, ``--view``, ``--scale``).
"""

from __future__ import annotations

from typing import Literal, get_args

ViewName = Literal["overview", "jupiter", "chase", "from_juno", "io", "europa", "ganymede",
                   "callisto", "juno", "earth", "flyby"]
ScaleMode = Literal["true", "enlarged"]
DistanceUnit = Literal["km", "RJ"]
Background = Literal["stars", "plain"]
MapConvention = Literal["centre-east", "centre-west", "edge-east", "edge-west"]
# The view from Earth: north up (eye, binoculars), turned 180 deg (Newtonian), mirror image
# (a refractor or SCT with a star diagonal); and the moon events panel's clock.
TelescopeImage = Literal["north_up", "inverted", "mirrored"]
EventTimeZone = Literal["utc", "local"]
Quality = Literal["off", "normal", "high"]  # shadows, rings, stars on slow (software) GL

VIEW_NAMES: tuple[ViewName, ...] = get_args(ViewName)
SCALE_MODES: tuple[ScaleMode, ...] = get_args(ScaleMode)
DISTANCE_UNITS: tuple[DistanceUnit, ...] = get_args(DistanceUnit)
BACKGROUNDS: tuple[Background, ...] = get_args(Background)
MAP_CONVENTIONS: tuple[MapConvention, ...] = get_args(MapConvention)
TELESCOPE_IMAGES: tuple[TelescopeImage, ...] = get_args(TelescopeImage)
EVENT_TIME_ZONES: tuple[EventTimeZone, ...] = get_args(EventTimeZone)

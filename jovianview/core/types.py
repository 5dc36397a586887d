"""Named value types of the core: bodies and frames, each defined once as a ``Literal``.

The tuples beside them (``BODIES``, ``FRAMES``) are the same names at run time, for argument
choices and checks; a test keeps them equal to the ephemeris's NAIF table and ``frames.FRAMES``.
"""

from __future__ import annotations

from typing import Literal, get_args

Body = Literal["jupiter", "io", "europa", "ganymede", "callisto", "sun", "earth", "juno"]
Moon = Literal["io", "europa", "ganymede", "callisto"]
Frame = Literal["icrf", "jupiter-equator", "system3"]

BODIES: tuple[Body, ...] = get_args(Body)
MOON_NAMES: tuple[Moon, ...] = get_args(Moon)
FRAME_NAMES: tuple[Frame, ...] = get_args(Frame)

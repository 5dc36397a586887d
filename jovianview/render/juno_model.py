"""Juno as a triangle mesh, built with trimesh, in metres, spin axis along +z.

Dimensions, to scale, from NASA's published descriptions of the spacecraft (Juno Launch
Press Kit, NASA, August 2011; Juno fact sheet, NASA/JPL) and the magnetometer paper
(Connerney et al. 2017, Space Sci. Rev. 213, 39-138):

- the bus: a hexagonal prism about 3.5 m across and 3.5 m tall;
- the high-gain antenna: a 2.5 m dish on top, on the spin axis, with the titanium radiation
  vault (about 1 m on a side) on the upper deck beneath it;
- three solar-array wings 120 deg apart, each 8.9 m long and 2.65 m wide: two of four hinged
  panels, the third of three panels ending in the magnetometer boom, whose two sensor
  packages (fluxgate magnetometers with their star cameras) sit 10 m and 12 m from the
  spacecraft's centre;
- the main engine's nozzle below the bus; the microwave radiometer's antennas on the bus sides
  (the largest, A1, a flat panel about 1.5 m across; drawn as flat plates).

Colours are approximate: gold and black blankets, dark blue solar cells (grey backs), a white
antenna. The solar cells face +z, with the antenna, as Juno's face the Sun.

Two levels of detail share every dimension: ``"full"`` for close-ups and ``"far"``, with
fewer facets on the round parts (dish, feed, nozzle), for the usual view where Juno is a few
dozen pixels across. Software GL shades every vertex on the drawing thread, and the dish's
facets are most of the full model's vertices.

Importing trimesh costs about a second (it pulls in scipy), too much for launch, so the built
triangles are stored in ``assets/models/juno.npz`` by ``tools/make_juno_model.py`` and loaded
from there; :func:`build_juno_mesh` rebuilds them with trimesh (and a test checks the two
agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import assets_dir
from jovianview.core.errors import DataFileError

if TYPE_CHECKING:  # trimesh is imported when building (the generate extra)
    import trimesh

SPAN_M = 20.0  # tip to tip, for scale checks (more than 20 m: NASA)
BUS_ACROSS_M, BUS_HEIGHT_M = 3.5, 3.5
HGA_DIAMETER_M = 2.5
WING_LENGTH_M, WING_WIDTH_M = 8.9, 2.65
PANELS = (3, 4, 4)  # per wing; the first carries the magnetometer boom
MAG_SENSORS_M = (10.0, 12.0)  # from the spacecraft's centre
VAULT_M = 1.0
_GOLD = (0.80, 0.63, 0.26)
_BLACK = (0.12, 0.12, 0.13)
_CELLS = (0.09, 0.13, 0.36)
_BACK = (0.62, 0.62, 0.64)
_WHITE = (0.93, 0.93, 0.91)
_GREY = (0.55, 0.55, 0.58)
_TITANIUM = (0.68, 0.68, 0.70)


@dataclass(frozen=True)
class Detail:
    """Facets of the round parts: the dish's sections around and points along a radius,
    the feed's and the nozzle's sections."""

    dish_sections: int
    dish_radial_points: int
    feed_sections: int
    nozzle_sections: int


DETAILS = {"full": Detail(40, 14, 10, 16), "far": Detail(12, 5, 6, 8)}


def _coloured(mesh: trimesh.Trimesh, rgb: tuple[float, float, float]) -> trimesh.Trimesh:
    import trimesh

    visual = mesh.visual
    if not isinstance(visual, trimesh.visual.ColorVisuals):  # trimesh's new shapes have these
        raise TypeError(f"a Juno part has {type(visual).__name__} colours, not per face")
    visual.face_colors = np.array([*(int(c * 255) for c in rgb), 255], dtype=np.uint8)
    return mesh


def _box(extents: tuple[float, float, float], centre: tuple[float, float, float],
         rgb: tuple[float, float, float]) -> trimesh.Trimesh:
    import trimesh

    box = trimesh.creation.box(extents=extents)
    box.apply_translation(centre)
    return _coloured(box, rgb)


def _dish(detail: Detail) -> trimesh.Trimesh:
    """The high-gain antenna: a paraboloid shell (focal length 1.1 m), opening upward."""
    import trimesh

    r = np.linspace(0.0, HGA_DIAMETER_M / 2, detail.dish_radial_points)
    z = r * r / (4.0 * 1.1)
    profile = np.concatenate([np.stack([r, z + 0.03], 1), np.stack([r[::-1], z[::-1]], 1)])
    dish = trimesh.creation.revolve(profile, sections=detail.dish_sections)
    dish.apply_translation([0.0, 0.0, BUS_HEIGHT_M / 2 + VAULT_M * 0.5 + 0.15])
    return _coloured(dish, _WHITE)


def _wing(k: int) -> list[trimesh.Trimesh]:
    """Wing ``k`` along +x before its turn by k x 120 deg: hinged panels, cells on top."""
    import trimesh

    root = BUS_ACROSS_M / 2 * np.cos(np.pi / 6)  # the bus face the wing hinges on
    panel = WING_LENGTH_M / 4 - 0.06  # four panels and their hinges make the full length
    z = 0.45
    parts = [_box((0.35, 0.15, 0.15), (root + 0.15, 0.0, z), _GREY)]  # yoke at the bus
    x = root + 0.3
    for _ in range(PANELS[k]):
        parts.append(_box((panel, WING_WIDTH_M, 0.04), (x + panel / 2, 0.0, z + 0.02), _CELLS))
        parts.append(_box((panel, WING_WIDTH_M, 0.03), (x + panel / 2, 0.0, z - 0.015), _BACK))
        x += panel + 0.06
    if k == 0:  # the magnetometer boom: a square truss to the outer sensor package
        end = MAG_SENSORS_M[1] + 0.25
        parts.append(_box((end - x, 0.35, 0.35), ((x + end) / 2, 0.0, z), _GREY))
        for at in MAG_SENSORS_M:
            parts.append(_box((0.5, 0.6, 0.45), (at, 0.0, z + 0.05), _BLACK))
    turn = trimesh.transformations.rotation_matrix(k * 2 * np.pi / 3, [0, 0, 1])
    return [p.apply_transform(turn) for p in parts]


def _parts(detail: Detail) -> list[trimesh.Trimesh]:
    import trimesh

    top = BUS_HEIGHT_M / 2
    # trimesh puts a hexagon's corners at 0, 60, ... deg: turned by 30 deg, its faces look
    # along the wings (0, 120, 240 deg) and the radiometer plates (60, 180, 300 deg)
    face_on = trimesh.transformations.rotation_matrix(np.pi / 6, [0, 0, 1])
    bus = trimesh.creation.cylinder(radius=BUS_ACROSS_M / 2, height=BUS_HEIGHT_M, sections=6)
    deck = trimesh.creation.cylinder(radius=BUS_ACROSS_M / 2 + 0.01, height=0.06, sections=6)
    deck.apply_translation([0, 0, top])
    parts = [_coloured(bus.apply_transform(face_on), _GOLD),
             _coloured(deck.apply_transform(face_on), _BLACK),  # the upper deck's blanket
             _box((VAULT_M, VAULT_M, VAULT_M * 0.5), (0.0, 0.0, top + VAULT_M * 0.25),
                  _TITANIUM),
             _dish(detail)]
    feed = trimesh.creation.cylinder(radius=0.13, height=0.7, sections=detail.feed_sections)
    feed.apply_translation([0.0, 0.0, top + VAULT_M * 0.5 + 0.5])
    parts.append(_coloured(feed, _GREY))
    nozzle = trimesh.creation.cone(radius=0.35, height=0.7, sections=detail.nozzle_sections)
    nozzle.apply_transform(trimesh.transformations.rotation_matrix(np.pi, [1, 0, 0]))
    nozzle.apply_translation([0.0, 0.0, -top])  # the cone's apex up into the bus
    parts.append(_coloured(nozzle, _GREY))
    # radiometer antennas: flat plates on three of the bus's six faces (between the wings)
    apothem = BUS_ACROSS_M / 2 * np.cos(np.pi / 6)
    for k, size in enumerate((1.5, 1.0, 0.7)):
        plate = _box((0.05, size, size), (apothem + 0.03, 0.0, -0.4), _WHITE)
        angle = (k * 2 + 1) * np.pi / 3
        parts.append(plate.apply_transform(trimesh.transformations.rotation_matrix(
            angle, [0, 0, 1])))
    for k in range(3):
        parts.extend(_wing(k))
    return parts


MODEL_FILE = ("models", "juno.npz")
Mesh = tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]


def stored_keys(detail: str) -> tuple[str, str, str]:
    """The model file's arrays for ``detail``: positions, normals, colours."""
    prefix = "" if detail == "full" else f"{detail}_"
    return f"{prefix}positions", f"{prefix}normals", f"{prefix}colours"


@cache
def juno_mesh(detail: str = "full") -> Mesh:
    """Flat-shaded triangles: positions (N, 3) metres, normals (N, 3), colours (N, 3).

    ``detail``: a key of :data:`DETAILS`. Read from the stored model when present (fast),
    else built with trimesh.
    """
    if detail not in DETAILS:
        raise ValueError(f"unknown Juno model detail {detail!r}: expected one of "
                         f"{', '.join(DETAILS)}")
    path = assets_dir().joinpath(*MODEL_FILE)
    keys = stored_keys(detail)
    if path.exists():
        with np.load(path) as data:
            if all(k in data for k in keys):
                return data[keys[0]], data[keys[1]], data[keys[2]]
    try:
        return build_juno_mesh(detail)
    except ImportError:  # trimesh is a build-time tool (the generate extra), not a dependency
        raise DataFileError(f"the Juno model {path} is missing: reinstall jovianview, or "
                            f"install jovianview[generate] to rebuild it") from None


def build_juno_mesh(detail: str = "full") -> Mesh:
    """Build the triangles with trimesh at ``detail``; every triangle has its own three
    vertices so faces stay flat-shaded."""
    import trimesh

    mesh = trimesh.util.concatenate(_parts(DETAILS[detail]))
    if not isinstance(mesh, trimesh.Trimesh):  # concatenate is typed to return any Geometry
        raise TypeError(f"the Juno parts joined into a {type(mesh).__name__}, not a Trimesh")
    tri = mesh.triangles.reshape(-1, 3)
    normals = np.repeat(mesh.face_normals, 3, axis=0)
    visual = mesh.visual
    if not isinstance(visual, trimesh.visual.ColorVisuals):  # every part is coloured per face
        raise TypeError(f"the Juno model's colours are {type(visual).__name__}, not per face")
    colours = np.repeat(visual.face_colors[:, :3] / 255.0, 3, axis=0)
    return (tri.astype(np.float32), normals.astype(np.float32), colours.astype(np.float32))

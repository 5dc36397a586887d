"""Putting maps on bodies: the user's own images, HD packs, the built-in maps.

Every change is read and checked completely before the :class:`MapsModel` is touched, so a bad
file leaves the body as it was. Successful choices are remembered in the settings (file,
longitude convention per body, patch bounds) and replayed at the next start.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import cast

from jovianview.core.imagemaps import ImageMapError, PatchBounds, Progress
from jovianview.core.types import Body
from jovianview.data.images import DEFAULT_MAX_WIDTH, read_global_map, read_patch
from jovianview.data.pack_cache import InstalledPack, load_installed
from jovianview.model.maps import BodyMap, BodyPatch, MapsModel
from jovianview.model.settings import Settings
from jovianview.model.types import MapConvention
from jovianview.render.renderer import embedded_maps


def load_global_map(path: str | Path, convention: str, max_width: int = DEFAULT_MAX_WIDTH,
                    progress: Progress | None = None) -> BodyMap:
    """A user's equirectangular map as a canonical :class:`BodyMap` (raises ImageMapError)."""
    return BodyMap(read_global_map(path, convention, max_width, progress), str(path))


def load_patch(path: str | Path, bounds: PatchBounds, opacity: float = 1.0,
               max_width: int = DEFAULT_MAX_WIDTH,
               progress: Progress | None = None) -> BodyPatch:
    """A map-projected patch (any aspect ratio) with its bounds (raises ImageMapError)."""
    bounds.validate()
    if not 0.0 < opacity <= 1.0:
        raise ImageMapError(f"patch opacity must be in (0, 1], got {opacity}")
    return BodyPatch(read_patch(path, max_width, progress), bounds, opacity, str(path))


def pack_body_map(pack: InstalledPack) -> BodyMap:
    """An installed HD pack as the map its body wears."""
    return BodyMap(pack.image, pack.title, pack.grs_u)


class MapsController:
    """Loads maps into ``maps`` and records them in ``settings``."""

    def __init__(self, maps: MapsModel, settings: Settings,
                 max_width: int = DEFAULT_MAX_WIDTH) -> None:
        self.maps = maps
        self.settings = settings
        self.max_width = max_width
        self._builtin: dict[str, BodyMap] = dict(maps.maps)

    def convention_for(self, body: str) -> str:
        """How longitudes run in the map last draped on ``body`` (default centre-east)."""
        return self.settings.map_conventions.get(_body(body), "centre-east")

    def drape(self, body: str, path: str | Path, convention: str,
              progress: Progress | None = None) -> BodyMap:
        """Read ``path`` as a global map of ``body``; the body keeps its map if this raises."""
        body_map = load_global_map(path, convention, self.max_width, progress)
        self.maps.set_map(body, body_map)
        # load_global_map accepted the convention; Settings checks both on assignment
        self.settings.map_conventions = {**self.settings.map_conventions,
                                         _body(body): cast(MapConvention, convention)}
        self.settings.map_files = {**self.settings.map_files, _body(body): str(path)}
        return body_map

    def use_installed_packs(self, cache: Path) -> list[str]:
        """Wear the HD packs installed in ``cache``; messages for the ones set aside."""
        packs, problems = load_installed(cache)
        for body, pack in packs.items():
            self.use_pack_map(body, pack_body_map(pack))
        return problems

    def use_pack_map(self, body: str, body_map: BodyMap) -> None:
        """An HD-pack map (already processed) replaces the built-in one for ``body``."""
        self._builtin[body] = body_map
        if body not in self.settings.map_files:
            self.maps.set_map(body, body_map)

    def restore_builtin(self, body: str) -> None:
        """Put back the body's built-in (or HD pack) map and forget the user's map file."""
        builtin = self._builtin.get(body) or embedded_maps().maps[body]
        self.maps.set_map(body, builtin)
        files = dict(self.settings.map_files)
        files.pop(_body(body), None)
        self.settings.map_files = files

    def set_patch(self, body: str, path: str | Path, bounds: PatchBounds, opacity: float,
                  progress: Progress | None = None) -> None:
        """Lay the map-projected image ``path`` over part of ``body`` and remember it."""
        patch = load_patch(path, bounds, opacity, self.max_width, progress)
        self.maps.set_patch(body, patch)
        self.settings.patches = {**self.settings.patches,
                                 _body(body): {"path": str(path), "opacity": opacity,
                                               **asdict(bounds)}}

    def clear_patch(self, body: str) -> None:
        """Remove the patch from ``body`` and forget it."""
        self.maps.set_patch(body, None)
        patches = dict(self.settings.patches)
        patches.pop(_body(body), None)
        self.settings.patches = patches

    def restore_from_settings(self) -> list[str]:
        """Replay the remembered maps and patches; returns messages for those that failed
        (their entries stay in the settings, so a file on an unplugged drive comes back)."""
        problems = []
        for body, path in self.settings.map_files.items():
            try:
                self.maps.set_map(body, load_global_map(path, self.convention_for(body),
                                                        self.max_width))
            except (ImageMapError, ValueError, OSError) as exc:
                problems.append(f"{body}: your map {path} was not loaded ({exc})")
        for body, spec in self.settings.patches.items():
            try:
                bounds = PatchBounds(float(spec["lon_left"]), float(spec["lon_right"]),
                                     float(spec["lat_top"]), float(spec["lat_bottom"]),
                                     bool(spec.get("west", True)))
                patch = load_patch(spec["path"], bounds, float(spec.get("opacity", 1.0)),
                                   self.max_width)
                self.maps.set_patch(body, patch)
            except (ImageMapError, ValueError, OSError, KeyError, TypeError) as exc:
                problems.append(f"{body}: the patch {spec.get('path')} was not loaded ({exc})")
        return problems


def _body(name: str) -> Body:
    """``name`` as the settings' key type (a name that is not a body misses in a lookup, and
    Settings.__setattr__ rejects it on assignment)."""
    return cast(Body, name)

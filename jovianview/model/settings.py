"""User settings: a validated, versioned, evented object saved as JSON in the user's config dir.

Each field is one annotated line; its annotation is its check (:mod:`.validation`): assigning a
value it does not allow raises :class:`SettingError` and keeps the old value. Files carry a
``schema_version``; older files are migrated on load (:data:`MIGRATIONS`; a file without the
key is version 0, the format before versions). Saving writes a temporary file beside the
target and renames it over, so a crash mid-write never leaves a half-written file; stale
temporary files of interrupted saves are swept on load. A file that cannot be read (not UTF-8,
bad or too deeply nested JSON, NaN or Infinity, wrong types, values out of range) is set aside
as ``settings.json.corrupt-<time>`` and the defaults are used; the message explaining that is
kept in :attr:`SettingsStore.notice` for the window to show. Never a crash.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, get_type_hints

from psygnal import SignalGroup, evented

from jovianview.core.types import Body
from jovianview.model.clock import MAX_RATE
from jovianview.model.types import (
    BACKGROUNDS,
    DISTANCE_UNITS,
    SCALE_MODES,
    VIEW_NAMES,
    Background,
    DistanceUnit,
    EventTimeZone,
    MapConvention,
    Quality,
    ScaleMode,
    TelescopeImage,
    ViewName,
)
from jovianview.model.user_dirs import cache_dir, config_dir
from jovianview.model.validation import Range, SettingError, check_value

__all__ = ["Settings", "SettingsStore", "SettingError", "SCHEMA_VERSION", "MIGRATIONS",
           "config_dir", "cache_dir", "SCALE_MODES", "DISTANCE_UNITS", "BACKGROUNDS"]

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 16 * 1024 * 1024  # a settings file is a few kB; more is not ours
STALE_TMP_S = 60.0  # a save takes milliseconds: older temporary files are left-overs
TDB_JD = Range(2_000_000.0, 3_000_000.0)  # years 763 to 3501: a sanity bound, not the data's


@evented
@dataclass
class Settings:
    """Everything the program remembers between runs. Each field emits on change.

    A field is one line: name, annotation (what it may hold, checked on every assignment),
    default. ``Annotated[float, Range(lo, hi)]`` adds a range; ``Literal`` types give choices.
    """

    events: ClassVar[SignalGroup]  # added by @evented: one signal per field

    schema_version: Annotated[int, Range(SCHEMA_VERSION, SCHEMA_VERSION)] = SCHEMA_VERSION
    distance_unit: DistanceUnit = "km"  # kilometres or Jupiter equatorial radii
    scale_mode: ScaleMode = "enlarged"
    background: Background = "stars"
    show_labels: bool = True
    show_trail: bool = True
    show_moon_orbits: bool = True
    rate: Annotated[float, Range(1e-6, MAX_RATE)] = 3600.0  # simulated s per s, its size
    view: ViewName = "overview"
    last_tdb: Annotated[float, TDB_JD] | None = None
    window_geometry: str = ""  # Qt's saveGeometry() as hex; opaque to the model
    window_state: str = ""  # Qt's saveState() as hex (docks, toolbars)
    docks_visible: dict[str, bool] = field(default_factory=dict)
    # Surface maps: the GRS's System II longitude (None: the drift model of core.grs), the
    # user's own map file per body, the longitude convention last chosen per body, and a
    # map-projected patch per body ({"path", "lon_left", "lon_right", "lat_top",
    # "lat_bottom", "west", "opacity"}).
    grs_system2_longitude: Annotated[float, Range(0.0, 360.0)] | None = None
    map_files: dict[Body, str] = field(default_factory=dict)
    map_conventions: dict[Body, MapConvention] = field(default_factory=dict)
    patches: dict[Body, dict] = field(default_factory=dict)
    show_junocam: bool = True
    show_features: bool = False  # named volcanoes, craters and storms on the bodies (key F)
    show_field_lines: bool = False  # Jupiter's magnetic field lines (JRM33 + Con2020)
    show_aurorae: bool = False  # main ovals and Io/Europa/Ganymede footprints
    show_io_torus: bool = False  # the Io plasma torus (schematic)
    show_radiation_belts: bool = False  # the innermost radiation belts (schematic, key V)
    show_interior: bool = False  # Jupiter's interior: an octant cut away (schematic, key X)
    # Folder of NAIF Juno SPK kernels (needs jovianview[spice]); "" = embedded trajectory only.
    juno_kernels_dir: str = ""
    telescope_image: TelescopeImage = "north_up"  # view from Earth: how the telescope turns it
    earth_fov_arcmin: Annotated[float, Range(0.0, 120.0)] = 0.0  # field height (0: four moons)
    event_time_zone: EventTimeZone = "utc"  # moon events panel: UTC or the computer's zone
    show_moon_shadows: bool = True  # shadows and eclipses (key Shift+H)
    # Issue 11: rings (key G), their enhanced brightness (Shift+G), the night side and eclipsed
    # moons filled for teaching (K), and quality levels for software rendering.
    # Off by default: the rings' disc covers the whole picture in a Jupiter close-up and cost
    # 20 ms a frame there on llvmpipe (45 against 25 ms at 1280x720), below the 30 fps budget.
    show_rings: bool = False
    rings_enhanced: bool = False
    lit_for_teaching: bool = False
    shadow_quality: Quality = "normal"  # off / normal / high (high: moon-on-moon shadows too)
    ring_quality: Quality = "normal"  # off / normal / high (finer profile and outline)
    star_quality: Quality = "normal"  # off hides the stars; the stars layer may read more
    # Map filtering: off trilinear only; normal anisotropic on graphics hardware, trilinear in
    # software GL (anisotropy costs llvmpipe ~11 ms a frame in a Jupiter close-up); high
    # anisotropic everywhere.
    map_quality: Quality = "normal"
    # Text size in percent (3D labels, timelines, readouts, captions): 100-300; 0 follows the
    # screen's DPI.
    text_size: Annotated[int, Range(0, 300)] = 0
    high_contrast: bool = False  # white on black, no grey text
    show_legend: bool = False  # the legend of lines and markers (key L)

    def __setattr__(self, name: str, value: Any) -> None:
        hint = _field_hints().get(name)
        if hint is not None:
            value = check_value(name, hint, value)
        object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain JSON-ready values."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build settings from parsed JSON of the current schema; unknown keys are ignored.

        Raises
        ------
        SettingError
            When ``data`` is not a JSON object or a known key's value is not allowed.
        """
        if not isinstance(data, dict):
            raise SettingError("the settings file does not hold a JSON object")
        names = _field_hints()
        return cls(**{k: v for k, v in data.items() if k in names})


@cache
def _field_hints() -> dict[str, Any]:
    """Each field's resolved annotation (``Annotated`` extras kept), read once."""
    hints = get_type_hints(Settings, include_extras=True)
    return {f.name: hints[f.name] for f in fields(Settings)}


# ---------------------------------------------------------------- migrations
def _from_v0(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (no ``schema_version``) to 1: values the old window replaced silently go.

    The old window opened the overview for a ``view`` it did not know and used 3600x for a
    ``rate`` of 0; version 1 refuses those values, so they are dropped (defaults instead)
    rather than setting the whole file aside. A negative rate becomes its size.
    """
    out = dict(data)
    if out.get("view") not in VIEW_NAMES:
        out.pop("view", None)
    rate = out.get("rate")
    if isinstance(rate, int | float) and not isinstance(rate, bool):
        if rate == 0:
            out.pop("rate")
        elif rate < 0:
            out["rate"] = -rate
    out["schema_version"] = 1
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_v0}


def migrate(data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """``data`` brought to :data:`SCHEMA_VERSION`, and a note when it came from a newer one."""
    version = data.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SettingError(f"setting 'schema_version' must be a whole number >= 0, "
                           f"not {version!r}")
    if version > SCHEMA_VERSION:
        newer = {**data, "schema_version": SCHEMA_VERSION}
        return newer, (f"the settings file was written by a newer jovianview (schema "
                       f"{version}); settings this version does not know are ignored")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data, None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a setting can hold")


def parse(raw: bytes) -> tuple[Settings, str | None]:
    """Settings from the bytes of a settings file, and a note for a file from a newer version.

    Raises
    ------
    ValueError
        Saying what is wrong (:class:`SettingError` for a value a field does not allow).
    """
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    except ValueError:  # an integer of thousands of digits (int_max_str_digits)
        raise ValueError("a number with too many digits") from None
    if not isinstance(data, dict):
        raise SettingError("the settings file does not hold a JSON object")
    data, note = migrate(data)
    return Settings.from_dict(data), note


class SettingsStore:
    """Loads and saves :class:`Settings` at ``path`` (default: ``config_dir()/settings.json``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else config_dir() / "settings.json"
        self.notice: str | None = None

    def load(self) -> Settings:
        """Read the settings; a missing file gives defaults, a bad one is set aside."""
        self.sweep_temporary()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self.notice = (f"could not read settings {self.path} "
                           f"({exc.strerror or exc}); using defaults")
            return Settings()
        try:
            settings, self.notice = parse(raw)
        except ValueError as exc:  # SettingError is one too
            self.notice = (f"the settings file {self.path} was unreadable ({exc}); "
                           f"{self._set_aside()} and started with default settings")
            return Settings()
        return settings

    def _set_aside(self) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
        except OSError:
            return "could not move it aside"
        return f"moved it to {aside}"

    def sweep_temporary(self, older_than_s: float = STALE_TMP_S) -> list[Path]:
        """Remove ``.settings-*.tmp`` files an interrupted save left; returns those removed."""
        removed: list[Path] = []
        now = time.time()
        try:
            candidates = list(self.path.parent.glob(".settings-*.tmp"))
        except OSError:
            return removed
        for tmp in candidates:
            try:
                if now - tmp.stat().st_mtime >= older_than_s:
                    tmp.unlink()
                    removed.append(tmp)
            except OSError:
                continue  # gone already, or not ours to remove
        return removed

    def save(self, settings: Settings) -> None:
        """Write atomically: a temporary file in the same folder, then a rename over the target."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(settings.to_dict(), indent=2, sort_keys=True, allow_nan=False)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

"""User settings: a typed evented object saved as JSON, atomically, in the user's config dir.

Saving writes a temporary file beside the target and renames it over, so a crash mid-write
never leaves a half-written file. A file that cannot be read (bad JSON, wrong types) is set
aside as ``settings.json.corrupt-<time>`` and the defaults are used; the message explaining
that is kept in :attr:`SettingsStore.notice` for the window to show. Never a crash.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from psygnal import evented

UNITS_DISTANCE = ("km", "RJ")
SCALE_MODES = ("true", "enlarged")
BACKGROUNDS = ("stars", "plain")


@evented
@dataclass
class Settings:
    """Everything the program remembers between runs. Each field emits on change."""

    distance_unit: str = "km"  # "km" or "RJ" (Jupiter equatorial radii)
    scale_mode: str = "enlarged"  # "true" or "enlarged"
    background: str = "stars"  # "stars" or "plain"
    show_labels: bool = True
    show_trail: bool = True
    show_moon_orbits: bool = True
    rate: float = 3600.0
    view: str = "overview"
    last_tdb: float | None = None
    window_geometry: str = ""  # Qt's saveGeometry() as hex; opaque to the model
    window_state: str = ""  # Qt's saveState() as hex (docks, toolbars)
    docks_visible: dict[str, bool] = field(default_factory=dict)
    # Surface maps: the GRS's System II longitude (None: the drift model of core.grs), the
    # user's own map file per body, the longitude convention last chosen per body, and a
    # map-projected patch per body ({"path", "lon_left", "lon_right", "lat_top",
    # "lat_bottom", "west", "opacity"}).
    grs_system2_longitude: float | None = None
    map_files: dict[str, str] = field(default_factory=dict)
    map_conventions: dict[str, str] = field(default_factory=dict)
    patches: dict[str, dict] = field(default_factory=dict)
    show_junocam: bool = True
    show_field_lines: bool = False  # Jupiter's magnetic field lines (JRM33 + Con2020)
    show_aurorae: bool = False  # main ovals and Io/Europa/Ganymede footprints
    show_io_torus: bool = False  # the Io plasma torus (schematic)
    # Folder of NAIF Juno SPK kernels (needs jovianview[spice]); "" = embedded trajectory only.
    juno_kernels_dir: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build settings from parsed JSON; unknown keys are ignored, bad values rejected."""
        if not isinstance(data, dict):
            raise TypeError("the settings file does not hold a JSON object")
        defaults = cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value, default = data[f.name], getattr(defaults, f.name)
            if not _same_kind(value, default, f.name):
                raise TypeError(f"setting {f.name!r} has the wrong type: {value!r}")
            values[f.name] = value
        settings = cls(**values)
        for name, choices in (("distance_unit", UNITS_DISTANCE), ("scale_mode", SCALE_MODES),
                              ("background", BACKGROUNDS)):
            if getattr(settings, name) not in choices:
                raise ValueError(f"setting {name!r} must be one of {', '.join(choices)}")
        return settings


_DICT_VALUES: dict[str, type | tuple[type, ...]] = {
    "docks_visible": bool, "map_files": str, "map_conventions": str, "patches": dict}


def _same_kind(value: Any, default: Any, name: str) -> bool:
    if name in ("last_tdb", "grs_system2_longitude"):
        return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, dict):
        kind = _DICT_VALUES.get(name, bool)
        return isinstance(value, dict) and all(isinstance(v, kind) for v in value.values())
    return isinstance(value, type(default))


def _user_dir(override_var: str, windows: tuple[str, str], macos: str,
              xdg: tuple[str, str], app_name: str) -> Path:
    """A per-user folder: the override variable, else the platform's convention."""
    override = os.environ.get(override_var)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get(windows[0]) or Path.home() / "AppData" / windows[1])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / macos
    else:
        base = Path(os.environ.get(xdg[0]) or Path.home() / xdg[1])
    return base / app_name


def config_dir(app_name: str = "jovianview") -> Path:
    """The per-user configuration folder, following each platform's convention.

    ``JOVIANVIEW_CONFIG_DIR`` overrides it (tests and portable installs use this).
    """
    return _user_dir("JOVIANVIEW_CONFIG_DIR", ("APPDATA", "Roaming"), "Application Support",
                     ("XDG_CONFIG_HOME", ".config"), app_name)


def cache_dir(app_name: str = "jovianview") -> Path:
    """The per-user cache folder (downloaded texture packs). ``JOVIANVIEW_CACHE_DIR`` overrides."""
    return _user_dir("JOVIANVIEW_CACHE_DIR", ("LOCALAPPDATA", "Local"), "Caches",
                     ("XDG_CACHE_HOME", ".cache"), app_name)


class SettingsStore:
    """Loads and saves :class:`Settings` at ``path`` (default: ``config_dir()/settings.json``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else config_dir() / "settings.json"
        self.notice: str | None = None

    def load(self) -> Settings:
        """Read the settings; a missing file gives defaults, a corrupt one is set aside."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self.notice = f"could not read settings {self.path} ({exc.strerror}); using defaults"
            return Settings()
        try:
            return Settings.from_dict(json.loads(text))
        except (ValueError, TypeError) as exc:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            try:
                os.replace(self.path, aside)
                where = f"moved it to {aside}"
            except OSError:
                where = "could not move it aside"
            self.notice = (f"the settings file {self.path} was unreadable ({exc}); "
                           f"{where} and started with default settings")
            return Settings()

    def save(self, settings: Settings) -> None:
        """Write atomically: a temporary file in the same folder, then a rename over the target."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(settings.to_dict(), indent=2, sort_keys=True)
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

"""Names and NAIF ids of the bodies jovianview knows."""

from __future__ import annotations

from jovianview.core.errors import UnknownBodyError

NAIF_IDS: dict[str, int] = {
    "jupiter": 599,
    "io": 501,
    "europa": 502,
    "ganymede": 503,
    "callisto": 504,
    "sun": 10,
    "earth": 399,
    "juno": -61,
}
MOONS: tuple[str, ...] = ("io", "europa", "ganymede", "callisto")


def normalize_body(name: str, valid: tuple[str, ...] | None = None) -> str:
    """Return the canonical lower-case body name, or raise with the valid choices.

    Raises
    ------
    UnknownBodyError
        When ``name`` is not one of ``valid`` (default: every known body).
    """
    choices = tuple(valid) if valid is not None else tuple(NAIF_IDS)
    key = str(name).strip().lower()
    if key not in choices:
        raise UnknownBodyError(f"unknown body {name!r}: choose one of {', '.join(choices)}")
    return key

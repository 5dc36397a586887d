"""Locate the files in ``assets/`` both in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jovianview.core.errors import DataFileError


@cache
def assets_dir() -> Path:
    """Return the directory holding jovianview's assets.

    An installed wheel carries them as ``jovianview/_assets``; a source checkout (including an
    editable install) has them at the repository's top level.
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_assets", package.parent / "assets"):
        if candidate.is_dir():
            return candidate
    raise DataFileError(
        f"jovianview's assets folder is missing (looked in {package / '_assets'} and "
        f"{package.parent / 'assets'}); reinstall jovianview"
    )


def asset_path(*parts: str) -> Path:
    """Return the path of one asset file, failing clearly when it is absent."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise DataFileError(f"asset file {path} is missing; reinstall jovianview")
    return path

"""jovianview: the Jovian system and NASA's Juno in 3D, offline."""

from importlib.metadata import PackageNotFoundError, version


def _source_version() -> str:
    """The version in ``pyproject.toml`` beside an uninstalled source tree, else a marker."""
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        with pyproject.open("rb") as fh:
            return str(tomllib.load(fh)["project"]["version"]) + "+source"
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0.0.0+unknown"


try:
    # An installed wheel, and the desktop bundles (which carry jovianview's dist-info).
    __version__ = version("jovianview")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = _source_version()

"""jovianview: the Jovian system and NASA's Juno in 3D, offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jovianview")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

"""Process-wide kernel switches kept for callers written before :class:`Ephemeris`.

``cli/kernels.py`` (its ``apply_kernel_option``) and a few tests still call these. They change
only what the convenience :func:`jovianview.core.state` answers (the default Ephemeris); the
program itself builds an ``Ephemeris(spk=..., juno_kernels=...)`` and passes it on. New code
should do the same; these go when their last caller does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jovianview.core.ephemeris.spice_juno import SpiceJunoSource
    from jovianview.core.ephemeris.spk import SpkSource

__all__ = ["use_kernel", "stop_using_kernel", "active_kernel", "use_juno_kernels",
           "stop_using_juno_kernels", "active_juno_kernels"]


def use_kernel(path: str | Path) -> SpkSource:
    """Open the kernel at ``path`` and make it the moon source of the default ephemeris.

    Raises
    ------
    DataFileError
        When the file cannot serve as a Galilean-moon kernel (see :class:`SpkSource`).
    """
    from jovianview.core.ephemeris import Ephemeris, _set_default, default_ephemeris
    from jovianview.core.ephemeris.spk import SpkSource

    source = SpkSource(path)
    old = default_ephemeris()
    _set_default(Ephemeris(spk=source, juno_kernels=old.juno_kernels))
    if old.spk is not None:
        old.spk.close()
    return source


def stop_using_kernel() -> None:
    """The default ephemeris without a satellite kernel again (closes the one in use)."""
    from jovianview.core.ephemeris import Ephemeris, _set_default, default_ephemeris

    old = default_ephemeris()
    if old.spk is not None:
        _set_default(Ephemeris(juno_kernels=old.juno_kernels))
        old.spk.close()


def active_kernel() -> SpkSource | None:
    """The satellite kernel of the default ephemeris, or None."""
    from jovianview.core.ephemeris import default_ephemeris

    return default_ephemeris().spk


def use_juno_kernels(directory: str | Path) -> SpiceJunoSource:
    """Load Juno's kernels from ``directory`` into the default ephemeris.

    Raises
    ------
    DataFileError
        When SpiceyPy is missing or no file in ``directory`` is a usable Juno kernel.
    """
    from jovianview.core.ephemeris import Ephemeris, _set_default, default_ephemeris
    from jovianview.core.ephemeris.spice_juno import SpiceJunoSource

    source = SpiceJunoSource.from_directory(directory)
    old = default_ephemeris()
    _set_default(Ephemeris(spk=old.spk, juno_kernels=source))
    if old.juno_kernels is not None:
        old.juno_kernels.close()
    return source


def stop_using_juno_kernels() -> None:
    """The default ephemeris without Juno's kernels again (unloads them)."""
    from jovianview.core.ephemeris import Ephemeris, _set_default, default_ephemeris

    old = default_ephemeris()
    if old.juno_kernels is not None:
        _set_default(Ephemeris(spk=old.spk))
        old.juno_kernels.close()


def active_juno_kernels() -> SpiceJunoSource | None:
    """The Juno kernels of the default ephemeris, or None."""
    from jovianview.core.ephemeris import default_ephemeris

    return default_ephemeris().juno_kernels

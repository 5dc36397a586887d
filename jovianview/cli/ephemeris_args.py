"""``--kernel FILE`` and ``--kernels DIR`` for any command: an :class:`Ephemeris` from them.

:func:`add_ephemeris_options` adds the options; :func:`ephemeris_from_args` builds the
Ephemeris the command passes on (nothing process-wide is switched), and
:func:`report_sources` says on stderr when a kernel the user asked for did not answer every
epoch, so that an answer from the embedded tables is never silent.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import EMBEDDED, MOONS, Ephemeris
from jovianview.core.ephemeris.spice_juno import SpiceJunoSource
from jovianview.core.ephemeris.spk import SpkSource
from jovianview.core.timescale import tdb_to_iso

__all__ = ["add_ephemeris_options", "ephemeris_from_args", "report_sources"]


def add_ephemeris_options(parser: argparse.ArgumentParser) -> None:
    """Give ``parser`` ``--kernel FILE`` and ``--kernels DIR`` (see :func:`ephemeris_from_args`)."""
    parser.add_argument("--kernel", metavar="FILE", default=None,
                        help="JPL satellite kernel (.bsp) to use for the moons where it covers")
    parser.add_argument("--kernels", metavar="DIR", default=None,
                        help="folder of NAIF Juno SPK kernels to use for Juno where they cover "
                        "(needs jovianview[spice]; see `jovianview kernels juno-fetch`)")


def ephemeris_from_args(args: argparse.Namespace, err: TextIO | None = None) -> Ephemeris:
    """The Ephemeris ``--kernel`` and ``--kernels`` ask for (the embedded tables without them).

    Juno's kernel files that cannot serve are skipped with a one-line note each on ``err``
    (stderr). DataFileError when the moon kernel is unusable, or no Juno kernel is.
    """
    err = err if err is not None else sys.stderr
    eph = Ephemeris(spk=getattr(args, "kernel", None) or None,
                    juno_kernels=getattr(args, "kernels", None) or None)
    for problem in eph.problems:
        print(f"jovianview: {problem}", file=err)
    return eph


def report_sources(eph: Ephemeris, body: str, tdb: NDArray[np.float64],
                   err: TextIO | None = None) -> NDArray[np.str_]:
    """Per epoch, where ``body`` comes from; a note on ``err`` where a kernel did not answer.

    The note counts the epochs the embedded tables answered and names the kernel's span,
    e.g. ``note: jup365_2022.bsp does not cover io at 3 of 5 epochs (covered:
    2022-09-01T00:00:00 to 2022-10-31T00:00:00 UTC): those rows come from the embedded
    tables``.
    """
    err = err if err is not None else sys.stderr
    names = eph.sources(body, tdb)
    key = body.strip().lower()
    missing = int(np.count_nonzero(names == EMBEDDED))
    kernel = eph.kernel_for(key)
    if not missing:
        return names
    if isinstance(kernel, SpiceJunoSource):
        what, verb, spans = "Juno's kernels", "do", kernel.intervals
    elif isinstance(kernel, SpkSource):
        what, verb, spans = kernel.path.name, "does", kernel.spans(key)
    else:
        if eph.spk is not None and key in MOONS:  # asked for, but no segments for this moon
            print(f"note: {eph.spk.path.name} does not place {key}: all {names.size} rows "
                  "come from the embedded tables", file=err)
        return names
    covered = "; ".join(f"{tdb_to_iso(a, 0)} to {tdb_to_iso(b, 0)}" for a, b in spans)
    print(f"note: {what} {verb} not cover {key} at {missing} of {names.size} epochs "
          f"(covered: {covered} UTC): those rows come from the embedded tables", file=err)
    return names

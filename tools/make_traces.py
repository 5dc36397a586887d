"""Trace the aurorae's ovals and footprint tracks and the field-line bundle at build time.

Writes ``assets/magnetosphere/traced.npz`` (see ``jovianview/model/traced_store.py``) from the
project's own field model (``assets/field/jrm33.csv``, ``con2020.csv``), with the same
functions the program would otherwise run when a layer is first turned on. Run it after any
change to the coefficients or the trace parameters (a test says when it is due)::

    python tools/make_traces.py
"""

from __future__ import annotations

import time

from jovianview.model import aurorae, field_lines, traced_store


def main() -> None:
    t0 = time.perf_counter()
    entries = {}
    oval = (aurorae.MAIN_OVAL_SHELL_RJ, aurorae.OVAL_POINTS)
    north, south = aurorae.trace_main_oval(*oval)
    entries["main_oval"] = (oval, {"north": north, "south": south})
    for moon in aurorae.MOON_DISTANCE_RJ:
        west, n, s = aurorae.trace_footprint_track(moon)
        entries[f"track_{moon}"] = (aurorae.track_params(moon),
                                    {"west": west, "north": n, "south": s})
    shells, lon = field_lines.SHELLS_RJ, field_lines.LONGITUDES
    lines = field_lines.trace_field_lines(shells, lon)
    entries["field_lines"] = ((shells, lon, field_lines.STEP_FRACTION),
                              field_lines.packed(lines))
    path = traced_store.store_path()
    traced_store.write(path, entries)
    print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB; {len(lines)} field lines) "
          f"in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()

"""Write jovianview's mission-event tables, ``assets/events/*.csv``, from public reference facts.

Reads (never copies) the reference files in ``../shared/reference``:

* ``perijoves.csv``: perijove times PJ0-PJ110 (UTC spacecraft event time) with the apojove before
  each and a status (reconstructed / flown / planned);
* ``juno_rec_orbit_v08.orb``: NAIF's reconstructed orbit-number file (apojove times, and the
  System III sub-spacecraft longitude, latitude and altitude at each apojove, orbits 1-34);
* ``flybys.csv``: closest approaches to the Galilean moons;
* ``events.csv``: milestones and notes for the timeline.

It writes four tables with one layout, ``utc,tdb_jd,kind,label,number,status,body,note,source``,
each headed by ``#`` comments naming its sources; the flyby table adds ``altitude_km`` (above
the moon's mean radius, empty where none was published). Rerun with::

    PYTHONPATH=. python tools/make_events.py [--reference DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from datetime import datetime
from pathlib import Path

import numpy as np

from jovianview.core.ephemeris import state
from jovianview.core.ephemeris.juno_readouts import MOON_MEAN_RADIUS_KM
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "assets" / "events"

COLUMNS = ("utc", "tdb_jd", "kind", "label", "number", "status", "body", "note", "source")
SRC_PLAN = "Juno mission-operations perijove table (public transcription: jpmorgen/IoIO juno.py)"
SRC_ORB = "NAIF juno_rec_orbit_v08.orb (Juno reconstructed orbit-number file)"
SRC_FLYBY = "SPICE geometry on reconstructed Juno kernels (public: volcanopele/juno)"
SRC_PRESS = "NASA/JPL mission pages and press releases"
SRC_HANSEN = "Hansen et al. 2022, AGU abstract (Ganymede flyby)"
SRC_TRAJECTORY = "embedded Juno trajectory (assets/juno/trajectory.npz, tools/make_juno.py)"
ENCOUNTERS = REPO / "tools" / "events" / "encounters.csv"


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a reference CSV whose leading ``#`` lines are comments."""
    lines = [ln for ln in path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def read_orbit_file(path: Path) -> list[dict]:
    """Parse NAIF's orbit-number file: one dict per orbit with apojove time and geometry.

    Columns (see the file's header): orbit number, apojove UTC, apojove SCLK, perijove UTC,
    sub-solar lon/lat, sub-spacecraft System III (west) lon/lat (deg), altitude (km), Sun
    distance (km). The perijove column may read "Unable to determine".
    """
    rows = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if not parts or not parts[0].isdigit():
            continue
        number = int(parts[0])
        apo = datetime.strptime(" ".join(parts[1:5]), "%Y %b %d %H:%M:%S")
        tail = parts[-6:]  # SolLon SolLat SCLon SCLat Alt SolDist
        peri = None
        if "Unable" not in line:
            peri = datetime.strptime(" ".join(parts[6:10]), "%Y %b %d %H:%M:%S")
        rows.append(
            {
                "orbit": number,
                "apojove_utc": apo.strftime("%Y-%m-%dT%H:%M:%S"),
                "perijove_utc": peri.strftime("%Y-%m-%dT%H:%M:%S") if peri else None,
                "sc_lon_west_deg": float(tail[2]),
                "sc_lat_deg": float(tail[3]),
                "altitude_km": float(tail[4]),
            }
        )
    return rows


def _row(utc, kind, label, number, status, body, note, source) -> dict[str, str]:
    return {
        "utc": utc,
        "tdb_jd": f"{utc_to_tdb(utc):.10f}",
        "kind": kind,
        "label": label,
        "number": "" if number is None else str(number),
        "status": status,
        "body": body or "",
        "note": note,
        "source": source,
    }


def trajectory_closest(body: str, start_tdb: float, end_tdb: float) -> tuple[float, float]:
    """(TDB, altitude km above mean radius) of Juno's least distance to ``body`` in a window.

    Uses the embedded trajectory (``assets/juno/trajectory.npz``) and moon tables: a 30 s grid,
    then a ternary search between the grid points around the minimum.
    """
    t = np.arange(start_tdb, end_tdb, 30.0 / 86400.0)

    def dist(tt):
        return np.linalg.norm(state("juno", tt)[0] - state(body, tt)[0], axis=0)

    k = int(np.argmin(dist(t)))
    a, b = t[max(k - 1, 0)], t[min(k + 1, t.size - 1)]
    for _ in range(50):
        m1, m2 = a + (b - a) / 3, b - (b - a) / 3
        d1, d2 = dist(np.array([m1, m2]))
        a, b = (a, m2) if d1 < d2 else (m1, b)
    tc = 0.5 * (a + b)
    return tc, float(dist(np.array([tc]))[0]) - MOON_MEAN_RADIUS_KM[body]


def build_flybys(reference_rows, notes, perijove_utc) -> list[dict[str, str]]:
    """Every encounter of ``tools/events/encounters.csv``, merged with the reference flybys.

    Each row gets ``altitude_km`` (the published figure or, where none is published, the
    embedded trajectory's), ``altitude_source`` (``published`` or ``trajectory``) and
    ``trajectory_altitude_km`` (what the embedded trajectory gives, for comparison).
    """
    by_key = {(f["body"], int(f["perijove"])): f for f in reference_rows}
    rows = []
    for enc in read_csv(ENCOUNTERS):
        body, number = enc["body"], int(enc["perijove"])
        ref = by_key.pop((body, number), None)
        pieces, sources_ = [], []
        if ref is not None:
            utc = ref["closest_approach_utc"]
            t_ca = utc_to_tdb(utc)
            _, traj_alt = trajectory_closest(body, t_ca - 0.125, t_ca + 0.125)
            alt = ref["altitude_km"] or enc["altitude_km"]
            pieces.append(ref["note"])
            sources_.append(SRC_FLYBY if ref["grade"] == "B" else SRC_PRESS)
            if body == "ganymede":
                sources_.append(SRC_HANSEN)
            if not ref["altitude_km"] and enc["altitude_km"]:
                sources_.append(enc["source"])
            status = "reconstructed" if ref["grade"] == "B" else "flown"
            extra = notes.get(("flyby", utc), "")
            # events.csv repeats the altitude at the start of its note; keep only what it adds.
            extra = re.sub(r"^(about )?[\d.]+ km;?\s*", "", extra)
            if extra and extra not in ref["note"]:
                pieces.append(extra)
        else:
            t_pj = utc_to_tdb(perijove_utc[number])
            t_ca, traj_alt = trajectory_closest(body, t_pj - 1.0, t_pj)
            utc = tdb_to_iso(t_ca, 2)
            alt = enc["altitude_km"]
            sources_.append(enc["source"] or SRC_TRAJECTORY)
            pieces.append("closest-approach time from the embedded trajectory")
            status = "flown"
        published = bool(alt)
        if not published:
            alt = f"{traj_alt:.0f}"
        head = (f"closest approach {alt} km above mean radius" if published else
                f"closest approach about {alt} km above mean radius (embedded trajectory; "
                "no published figure)")
        pieces = [head, enc["note"]] + [p for p in pieces if p and p not in enc["note"]]
        pieces = [p for p in pieces if "altitude not published" not in p]
        # the reference's flybys keep their labels (tours name "Europa flyby"); the passes
        # added from the encounters file are all distant (over 40,000 km)
        label = f"{body.capitalize()} {'flyby' if ref is not None else 'distant pass'}"
        row = _row(utc, "flyby", label, number, status, body,
                   "; ".join(dict.fromkeys(x for x in pieces if x)),
                   "; ".join(dict.fromkeys(sources_ if published else [SRC_TRAJECTORY])))
        row["altitude_km"] = alt
        row["altitude_source"] = "published" if published else "trajectory"
        row["trajectory_altitude_km"] = f"{traj_alt:.0f}"
        rows.append(row)
    if by_key:
        raise SystemExit(f"reference flybys missing from {ENCOUNTERS}: {sorted(by_key)}")
    return rows


def build(reference: Path) -> dict[str, tuple[str, list[dict[str, str]]]]:
    """Build every table: name -> (header comment, rows)."""
    perijoves = read_csv(reference / "perijoves.csv")
    flybys = read_csv(reference / "flybys.csv")
    extras = read_csv(reference / "events.csv")
    orbits = {o["orbit"]: o for o in read_orbit_file(reference / "juno_rec_orbit_v08.orb")}
    notes = {(e["kind"], e["utc"]): e["note"] for e in extras}

    peri_rows, apo_rows = [], []
    for p in perijoves:
        n = int(p["pj"])
        status = p["status"]
        utc = p["perijove_utc"]
        if n == 0:
            label, note = "PJ0 (orbit insertion)", "periapsis of the capture orbit"
        else:
            label = f"PJ{n}" + (" (planned)" if status == "planned" else "")
            note = notes.get(("perijove", utc), "")
        if status == "planned":
            note = "; ".join(x for x in (note, "planned: not confirmed flown") if x)
        source = SRC_ORB if n in orbits and orbits[n]["perijove_utc"] == utc else SRC_PLAN
        peri_rows.append(_row(utc, "perijove", label, n, status, None, note, source))
        apo = p["apojove_before_utc"]
        if apo:
            orb = orbits.get(n)
            if orb and orb["apojove_utc"] == apo:
                note = (
                    f"sub-spacecraft System III {orb['sc_lon_west_deg']:.2f} W "
                    f"{orb['sc_lat_deg']:+.2f} deg, altitude {orb['altitude_km']:.0f} km"
                )
                src = SRC_ORB
            else:
                note, src = "", SRC_PLAN
            alabel = f"Apojove before PJ{n}" + (" (planned)" if status == "planned" else "")
            apo_rows.append(_row(apo, "apojove", alabel, n, status, None, note, src))

    flyby_rows = build_flybys(flybys, notes, {int(p["pj"]): p["perijove_utc"] for p in perijoves})

    milestone_rows = []
    for e in extras:
        if e["kind"] != "milestone":
            continue
        status = "reconstructed" if "orbit insertion" in e["label"].lower() else "flown"
        milestone_rows.append(
            _row(e["utc"], "milestone", e["label"], None, status, None, e["note"], SRC_PRESS)
        )

    def by_time(rows):
        return sorted(rows, key=lambda r: float(r["tdb_jd"]))

    return {
        "perijoves": (
            "Juno perijoves (closest approach to Jupiter's centre), UTC spacecraft event time.\n"
            "status: reconstructed = in NAIF's reconstructed orbit file or the navigation "
            "trajectory; flown = mission-operations table;\n"
            "planned = mission plan after PJ76 (2025-09-14), not confirmed flown.",
            by_time(peri_rows),
        ),
        "apojoves": (
            "Juno apojoves (the apojove before each perijove), UTC; geometry from NAIF's "
            "orbit-number file where it has the orbit.",
            by_time(apo_rows),
        ),
        "flybys": (
            "Juno's passes within about 100,000 km of a Galilean moon, UTC spacecraft event "
            "time; altitude above the moon's mean radius.\n"
            "altitude_source: published = the figure of the row's source; trajectory = no "
            "published figure, the embedded trajectory's closest approach.\n"
            "trajectory_altitude_km: the embedded trajectory's closest approach near that time "
            "(for comparison).",
            by_time(flyby_rows),
        ),
        "milestones": ("Juno mission milestones for the timeline, UTC.", by_time(milestone_rows)),
    }


def write(tables, out: Path) -> list[Path]:
    """Write each table as ``out/<name>.csv`` with its header comment; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (header, rows) in tables.items():
        buffer = io.StringIO()
        for line in header.splitlines():
            buffer.write(f"# {line}\n")
        buffer.write("# Written by tools/make_events.py from public reference facts (see each "
                     "row's source); tdb_jd is TDB Julian date.\n")
        fields = list(COLUMNS) + [k for k in rows[0] if k not in COLUMNS]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path = out / f"{name}.csv"
        path.write_text(buffer.getvalue())
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    for path in write(build(args.reference), args.out):
        print(path)


if __name__ == "__main__":
    main()

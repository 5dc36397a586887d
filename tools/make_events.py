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

from jovianview.core.timescale import utc_to_tdb

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "assets" / "events"

COLUMNS = ("utc", "tdb_jd", "kind", "label", "number", "status", "body", "note", "source")
SRC_PLAN = "Juno mission-operations perijove table (public transcription: jpmorgen/IoIO juno.py)"
SRC_ORB = "NAIF juno_rec_orbit_v08.orb (Juno reconstructed orbit-number file)"
SRC_FLYBY = "SPICE geometry on reconstructed Juno kernels (public: volcanopele/juno)"
SRC_PRESS = "NASA/JPL mission pages and press releases"
SRC_HANSEN = "Hansen et al. 2022, AGU abstract (Ganymede flyby)"


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

    flyby_rows = []
    for f in flybys:
        body = f["body"]
        alt = f["altitude_km"]
        pieces = [f"closest approach {alt} km above mean radius" if alt else "", f["note"]]
        extra = notes.get(("flyby", f["closest_approach_utc"]), "")
        # events.csv repeats the altitude at the start of its note; keep only what it adds.
        extra = re.sub(r"^(about )?[\d.]+ km;?\s*", "", extra)
        if extra and extra not in f["note"]:
            pieces.append(extra)
        source = SRC_FLYBY if f["grade"] == "B" else SRC_PRESS
        if body == "ganymede":
            source += "; " + SRC_HANSEN
        status = "reconstructed" if f["grade"] == "B" else "flown"
        row = _row(
            f["closest_approach_utc"], "flyby", f"{body.capitalize()} flyby",
            int(f["perijove"]), status, body, "; ".join(x for x in pieces if x), source,
        )
        row["altitude_km"] = alt  # empty where no altitude was published
        flyby_rows.append(row)

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
            "Juno close approaches to the Galilean moons, UTC spacecraft event time; altitude "
            "above the moon's mean radius.",
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

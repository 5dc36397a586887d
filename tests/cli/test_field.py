"""``jovianview field`` and ``jovianview footprints``: CSV output, one-line errors, exit 2."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from jovianview.app import main
from jovianview.core.field.model import field
from jovianview.core.field.trace import footprints, planetocentric


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def table(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_field_at_points(capsys):
    code, out, err = run(capsys, "field", "5", "0", "0", "-10", "2", "-1")
    assert code == 0, err
    assert out.splitlines()[0] == "x_rj,y_rj,z_rj,bx_nt,by_nt,bz_nt,b_nt"
    got = np.array([[float(r[k]) for k in ("bx_nt", "by_nt", "bz_nt", "b_nt")]
                    for r in table(out)])
    want = field(np.array([[5.0, 0, 0], [-10, 2, -1]]).T)
    np.testing.assert_allclose(got[:, :3], want.T, atol=1e-3)
    np.testing.assert_allclose(got[:, 3], np.linalg.norm(want, axis=0), atol=1e-3)


def test_internal_only_leaves_out_the_disc(capsys):
    _, full, _ = run(capsys, "field", "10", "0", "0")
    _, inner, _ = run(capsys, "field", "10", "0", "0", "--internal-only")
    bz_full, bz_inner = float(table(full)[0]["bz_nt"]), float(table(inner)[0]["bz_nt"])
    # The disc's field inside its inner edge is northward: it weakens the southward dipole.
    assert bz_full - bz_inner > 50.0


@pytest.mark.parametrize("argv, word", [
    (["field", "0.5", "0", "0"], "inside Jupiter"),
    (["field", "nan", "0", "0"], "not a number"),
    (["field", "1", "2"], "triples"),
    (["field"], "triples"),
    (["field", "--body", "juno"], "--utc"),
    (["footprints", "--utc", "2040-01-01"], "outside"),
    (["field", "--body", "juno", "--utc", "2010-01-01"], "2010"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, word):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and word in err


def test_field_at_juno_at_pj1(capsys):
    code, out, err = run(capsys, "field", "--body", "juno", "--utc", "2016-08-27T12:50:44",
                         "2016-08-27T10:00")
    assert code == 0, err
    rows = table(out)
    assert list(rows[0]) == ["utc", "x_rj", "y_rj", "z_rj", "bx_nt", "by_nt", "bz_nt", "b_nt",
                             "mag_lat_deg", "m_shell_rj"]
    pj = rows[0]
    r = np.linalg.norm([float(pj[k]) for k in ("x_rj", "y_rj", "z_rj")])
    assert 1.02 < r < 1.1  # PJ1: about 4,200 km above the cloud tops
    assert float(pj["b_nt"]) > 4e5  # ~0.4-1.5 mT near the surface (Connerney et al. 2022)
    assert 1.0 < float(pj["m_shell_rj"]) < 1.2  # a low-latitude line just above the planet
    before = rows[1]  # approaching over the north: high magnetic latitude, long field line
    assert float(before["mag_lat_deg"]) > 40 and float(before["m_shell_rj"]) > 10


def test_footprints_csv_matches_the_tracer(capsys):
    code, out, err = run(capsys, "footprints", "--utc", "2016-08-27T12:00")
    assert code == 0, err
    assert out.splitlines()[0] == "utc,moon,hemisphere,lat_deg,west_lon_deg"
    rows = table(out)
    assert [(r["moon"], r["hemisphere"]) for r in rows] == [
        (m, h) for m in ("io", "europa", "ganymede") for h in ("north", "south")]
    lats = {(r["moon"], r["hemisphere"]): float(r["lat_deg"]) for r in rows}
    # Further moons map closer to the poles on average, and every footprint is auroral.
    for (_moon, hemi), lat in lats.items():
        assert (50 < lat < 90) if hemi == "north" else (-90 < lat < -50)


def test_io_footprint_over_all_longitudes_is_a_closed_auroral_oval():
    # Io at 5.9 R_J in the equator at every System III longitude. Measured: the northern
    # footprint sweeps planetocentric latitudes 48.6-82.3 deg (lowest near 160 W), the
    # southern one -57.8 to -76.7; JupiterMag 1.5.1 traces the same 24 lines to within 0.6
    # deg latitude (a check of the model's result, not of published auroral images).
    lon = np.radians(np.arange(0, 360, 15))
    pts = np.array([5.9 * np.cos(lon), 5.9 * np.sin(lon), np.zeros_like(lon)])
    north, south = footprints(pts)
    n_lat, n_west = planetocentric(north)
    s_lat, _ = planetocentric(south)
    assert 45 < n_lat.min() < 52 and 80 < n_lat.max() < 85
    assert 155 < n_west[np.argmin(n_lat)] < 170
    assert s_lat.max() < -52 and s_lat.min() > -78
    gaps = np.diff(np.sort(n_west))
    assert gaps.max() < 65 and np.ptp(n_west) > 300

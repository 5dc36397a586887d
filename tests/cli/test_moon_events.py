"""``jovianview moon-events``: CSV output, filters, observer columns, bad input."""

from __future__ import annotations

import csv
import io

import pytest

from jovianview.cli.main import EXIT_USAGE, main
from jovianview.core.phenomena import EVENTS


def run_cli(argv, capsys):
    status = main(["moon-events", *argv])
    captured = capsys.readouterr()
    return status, list(csv.DictReader(io.StringIO(captured.out))), captured.err


def test_a_day_of_events_matches_the_published_table(capsys):
    # Sky & Telescope / IMCCE, January 2016: 15:39 I.Ec.D, 19:06 I.Oc.R, 22:19 III.Oc.R
    status, rows, _ = run_cli(["--from", "2016-01-01T12:00", "--to", "2016-01-02"], capsys)
    assert status == 0
    assert list(rows[0]) == ["utc", "moon", "event", "detail"]
    assert {r["event"] for r in rows} <= set(EVENTS)
    found = {(r["utc"][:16], r["moon"], r["event"]) for r in rows}
    assert ("2016-01-01T15:38", "io", "eclipse_start") in found
    assert ("2016-01-01T19:06", "io", "occultation_end") in found
    assert ("2016-01-01T22:18", "ganymede", "occultation_end") in found
    hidden = [r for r in rows if r["detail"].startswith("not visible")]
    assert {(r["moon"], r["event"]) for r in hidden} == {("io", "occultation_start"),
                                                        ("io", "eclipse_end")}


def test_filters(capsys):
    status, rows, _ = run_cli(["--from", "2016-01-01", "--to", "2016-01-05", "--moon", "europa",
                               "--kind", "shadow", "transit"], capsys)
    assert status == 0 and rows
    assert {r["moon"] for r in rows} == {"europa"}
    assert {r["event"].split("_")[0] for r in rows} == {"shadow", "transit"}


def test_observer_adds_altitudes_and_dark_sky(capsys):
    # New York, 2025-12-28: Io and its shadow cross Jupiter before dawn, Jupiter high.
    status, rows, _ = run_cli(["--from", "2025-12-28T05:00", "--to", "2025-12-28T09:00",
                               "--moon", "io", "--observer", "40.7,-74.0,10"], capsys)
    assert status == 0
    assert list(rows[0])[-3:] == ["jupiter_alt_deg", "sun_alt_deg", "observable"]
    start = next(r for r in rows if r["event"] == "shadow_start")
    assert start["utc"].startswith("2025-12-28T05:28")
    assert float(start["jupiter_alt_deg"]) > 30 and float(start["sun_alt_deg"]) < -18
    assert start["observable"] == "yes"


@pytest.mark.parametrize("argv", [
    ["--from", "2016-01-02", "--to", "2016-01-01"],
    ["--from", "yesterday", "--to", "2016-01-01"],
    ["--from", "2040-01-01", "--to", "2040-01-02"],
    ["--from", "2016-01-01", "--to", "2016-01-02", "--observer", "north"],
    ["--from", "2016-01-01", "--to", "2026-01-02"],
])
def test_bad_input_is_one_line_and_exit_2(argv, capsys):
    status, _, err = run_cli(argv, capsys)
    assert status == EXIT_USAGE
    assert err.count("\n") == 1 and "error" in err


def test_unknown_moon_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["moon-events", "--from", "2016-01-01", "--to", "2016-01-02", "--moon", "titan"])
    assert exc.value.code == EXIT_USAGE
    assert capsys.readouterr().err.count("\n") == 1


def test_render_earth_view_refuses_a_field_out_of_range(capsys, tmp_path):
    status = main(["render", "--utc", "2016-03-15T03:30", "--view", "earth", "--fov", "500",
                   "--out", str(tmp_path / "x.png")])
    assert status == EXIT_USAGE
    assert "--fov" in capsys.readouterr().err


def test_a_missing_moon_kernel_is_one_line_and_exit_2(capsys, tmp_path):
    status, _, err = run_cli(["--from", "2016-01-01", "--to", "2016-01-02",
                              "--kernel", str(tmp_path / "none.bsp")], capsys)
    assert status == EXIT_USAGE
    assert err.count("\n") == 1

"""``jovianview events``: CSV output, filters, planned marking, bad input."""

from __future__ import annotations

import csv
import io

import pytest

from jovianview.cli import events as events_cli
from jovianview.cli.main import EXIT_USAGE, _Parser
from jovianview.core.errors import JovianviewError


def run_cli(argv, capsys):
    """Parse and dispatch like ``jovianview.cli.main.main`` does, with only ``events``."""
    parser = _Parser(prog="jovianview")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    events_cli.register(sub)
    args = parser.parse_args(argv)
    try:
        status = args.run(args)
    except JovianviewError:
        status = EXIT_USAGE
    out = capsys.readouterr().out
    return status, list(csv.DictReader(io.StringIO(out)))


def test_window(capsys):
    status, rows = run_cli(["events", "--from", "2021-06-01", "--to", "2021-07-01"], capsys)
    assert status == 0
    kinds = [r["kind"] for r in rows]
    assert "flyby" in kinds and "perijove" in kinds
    assert any(r["label"] == "PJ34" for r in rows)


def test_planned_marked(capsys):
    status, rows = run_cli(["events", "--kind", "perijove", "--from", "2025-09-01",
                            "--to", "2025-11-01"], capsys)
    assert status == 0
    assert [r["label"] for r in rows] == ["PJ76", "PJ77 (planned)"]
    assert [r["status"] for r in rows] == ["flown", "planned"]
    assert [r["planned"] for r in rows] == ["no", "yes"]


def test_all_events(capsys):
    status, rows = run_cli(["events"], capsys)
    assert status == 0 and len(rows) > 200


def test_bad_input(capsys):
    status, _ = run_cli(["events", "--from", "2022-01-01", "--to", "2021-01-01"], capsys)
    assert status == EXIT_USAGE
    status, _ = run_cli(["events", "--from", "yesterday"], capsys)
    assert status == EXIT_USAGE
    with pytest.raises(SystemExit) as exc:
        run_cli(["events", "--kind", "comet"], capsys)
    assert exc.value.code == EXIT_USAGE

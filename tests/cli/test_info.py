"""``jovianview info BODY``: prints each card; an unknown body is one line and exit 2."""

from __future__ import annotations

import pytest

from jovianview.cli.main import EXIT_USAGE, main
from jovianview.core.info_cards import CARD_BODIES, load_card


@pytest.mark.parametrize("body", CARD_BODIES)
def test_prints_each_card(body: str, capsys) -> None:
    assert main(["info", body]) == 0
    out = capsys.readouterr().out
    card = load_card(body)
    assert out.startswith(card.title + "\n")
    assert "Sources" in out and card.sources[0].link in out
    for section in card.sections:
        assert section.heading in out
    assert "[1]" in out and "{" not in out
    assert max(len(line) for line in out.splitlines() if "https://" not in line) <= 78


def test_unknown_body_is_one_line_and_exit_2(capsys) -> None:
    assert main(["info", "pluto"]) == EXIT_USAGE
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "pluto" in lines[0]
    assert all(b in lines[0] for b in CARD_BODIES)
    assert captured.out == ""


def test_name_is_case_insensitive(capsys) -> None:
    assert main(["info", "IO"]) == 0
    assert capsys.readouterr().out.startswith("Io\n")

"""``jovianview movie``'s progress: a bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import io

from jovianview.cli.movie import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_bar_redrawn_in_place() -> None:
    out = Terminal()
    progress = Progress(40, out)
    for done in range(1, 41):
        progress.update(done)
    text = out.getvalue()
    assert text.count("\r") == 40 and text.endswith("\n") and text.count("\n") == 1
    last = text.rsplit("\r", 1)[1]
    assert last.startswith("[" + "#" * 30 + "] 40/40 frames") and "s left" in last
    halfway = text.split("\r")[20]
    assert halfway.startswith("[" + "#" * 15 + "-" * 15 + "] 20/40 frames")


def test_a_pipe_gets_about_ten_plain_lines() -> None:
    out = io.StringIO()
    progress = Progress(200, out)
    for done in range(1, 201):
        progress.update(done)
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue() and "#" not in out.getvalue()
    assert 10 <= len(lines) <= 12
    assert lines[0].startswith("frame 1/200 (0%), ") and lines[0].endswith(" s left")
    assert lines[-1].startswith("frame 200/200 (100%)")
    counts = [int(line.split()[1].split("/")[0]) for line in lines]
    assert counts == sorted(counts)

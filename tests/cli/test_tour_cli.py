"""``jovianview tour --check``: summary and exit 0, or FILE:LINE: key: message and exit 2."""

from __future__ import annotations

from jovianview.cli.main import main
from jovianview.core.assets import assets_dir


def test_check_a_shipped_tour(capsys):
    path = str(assets_dir() / "tours" / "europa-flyby.toml")
    assert main(["tour", "--check", path]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "The Europa flyby" in out[0] and "6 steps" in out[0]


def test_check_a_broken_tour(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\ntitle = "x"\n[[step]]\nevent = "PJ45"\noffset = "-1 hour"\n'
                    'seconds = -3\n', encoding="utf-8")
    assert main(["tour", "--check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith(f"{path}:5: step 1: offset: cannot read")
    assert err[1].startswith(f"{path}:6: step 1: seconds:") and len(err) == 2


def test_tour_without_check_opens_the_window_playing_it(tmp_path, capsys, monkeypatch):
    calls = []
    monkeypatch.setattr("jovianview.qt.launch.run_gui",
                        lambda **kw: calls.append(kw) or 0)
    path = str(assets_dir() / "tours" / "europa-flyby.toml")
    assert main(["tour", path, "--present"]) == 0
    assert capsys.readouterr().err == ""
    assert calls and calls[0]["present"] is True and calls[0]["tour"] == path
    assert abs(calls[0]["start_tdb"] - (2459851.9011315089 - 0.25)) < 1e-9


def test_a_broken_tour_does_not_open_the_window(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr("jovianview.qt.launch.run_gui", lambda **kw: calls.append(kw) or 0)
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\ntitle = "x"\n[[step]]\nview = "nowhere"\n', encoding="utf-8")
    assert main(["tour", str(path)]) == 2 and not calls

"""``jovianview --present`` opens the window in presentation mode (issue 10, item 3)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("argv", "present"), [([], False), (["--present"], True)])
def test_present_flag_reaches_the_window(monkeypatch, argv: list[str], present: bool) -> None:
    import jovianview.qt.launch as launch
    from jovianview.cli.main import main

    seen = {}
    monkeypatch.setattr(launch, "run_gui", lambda **kw: seen.update(kw) or 0)
    assert main(argv) == 0
    assert seen == {"present": present}

"""``jovianview render --features``: the named features' labels are drawn into the PNG."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.cli.main import main
from jovianview.data.images import decode as read_png

pytestmark = pytest.mark.gui


def test_features_flag_draws_labels(tmp_path: Path, capsys) -> None:
    images = {}
    for flag in ([], ["--features"]):
        out = tmp_path / f"io{len(flag)}.png"
        assert main(["render", "--utc", "2024-05-20T00:00:00", "--view", "io",
                     "--size", "640x480", "--out", str(out), *flag]) == 0
        images[bool(flag)] = read_png(out).astype(int)
    changed = np.abs(images[True] - images[False]).sum(axis=2) > 60
    assert changed.sum() > 100  # at least a couple of names and markers
    ys, xs = np.nonzero(changed)
    assert 0.1 * 640 < xs.mean() < 0.9 * 640  # on the disc, not in the corners (captions)

"""Synthetic kernels shared by the SPK and download tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.ephemeris.spk_factory import standard_segments, write_spk


@pytest.fixture(scope="session")
def kernel_t2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 days, two type 2 segments per target (501-504, 599 relative to 5)."""
    return write_spk(tmp_path_factory.mktemp("spk") / "t2.bsp", standard_segments(2))


@pytest.fixture(scope="session")
def kernel_t3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same orbits as type 3 segments (position and velocity), big-endian."""
    return write_spk(tmp_path_factory.mktemp("spk") / "t3.bsp", standard_segments(3), ">")

"""The synthetic kernels of the SPK tests, shared with the download tests."""

from tests.core.ephemeris.conftest import kernel_t2, kernel_t3  # noqa: F401

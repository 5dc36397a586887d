"""Writing files safely: a temporary file beside the target, then one atomic rename."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from jovianview.core.errors import DataFileError

__all__ = ["temp_beside", "write_atomic", "file_sha256"]


def temp_beside(out: Path) -> Path:
    """A new empty file in ``out``'s folder, so the final rename stays on one file system."""
    try:
        fd, name = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise DataFileError(f"cannot write in {out.parent}: {exc.strerror or exc}") from exc
    os.close(fd)
    # mkstemp makes the file private (0600); give the result the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file and a rename."""
    tmp = temp_beside(path)
    try:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except OSError as exc:
        raise DataFileError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, as lower-case hex."""
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

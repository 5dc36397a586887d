"""Build jovianview's desktop packages: the one entry point for Linux, Windows and macOS.

Usage (from anywhere; paths are relative to the repository root)::

    python packaging/build.py [options]

What it does, in order:

1. **Build environment.** Creates a virtualenv at ``build/venv`` (first run only) and installs
   PyInstaller and jovianview itself from this checkout (as a wheel, with its runtime
   dependencies and the extras in ``BUNDLE_EXTRAS`` (``movie``: PyAV for MP4 export) at the
   exact versions of ``packaging/constraints.txt``, the tested ones) into it. Needs Python
   3.11+ with ``venv`` (Debian: ``apt install python3-venv``)
   and access to PyPI for that first run; the packages it makes then work offline.
2. **Application folder.** Runs PyInstaller on ``packaging/jovianview.spec``:
   ``dist/jovianview/`` (one folder, windowed; on macOS also ``dist/jovianview.app``).
3. **Strip** (Linux, when binutils' ``strip`` is installed): debug symbols are removed from the
   bundled libraries, except those that auditwheel patched (``numpy`` and ``*.libs``), which
   stripping breaks; PyAV's own modules (``av``, 32 MB with debug information, 6 MB without)
   are stripped all the same (:data:`STRIP_PATCHED`: checked to load and encode).
4. **Packages**, by platform:

   - Linux: ``dist/jovianview-VERSION-linux-ARCH.tar.gz`` (the app folder) and
     ``dist/jovianview_VERSION_DEBARCH.deb`` built with ``dpkg-deb``: the app under
     ``/opt/jovianview``, ``/usr/bin/jovianview`` linking to it, a desktop file, icons and
     AppStream metadata.
   - Windows: ``dist/jovianview-VERSION-setup.exe`` with Inno Setup's ``iscc`` (on PATH, or
     ``--iscc``) from ``packaging/windows/jovianview.iss``.
   - macOS: ``dist/jovianview-VERSION.dmg`` by ``packaging/macos/make_dmg.sh`` (``hdiutil``).

At the end it prints the time each step took and the sizes, and writes them to
``dist/build-report.json``.

Options
-------
--python PATH
    Use this interpreter instead of the managed virtualenv. It must already have PyInstaller
    and jovianview installed (non-editable, so the dist-info and ``jovianview/_assets`` exist).
--venv DIR
    Where the managed virtualenv lives (default ``build/venv``).
--pyinstaller SPEC
    The PyInstaller requirement to install (default ``pyinstaller>=6.10,<7``). jovianview is
    reinstalled from the checkout on every run, so source edits are always picked up.
--constraints FILE
    pip constraints for jovianview's dependencies (default ``packaging/constraints.txt``,
    written by ``tools/write_constraints.py`` from the environment the tests passed in);
    ``--constraints ''`` installs whatever versions PyPI offers.
--skip-app
    Reuse ``dist/jovianview`` from an earlier run; only make the packages.
--no-strip / --no-tar / --no-deb / --no-installer
    Leave out that step (``--no-installer`` skips the Windows installer and the macOS .dmg).
--iscc PATH
    Inno Setup's compiler on Windows (default: ``iscc`` on PATH, else the usual install path).
--clean
    Delete ``build/pyinstaller`` and ``dist/`` first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_ID = "org.jovianview.jovianview"
# Optional extras the desktop bundle includes (tools/write_constraints.py pins them too):
# ``movie`` is PyAV, FFmpeg's libraries with libx264, for MP4 export.
BUNDLE_EXTRAS = ("movie",)
# Packages auditwheel patched whose own modules still work stripped (PyAV 18.1: checked by the
# bundle smoke test, which encodes an MP4 with them); their ``X.libs`` stay unstripped.
STRIP_PATCHED = {"av"}
# Shared libraries the bundle expects from the system (the GL driver, the display server's
# client libraries; glibc is added in deb_depends): PyInstaller never bundles these.
DEB_DEPENDS = ("libgl1, libegl1, libgl1-mesa-dri, libxcb1, libwayland-client0, "
               "libwayland-cursor0, libwayland-egl1, libfontconfig1")


def deb_depends() -> str:
    """DEB_DEPENDS plus glibc at least the build machine's: the bundled libraries came from
    there and may use its newest symbols (so build on the oldest system to support)."""
    name, libc = platform.libc_ver()
    return f"libc6 (>= {libc}), {DEB_DEPENDS}" if name == "glibc" and libc else DEB_DEPENDS


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:  # noqa: ANN003 - passed to subprocess.run
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build_env(args: argparse.Namespace) -> Path:
    """The interpreter that runs PyInstaller, with PyInstaller and jovianview installed."""
    if args.python:
        return Path(args.python)
    venv = Path(args.venv).resolve()
    python = venv_python(venv)
    if not python.exists():
        log(f"creating the build environment {venv}")
        run([sys.executable, "-m", "venv", venv])
        run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    run([python, "-m", "pip", "install", "-q", args.pyinstaller])
    # A regular (non-editable) install: the bundle takes jovianview from site-packages, where
    # the wheel put the assets (jovianview/_assets) and the dist-info with the version.
    pinned = ["-c", str(Path(args.constraints).resolve())] if args.constraints else []
    run([python, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(ROOT)])
    with_extras = f"{ROOT}[{','.join(BUNDLE_EXTRAS)}]"
    run([python, "-m", "pip", "install", "-q", *pinned, with_extras])  # run-time dependencies
    return python


def build_app(python: Path) -> Path:
    # Not from the repository root: `python -m` puts the working directory first on sys.path,
    # and PyInstaller would take the source tree's jovianview instead of the installed one.
    WORK.mkdir(parents=True, exist_ok=True)
    run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", DIST, "--workpath", WORK, PACKAGING / "jovianview.spec"], cwd=WORK)
    app = DIST / "jovianview"
    add_licence_texts(app)
    return app


def add_licence_texts(app: Path) -> None:
    """LICENSE (jovianview's GPL-2.0-or-later, and why the bundle is GPL-3) and the GPL-3
    text beside the executable: the bundle contains PyQt6, so it is distributed under GPL-3."""
    shutil.copy(ROOT / "LICENSE", app / "LICENSE")
    shutil.copy(ROOT / "LICENSES" / "GPL-3.0.txt", app / "LICENSE-GPL-3.0.txt")


def _auditwheel_dirs(internal: Path) -> set[str]:
    """Top-level names in the bundle that auditwheel patched: ``X.libs`` and ``X`` itself."""
    names = set()
    for libs in internal.glob("*.libs"):
        names |= {libs.name, libs.name[: -len(".libs")]}
    return names


def strip_app(app: Path) -> int:
    """Strip the bundled shared libraries that are safe to strip; returns how many."""
    strip = shutil.which("strip")
    if strip is None:
        log("no `strip` (binutils) found: leaving the libraries unstripped")
        return 0
    internal = app / "_internal"
    skip = _auditwheel_dirs(internal) - STRIP_PATCHED
    count = 0
    for path in sorted(internal.rglob("*.so*")):
        rel = path.relative_to(internal)
        if path.is_symlink() or not path.is_file() or rel.parts[0] in skip:
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        subprocess.run([strip, "--strip-unneeded", str(path)], check=True)
        count += 1
    log(f"stripped {count} libraries (left alone: {', '.join(sorted(skip)) or 'none'})")
    return count


def linux_arch() -> tuple[str, str]:
    """(machine name for the tarball, Debian architecture)."""
    machine = platform.machine()
    deb = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "armhf"}.get(machine, machine)
    if shutil.which("dpkg"):
        deb = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                             check=True).stdout.strip()
    return machine, deb


def make_tarball(app: Path, version: str) -> Path:
    machine, _ = linux_arch()
    out = DIST / f"jovianview-{version}-linux-{machine}.tar.gz"
    top = f"jovianview-{version}"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname=top)  # symlinks stay symlinks
        tar.add(PACKAGING / "linux" / f"{APP_ID}.desktop", arcname=f"{top}/{APP_ID}.desktop")
        tar.add(PACKAGING / "icons" / "jovianview-256.png", arcname=f"{top}/jovianview.png")
    return out


def _tree_size_kib(path: Path) -> int:
    total = sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def make_deb(app: Path, version: str) -> Path:
    """A .deb: the app under /opt/jovianview, a launcher on PATH, desktop integration."""
    if not shutil.which("dpkg-deb"):
        raise SystemExit("dpkg-deb is needed for the .deb (Debian/Ubuntu: it comes with dpkg); "
                         "use --no-deb to leave it out")
    _, arch = linux_arch()
    root = ROOT / "build" / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(app, root / "opt" / "jovianview", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "jovianview").symlink_to("/opt/jovianview/jovianview")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir()
    metainfo = (PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    metainfo = metainfo.replace("@VERSION@", version).replace("@DATE@", date.today().isoformat())
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    for icon in sorted((PACKAGING / "icons").glob("jovianview-*.png")):
        size = icon.stem.split("-")[1]
        dest = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(icon, dest / "jovianview.png")
    doc = share / "doc" / "jovianview"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "jovianview is free software under the GPL-2.0-or-later; this package also contains\n"
        "PyQt6 (GPL-3.0), so the package as a whole is distributed under the GPL-3.0.\n"
        "The libraries bundled under /opt/jovianview keep their own licences (see Help > About\n"
        "in the program). Credits and licences of the textures and data:\n\n"
        + (ROOT / "assets" / "LICENSES.md").read_text(encoding="utf-8"), encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or os.access(path, os.X_OK)
        path.chmod(0o755 if executable else 0o644)
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(
        f"Package: jovianview\nVersion: {version}\nArchitecture: {arch}\n"
        "Maintainer: jovianview developers <jovianview@users.noreply.github.com>\n"
        f"Installed-Size: {_tree_size_kib(root)}\nDepends: {deb_depends()}\n"
        "Section: science\nPriority: optional\n"
        "Description: Jupiter, the Galilean moons and NASA's Juno in 3D, offline\n"
        " jovianview shows Jupiter, Io, Europa, Ganymede, Callisto and the Juno spacecraft\n"
        " at any moment of the Juno mission, computed on the computer itself: no internet\n"
        " connection is needed. For classrooms and for replaying Juno's flybys.\n",
        encoding="utf-8")
    out = DIST / f"jovianview_{version}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, out])
    return out


def make_windows_installer(version: str, iscc: str | None) -> Path:
    compiler = iscc or shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    run([compiler, f"/DAppVersion={version}", f"/DSourceDir={DIST / 'jovianview'}",
         f"/DOutputDir={DIST}", f"/DIconFile={PACKAGING / 'icons' / 'jovianview.ico'}",
         PACKAGING / "windows" / "jovianview.iss"])
    return DIST / f"jovianview-{version}-setup.exe"


def make_dmg(version: str) -> Path:
    run(["bash", PACKAGING / "macos" / "make_dmg.sh", version], cwd=ROOT)
    return DIST / f"jovianview-{version}.dmg"


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Build jovianview's desktop packages.")
    p.add_argument("--python", help="interpreter with PyInstaller and jovianview installed")
    p.add_argument("--venv", default=str(ROOT / "build" / "venv"),
                   help="managed build virtualenv (default build/venv)")
    p.add_argument("--pyinstaller", default="pyinstaller>=6.10,<7",
                   help="PyInstaller requirement (default 'pyinstaller>=6.10,<7')")
    p.add_argument("--constraints", default=str(PACKAGING / "constraints.txt"),
                   help="pip constraints file for the dependencies ('' for none)")
    p.add_argument("--skip-app", action="store_true", help="reuse dist/jovianview")
    p.add_argument("--no-strip", action="store_true")
    p.add_argument("--no-tar", action="store_true")
    p.add_argument("--no-deb", action="store_true")
    p.add_argument("--no-installer", action="store_true")
    p.add_argument("--iscc", help="path of Inno Setup's ISCC.exe (Windows)")
    p.add_argument("--clean", action="store_true", help="delete build/pyinstaller and dist/")
    return p


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    return make_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    version = project_version()
    report: dict[str, object] = {"version": version, "platform": sys.platform, "seconds": {}}
    seconds: dict[str, float] = report["seconds"]  # type: ignore[assignment]
    if args.clean:
        shutil.rmtree(WORK, ignore_errors=True)
        shutil.rmtree(DIST, ignore_errors=True)
    DIST.mkdir(exist_ok=True)
    app = DIST / "jovianview"
    started = time.perf_counter()

    def step(name: str, func, *a):  # noqa: ANN001, ANN202
        t0 = time.perf_counter()
        result = func(*a)
        seconds[name] = round(time.perf_counter() - t0, 1)
        return result

    if not args.skip_app:
        python = step("environment", build_env, args)
        step("pyinstaller", build_app, python)
        if sys.platform.startswith("linux") and not args.no_strip:
            step("strip", strip_app, app)
    if not (app / ("jovianview.exe" if os.name == "nt" else "jovianview")).exists():
        raise SystemExit(f"no application folder at {app}: run without --skip-app")
    outputs: list[Path] = []
    if sys.platform.startswith("linux"):
        if not args.no_tar:
            outputs.append(step("tarball", make_tarball, app, version))
        if not args.no_deb:
            outputs.append(step("deb", make_deb, app, version))
    elif sys.platform == "win32" and not args.no_installer:
        outputs.append(step("installer", make_windows_installer, version, args.iscc))
    elif sys.platform == "darwin" and not args.no_installer:
        outputs.append(step("dmg", make_dmg, version))
    seconds["total"] = round(time.perf_counter() - started, 1)
    report["app_folder_bytes"] = _tree_size_kib(app) * 1024
    report["outputs"] = {p.name: p.stat().st_size for p in outputs}
    (DIST / "build-report.json").write_text(json.dumps(report, indent=2) + "\n")
    log(f"application folder {app}: {report['app_folder_bytes'] / 2**20:.1f} MiB unpacked")
    for p in outputs:
        log(f"{p}: {p.stat().st_size / 2**20:.1f} MiB")
    log("seconds: " + ", ".join(f"{k} {v}" for k, v in seconds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

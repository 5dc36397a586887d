"""Every jovianview module the program needs is reachable by plain import statements.

The PyInstaller hook no longer lists every submodule (``collect_submodules``): that was a
workaround for ``model/sources.py`` importing core modules by name with ``importlib``, which
static analysis cannot follow. This test follows ``import`` statements (function-level ones
too, as PyInstaller does) from the bundle's entry point and fails if a module of the package
can only be reached by name.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jovianview"
# Not reached from the desktop entry point on purpose: a Python-API module and `python -m`.
LIBRARY_ONLY = {"jovianview.core.ephemeris.juno_readouts", "jovianview.__main__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> set[str]:
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_every_module_is_reachable_from_the_entry_point() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    seen: set[str] = set()
    todo = ["jovianview.app"]
    while todo:
        name = todo.pop()
        if name in seen or name not in modules:
            continue
        seen.add(name)
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo.extend(parents)  # importing a submodule runs its packages' __init__
        todo.extend(m for m in _imports(modules[name], name) if m.startswith("jovianview"))
    unreachable = sorted(set(modules) - seen - LIBRARY_ONLY)
    assert not unreachable, f"only importable by name (PyInstaller misses them): {unreachable}"


def test_nothing_imports_jovianview_modules_by_name() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                 if "import_module(" in p.read_text(encoding="utf-8")]
    assert not offenders


def test_the_hook_no_longer_collects_every_submodule() -> None:
    hook = (ROOT / "packaging" / "hooks" / "hook-jovianview.py").read_text(encoding="utf-8")
    assert "collect_submodules" not in hook and "copy_metadata" in hook

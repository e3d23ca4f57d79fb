"""`providers/` never imports textual or the UI, and from `wizard` only `wizard.model`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PROVIDERS = Path(__file__).resolve().parent.parent / "providers"
MODULES = sorted(PROVIDERS.rglob("*.py"))


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_static_imports(path: Path) -> None:
    names = imported(path)
    assert not any(n == "textual" or n.startswith("textual.") for n in names)
    assert not any(n.startswith("wizard.tui") for n in names)
    wizard = {n for n in names if n == "wizard" or n.startswith("wizard.")}
    outside = {n for n in wizard if n != "wizard.model" and not n.startswith("wizard.model.")}
    assert not outside, f"{path.name} imports {sorted(outside)}"


def test_scan_sees_imports(tmp_path: Path) -> None:
    """The scanner itself: it must catch a textual import anywhere in a module."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from textual.app import App\n    import wizard.tui\n")
    assert {"textual.app", "wizard.tui"} <= imported(sample)


def test_loading_every_provider_leaves_textual_unloaded() -> None:
    names = [
        ".".join(p.relative_to(PROVIDERS.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in MODULES
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')"
        " or m.startswith('wizard.tui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

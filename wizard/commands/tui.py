"""Opens the Textual wizard. Until the TUI lands, explain what to run instead."""

from __future__ import annotations

import argparse
import sys

from wizard.commands import EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    try:
        from wizard.tui.app import run_app  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        print(
            "The interactive wizard is not built yet. Try `tracking-wizard records FILE "
            "--domain example.com` or `tracking-wizard --help`.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    result: int = run_app(demo=bool(getattr(args, "demo", False)))
    return result

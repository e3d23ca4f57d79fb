"""`tracking-wizard demo`: the same as `tracking-wizard --demo`."""

from __future__ import annotations

import argparse

from wizard.commands import tui


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(demo=True)


def run(args: argparse.Namespace) -> int:
    args.demo = True
    return tui.run(args)

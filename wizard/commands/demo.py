"""`tracking-wizard demo [--vendor V] [--pace P]`: the wizard in demo mode, or one vendor's
story directly (a salesperson preparing a call)."""

from __future__ import annotations

import argparse

from wizard.commands import tui
from wizard.vendors import PROFILE_IDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(demo=True)
    parser.add_argument(
        "--vendor",
        choices=PROFILE_IDS,
        help="open that vendor's story directly, at its paste step",
    )
    parser.add_argument(
        "--pace",
        choices=("present", "fast"),
        default="present",
        help="how fast the little internet moves: 'present' (the default) or 'fast'",
    )


def run(args: argparse.Namespace) -> int:
    args.demo = True
    return tui.run(args)

"""Opens the Textual wizard: demo mode when asked, or when nothing is configured yet."""

from __future__ import annotations

import argparse
import gc
import os

from wizard.datadir import default_journal_path

#: Variables whose presence means a DNS host is configured for real use.
CONFIG_VARIABLES = (
    "CLOUDFLARE_API_TOKEN",
    "GODADDY_API_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_PROFILE",
)


#: Settings of the wizard itself, not of a DNS host: on their own they do not end the demo.
NOT_CONFIGURATION = frozenset({"TRACKING_WIZARD_DATA_DIR", "TRACKING_WIZARD_DOH"})


def configured() -> bool:
    """True once the user has set up a DNS host or used the wizard for real before."""
    for name in os.environ:
        if name.startswith("TRACKING_WIZARD_") and name not in NOT_CONFIGURATION:
            return True
    return any(os.environ.get(name) for name in CONFIG_VARIABLES) or (
        default_journal_path().exists()
    )


def run(args: argparse.Namespace) -> int:
    # Textual and the wizard's screens make objects that live as long as the app: the garbage
    # collector would walk them again and again while they are imported, so it waits, and then
    # leaves them out of its walks for good (`launch` freezes what building the app adds).
    gc.disable()
    try:
        from wizard.tui.app import run_app
    finally:
        gc.freeze()
        gc.enable()
    demo = bool(getattr(args, "demo", False)) or not configured()
    return run_app(
        demo=demo,
        resume=bool(getattr(args, "resume", False)),
        vendor=getattr(args, "vendor", None),
        pace=getattr(args, "pace", None) or "present",
        doh=bool(getattr(args, "doh", False)),
    )

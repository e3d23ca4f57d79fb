"""Opens the Textual wizard: in demo mode or on your own domain, as asked or as configured.

`--demo` and `--real` decide; without them, a DNS host configured in the environment (or a
journal of earlier real use) opens on your own domain. With nothing of the kind, the first
screen asks, and checks the keyring behind it: settings remembered there count as configured
too, but reading the keyring loads its backends, which the first frame does not wait for.
"""

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


#: Settings of the wizard itself, not of a DNS host: on their own they do not choose a mode.
NOT_CONFIGURATION = frozenset(
    {
        "TRACKING_WIZARD_DATA_DIR",
        "TRACKING_WIZARD_DOH",
        "TRACKING_WIZARD_RESOLVERS",
        "TRACKING_WIZARD_AUTHORITATIVE",
    }
)


def configured() -> bool:
    """True once a DNS host is set up in the environment, or the wizard was used for real
    before (its journal exists). The keyring is asked later, behind the first frame."""
    for name in os.environ:
        if name.startswith("TRACKING_WIZARD_") and name not in NOT_CONFIGURATION:
            return True
    return any(os.environ.get(name) for name in CONFIG_VARIABLES) or (
        default_journal_path().exists()
    )


def chosen_mode(args: argparse.Namespace) -> bool | None:
    """True for the demo, False for your own domain, None when the first screen must ask."""
    if getattr(args, "demo", False):
        return True
    if getattr(args, "real", False) or getattr(args, "resume", False) or configured():
        return False
    return None


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
    return run_app(
        demo=chosen_mode(args),
        resume=bool(getattr(args, "resume", False)),
        vendor=getattr(args, "vendor", None),
        pace=getattr(args, "pace", None) or "present",
        doh=bool(getattr(args, "doh", False)),
    )

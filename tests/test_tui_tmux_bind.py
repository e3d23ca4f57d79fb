"""One journey in a real terminal, on BIND: set up, go back, watch, done, quit.

The installed console script runs in tmux at 80x24 in real mode (the rfc2136 settings are in
the environment), and the test reads the screen as plain text, as a person would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.bind import BindServer
from tests.keys import DKIM_1024, GOOGLE_VERIFICATION
from tests.tmux_terminal import Terminal
from tests.tools import script

pytestmark = pytest.mark.needs("tmux")

PASTE = (
    "Type\tHost\tValue\n"
    f"TXT\tabc._domainkey.example.test\t{DKIM_1024}\n"
    f"TXT\texample.test\t{GOOGLE_VERIFICATION}\n"
)


def test_setup_back_and_done_in_a_terminal(bind: BindServer, tmp_path: Path) -> None:
    wizard = script("tracking-wizard")
    paste = tmp_path / "records.txt"
    paste.write_text(PASTE)
    server = f"{bind.address}:{bind.port}"
    env = " ".join(
        [
            f"TRACKING_WIZARD_DATA_DIR={tmp_path / 'data'}",
            "PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring",
            f"TRACKING_WIZARD_RESOLVERS={server}",
            f"TRACKING_WIZARD_AUTHORITATIVE={server}",
            f"TRACKING_WIZARD_RFC2136_SERVER={bind.server}",
            f"TRACKING_WIZARD_RFC2136_KEY_NAME={bind.key_name}",
            f"TRACKING_WIZARD_RFC2136_KEY_SECRET={bind.key_secret}",
        ]
    )
    term = Terminal(wizard, env=env)
    try:
        shown = term.wait("What do you want to do")
        assert "DEMO" not in shown  # configured: real mode
        term.keys("Enter")  # Enter on the first choice: set up
        term.wait("Paste the records here")
        term.paste(paste)
        term.wait("2 records ready")
        term.click("Continue")
        shown = term.wait("already set")  # the configured host, preselected and said so
        assert "Zone: example.test" in shown and "RFC 2136" in shown
        term.click("Continue")
        term.click("Check and continue")
        term.wait("In all: 2 creates")
        term.click("Apply")
        term.wait("Done: 2 changes written")
        assert bind.texts("example.test", "TXT").count(f'"{GOOGLE_VERIFICATION}"') == 1
        term.click("Watch them go live")
        term.wait("Both records are live")
        term.keys("Escape")  # back: to the plan, read afresh
        term.wait("In all: 2 already there")
        term.click("Nothing to write: watch")
        term.wait("Both records are live")
        term.click("Continue")
        shown = term.wait("2 changes written")
        assert "Next, at" in shown
        term.keys("C-q")
        term.wait("EXIT=0")
    finally:
        term.close()

"""The demo's first frame waits for nothing a later step needs: what launching imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: Launch as `tracking-wizard --demo` does, headless, and list what is loaded when the start
#: screen has been drawn: the moment the environment starts opening behind it.
FIRST_FRAME = """
import sys
import wizard.tui.app as tui_app
from wizard.cli import main
from wizard.tui.opening import Opening

loaded = []
start = Opening.start

def noting_start(opening):
    loaded.append(sorted(sys.modules))
    start(opening)

async def leave_once_open(pilot):
    await pilot.app.environment()
    pilot.app.exit()

Opening.start = noting_start
launch = tui_app.launch
tui_app.launch = lambda app: launch(app, headless=True, auto_pilot=leave_once_open)
main(["--demo"])
print(" ".join(loaded[0]))
"""

#: Each costs a tenth of a second or more to import, and only later steps use it.
LATER = ["dns.message", "dns.resolver", "dns.query", "httpx", "cryptography", "boto3", "botocore"]
#: The environment: the demo's little internet, the DNS host plugins and the journal.
BEHIND = [
    "wizard.demo",
    "wizard.embedded",
    "wizard.environment",
    "providers.base",
    "wizard.journal",
]


def test_the_first_frame_waits_for_no_library_and_no_environment(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "TRACKING_WIZARD_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, check=True, env=env
    )
    loaded = set(done.stdout.split())
    assert {"wizard.tui.app", "wizard.tui.screens.start"} <= loaded
    assert [name for name in LATER + BEHIND if name in loaded] == []


#: Opens the demo environment as the opening does, and queries one of its servers.
OPEN_AND_ASK = """
import sys, tempfile
from pathlib import Path
from wizard.demo import demo_environment
with demo_environment(Path(tempfile.mkdtemp()) / "journal.jsonl") as env:
    print(" ".join(sorted(sys.modules)))
    import dns.message, dns.query
    server = env.authoritative[0]
    query = dns.message.make_query("demo-dns.test", "NS")
    reply = dns.query.udp(query, server.host, port=server.port, timeout=5)
    print(reply.rcode(), len(reply.answer))
"""


def test_the_demo_servers_start_without_dnspython_and_answer_once_it_loads() -> None:
    """Opening the little internet loads no DNS, web or AWS library either, and that is no
    shortcut: its servers load dnspython with their first query and answer it."""
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_ASK], capture_output=True, text=True, check=True
    )
    loaded_at_open, answer = done.stdout.splitlines()[:2]
    assert "wizard.demo.environment" in loaded_at_open.split()
    assert [name for name in LATER if name in loaded_at_open.split()] == []
    assert answer.split() == ["0", "1"]


#: Launch with nothing configured, as a first run does, and list what is loaded when the first
#: screen (the demo, or your own domain?) starts reading the keyring behind it.
FIRST_RUN_FRAME = """
import sys
import wizard.tui.app as tui_app
from wizard.cli import main
from wizard.tui.screens.first_run import FirstRunScreen

loaded = []
look = FirstRunScreen.look_in_keyring

def noting_look(screen):
    loaded.append(sorted(sys.modules))
    return look(screen)

async def leave_once_drawn(pilot):
    while not loaded:
        await pilot.pause(0.05)
    pilot.app.exit()

FirstRunScreen.look_in_keyring = noting_look
launch = tui_app.launch
tui_app.launch = lambda app: launch(app, headless=True, auto_pilot=leave_once_drawn)
main([])
print(" ".join(loaded[0]))
"""


def test_a_first_run_draws_its_question_before_the_keyring_loads(tmp_path: Path) -> None:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TRACKING_WIZARD_", "CLOUDFLARE_", "GODADDY_", "AWS_"))
    }
    env.update(HOME=str(tmp_path), TRACKING_WIZARD_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN_FRAME], capture_output=True, text=True, check=True, env=env
    )
    loaded = set(done.stdout.split())
    assert "wizard.tui.screens.first_run" in loaded
    later = [*LATER, *BEHIND, "keyring", "wizard.credentials"]
    assert [name for name in later if name in loaded] == []


#: What a command's `--help` loads: every plugin's settings are listed from its class.
HELP = """
import sys
from wizard.cli import main
try:
    main([{command!r}, "--help"])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""


def test_help_lists_the_lexicon_hosts_without_loading_lexicon_or_any_sdk(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", HELP.format(command="apply")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    loaded = set(done.stdout.split())
    assert "providers.lexicon.plugins" in loaded  # the settings come from each plugin's class
    heavy = {"lexicon", "tldextract", "requests", "boto3", "botocore", "cloudflare"}
    assert not heavy & loaded

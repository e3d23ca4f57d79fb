"""The first run, as a new user meets it: a fresh HOME, no TRACKING_WIZARD_* variable, the
installed script in tmux at 80x24. Launch → "Use my own domain" → the domain (and the DNS
resolver that can see it) → the DNS host, picked from the zone's name servers or changed →
its credentials typed in the form → plan → apply → watch → done.

Everything runs on loopback. BIND listens on 127.0.0.1 port 53 (one test at a time, under a
lock), so the zone's NS records lead to it as a real zone's lead to its servers, and nothing
but the form tells the wizard where to look: the resolver typed on the first screen is BIND
itself, and the system's resolvers are never asked. Cloudflare is the local fake API (writing
through to BIND), reached through the credentials form's documented "API address" setting.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.bind import BindServer
from tests.fakes.cloudflare_api import CloudflareAPI
from tests.fakes.lexicon.digitalocean import DigitalOceanAPI
from tests.keys import GOOGLE_VERIFICATION, RSA_1024
from tests.tmux_terminal import Terminal

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(
        os.geteuid() != 0, reason="BIND must listen on port 53, as the zone's NS records say"
    ),
]

ZONE = "example.test"
#: The checkout these tests are in.
ROOT = Path(__file__).resolve().parents[1]
PASTE = (
    "Type\tHost\tValue\n"
    f"TXT\tabc._domainkey.example.test\tk=rsa; p={RSA_1024}\n"
    f"TXT\texample.test\t{GOOGLE_VERIFICATION}\n"
)


def wizard_command() -> str:
    """The installed script beside this Python, else the module run by this Python."""
    script = Path(sys.executable).parent / "tracking-wizard"
    return str(script) if script.exists() else f"{sys.executable} -m wizard"


def zones(address: str, ns_names: tuple[str, ...]) -> dict[str, str]:
    """example.test served by `ns_names`; each of those names leads to `address`."""
    ns = "".join(f"@ IN NS {name}.\n" for name in ns_names)
    glue = "".join(f"{name}. IN A {address}\n" for name in ns_names if name.endswith(ZONE))
    found = {
        ZONE: f"$ORIGIN {ZONE}.\n$TTL 300\n"
        f"@ IN SOA {ns_names[0]}. hostmaster.{ZONE}. ( 1 3600 600 86400 60 )\n{ns}{glue}"
        "www IN A 192.0.2.10\n"
    }
    outside = sorted({name.split(".", 1)[1] for name in ns_names if not name.endswith(ZONE)})
    for parent in outside:
        found[parent] = (
            f"$ORIGIN {parent}.\n$TTL 300\n"
            f"@ IN SOA {ns_names[0]}. hostmaster.{parent}. ( 1 3600 600 86400 60 )\n"
            + "".join(f"@ IN NS {name}.\n" for name in ns_names)
            + "".join(f"{name}. IN A {address}\n" for name in ns_names)
        )
    return found


def bind_on_53(ns_names: tuple[str, ...]) -> Iterator[BindServer]:
    """BIND on 127.0.0.1 port 53, held by one test at a time (other runs wait for the lock)."""
    lock = Path(tempfile.gettempdir()) / "tracking-wizard-test-port-53.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        server = BindServer(zones("127.0.0.1", ns_names), wanted_port=53).start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def cloudflare_bind() -> Iterator[BindServer]:
    """The zone's name servers are Cloudflare's (by name): the host is recognised from them."""
    yield from bind_on_53(("ada.ns.cloudflare.com", "bob.ns.cloudflare.com"))


@pytest.fixture
def own_bind() -> Iterator[BindServer]:
    """A self-hosted BIND: name servers of the zone's own, which no DNS host's patterns match."""
    yield from bind_on_53((f"ns1.{ZONE}",))


def fresh_terminal(home: Path) -> Terminal:
    """The wizard as a new user starts it: a fresh HOME and nothing of the wizard's set. The
    keyring is keyring's "fail" backend, which is what a headless box has."""
    # PYTHONPATH: the checkout under test, even where the script was installed from another.
    env = (
        f"env -i HOME={home} PATH=/usr/bin:/bin LANG=C.UTF-8 PYTHONPATH={ROOT} "
        "PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring"
    )
    return Terminal(wizard_command(), env=env)


def own_domain(term: Terminal, resolver: str) -> None:
    """The first screen: not the demo, my own domain, and the resolver that can see it."""
    shown = term.wait("How do you want to start")
    assert "DEMO" not in shown
    term.click("Use my own domain")
    term.click("example.com")  # the domain field's placeholder
    term.type(ZONE)
    term.click("optional: this computer's resolvers")
    term.type(resolver)
    term.click("Continue")


def records_pasted(term: Terminal, paste: Path) -> None:
    term.wait("What do you want to do")
    term.keys("Enter")  # set up, for the vendor shown first
    shown = term.wait("Paste the records here")
    assert ZONE in shown  # the domain typed on the first screen
    term.paste(paste)
    term.wait("2 records ready")
    term.click("Continue")


def applied_watched_done(term: Terminal, bind: BindServer, host: str | None = None) -> None:
    """Apply (confirmed at `host` by reading back, where given), watch, done, quit."""
    term.wait("In all: 2 creates")
    term.click("Apply")
    if host is not None:
        term.wait(f"Confirmed at {host}: 2 of 2")
    term.wait("2 changes written")
    assert bind.texts(ZONE, "TXT").count(f'"{GOOGLE_VERIFICATION}"') == 1
    term.click("Watch them go live")
    term.wait("records are live")
    term.click("Continue")
    term.wait("Next, at")
    term.keys("C-q")
    term.wait("EXIT=0")


def test_first_run_to_cloudflare(cloudflare_bind: BindServer, tmp_path: Path) -> None:
    bind = cloudflare_bind
    paste = tmp_path / "records.txt"
    paste.write_text(PASTE)
    with CloudflareAPI({ZONE: []}, bind=bind) as api:
        term = fresh_terminal(tmp_path / "home")
        try:
            own_domain(term, bind.address)
            records_pasted(term, paste)
            shown = term.wait(f"Zone: {ZONE}")
            assert "DNS host: Cloudflare" in shown and "ada.ns.cloudflare.com" in shown
            assert "Picked Cloudflare: the zone's name servers are its" in shown
            term.click("Continue")
            shown = term.wait("Create Token")  # where to get the token, and its scope
            assert "Zone → DNS → Edit" in shown
            term.type(api.token)  # the first field to fill in has the focus
            term.keys("Tab", "Enter", "Tab")  # open "Advanced settings"; into the API address
            term.wait("API address")
            term.keys("End", "C-u")
            term.type(api.url)
            shown = term.screen()
            assert api.token not in shown  # a secret is masked as it is typed
            term.click("Check and continue")
            applied_watched_done(term, bind)
        finally:
            term.close()
    assert ("GET", "/client/v4/zones") in {(m, p.split("?")[0]) for m, p in api.requests}


@pytest.fixture
def digitalocean_bind() -> Iterator[BindServer]:
    """The zone's name servers are DigitalOcean's: a host written through dns-lexicon."""
    yield from bind_on_53(("ns1.digitalocean.com", "ns2.digitalocean.com"))


def test_first_run_to_digitalocean_through_lexicon(
    digitalocean_bind: BindServer, tmp_path: Path
) -> None:
    bind = digitalocean_bind
    paste = tmp_path / "records.txt"
    paste.write_text(PASTE)
    with DigitalOceanAPI(bind=bind) as api:
        api.add_domain(ZONE)
        term = fresh_terminal(tmp_path / "home")
        try:
            own_domain(term, bind.address)
            records_pasted(term, paste)
            shown = term.wait(f"Zone: {ZONE}")
            assert "DNS host: DigitalOcean" in shown
            assert "Picked DigitalOcean: the zone's name servers are its" in shown
            term.click("Continue")
            shown = term.wait("Generate New Token")  # where to get the token, and its scope
            assert "domain read, create, update and delete" in shown
            term.type(api.token)
            term.keys("Tab", "Enter", "Tab")  # open "Advanced settings"; into the API address
            term.wait("API address")
            term.keys("End", "C-u")
            term.type(api.url)
            assert api.token not in term.screen()
            term.click("Check and continue")
            applied_watched_done(term, bind, "DigitalOcean")
        finally:
            term.close()
    # The paste gave no TTL: DigitalOcean's own default is written, not lexicon's 3600.
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert {(b["name"], b["ttl"]) for b in posted} == {("abc._domainkey", 1800), ("@", 1800)}


def test_first_run_to_rfc2136_on_bind(own_bind: BindServer, tmp_path: Path) -> None:
    bind = own_bind
    paste = tmp_path / "records.txt"
    paste.write_text(PASTE)
    term = fresh_terminal(tmp_path / "home")
    try:
        own_domain(term, bind.address)
        records_pasted(term, paste)
        shown = term.wait(f"Zone: {ZONE}")
        assert "not a DNS host the wizard knows" in shown
        term.click("By hand (any DNS host)")  # the host picked: change it
        term.type("RFC")  # eighteen hosts: the list jumps to the one typed
        term.keys("Enter")
        term.wait(r"RFC 2136 \(BIND, Knot, PowerDNS\)")
        term.click("Continue")
        shown = term.wait("TSIG key name")
        term.type(bind.address)  # the server: the first field to fill in has the focus
        term.keys("Tab")
        term.type(bind.key_name)
        term.keys("Tab")
        term.type(bind.key_secret)
        assert bind.key_secret not in term.screen()
        term.click("Check and continue")
        applied_watched_done(term, bind)
    finally:
        term.close()


def test_digitalocean_writes_what_it_can_and_the_mx_is_added_by_hand(
    digitalocean_bind: BindServer, tmp_path: Path
) -> None:
    """Issue #23 at 80x24: DigitalOcean cannot write an MX, so the plan offers to write the
    TXT through its API and add the MX by hand; the watch then sees both."""
    import dns.rdata

    bind = digitalocean_bind
    target = "feedback-smtp.us-east-1.amazonses.com"
    paste = tmp_path / "records.txt"
    paste.write_text(
        "Type\tHost\tValue\n"
        f"TXT\tbounce.{ZONE}\tv=spf1 include:amazonses.com ~all\n"
        f"MX\tbounce.{ZONE}\t10 {target}\n"
    )
    with DigitalOceanAPI(bind=bind) as api:
        api.add_domain(ZONE)
        term = fresh_terminal(tmp_path / "home")
        try:
            own_domain(term, bind.address)
            records_pasted(term, paste)
            term.wait("DNS host: DigitalOcean")
            term.click("Continue")
            term.wait("Generate New Token")
            term.type(api.token)
            term.keys("Tab", "Enter", "Tab")
            term.wait("API address")
            term.keys("End", "C-u")
            term.type(api.url)
            term.click("Check and continue")
            shown = term.wait("Write 1 through DigitalOcean, add 1 by hand")
            assert "cannot write MX" in shown and "Fix the conflicts" not in shown
            term.click("Write 1 through DigitalOcean, add 1 by hand")
            term.wait("Confirmed at DigitalOcean: 1 of 1")
            term.click("Next: add 1 by hand")
            shown = term.wait("Log in to DigitalOcean and add 1 record")
            assert target in shown and "bounce" in shown
            mx = dns.rdata.from_text("IN", "MX", f"10 {target}.")
            bind.replace_sets(ZONE, {(f"bounce.{ZONE}.", "MX"): [(300, mx)]})
            term.click("I've added them: watch")
            term.wait("records are live")
            term.click("Continue")
            term.wait("Next, at")
            term.keys("C-q")
            term.wait("EXIT=0")
        finally:
            term.close()
    assert [s.body["type"] for s in api.requests_seen if s.method == "POST"] == ["TXT"]

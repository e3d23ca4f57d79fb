"""A real BIND `named` on loopback for tests: authoritative only, TSIG-signed dynamic updates."""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import dns.message
import dns.name
import dns.query
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.TXT
import dns.rrset
import dns.tsigkeyring
import dns.update

from tests.tools import tool as tool_binary
from wizard.model.rdata import split_txt

KEY_NAME = "wizard-key"
KEY_ALGORITHM = "hmac-sha256"


def zone_file(origin: str, records: str, *, hostmaster: str = "", negative_ttl: int = 60) -> str:
    """Zone-file text for `origin`: its SOA, NS ns1.`origin` at 127.0.0.1, then `records`."""
    return (
        f"$ORIGIN {origin}.\n$TTL 300\n"
        f"@ IN SOA ns1.{origin}. hostmaster.{hostmaster or origin}. "
        f"( 1 3600 600 86400 {negative_ttl} )\n"
        f"@ IN NS ns1.{origin}.\nns1 IN A 127.0.0.1\n{records}"
    )


EXAMPLE_ZONE = zone_file(
    "example.test",
    """\
@        IN TXT "v=spf1 include:_spf.example.net ~all"
@        IN MX  10 mail.example.test.
mail     IN A   192.0.2.25
www      IN A   192.0.2.10
child    IN NS  ns1.child.example.test.
ns1.child IN A  127.0.0.1
""",
)

CHILD_ZONE = zone_file(
    "child.example.test",
    "app      IN A   192.0.2.20\n",
    hostmaster="example.test",
)


def named_binary() -> str | None:
    return tool_binary("named")


def free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1 at the time of asking."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = int(tcp.getsockname()[1])
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                try:
                    udp.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port


@dataclass
class BindServer:
    """One `named -g` process serving `zones` (origin -> zone-file text) on 127.0.0.1:port."""

    zones: dict[str, str]
    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="bind-")))
    address: str = "127.0.0.1"
    port: int = 0
    key_name: str = KEY_NAME
    key_algorithm: str = KEY_ALGORITHM
    key_secret: str = field(default_factory=lambda: base64.b64encode(os.urandom(32)).decode())
    process: subprocess.Popen[bytes] | None = None
    #: A caching resolver instead (with `forwarders`): recursion on, every question sent to
    #: the forwarders (HOST, PORT) and never to the internet's root servers; with
    #: `trust_anchors` (named.conf `trust-anchors` entries) it validates DNSSEC against them.
    forwarders: tuple[tuple[str, int], ...] = ()
    trust_anchors: tuple[str, ...] = ()
    #: The name whose SOA says the server is up (default: the first zone's origin).
    ready_name: str | None = None
    #: Listen on this port rather than a free one chosen at start: 53, where the zone's own
    #: NS records must lead to the server (as a real zone's do), on an `address` of its own.
    wanted_port: int = 0
    #: Takes zones while running (`rndc addzone`/`delzone` on a control port): one named
    #: shared by a test module, each test's zones added or reset on it (see `ZoneHost`).
    hosting: bool = False
    control_port: int = 0

    @property
    def server(self) -> str:
        """HOST:PORT, the form our --resolver and --authoritative flags take."""
        return f"{self.address}:{self.port}"

    def _config(self) -> str:
        zones = "".join(
            f'zone "{origin}" {{ type primary; file "{self.directory / (origin + ".zone")}"; '
            f"allow-update {{ key {self.key_name}; }}; }};\n"
            for origin in self.zones
        )
        controls = (
            f"controls {{ inet {self.address} port {self.control_port} "
            f'allow {{ {self.address}; }} keys {{ "{self.key_name}"; }}; }};'
            if self.hosting
            else "controls { };"
        )
        new_zones = "    allow-new-zones yes;\n" if self.hosting else ""
        return f"""
key "{self.key_name}" {{ algorithm {self.key_algorithm}; secret "{self.key_secret}"; }};
{controls}
options {{
    directory "{self.directory}";
    pid-file "{self.directory / "named.pid"}";
    listen-on port {self.port} {{ {self.address}; }};
    listen-on-v6 {{ none; }};
    allow-query {{ any; }};
    notify no;
    minimal-responses no;
{new_zones}{self._resolving()}}};
{zones}{self._anchors()}"""

    def _resolving(self) -> str:
        if not self.forwarders:
            return "    recursion no;\n    dnssec-validation no;\n"
        forwarders = " ".join(f"{host} port {port};" for host, port in self.forwarders)
        validation = "yes" if self.trust_anchors else "no"
        return (
            "    recursion yes;\n    allow-recursion { any; };\n"
            f"    dnssec-validation {validation};\n"
            f"    forwarders {{ {forwarders} }};\n    forward only;\n"
        )

    def _anchors(self) -> str:
        if not self.forwarders:
            return ""
        # Root hints on loopback: should named ever look past its forwarders, it stays here.
        hints = self.directory / "root.hints"
        hints.write_text(". 3600000 NS a.root.test.\na.root.test. 3600000 A 127.0.0.1\n")
        hint = f'zone "." {{ type hint; file "{hints}"; }};\n'
        if not self.trust_anchors:
            return hint
        anchors = "".join(f"    {anchor};\n" for anchor in self.trust_anchors)
        return f"{hint}trust-anchors {{\n{anchors}}};\n"

    def start(self) -> BindServer:
        binary = named_binary()
        if binary is None:
            raise RuntimeError("BIND `named` is not installed: run the README's test command.")
        for attempt in range(5):
            self.port = self.wanted_port or free_port()
            self.control_port = free_port() if self.hosting else 0
            for origin, text in self.zones.items():
                (self.directory / f"{origin}.zone").write_text(text)
                (self.directory / f"{origin}.zone.jnl").unlink(missing_ok=True)
            conf = self.directory / "named.conf"
            conf.write_text(self._config())
            log = open(self.directory / "named.log", "wb")  # noqa: SIM115 - kept for the process
            self.process = subprocess.Popen(
                [binary, "-g", "-c", str(conf), "-n", "1"],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            if self._wait_ready():
                return self
            self.stop(keep_files=True)
            if attempt == 4:
                raise RuntimeError(
                    "named did not start:\n" + (self.directory / "named.log").read_text()[-2000:]
                )
        return self

    def _wait_ready(self, timeout: float = 10.0, origin: str | None = None) -> bool:
        """Until named answers with `origin`'s SOA (by default the ready name or first zone)."""
        origin = origin or self.ready_name or next(iter(self.zones))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                return False
            try:
                query = dns.message.make_query(origin, "SOA")
                response = dns.query.udp(query, self.address, port=self.port, timeout=0.2)
                if response.answer:
                    return True
            except (OSError, dns.exception.Timeout):
                pass
            time.sleep(0.01)
        return False

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def rndc(self, *command: str) -> None:
        """One `rndc` command to this (hosting) named, over its control port."""
        conf = self.directory / "rndc.conf"
        if not conf.exists():
            conf.write_text(
                f'key "{self.key_name}" {{ algorithm {self.key_algorithm}; '
                f'secret "{self.key_secret}"; }};\n'
                f'options {{ default-key "{self.key_name}"; default-server {self.address}; '
                f"default-port {self.control_port}; }};\n"
            )
        binary = tool_binary("rndc")
        if binary is None:
            raise RuntimeError("BIND's `rndc` is not installed: run the README's test command.")
        done = subprocess.run(
            [binary, "-c", str(conf), *command], capture_output=True, text=True, timeout=20
        )
        if done.returncode != 0:
            raise RuntimeError(f"rndc {command[0]} failed: {done.stderr or done.stdout}")

    def add_zone(self, origin: str, path: Path) -> None:
        """Serve the zone file at `path` as `origin`, updatable and transferable with the key,
        until removed."""
        options = (
            f'{{ type primary; file "{path}"; allow-update {{ key {self.key_name}; }}; '
            f"allow-transfer {{ key {self.key_name}; }}; }};"
        )
        self.rndc("addzone", origin, options)
        if not self._wait_ready(origin=origin):
            raise RuntimeError(
                f"named did not load {origin}:\n"
                + (self.directory / "named.log").read_text()[-2000:]
            )

    def remove_zone(self, origin: str) -> None:
        self.rndc("delzone", origin)

    def reset_zone(self, origin: str, text: str) -> None:
        """Make a served zone hold exactly what the zone-file `text` holds, as if loaded afresh:
        its records read by a signed transfer, and every set that differs replaced in one
        signed update (the SOA too, with the serial moved on, as BIND requires)."""
        import dns.zone

        keyring = dns.tsigkeyring.from_text({self.key_name: self.key_secret})
        wanted = dns.zone.from_text(text, origin=origin, relativize=False)
        transfer = dns.query.xfr(
            self.address,
            origin,
            port=self.port,
            keyring=keyring,
            keyalgorithm=self.key_algorithm,
            relativize=False,
            timeout=5,
        )
        now = dns.zone.from_xfr(transfer, relativize=False)
        apex = dns.name.from_text(origin)
        update = dns.update.UpdateMessage(origin, keyring=keyring, keyalgorithm=self.key_algorithm)
        had = {(name, rds.rdtype): rds for name, rds in now.iterate_rdatasets()}
        want = {(name, rds.rdtype): rds for name, rds in wanted.iterate_rdatasets()}
        for key in had.keys() | want.keys():
            name, rdtype = key
            old, new = had.get(key), want.get(key)
            if old is not None and new is not None and old == new and old.ttl == new.ttl:
                continue
            if rdtype == dns.rdatatype.SOA:
                assert old is not None and new is not None
                serial = old[0].serial + 1
                update.replace(name, new.ttl, new[0].replace(serial=serial))
            elif name == apex and rdtype == dns.rdatatype.NS:
                # The apex NS set is never deleted whole: add what is wanted, drop the rest.
                assert new is not None
                update.add(name, new)
                for rdata in old or ():
                    if rdata not in new:
                        update.delete(name, rdata)
            else:
                update.delete(name, rdtype)
                if new is not None:
                    update.add(name, new)
        if not update.update:
            return
        answer = dns.query.tcp(update, self.address, port=self.port, timeout=5)
        if answer.rcode() != dns.rcode.NOERROR:
            raise RuntimeError(f"BIND refused the reset: {dns.rcode.to_text(answer.rcode())}")

    @classmethod
    def forwarding_to(cls, upstream: BindServer, zone: str) -> BindServer:
        """A caching resolver (not started) that asks `upstream` everything, ready once it
        answers for `zone`."""
        return cls({}, forwarders=((upstream.address, upstream.port),), ready_name=f"{zone}.")

    def stop(self, *, keep_files: bool = False) -> None:
        """Stop named by its PID; remove its directory unless a restart will reuse it."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None
        if not keep_files:
            shutil.rmtree(self.directory, ignore_errors=True)

    def query(self, name: str, rdtype: str) -> list[dns.rrset.RRset]:
        """The answer section for (name, type), asked straight of this server."""
        query = dns.message.make_query(name, rdtype)
        response = dns.query.tcp(query, self.address, port=self.port, timeout=2)
        return list(response.answer)

    def texts(self, name: str, rdtype: str) -> list[str]:
        """Each answered record in presentation form, sorted: what a test compares."""
        return sorted(rd.to_text() for rrset in self.query(name, rdtype) for rd in rrset)

    def sync_sets(self, zone: str, before: RRSets, after: RRSets) -> None:
        """Replace the sets that differ between a host's view before and after a write.

        The local provider API servers call this after an accepted write, so that what a
        provider wrote can be seen in DNS, as it would be at the real host.
        """
        changed = {
            key: after.get(key, [])
            for key in before.keys() | after.keys()
            if sorted(map(repr, before.get(key, []))) != sorted(map(repr, after.get(key, [])))
        }
        self.replace_sets(zone, changed)

    def replace_sets(self, zone: str, sets: RRSets) -> None:
        """Make each (owner, type) set exactly the given records, in one signed update."""
        if not sets:
            return
        keyring = dns.tsigkeyring.from_text({self.key_name: self.key_secret})
        update = dns.update.UpdateMessage(zone, keyring=keyring, keyalgorithm=self.key_algorithm)
        for (owner, rtype), records in sorted(sets.items()):
            name = dns.name.from_text(owner)
            update.delete(name, rtype)
            for ttl, rdata in records:
                update.add(name, ttl, rdata)
        answer = dns.query.tcp(update, self.address, port=self.port, timeout=5)
        if answer.rcode() != dns.rcode.NOERROR:
            raise RuntimeError(f"BIND refused the update: {dns.rcode.to_text(answer.rcode())}")


class HostedZones(BindServer):
    """A test's zones on a named shared with the rest of its module: the same address, port
    and key as a server of its own, and a directory of its own. `start` serves the zones
    exactly as their text says (added, or reset if an earlier test had them), and `stop`
    gives them back; the named goes on."""

    def __init__(self, host: ZoneHost, zones: dict[str, str]) -> None:
        super().__init__(zones=dict(zones))
        self._host = host

    def start(self) -> BindServer:
        named = self._host.take(self.zones)
        self.address, self.port = named.address, named.port
        self.key_name, self.key_algorithm = named.key_name, named.key_algorithm
        self.key_secret = named.key_secret
        return self

    def stop(self, *, keep_files: bool = False) -> None:
        self._host.taken.difference_update(self.zones)
        if not keep_files:
            shutil.rmtree(self.directory, ignore_errors=True)


class ZoneHost:
    """One named for a test module, started when a test first asks for zones (starting named
    is the slow part of a BIND test). A test's zones are added to it (`rndc addzone`) or, when
    an earlier test of the module had them, reset to their text by a signed transfer and
    update; zones the test did not ask for are removed first. A zone another server of the
    same test already serves gets a named of its own."""

    def __init__(self) -> None:
        self._named: BindServer | None = None
        #: Origin -> the zone text it was last set to, for every zone the named serves.
        self.loaded: dict[str, str] = {}
        #: Origins the running test is using.
        self.taken: set[str] = set()

    def serve(self, zones: dict[str, str]) -> BindServer:
        """A server for `zones`: on the shared named when none of them is in use there."""
        if self.taken & set(zones):
            return BindServer(zones=dict(zones)).start()
        return HostedZones(self, zones).start()

    def take(self, zones: dict[str, str]) -> BindServer:
        named = self._running()
        if not self.taken:  # a new test: what the last one served and this one does not, goes
            for origin in [o for o in self.loaded if o not in zones]:
                named.remove_zone(origin)
                del self.loaded[origin]
        for origin, text in zones.items():
            if origin in self.loaded:
                named.reset_zone(origin, text)
            else:
                path = named.directory / f"{origin}.{len(self.loaded)}.zone"
                path.write_text(text)
                named.add_zone(origin, path)
            self.loaded[origin] = text
            self.taken.add(origin)
        return named

    def _running(self) -> BindServer:
        if self._named is None or not self._named.running:
            if self._named is not None:
                self._named.stop()
            self.loaded.clear()
            self.taken.clear()
            sentinel = {"zone-host.test": zone_file("zone-host.test", "")}
            self._named = BindServer(zones=sentinel, hosting=True).start()
        return self._named

    def close(self) -> None:
        if self._named is not None:
            self._named.stop()
        self._named = None


#: A record as BIND will hold it: its TTL and its dnspython rdata.
RdataAt = tuple[int, dns.rdata.Rdata]
#: Record sets by (owner with its trailing dot, type).
RRSets = dict[tuple[str, str], list[RdataAt]]


def txt_rdata(text: str) -> dns.rdata.Rdata:
    """A TXT record holding `text`, split into 255-byte strings as DNS requires."""
    return dns.rdtypes.ANY.TXT.TXT(dns.rdataclass.IN, dns.rdatatype.TXT, split_txt(text))

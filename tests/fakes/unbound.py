"""Unbound on loopback as a caching resolver in front of a BIND test server: a real caching
resolver with its own habits (it serves an answer through the second its TTL reads 0, and
answers "does not exist" with the zone's shared SOA, whose TTL other lookups refresh)."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import dns.exception
import dns.message
import dns.query

from tests.fakes.bind import free_port
from tests.tools import tool

#: No validation, no prefetch, no stale answers; Unbound keeps test. (RFC 6761) to itself
#: unless told not to.
CONFIG = """server:
  interface: 127.0.0.1
  port: {port}
  do-ip6: no
  do-daemonize: no
  use-syslog: no
  logfile: ""
  username: ""
  chroot: ""
  directory: "{home}"
  pidfile: ""
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  module-config: "iterator"
  prefetch: no
  serve-expired: no
  local-zone: "test." nodefault
remote-control:
  control-enable: no
stub-zone:
  name: "{zone}"
  stub-addr: 127.0.0.1@{upstream}
"""


def unbound_binary() -> str | None:
    return tool("unbound")


class UnboundServer:
    """`unbound -d` answering on 127.0.0.1:port, asking the BIND server on `upstream` about
    `zone` (a stub zone) and nothing else."""

    def __init__(self, zone: str, upstream: int) -> None:
        self.zone = zone
        self.upstream = upstream
        self.port = 0
        self._home = tempfile.TemporaryDirectory(prefix="unbound-")
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> UnboundServer:
        binary = unbound_binary()
        if binary is None:
            raise RuntimeError("Unbound is not installed: run the README's test command.")
        self.port = free_port()
        config = Path(self._home.name) / "unbound.conf"
        config.write_text(
            CONFIG.format(
                port=self.port, home=self._home.name, zone=self.zone, upstream=self.upstream
            )
        )
        self._process = subprocess.Popen(
            [binary, "-d", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        query = dns.message.make_query(self.zone, "SOA")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                assert self._process.stderr is not None
                raise RuntimeError(f"unbound did not start: {self._process.stderr.read()!r}")
            try:
                dns.query.udp(query, "127.0.0.1", port=self.port, timeout=0.2)
                return self
            except (OSError, dns.exception.Timeout):
                time.sleep(0.05)
        raise RuntimeError("unbound did not answer within 10 s")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=5)
            self._process = None
        self._home.cleanup()

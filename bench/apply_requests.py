"""Write requests per apply, for 1, 10 and 50 records on each automatic provider, and a re-apply.

Run by hand from the repository root: `python bench/apply_requests.py`. Every provider talks to a
local server (the fake APIs in tests/, moto, BIND); the figures are what those servers counted.
Target: 1 write request per apply on cloudflare and route53, and 0 on a re-apply everywhere.
"""

from __future__ import annotations

import contextlib
import importlib.util
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from providers.base import Provider
from tests.fakes.bind import CHILD_ZONE, EXAMPLE_ZONE, BindServer
from wizard.apply import apply_plan
from wizard.journal import Journal
from wizard.model.records import Record
from wizard.plan import build_plan

ZONE = "example.test"
SIZES = (1, 10, 50)

#: A running provider and a function that reads its server's write counter.
Harness = tuple[Provider, Callable[[], int]]


def records(count: int, run: int) -> list[Record]:
    """`count` vendor-like records: DKIM CNAMEs and verification TXT values."""
    out: list[Record] = []
    for i in range(count):
        if i % 2:
            out.append(Record("TXT", f"v{run}.{ZONE}", f"verification-{run}-{i}"))
        else:
            out.append(Record("CNAME", f"s{run}x{i}._domainkey.{ZONE}", f"s{i}.dkim.amazonses.com"))
    return out


def apply_once(provider: Provider, wanted: list[Record], journal: Journal) -> None:
    plan = build_plan(provider, ZONE, wanted)
    apply_plan(provider, plan, journal, digest=plan.digest, confirm_updates=True)


@contextlib.contextmanager
def godaddy() -> Iterator[Harness]:
    from providers.godaddy import GoDaddyProvider
    from tests.fakes.godaddy_api import GoDaddyAPI, sample_records

    with GoDaddyAPI({ZONE: sample_records()}) as api:
        provider = GoDaddyProvider(
            {"api_key": api.key, "api_secret": api.secret, "api_url": api.url}
        )
        yield provider, lambda: api.write_requests


@contextlib.contextmanager
def route53() -> Iterator[Harness]:
    from providers.route53 import Route53Provider
    from tests.fakes.moto_server import moto_route53

    with pytest.MonkeyPatch.context() as monkeypatch, moto_route53(monkeypatch) as r53:
        r53.create_zone(ZONE)
        yield Route53Provider({}), lambda: r53.proxy.write_requests


@contextlib.contextmanager
def rfc2136() -> Iterator[Harness]:
    import dns.opcode
    import dns.query

    from providers.rfc2136 import Rfc2136Provider

    server = BindServer({ZONE: EXAMPLE_ZONE, f"child.{ZONE}": CHILD_ZONE}).start()
    sent = [0]
    original = dns.query.tcp

    def counting_tcp(message, *args, **kwargs):  # type: ignore[no-untyped-def]
        if message.opcode() == dns.opcode.UPDATE:
            sent[0] += 1
        return original(message, *args, **kwargs)

    dns.query.tcp = counting_tcp  # type: ignore[assignment]
    try:
        provider = Rfc2136Provider(
            {"server": server.server, "key_name": server.key_name, "key_secret": server.key_secret}
        )
        yield provider, lambda: sent[0]
    finally:
        dns.query.tcp = original
        server.stop()


@contextlib.contextmanager
def cloudflare() -> Iterator[Harness]:
    from providers.cloudflare import CloudflareProvider
    from tests.fakes.cloudflare_api import CloudflareAPI  # type: ignore[import-not-found,unused-ignore]

    with CloudflareAPI({ZONE: []}) as api:
        settings = {"api_token": api.token, "base_url": api.url}
        yield CloudflareProvider(settings), lambda: int(api.write_requests)


HARNESSES: dict[str, Callable[[], contextlib.AbstractContextManager[Harness]]] = {
    "cloudflare": cloudflare,
    "route53": route53,
    "godaddy": godaddy,
    "rfc2136": rfc2136,
}


def measure(name: str) -> list[str]:
    cells = []
    with tempfile.TemporaryDirectory() as tmp, HARNESSES[name]() as (provider, writes):
        journal = Journal(Path(tmp) / "journal.jsonl")
        for run, size in enumerate(SIZES):
            wanted = records(size, run)
            before = writes()
            apply_once(provider, wanted, journal)
            first = writes() - before
            before = writes()
            apply_once(provider, wanted, journal)
            cells.append(f"{first:>3} / {writes() - before}")
    return cells


def main() -> None:
    print("write requests per apply  (first apply / re-apply of the same records)")
    print(f"  {'provider':<11}" + "".join(f"{f'{n} records':>14}" for n in SIZES))
    for name in HARNESSES:
        if name == "cloudflare" and importlib.util.find_spec("tests.fakes.cloudflare_api") is None:
            print(f"  {name:<11}  (no local API server in tests/ yet)")
            continue
        print(f"  {name:<11}" + "".join(f"{cell:>14}" for cell in measure(name)))


if __name__ == "__main__":
    main()

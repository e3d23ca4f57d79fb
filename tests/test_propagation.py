"""The watcher against a real BIND: statuses, TCP fallback, polling schedule, stop, removal."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence

import dns.asyncquery
import dns.rcode
import dns.tsigkeyring
import dns.update
import pytest

from tests.fakes.bind import BindServer, free_port
from wizard.app.presentation import summary, summary_json
from wizard.model.records import Record
from wizard.model.servers import Server, parse_server
from wizard.watch import (
    NEGATIVE_CACHE_NOTE,
    Expectation,
    ServerSpec,
    Sweep,
    Watcher,
    poll_interval,
)
from wizard.watch.schedule import EXPIRY_MARGIN


class FakeTime:
    """A clock that only moves when the watcher sleeps, so hours pass instantly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


async def update(
    bind: BindServer, zone: str, *, add: Sequence[str] = (), delete: Sequence[str] = ()
) -> None:
    """A TSIG-signed dynamic update: each entry is 'name ttl type value' relative to `zone`."""
    keyring = dns.tsigkeyring.from_text({bind.key_name: (bind.key_algorithm, bind.key_secret)})
    msg = dns.update.UpdateMessage(zone, keyring=keyring, keyalgorithm=bind.key_algorithm)
    for line in delete:
        name, rdtype, *values = line.split(maxsplit=2)
        if values:
            msg.delete(name, rdtype, values[0])
        else:
            msg.delete(name, rdtype)
    for line in add:
        name, ttl, rdtype, value = line.split(maxsplit=3)
        msg.add(name, int(ttl), rdtype, value)
    response = await dns.asyncquery.tcp(msg, bind.address, port=bind.port, timeout=5)
    assert response.rcode() == dns.rcode.NOERROR, dns.rcode.to_text(response.rcode())


def auth(bind: BindServer, zone: str | None = None) -> ServerSpec:
    return ServerSpec("bind", parse_server(bind.server), "authoritative", zone)


def as_resolver(bind: BindServer) -> ServerSpec:
    """BIND asked with recursion desired: it answers from its own zones, like a resolver
    that caches nothing. Real caching is tested against the embedded resolver."""
    return ServerSpec("bind-as-resolver", parse_server(bind.server), "resolver")


def statuses(sweep: Sweep) -> list[tuple[str, str]]:
    return [(r.server.label, r.status) for r in sweep.results]


async def test_existing_record_matches_everywhere(bind: BindServer) -> None:
    exp = Expectation(Record("A", "www.example.test", "192.0.2.10"))
    sweep = await Watcher([exp], [auth(bind)], [as_resolver(bind)]).sweep()
    assert statuses(sweep) == [("bind", "match"), ("bind-as-resolver", "match")]
    assert sweep.record_good(exp) and sweep.all_good


async def test_missing_record_keeps_resolvers_waiting(bind: BindServer) -> None:
    exp = Expectation(Record("CNAME", "links.example.test", "data.vendor.test"))
    watcher = Watcher([exp], [auth(bind)], [as_resolver(bind)])
    sweep = await watcher.sweep()
    assert statuses(sweep) == [("bind", "missing"), ("bind-as-resolver", "waiting")]
    assert "NXDOMAIN" in sweep.results[0].detail
    assert NEGATIVE_CACHE_NOTE in sweep.results[1].detail
    assert watcher.guard_note == NEGATIVE_CACHE_NOTE
    assert not sweep.all_good


async def test_without_guard_resolvers_are_asked_at_once(bind: BindServer) -> None:
    exp = Expectation(Record("CNAME", "links.example.test", "data.vendor.test"))
    watcher = Watcher([exp], [auth(bind)], [as_resolver(bind)], guard_negative_cache=False)
    sweep = await watcher.sweep()
    assert statuses(sweep) == [("bind", "missing"), ("bind-as-resolver", "missing")]
    assert watcher.guard_note is None


async def test_nodata_and_wrong_value(bind: BindServer) -> None:
    nodata = Expectation(Record("TXT", "www.example.test", "hello"))
    wrong = Expectation(Record("A", "www.example.test", "192.0.2.99"))
    sweep = await Watcher([nodata, wrong], [auth(bind)], []).sweep()
    (a,) = sweep.for_expectation(nodata)
    (b,) = sweep.for_expectation(wrong)
    assert (a.status, b.status) == ("missing", "wrong")
    assert "NODATA" in a.detail
    assert "192.0.2.10" in b.detail
    assert b.found == (Record("A", "www.example.test", "192.0.2.10", 300),)


async def test_comparisons_txt_exact_names_case_insensitive(bind: BindServer) -> None:
    await update(
        bind,
        "example.test",
        add=[
            "links 300 CNAME Data.Vendor.TEST.",
            'k1._domainkey 300 TXT "k=rsa; p=MIGf" "MA0GCSqG"',
        ],
    )
    good = [
        Expectation(Record("CNAME", "links.example.test", "data.vendor.test")),
        Expectation(Record("TXT", "example.test", "v=spf1 include:_spf.example.net ~all")),
        Expectation(Record("TXT", "k1._domainkey.example.test", "k=rsa; p=MIGfMA0GCSqG")),
        Expectation(Record("MX", "example.test", "MAIL.example.test.", priority=10)),
    ]
    bad = [
        Expectation(Record("TXT", "example.test", "v=spf1 include:_spf.example.net  ~all")),
        Expectation(Record("TXT", "k1._domainkey.example.test", "k=rsa; p=MIGf MA0GCSqG")),
        Expectation(Record("MX", "example.test", "mail.example.test", priority=20)),
    ]
    sweep = await Watcher([*good, *bad], [auth(bind)], []).sweep()
    assert [sweep.record_good(e) for e in good] == [True] * len(good)
    assert [sweep.for_expectation(e)[0].status for e in bad] == ["wrong"] * len(bad)


async def test_truncated_answer_is_retried_over_tcp(bind: BindServer) -> None:
    values = [f"verification-token-{i:02d}-" + "x" * 40 for i in range(12)]
    await update(bind, "example.test", add=[f'big 300 TXT "{v}"' for v in values])
    exp = Expectation(Record("TXT", "big.example.test", values[-1]))
    sweep = await Watcher([exp], [auth(bind)], []).sweep()
    (result,) = sweep.results
    assert result.status == "match"
    assert len(result.found) == 12


async def test_unreachable_server_is_an_error_not_a_hang() -> None:
    dead = ServerSpec("dead", Server("127.0.0.1", free_port()), "authoritative")
    exp = Expectation(Record("A", "www.example.test", "192.0.2.10"))
    sweep = await Watcher([exp], [dead], [], query_timeout=0.3).sweep()
    (result,) = sweep.results
    assert result.status == "error"
    assert not sweep.all_good


async def test_record_appearing_mid_watch_is_reported(bind: BindServer) -> None:
    fake = FakeTime()
    exp = Expectation(Record("CNAME", "links.example.test", "data.vendor.test"))
    watcher = Watcher([exp], [auth(bind)], [as_resolver(bind)], clock=fake.clock, sleep=fake.sleep)
    seen: list[Sweep] = []

    def on_sweep(sweep: Sweep) -> None:
        seen.append(sweep)

    async def writer() -> None:
        while len(seen) < 3:
            await asyncio.sleep(0.01)
        await update(bind, "example.test", add=["links 300 CNAME data.vendor.test."])

    task = asyncio.create_task(writer())
    # The fake sleep returns at once; the writer lands between sweeps.
    final = await asyncio.wait_for(watcher.watch(on_sweep), timeout=20)
    await task
    assert final.outcome == "good" and final.all_good
    assert [s.number for s in seen] == list(range(1, len(seen) + 1))
    assert all(not s.all_good for s in seen[:3])
    assert statuses(seen[0]) == [("bind", "missing"), ("bind-as-resolver", "waiting")]
    # The first sweep that sees it on the authoritative server also asks the resolver.
    assert statuses(final) == [("bind", "match"), ("bind-as-resolver", "match")]
    assert all(s == 2.0 for s in fake.sleeps)


async def test_ceiling_gives_a_timeout_report_and_backs_off(bind: BindServer) -> None:
    fake = FakeTime()
    exp = Expectation(Record("A", "never.example.test", "192.0.2.1"))
    watcher = Watcher([exp], [auth(bind)], [], clock=fake.clock, sleep=fake.sleep)
    final = await watcher.watch(ceiling=600.0)
    assert final.outcome == "timeout"
    assert "Gave up waiting: the record is not live" in summary(final)
    assert fake.sleeps[:30] == [2.0] * 30
    later = fake.sleeps[30:]
    assert later[0] == 30.0 and max(later[:-1]) == 60.0
    assert all(30.0 <= s <= 60.0 for s in later[:-1])
    assert later == sorted(later[:-1]) + later[-1:]
    assert fake.now - 1000.0 == pytest.approx(600.0)


def test_poll_interval_schedule() -> None:
    assert poll_interval(0) == 2.0 and poll_interval(59.9) == 2.0
    assert poll_interval(60, sweeps_after_first_minute=0) == 30.0
    assert poll_interval(600, sweeps_after_first_minute=10) == 60.0


async def test_stop_ends_a_watch(bind: BindServer) -> None:
    """stop() ends the wait between sweeps: the wait here is an hour long, so only stop() can
    end it, and stop() is called once the watch is in it."""
    exp = Expectation(Record("A", "never.example.test", "192.0.2.1"))
    waiting = asyncio.Event()

    async def an_hour(delay: float) -> None:
        waiting.set()
        await asyncio.sleep(3600)

    watcher = Watcher([exp], [auth(bind)], [], sleep=an_hour)
    sweeps: list[Sweep] = []
    watch = asyncio.ensure_future(watcher.watch(sweeps.append))
    await asyncio.wait_for(waiting.wait(), timeout=30)
    watcher.stop()
    final = await asyncio.wait_for(watch, timeout=30)
    assert final.outcome == "stopped"
    assert final.number == 1
    assert [s.outcome for s in sweeps] == [None, "stopped"]


async def test_one_sweep_at_a_time(bind: BindServer) -> None:
    exp = Expectation(Record("A", "www.example.test", "192.0.2.10"))
    watcher = Watcher([exp], [auth(bind)], [as_resolver(bind)])
    first, second = await asyncio.gather(watcher.sweep(), watcher.sweep())
    assert {first.number, second.number} == {1, 2}
    earlier, later = sorted((first, second), key=lambda s: s.number)
    assert later.started >= earlier.finished


async def test_removal_is_good_when_gone_or_prior_value_back(bind: BindServer) -> None:
    still_there = Expectation(Record("A", "www.example.test", "192.0.2.10"), present=False)
    gone = Expectation(Record("CNAME", "links.example.test", "data.vendor.test"), present=False)
    restored = Expectation(
        Record("A", "www.example.test", "192.0.2.77"),
        present=False,
        prior=Record("A", "www.example.test", "192.0.2.10"),
    )
    sweep = await Watcher([still_there, gone, restored], [auth(bind)], [as_resolver(bind)]).sweep()
    assert [r.status for r in sweep.for_expectation(still_there)] == ["wrong", "wrong"]
    assert sweep.record_good(gone) and sweep.record_good(restored)
    assert "prior value" in sweep.for_expectation(restored)[0].detail
    await update(bind, "example.test", delete=["www A 192.0.2.10"])
    sweep = await Watcher([still_there], [auth(bind)], [as_resolver(bind)]).sweep()
    assert sweep.all_good


async def test_authoritative_servers_are_chosen_by_zone(bind: BindServer) -> None:
    parent = ServerSpec("parent", parse_server(bind.server), "authoritative", "example.test")
    child = ServerSpec("child", parse_server(bind.server), "authoritative", "child.example.test")
    in_child = Expectation(Record("A", "app.child.example.test", "192.0.2.20"))
    in_parent = Expectation(Record("A", "www.example.test", "192.0.2.10"))
    watcher = Watcher([in_child, in_parent], [parent, child], [])
    assert watcher.authoritative_for(in_child) == (child,)
    assert watcher.authoritative_for(in_parent) == (parent,)
    sweep = await watcher.sweep()
    assert sweep.all_good and len(sweep.results) == 2


async def test_json_shape(bind: BindServer) -> None:
    exp = Expectation(Record("A", "www.example.test", "192.0.2.10"))
    sweep = await Watcher([exp], [auth(bind)], []).sweep()
    row = sweep.results[0].to_json()
    assert row == {
        "record": Record("A", "www.example.test", "192.0.2.10").to_json(),
        "present": True,
        "server": auth(bind).label,
        "address": bind.server,
        "role": "authoritative",
        "status": "match",
        "detail": row["detail"],
        "eta": None,
        "via": "dns",
    }
    assert isinstance(row["detail"], str) and row["detail"]
    assert summary_json(sweep) == {
        "summary": True,
        "sweep": 1,
        "good": 1,
        "total": 1,
        "all_good": True,
        "outcome": None,
        "eta": None,
        "message": summary_json(sweep)["message"],
    }
    assert isinstance(summary_json(sweep)["message"], str)


def test_discover_authoritative_per_zone(bind: BindServer) -> None:
    from wizard.watch import discover_authoritative
    from wizard.zones import make_resolver

    resolver = make_resolver([parse_server(bind.server)])
    specs, zones = discover_authoritative(
        ["www.example.test", "links.example.test", "app.child.example.test"], resolver
    )
    assert zones == ("example.test", "child.example.test")
    assert [(s.label, s.zone, s.role) for s in specs] == [
        ("ns1.example.test 127.0.0.1", "example.test", "authoritative"),
        ("ns1.child.example.test 127.0.0.1", "child.example.test", "authoritative"),
    ]


# ---------------------------------------------------------------------------------------------
# A real caching resolver: a second BIND that forwards every question to the authoritative one.


@pytest.fixture
def caching(bind: BindServer) -> Iterator[BindServer]:
    server = BindServer.forwarding_to(bind, "example.test").start()
    yield server
    server.stop()


def resolver_spec(server: BindServer) -> ServerSpec:
    return ServerSpec("caching", parse_server(server.server), "resolver")


async def test_guard_keeps_the_resolver_cache_clean(bind: BindServer, caching: BindServer) -> None:
    exp = Expectation(Record("CNAME", "links.example.test", "data.vendor.test"))
    watcher = Watcher([exp], [auth(bind)], [resolver_spec(caching)])
    first = await watcher.sweep()
    assert statuses(first) == [("bind", "missing"), ("caching", "waiting")]
    await update(bind, "example.test", add=["links 300 CNAME data.vendor.test."])
    second = await watcher.sweep()
    assert statuses(second) == [("bind", "match"), ("caching", "match")]


async def test_cached_nxdomain_is_pending_with_the_negative_ttl(
    bind: BindServer, caching: BindServer
) -> None:
    exp = Expectation(Record("CNAME", "links.example.test", "data.vendor.test"))
    watcher = Watcher([exp], [auth(bind)], [resolver_spec(caching)], guard_negative_cache=False)
    first = await watcher.sweep()
    assert statuses(first) == [("bind", "missing"), ("caching", "missing")]
    await update(bind, "example.test", add=["links 300 CNAME data.vendor.test."])
    second = await watcher.sweep()
    assert statuses(second) == [("bind", "match"), ("caching", "pending")]
    pending = second.results[1]
    # The fixture's SOA says 60 s of negative caching; the resolver counts it down.
    assert pending.eta is not None and 0 < pending.eta <= 60
    assert "NXDOMAIN" in pending.detail
    assert second.longest_eta == pending.eta
    assert "expire within" in summary(second)


async def test_cached_old_value_is_pending_with_the_remaining_ttl(
    bind: BindServer, caching: BindServer
) -> None:
    await update(bind, "example.test", add=["links 120 CNAME old.vendor.test."])
    exp = Expectation(Record("CNAME", "links.example.test", "new.vendor.test"))
    watcher = Watcher([exp], [auth(bind)], [resolver_spec(caching)], guard_negative_cache=False)
    first = await watcher.sweep()
    assert statuses(first) == [("bind", "wrong"), ("caching", "wrong")]
    await update(
        bind,
        "example.test",
        delete=["links CNAME"],
        add=["links 120 CNAME new.vendor.test."],
    )
    second = await watcher.sweep()
    assert statuses(second) == [("bind", "match"), ("caching", "pending")]
    pending = second.results[1]
    assert pending.eta is not None and 0 < pending.eta <= 120
    assert "old.vendor.test" in pending.detail


async def test_watch_wakes_when_a_cached_answer_expires(
    bind: BindServer, caching: BindServer
) -> None:
    """With a pending ETA shorter than the poll interval, the next sweep comes at the ETA."""
    fake = FakeTime()
    await update(bind, "example.test", add=["links 40 CNAME old.vendor.test."])
    exp = Expectation(Record("CNAME", "links.example.test", "new.vendor.test"))
    watcher = Watcher(
        [exp],
        [auth(bind)],
        [resolver_spec(caching)],
        guard_negative_cache=False,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    await watcher.sweep()  # the resolver now caches old.vendor.test for 40 s (real time)
    await update(
        bind, "example.test", delete=["links CNAME"], add=["links 40 CNAME new.vendor.test."]
    )
    sweeps: list[Sweep] = []

    def on_sweep(sweep: Sweep) -> None:
        sweeps.append(sweep)
        if len(sweeps) == 40:
            watcher.stop()

    final = await watcher.watch(on_sweep, ceiling=3600)
    assert final.outcome == "stopped"
    assert all(s.results[1].status == "pending" for s in sweeps)
    assert fake.sleeps[:30] == [2.0] * 30
    # After the first minute: the back-off, unless the cached answer expires sooner.
    etas = [s.results[1].eta for s in sweeps[30:39]]
    assert all(e is not None and 0 < e <= 40 for e in etas)
    backoff = [min(60.0, 30.0 * 1.25**k) for k in range(len(etas))]
    # Issue 14: wake at the earliest the answer can expire (a TTL of n on a whole-second
    # clock may end after n-1 s), no longer a second after its TTL runs out.
    wake = [e - 1.0 + EXPIRY_MARGIN for e in etas]  # type: ignore[operator]
    expected = [min(b, w) for b, w in zip(backoff, wake, strict=True)]
    assert fake.sleeps[30:39] == pytest.approx(expected)
    assert any(w < b for b, w in zip(backoff, wake, strict=True))


async def test_in_flight_limit_still_asks_every_pair(bind: BindServer) -> None:
    exps = [
        Expectation(Record("A", "www.example.test", "192.0.2.10")),
        Expectation(Record("A", "mail.example.test", "192.0.2.25")),
    ]
    watcher = Watcher(exps, [auth(bind)], [as_resolver(bind)], max_in_flight=1)
    sweep = await watcher.sweep()
    assert len(sweep.results) == 4 and sweep.all_good


def test_default_resolvers_and_replacement() -> None:
    from wizard.watch import resolver_specs

    defaults = resolver_specs()
    addresses = [s.server.host for s in defaults]
    assert addresses[:4] == ["1.1.1.1", "8.8.8.8", "9.9.9.9", "208.67.222.222"]
    assert all(s.role == "resolver" and s.recursion for s in defaults)
    given = resolver_specs([Server("127.0.0.1", 5353)])
    assert [(s.label, str(s.server)) for s in given] == [
        ("resolver 127.0.0.1:5353", "127.0.0.1:5353")
    ]

"""The watch both faces start: expectations from records, changes and the journal; the servers
found for them on a real BIND; a session that sweeps and diagnoses with the watcher's client."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakes.bind import BindServer
from wizard.app.watching import (
    expectations_for_changes,
    expectations_for_records,
    find_servers,
    last_apply_expectations,
    open_watch,
)
from wizard.journal import Journal, Setup, new_apply_id
from wizard.model.changes import Change, create, delete, update
from wizard.model.errors import UsageError
from wizard.model.records import Record
from wizard.model.servers import Server, parse_server
from wizard.watch import Expectation

OLD = Record("A", "www.example.test", "192.0.2.10")
NEW = Record("A", "www.example.test", "192.0.2.99")
LINKS = Record("CNAME", "links.example.test", "data.vendor.test")


def test_expectations_for_records() -> None:
    assert expectations_for_records([LINKS, OLD]) == [Expectation(LINKS), Expectation(OLD)]


def test_expectations_after_an_apply() -> None:
    changes = [create(LINKS), delete(OLD), update(OLD, NEW)]
    assert expectations_for_changes(changes, revert=False) == [
        Expectation(LINKS),
        Expectation(OLD, present=False),
        Expectation(NEW),
    ]


def test_expectations_after_a_revert_accept_the_prior_value_back() -> None:
    # A revert's changes undo an apply: the update puts OLD back in place of NEW.
    changes = [delete(LINKS), update(NEW, OLD)]
    assert expectations_for_changes(changes, revert=True) == [
        Expectation(LINKS, present=False),
        Expectation(NEW, present=False, prior=OLD),
    ]


def journal_apply(
    journal: Journal, zone: str, changes: list[Change], *, reverts: str | None = None
) -> str:
    apply_id = new_apply_id()
    journal.start(Setup(apply_id, zone, "rfc2136", reverts=reverts))
    if changes:
        journal.pending(apply_id, 1, changes, [])
        journal.done(apply_id, 1)
    return apply_id


def test_the_last_apply_that_changed_anything(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.jsonl")
    with pytest.raises(UsageError, match="no apply yet"):
        last_apply_expectations(journal)
    journal_apply(journal, "old.test", [create(Record("A", "a.old.test", "192.0.2.1"))])
    first = journal_apply(journal, "example.test", [update(OLD, NEW)])
    journal_apply(journal, "empty.test", [])
    assert last_apply_expectations(journal) == ([Expectation(NEW)], "example.test")
    journal_apply(journal, "example.test", [update(NEW, OLD)], reverts=first)
    assert last_apply_expectations(journal) == (
        [Expectation(NEW, present=False, prior=OLD)],
        "example.test",
    )


def test_given_servers_are_used_as_they_are() -> None:
    given = [Server("127.0.0.1", 5300), Server("::1", 5300)]
    servers = find_servers(
        ["links.example.test"],
        zone="Example.TEST.",
        authoritative=given,
        resolvers=[Server("127.0.0.1", 5301)],
    )
    assert [(s.label, s.zone, s.role) for s in servers.authoritative] == [
        ("authoritative 127.0.0.1:5300", "example.test", "authoritative"),
        ("authoritative [::1]:5300", "example.test", "authoritative"),
    ]
    assert [s.label for s in servers.resolvers] == ["resolver 127.0.0.1:5301"]
    assert servers.zone == "example.test"
    without = find_servers(["x.example.test"], authoritative=given, ask_resolvers=False)
    assert without.resolvers == () and without.zone is None


def test_servers_found_by_lookup_and_the_zone_when_there_is_one(bind: BindServer) -> None:
    resolvers = [parse_server(bind.server)]
    one = find_servers(["www.example.test", "links.example.test"], resolvers=resolvers)
    assert [(s.label, s.zone) for s in one.authoritative] == [
        ("ns1.example.test 127.0.0.1", "example.test")
    ]
    assert one.zone == "example.test"
    assert [s.server for s in one.resolvers] == resolvers
    two = find_servers(["www.example.test", "app.child.example.test"], resolvers=resolvers)
    assert [s.zone for s in two.authoritative] == ["example.test", "child.example.test"]
    assert two.zone is None


def test_name_servers_without_an_address_are_a_usage_error(
    start_bind: Callable[[dict[str, str]], BindServer],
) -> None:
    zone = (
        "$ORIGIN noglue.test.\n$TTL 300\n"
        "@ IN SOA ns.elsewhere.test. hostmaster.noglue.test. ( 1 3600 600 86400 60 )\n"
        "@ IN NS ns.elsewhere.test.\n"
    )
    server = start_bind({"noglue.test": zone})
    with pytest.raises(UsageError, match="--authoritative"):
        find_servers(["links.noglue.test"], resolvers=[parse_server(server.server)])


async def test_a_session_sweeps_and_diagnoses(bind: BindServer) -> None:
    from tests.test_propagation import update as dns_update

    await dns_update(
        bind, "example.test", add=["links.example.test.example.test. 300 CNAME t.vendor.test."]
    )
    present = Expectation(OLD)
    doubled = Expectation(Record("CNAME", "links.example.test", "t.vendor.test"))
    session = await open_watch(
        [present, doubled],
        zone="example.test",
        authoritative=[parse_server(bind.server)],
        ask_resolvers=False,
    )
    assert session.zone == "example.test" and session.resolvers == ()
    sweep = await session.sweep()
    assert session.last == sweep
    assert sweep.record_good(present) and not sweep.record_good(doubled)
    findings = await session.diagnose(sweep)
    assert list(findings) == [doubled]
    assert [f.code for f in findings[doubled]] == ["doubled-domain"]
    final = await session.watch(lambda _sweep: session.stop())
    assert final.outcome == "stopped" and final.number == 2

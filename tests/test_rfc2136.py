"""RFC 2136 provider against a real BIND: written records checked by DNS queries."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.options import SettingError
from providers.rfc2136 import Rfc2136Provider
from tests.examples import examples
from tests.fakes.bind import EXAMPLE_ZONE, BindServer
from tests.roundtrip import apply_records, check_apply_then_revert, revert_latest
from wizard.journal import Journal
from wizard.model.errors import AuthError, ProviderError, ZoneNotFound
from wizard.model.rdata import split_txt
from wizard.model.records import Record

ZONE = "example.test"
LONG_DKIM = "k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" * 9


def provider_for(bind: BindServer, **extra: str) -> Rfc2136Provider:
    settings = {
        "server": bind.server,
        "key_name": bind.key_name,
        "key_secret": bind.key_secret,
        "key_algorithm": bind.key_algorithm,
        "timeout": "3",
    }
    settings.update(extra)
    return Rfc2136Provider(settings)


def zone_contents(bind: BindServer) -> set[tuple[str, str, str]]:
    """Every record of example.test by AXFR-free means: the names the tests touch, all types."""
    names = [ZONE, f"links.{ZONE}", f"pendo._domainkey.{ZONE}", f"www.{ZONE}", f"mail.{ZONE}"]
    names += [f"h{i}.{ZONE}" for i in range(4)]
    return {
        (name, rdtype, text)
        for name in names
        for rdtype in ("A", "AAAA", "CNAME", "TXT", "MX")
        for text in bind.texts(name, rdtype)
    }


def test_writes_exactly_as_pasted(bind: BindServer) -> None:
    provider = provider_for(bind)
    records = [
        Record("CNAME", f"links.{ZONE}", "track.vendor.example", 600),
        Record("TXT", f"pendo._domainkey.{ZONE}", LONG_DKIM, 300),
        Record("TXT", ZONE, 'pendo-site-verification="a;b" x', 300),
        Record("MX", f"links.{ZONE}", "ignored.example", 300, 5),
    ]
    records.pop()  # a CNAME name can't hold MX; kept out on purpose
    plan, result = apply_records(provider, ZONE, records, Journal())
    assert [i.kind for i in plan.items] == ["create", "create", "create"]
    assert bind.texts(f"links.{ZONE}", "CNAME") == ["track.vendor.example."]
    dkim = bind.query(f"pendo._domainkey.{ZONE}", "TXT")[0][0]
    assert b"".join(dkim.strings).decode() == LONG_DKIM
    assert [len(s) for s in dkim.strings] == [len(s) for s in split_txt(LONG_DKIM)]
    apex = sorted(b"".join(r.strings).decode() for r in bind.query(ZONE, "TXT")[0])
    assert apex == ['pendo-site-verification="a;b" x', "v=spf1 include:_spf.example.net ~all"]
    assert bind.query(f"links.{ZONE}", "CNAME")[0].ttl == 600


def test_roundtrip_with_update_and_set_addition(bind: BindServer) -> None:
    provider = provider_for(bind)
    bind_before = zone_contents(bind)
    # make links a CNAME first, outside the journal under test
    apply_records(provider, ZONE, [Record("CNAME", f"links.{ZONE}", "old.example", 300)], Journal())
    records = [
        Record("CNAME", f"links.{ZONE}", "new.example", 300),
        Record("TXT", ZONE, "verify=1", 300),
        Record("MX", ZONE, "mail.example.test", 300, 20),
        Record("A", f"www.{ZONE}", "192.0.2.11", 300),
    ]
    plan = check_apply_then_revert(
        provider, ZONE, records, lambda: zone_contents(bind), journal_path=None
    )
    assert [i.kind for i in plan.items] == ["update", "create", "create", "create"]
    assert bind.texts(f"links.{ZONE}", "CNAME") == ["old.example."]
    assert zone_contents(bind) != bind_before


def test_list_records_reads_every_type(bind: BindServer) -> None:
    existing = provider_for(bind).list_records(ZONE, [ZONE, f"www.{ZONE}"])
    got = {(r.name, r.type, r.value, r.priority) for r in existing.records}
    assert (ZONE, "MX", "mail.example.test", 10) in got
    assert (ZONE, "TXT", "v=spf1 include:_spf.example.net ~all", None) in got
    assert (f"www.{ZONE}", "A", "192.0.2.10", None) in got
    assert (ZONE, "NS", "ns1.example.test", None) in got


def test_wrong_secret_is_auth_error_without_the_secret(bind: BindServer) -> None:
    bad = "c2VjcmV0LXRoYXQtaXMtd3Jvbmc="
    provider = provider_for(bind, key_secret=bad)
    with pytest.raises(AuthError) as err:
        apply_records(provider, ZONE, [Record("A", f"h1.{ZONE}", "192.0.2.1", 300)], Journal())
    assert bad not in str(err.value) and bind.key_secret not in str(err.value)
    assert bind.texts(f"h1.{ZONE}", "A") == []
    assert bad not in Journal().path.read_text()


def test_unknown_zone(bind: BindServer) -> None:
    with pytest.raises(ZoneNotFound):
        provider_for(bind).list_records("nope.test", ["a.nope.test"])


def test_secret_not_base64_is_refused_when_the_provider_is_built(bind: BindServer) -> None:
    """Before any apply is journalled: the setting is named, the secret is not repeated."""
    with pytest.raises(
        SettingError, match="TSIG key secret: the value is not valid base64"
    ) as info:
        provider_for(bind, key_secret="not base64!!")
    assert info.value.setting == "key_secret" and "not base64!!" not in str(info.value)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP port that accepts and never answers: a server that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    conns: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conns.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for c in conns:
        c.close()
    listener.close()


@pytest.fixture
def refusing_server(bind: BindServer) -> Iterator[str]:
    """Forwards queries to BIND and answers every UPDATE with REFUSED."""
    yield from fault_proxy(bind, "refuse")


@pytest.fixture
def lost_answer_server(bind: BindServer) -> Iterator[str]:
    """Forwards everything to BIND but never answers an UPDATE: written, yet timed out."""
    yield from fault_proxy(bind, "lose")


def fault_proxy(bind: BindServer, mode: str) -> Iterator[str]:
    import dns.tsigkeyring

    keyring = dns.tsigkeyring.from_text({bind.key_name: bind.key_secret})
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        with conn:
            try:
                while True:
                    size = conn.recv(2)
                    if len(size) < 2:
                        return
                    wire = b""
                    need = int.from_bytes(size, "big")
                    while len(wire) < need:
                        chunk = conn.recv(need - len(wire))
                        if not chunk:
                            return
                        wire += chunk
                    msg = dns.message.from_wire(wire, keyring=keyring)
                    if msg.opcode() == 5 and mode == "refuse":  # UPDATE
                        reply = dns.message.make_response(msg)
                        reply.set_rcode(dns.rcode.REFUSED)
                    elif msg.opcode() == 5:
                        dns.query.tcp(msg, "127.0.0.1", port=bind.port, timeout=2)
                        stop.wait()
                        return
                    else:
                        reply = dns.query.tcp(msg, "127.0.0.1", port=bind.port, timeout=2)
                    out = reply.to_wire()
                    conn.sendall(len(out).to_bytes(2, "big") + out)
            except OSError:
                return

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn = listener.accept()[0]
            except OSError:
                continue
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    listener.close()


def test_timeout_is_a_clear_error(bind: BindServer, silent_server: str) -> None:
    provider = provider_for(bind, server=silent_server, timeout="1")
    with pytest.raises(ProviderError, match="did not answer"):
        provider.list_records(ZONE, [ZONE])


def test_refused_update_is_journalled_and_revert_is_a_noop(
    bind: BindServer, refusing_server: str
) -> None:
    import dns.query  # noqa: F401 - used by the fixture thread

    before = zone_contents(bind)
    provider = provider_for(bind, server=refusing_server)
    with pytest.raises(AuthError, match="REFUSED"):
        apply_records(provider, ZONE, [Record("A", f"h2.{ZONE}", "192.0.2.2", 300)], Journal())
    applied = Journal().applies()
    assert applied[-1].status == "failed"
    revert_latest(provider_for(bind), Journal())
    assert zone_contents(bind) == before


NAMES = st.sampled_from([f"h{i}.{ZONE}" for i in range(4)] + [ZONE])
TXT_VALUES = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=300
)


@st.composite
def txt_or_a(draw: st.DrawFn) -> Record:
    name = draw(NAMES)
    if draw(st.booleans()):
        return Record("TXT", name, draw(TXT_VALUES), 300)
    return Record("A", name, f"192.0.2.{draw(st.integers(1, 254))}", 300)


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    existing=st.lists(txt_or_a(), max_size=5), pasted=st.lists(txt_or_a(), min_size=1, max_size=6)
)
def test_property_apply_then_revert(
    start_bind: object, existing: list[Record], pasted: list[Record]
) -> None:
    bind = start_bind({ZONE: EXAMPLE_ZONE})  # type: ignore[operator]
    try:
        provider = provider_for(bind)
        journal = Journal(bind.directory / "setup-journal.jsonl")
        if existing:
            apply_records(provider, ZONE, existing, journal)
        check_apply_then_revert(
            provider,
            ZONE,
            pasted,
            lambda: zone_contents(bind),
            journal_path=bind.directory / "journal.jsonl",
        )
    finally:
        bind.stop()


def test_update_written_but_answer_lost_then_revert(
    bind: BindServer, lost_answer_server: str
) -> None:
    before = zone_contents(bind)
    provider = provider_for(bind, server=lost_answer_server, timeout="1")
    records = [Record("A", f"h3.{ZONE}", "192.0.2.3", 300), Record("TXT", ZONE, "lost=1", 300)]
    with pytest.raises(ProviderError, match="did not answer"):
        apply_records(provider, ZONE, records, Journal())
    assert bind.texts(f"h3.{ZONE}", "A") == ["192.0.2.3"]  # it did land
    assert Journal().applies()[-1].status == "failed"
    revert_latest(provider_for(bind), Journal())
    assert zone_contents(bind) == before


def test_check_credentials_proves_the_key_with_one_signed_read(bind: BindServer) -> None:
    provider_for(bind).check_credentials("example.test")
    wrong = provider_for(bind, key_secret="bm90IHRoZSBrZXk=")
    with pytest.raises(AuthError, match="rejected the TSIG key") as info:
        wrong.check_credentials("example.test")
    assert "bm90IHRoZSBrZXk=" not in str(info.value)

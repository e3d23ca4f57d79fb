"""Demo mode: the whole flow on a little internet of its own, with no account and no network.

Believable rather than instant: the demo DNS host takes a moment to write and its second name
server a moment more; one resolver sees changes late, another was asked too early and remembers
"does not exist" for the negative TTL; the manual path's panel plants the classic mistakes; and
the readiness checks reach real web servers on loopback, with certificates from a CA made at
start, so HSTS and certificate findings are the real thing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from providers.base import Provider
from wizard.datadir import default_journal_path
from wizard.demo.internet import NAMESERVERS, Addresses, Internet, build_sites, build_store
from wizard.demo.pace import Pace, pace_named
from wizard.demo.panel import DemoPanel
from wizard.demo.stories import Mistake, Story, all_stories, load_story
from wizard.embedded import AuthoritativeServer, CachingResolver, ServerThread, ZoneStore
from wizard.embedded.provider import ZoneStoreProvider
from wizard.environment import DemoExtras, Environment
from wizard.journal import Journal
from wizard.model.records import Record
from wizard.model.servers import Server

if TYPE_CHECKING:
    from wizard.embedded.certificates import DemoCA
    from wizard.embedded.web import WebServer
    from wizard.readiness import Reach

#: The first story's zone (Customer.io US), shown when no vendor has been picked yet.
DEMO_ZONE = load_story("customerio-us").domain
SAMPLE_PASTE = load_story("customerio-us").paste


def demo_journal_path() -> Path:
    """The demo's own journal, beside the real one: it outlives a demo run, so a demo can be
    left and resumed, and rolled back later, like a real setup."""
    return default_journal_path().parent / "demo" / "journal.jsonl"


def replay(store: ZoneStore, journal: Journal) -> None:
    """Put back in the embedded zone what the demo journal says earlier runs wrote."""
    for applied in journal.applies():
        for batch in applied.batches:
            for change in batch.changes:
                if change.existing is not None:
                    store.remove(change.existing)
                if change.new is not None:
                    store.add(change.new, always=True)


#: Seconds after start that the CA is made on a thread: after the first frame is drawn, long
#: before a readiness check needs it (one that comes sooner makes it there and then).
CA_AFTER = 1.5


class _CertificateAuthority:
    """The demo CA, made shortly after start on a thread, so its imports and key generation
    stay off the first frame."""

    def __init__(self) -> None:
        self._ca: DemoCA | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(CA_AFTER, self)
        self._timer.daemon = True
        self._timer.start()

    def __call__(self) -> DemoCA:
        with self._lock:
            if self._ca is None:
                from wizard.embedded.certificates import DemoCA

                self._ca = DemoCA()
            return self._ca

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            if self._ca is not None:
                self._ca.close()


class _Web:
    """The little internet's web server, started when a readiness check first needs it."""

    def __init__(self, internet: Internet, ca: _CertificateAuthority) -> None:
        self.internet = internet
        self.ca = ca
        self._server: WebServer | None = None
        self._lock = threading.Lock()

    def __call__(self) -> WebServer:
        with self._lock:
            if self._server is None:
                from wizard.embedded.web import WebServer

                self._server = WebServer(self.internet.site_for, self.ca).start()
            return self._server

    def close(self) -> None:
        with self._lock:
            if self._server is not None:
                self._server.stop()


def _story_of(stories: Sequence[Story], zone: str) -> Story | None:
    return next((s for s in stories if s.domain == zone), None)


@contextlib.contextmanager
def demo_environment(
    journal_path: Path | None = None, *, pace: str | Pace = "present"
) -> Iterator[Environment]:
    speed = pace_named(pace)
    journal_path = journal_path or demo_journal_path()
    stories = all_stories()
    store = build_store(stories, speed)
    replay(store, Journal(journal_path))
    internet = Internet(store, build_sites(stories), lag=speed.resolver_lag)
    delay = speed.answer_delay
    ns1 = AuthoritativeServer(store, answer_delay=delay)
    ns2 = AuthoritativeServer(store, answer_delay=delay, lag=speed.secondary_lag)
    lagging = CachingResolver(store, visibility_delay=speed.resolver_lag, answer_delay=delay)
    early = CachingResolver(store, visibility_delay=speed.resolver_lag / 3, answer_delay=delay)
    prompt = CachingResolver(store, answer_delay=delay)
    ca = _CertificateAuthority()
    web = _Web(internet, ca)
    with (
        ServerThread(ns1, ns2, lagging, early, prompt),
        contextlib.closing(ca),
        contextlib.closing(web),
    ):
        planted: set[tuple[str, str, float]] = set()

        def watch_starting(records: Sequence[Record]) -> None:
            """Someone checked just before the records landed: this resolver remembers the
            answer from then, "does not exist", for the zone's negative TTL. Planted when the
            watch begins, not when the records are written, so that a presenter who lingers
            on the Writing screen still has the wait to show; once per landing."""
            for record in records:
                story = _story_of(stories, store.zone_for(record.name) or "")
                landed = store.first_added(record.name)
                if story is None or not story.asked_too_early or landed is None:
                    continue
                key = (record.name, record.type, landed)
                if key not in planted:
                    planted.add(key)
                    early.remember_as_of(
                        record.name, record.type, landed - early.visibility_delay - 0.01
                    )

        def mistakes(zone: str) -> Sequence[Mistake]:
            story = _story_of(stories, zone)
            return story.panel_mistakes if story is not None else ()

        panel = DemoPanel(store, mistakes)
        provider = ZoneStoreProvider(store, write_delay=speed.write_delay)
        auth_servers = [
            Server("127.0.0.1", ns1.port, name=NAMESERVERS[0]),
            Server("127.0.0.1", ns2.port, name=NAMESERVERS[1]),
        ]

        def make(provider_id: str, given: Mapping[str, str]) -> Provider:
            if provider_id == "demo":
                return provider
            from providers.registry import load

            return load(provider_id)({"nameserver": str(auth_servers[0]), **given})

        def provider_class(provider_id: str) -> type[Provider]:
            if provider_id == "demo":
                return ZoneStoreProvider
            from providers.registry import load

            return load(provider_id)

        def story_for(profile_id: str) -> tuple[str, str]:
            story = load_story(profile_id)
            return story.paste, story.domain

        def reach() -> Reach:
            from wizard.readiness import Reach

            server = web()
            return Reach(
                resolve=Addresses(internet),
                http_port=server.http_port,
                https_port=server.https_port,
                cacert=str(ca().cert_path),
                timeout=3.0,
            )

        first = load_story("customerio-us")
        yield Environment(
            resolvers=[
                Server("127.0.0.1", lagging.port, name="Google"),
                Server("127.0.0.1", early.port, name="Cloudflare"),
                Server("127.0.0.1", prompt.port, name="Quad9"),
            ],
            authoritative=auth_servers,
            journal_path=journal_path,
            provider_factory=make,
            provider_ids=lambda: ["demo", "manual"],
            provider_class=provider_class,
            demo=DemoExtras(
                sample_paste=first.paste,
                sample_domain=first.domain,
                panel=panel.type,
                story_for=story_for,
                reach=reach,
                panel_label=panel.label,
                panel_remove=panel.remove,
                watch_starting=watch_starting,
            ),
            web_checks=True,
        )

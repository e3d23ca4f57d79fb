"""A public resolver stand-in: it sees changes late and remembers answers for their TTL.

It answers from the store directly rather than recursing to the authoritative server: the
store can be viewed as it was `visibility_delay` seconds ago, which is what a resolver whose
upstream is slow to update looks like from outside, with no second network hop to fake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.embedded.authoritative import DnsServer
from wizard.embedded.zonestore import ZoneStore

if TYPE_CHECKING:
    import dns.message


@dataclass
class _Cached:
    response: dns.message.Message
    stored: float
    ttl: int


class CachingResolver(DnsServer):
    def __init__(
        self,
        store: ZoneStore,
        *,
        visibility_delay: float = 0.0,
        host: str = "127.0.0.1",
        port: int = 0,
        answer_delay: float = 0.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(host, port, answer_delay)
        self.store = store
        self.visibility_delay = visibility_delay
        self.clock = clock or store.clock
        self._cache: dict[tuple[str, int], _Cached] = {}

    def remember_as_of(self, name: str, rdtype: str, as_of: float) -> None:
        """Cache, from now on, the answer `name` had at `as_of`: a lookup made back then,
        whose answer this resolver keeps for its TTL counted from now (the demo plants a
        lookup made just before the records landed, whenever the watch begins)."""
        import dns.message

        from wizard.embedded import answers

        query = dns.message.make_query(name, rdtype)
        response = answers.as_recursive(answers.build_response(self.store, query, as_of=as_of))
        ttl = answers.cache_ttl(response)
        if ttl is not None:
            key = (query.question[0].name.to_text().lower(), int(query.question[0].rdtype))
            self._cache[key] = _Cached(response, self.clock(), ttl)

    def respond(self, query: dns.message.Message) -> dns.message.Message:
        from wizard.embedded import answers  # with the first query (see answers.py)

        now = self.clock()
        question = query.question[0] if query.question else None
        if question is None:
            return answers.build_response(self.store, query)
        key = (question.name.to_text().lower(), int(question.rdtype))
        cached = self._cache.get(key)
        if cached is not None and now - cached.stored < cached.ttl:
            return answers.aged(cached.response, query, int(now - cached.stored))
        response = answers.as_recursive(
            answers.build_response(self.store, query, as_of=now - self.visibility_delay)
        )
        ttl = answers.cache_ttl(response)
        if ttl is not None:
            self._cache[key] = _Cached(response, now, ttl)
        return response

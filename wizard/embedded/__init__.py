"""A small DNS world in memory, on loopback: for demo mode, benchmarks and tests.

`ZoneStore` holds the zones; `AuthoritativeServer` serves them as a zone's own name server
would; `CachingResolver` plays a public resolver that sees changes late and caches answers;
`ServerThread` runs them beside synchronous code; `ZoneStoreProvider` is a DNS host that
writes into the store.
"""

from wizard.embedded.authoritative import AuthoritativeServer
from wizard.embedded.provider import ZoneStoreProvider
from wizard.embedded.resolver import CachingResolver
from wizard.embedded.runner import ServerThread
from wizard.embedded.zonestore import ZoneStore

__all__ = [
    "AuthoritativeServer",
    "CachingResolver",
    "ServerThread",
    "ZoneStore",
    "ZoneStoreProvider",
]

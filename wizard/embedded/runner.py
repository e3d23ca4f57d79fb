"""Runs embedded servers on a background event loop, for synchronous callers."""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType

from wizard.embedded.authoritative import DnsServer


class ServerThread:
    """`with ServerThread(auth, resolver) as thread:` starts them; their `.port`s are set."""

    def __init__(self, *servers: DnsServer) -> None:
        self.servers = servers
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, daemon=True, name="embedded-dns"
        )

    def start(self) -> ServerThread:
        self._thread.start()
        for server in self.servers:
            asyncio.run_coroutine_threadsafe(server.start(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        for server in self.servers:
            asyncio.run_coroutine_threadsafe(server.stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

"""A zone's own name server, on loopback, UDP and TCP, with an optional delay on each answer."""

from __future__ import annotations

import asyncio
import logging
import struct
from typing import TYPE_CHECKING

from wizard.embedded.zonestore import ZoneStore

if TYPE_CHECKING:
    import dns.message

log = logging.getLogger(__name__)


class DnsServer:
    """UDP + TCP plumbing; subclasses say how a query's wire answer is made."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, answer_delay: float = 0.0) -> None:
        self.host = host
        self.port = port
        self.answer_delay = answer_delay
        self.in_flight = 0
        self.most_in_flight = 0
        self._udp: asyncio.DatagramTransport | None = None
        #: Replies in progress; held so the event loop does not drop them half-way.
        self._replies: set[asyncio.Task[None]] = set()
        self._tcp: asyncio.Server | None = None

    def respond(self, query: dns.message.Message) -> dns.message.Message:
        raise NotImplementedError

    async def _answer(self, wire: bytes, tcp: bool) -> bytes | None:
        from wizard.embedded import answers  # with the first query (see answers.py)

        query = answers.parse_query(wire)
        if query is None:
            return None
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.answer_delay:
                await asyncio.sleep(self.answer_delay)
            response = self.respond(query)
        finally:
            self.in_flight -= 1
        return answers.to_wire(response, None if tcp else answers.udp_limit(query))

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        server = self

        class Udp(asyncio.DatagramProtocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                self.transport = transport

            def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
                async def reply() -> None:
                    answer = await server._answer(data, tcp=False)
                    if answer is not None:
                        self.transport.sendto(answer, addr)  # type: ignore[attr-defined]

                task = loop.create_task(reply())
                server._replies.add(task)
                task.add_done_callback(server._replies.discard)

        self._tcp = await asyncio.start_server(self._serve_tcp, self.host, self.port)
        self.port = int(self._tcp.sockets[0].getsockname()[1])
        transport, _ = await loop.create_datagram_endpoint(Udp, local_addr=(self.host, self.port))
        self._udp = transport

    async def _serve_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                size = struct.unpack("!H", await reader.readexactly(2))[0]
                answer = await self._answer(await reader.readexactly(size), tcp=True)
                if answer is None:
                    break
                writer.write(struct.pack("!H", len(answer)) + answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def stop(self) -> None:
        if self._udp is not None:
            self._udp.close()
        if self._tcp is not None:
            self._tcp.close()
            await self._tcp.wait_closed()


class AuthoritativeServer(DnsServer):
    """Answers from the store with the AA flag: as it is now, like a zone's primary, or `lag`
    seconds behind, like a secondary that gets the change a moment after the NOTIFY."""

    def __init__(
        self,
        store: ZoneStore,
        host: str = "127.0.0.1",
        port: int = 0,
        answer_delay: float = 0.0,
        *,
        lag: float = 0.0,
    ) -> None:
        super().__init__(host, port, answer_delay)
        self.store = store
        self.lag = lag

    def respond(self, query: dns.message.Message) -> dns.message.Message:
        from wizard.embedded.answers import build_response

        as_of = self.store.clock() - self.lag if self.lag else None
        return build_response(self.store, query, as_of=as_of)

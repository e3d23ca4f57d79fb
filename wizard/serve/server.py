"""One wizard process per browser tab, behind a small aiohttp server (textual-serve's page and
its app service), with the token checked on the page and on the terminal's websocket.

textual-serve draws the app with xterm.js (and its clipboard addon, so the wizard's copy keys
reach the browser's clipboard) from assets inside the package; the page itself is ours, so
nothing is fetched from the internet (no web fonts) and the tab carries the wizard's title.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from wizard.serve.access import Serving, token_matches

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
STATICS = Path(textual_serve.__file__).parent / "static"
TITLE = "Tracking Domain Wizard"


class SessionService(AppService):
    """textual-serve's app process, with a data folder of its own: each tab's demo journal is
    its own, and goes with the tab."""

    def __init__(self, data_dir: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_dir = data_dir

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment["TRACKING_WIZARD_DATA_DIR"] = str(self.data_dir)
        return environment


def wizard_command(serving: Serving) -> str:
    """The command each tab runs: this Python's wizard, in demo or real mode. textual-serve
    starts it through a shell; `exec` makes the wizard that process itself, so ending it ends
    the wizard, with no shell left between."""
    mode = "--demo" if serving.demo else "--real"
    return f"exec {shlex.quote(sys.executable)} -m wizard {mode}"


def page(title: str, message: str, status: int) -> web.Response:
    """A plain page for a browser that is turned away, saying why and what to do."""
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{TITLE}</title></head><body style='font-family:sans-serif;"
        "background:#0c181f;color:#eee;padding:3em'>"
        f"<h1>{title}</h1><p>{message}</p></body></html>"
    )
    return web.Response(text=body, status=status, content_type="text/html")


def without_token() -> web.Response:
    """The page for an address without this server's token."""
    return page(
        "Not this address",
        "This wizard's address carries a token, printed where it was started. Open the full "
        "address that <code>tracking-wizard serve</code> printed.",
        403,
    )


class WizardServer:
    """The web server: `/s/<token>/` is the page, `/s/<token>/ws` the terminal's websocket."""

    def __init__(self, serving: Serving, port: int) -> None:
        self.serving = serving
        self.port = port
        #: Each open tab and its wizard: a full server says so, and stopping ends every one.
        self.tabs: dict[web.WebSocketResponse, SessionService] = {}
        self.downloads = DownloadManager()
        self.command = wizard_command(serving)
        self._runner: web.AppRunner | None = None
        self.url = ""

    def make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes(
            [
                web.get("/s/{token}/", self.handle_page),
                web.get("/s/{token}/ws", self.handle_terminal),
                web.static("/static", STATICS),
                web.get("/{tail:.*}", self.handle_other),  # no token: turned away
            ]
        )
        return app

    async def start(self) -> str:
        """Listen, and return the URL to open (with its token)."""
        self._runner = web.AppRunner(self.make_app(), handle_signals=False, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.serving.host, self.port).start()
        port = self._runner.addresses[0][1]  # the one chosen when asked for port 0
        shown_host = f"[{self.serving.host}]" if ":" in self.serving.host else self.serving.host
        self.url = f"http://{shown_host}:{port}/s/{self.serving.token}/"
        return self.url

    async def stop(self) -> None:
        """End every tab's wizard (asked to quit, then killed if it does not), then the server."""
        await asyncio.gather(*(_end(service) for service in list(self.tabs.values())))
        for websocket in list(self.tabs):
            await websocket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def _turned_away(self, request: web.Request) -> web.Response | None:
        """The page for a visitor without the token, or when every seat is taken; else None."""
        if not token_matches(self.serving, request.match_info["token"]):
            return without_token()
        if len(self.tabs) >= self.serving.max_sessions:
            return page(
                "Every seat is taken",
                f"This wizard serves {self.serving.max_sessions} browser tabs at once, and all "
                "are in use. Close one of them, then reload this page.",
                503,
            )
        return None

    async def handle_other(self, request: web.Request) -> web.Response:
        return without_token()

    async def handle_page(self, request: web.Request) -> web.Response:
        turned_away = self._turned_away(request)
        if turned_away is not None:
            return turned_away
        context = {
            "title": TITLE + (" (demo)" if self.serving.demo else ""),
            "static_url": "/static/",
            "websocket_url": f"ws://{request.host}/s/{self.serving.token}/ws",
            "font_size": _font_size(request.query.get("fontsize", "16")),
        }
        return aiohttp_jinja2.render_template("wizard_page.html", request, context)

    async def handle_terminal(self, request: web.Request) -> web.StreamResponse:
        turned_away = self._turned_away(request)
        if turned_away is not None:
            return turned_away
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        data_dir = Path(tempfile.mkdtemp(prefix="tracking-wizard-tab-"))
        service = SessionService(
            data_dir,
            command=self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.downloads,
        )
        self.tabs[websocket] = service
        try:
            await service.start(
                _cells(request.query.get("width"), 80), _cells(request.query.get("height"), 24)
            )
            await _relay(websocket, service)
        except asyncio.CancelledError:
            pass
        finally:
            await _end(service)
            self.tabs.pop(websocket, None)
            shutil.rmtree(data_dir, ignore_errors=True)
            await websocket.close()
        return websocket


#: How long a tab's wizard gets to quit when asked before it is killed.
QUIT_SECONDS = 5.0


async def _end(service: SessionService) -> None:
    """Ask the wizard to quit, wait for its process to end, and kill it if it does not."""
    try:
        await asyncio.wait_for(service.stop(), QUIT_SECONDS)
    except TimeoutError:
        log.warning("A tab's wizard did not quit when asked; ending it.")
    process = service._process
    if process is not None and process.returncode is None:
        try:
            await asyncio.wait_for(process.wait(), QUIT_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """The browser's keys, mouse and size to the wizard, until the tab goes."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        envelope = message.json()
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(
                _cells(str(data.get("width")), 80), _cells(str(data.get("height")), 24)
            )
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def _cells(text: str | None, default: int) -> int:
    """A terminal size from the browser: a whole number of cells, within reason."""
    try:
        return max(10, min(int(text or ""), 1000))
    except ValueError:
        return default


def _font_size(text: str) -> int:
    try:
        return max(8, min(int(text), 48))
    except ValueError:
        return 16

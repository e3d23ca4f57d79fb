"""`tracking-wizard serve`: the wizard in a browser tab, one wizard per tab.

For demos in a video call, and for people who do not live in a terminal. textual-serve and
aiohttp are imported only here, when serving, so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import webbrowser

from wizard.commands import EXIT_OK, EXIT_USAGE
from wizard.model.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--demo", action="store_true", help="serve the demo (the default)")
    mode.add_argument(
        "--real",
        action="store_true",
        help="serve the wizard for your own domain (loopback only: it holds your credentials)",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; any other serves the demo only)",
    )
    parser.add_argument(
        "--port", type=int, default=0, help="port to listen on (default: a free one)"
    )
    parser.add_argument(
        "--max-sessions",
        type=int,
        default=None,
        help="browser tabs served at once, each its own wizard (default 8)",
    )
    parser.add_argument("--open", action="store_true", help="open the address in a browser")


def run(args: argparse.Namespace) -> int:
    from wizard.serve.access import DEFAULT_MAX_SESSIONS, decide

    try:
        serving = decide(args.host, args.real, args.max_sessions or DEFAULT_MAX_SESSIONS)
    except UsageError as err:
        print(f"{err.title}: {err}", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        print(f"Not understood: --port {args.port} is not a port (0-65535).", file=sys.stderr)
        return EXIT_USAGE
    print("Starting the wizard's web server…", flush=True)
    return asyncio.run(_serve(serving, args.port, args.open))


async def _serve(serving: object, port: int, open_browser: bool) -> int:
    from wizard.serve.access import Serving
    from wizard.serve.server import WizardServer

    assert isinstance(serving, Serving)
    server = WizardServer(serving, port)
    try:
        url = await server.start()
    except OSError as err:
        print(f"Could not listen on {serving.host}:{port}: {err.strerror}.", file=sys.stderr)
        return EXIT_USAGE
    what = "the demo" if serving.demo else "the wizard for your own domain"
    print(f"Serving {what} at {url}", flush=True)
    print(
        "The address carries a token: share it only with whoever should use the wizard. "
        f"Up to {serving.max_sessions} tabs at once. Ctrl+C stops it.",
        flush=True,
    )
    if open_browser:
        webbrowser.open(url)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    print("Stopping: closing every tab's wizard…", flush=True)
    await server.stop()
    print("Stopped.", flush=True)
    return EXIT_OK

"""The wizard's environment, opened on a thread once the start screen is drawn.

Loading the demo's little internet (its stories, zones and servers), or a real environment's
provider plumbing, takes about as long as drawing the first frame, and the start screen needs
none of it. So the first frame comes first, and the person's first choice, which takes longer
than the opening, finds the environment ready.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.environment import Environment

Opener = Callable[[], AbstractContextManager["Environment"]]


class Opening:
    """An environment still to be opened. Used as a context manager around the app's run: what
    was opened (the demo's servers) is closed when the app is done."""

    def __init__(self, opener: Opener, *, demo: bool | None) -> None:
        #: Known before opening, for the first frame's title bar; None until the person has
        #: chosen between the demo and their own domain (a first run), and nothing opens
        #: before that.
        self.demo = demo
        self._opener = opener
        self._stack = ExitStack()
        self._task: asyncio.Task[Environment] | None = None

    def choose(self, demo: bool) -> None:
        """The person's choice on a first run: the demo, or their own domain."""
        if self.demo is None:
            self.demo = demo

    def start(self) -> None:
        """Begin opening on a thread, unless already begun or the mode is still to be chosen.
        Call it from the app's event loop."""
        if self._task is None and self.demo is not None:
            self._task = asyncio.create_task(asyncio.to_thread(self._open))

    async def wait(self) -> Environment:
        """The environment, once open (starting it if nobody has yet). A caller cancelled while
        waiting does not cancel the opening: another step still gets it."""
        self.start()
        if self._task is None:
            raise RuntimeError("Choose between the demo and your own domain first.")
        return await asyncio.shield(self._task)

    def _open(self) -> Environment:
        return self._stack.enter_context(self._opener())

    def __enter__(self) -> Opening:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.close()

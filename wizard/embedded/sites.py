"""A web site of the little internet, as data: light to import, so the demo can describe its
sites before (or without) starting the web server."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """One web server: where it is, the names its certificate covers, how it answers GET /."""

    address: str
    #: Certificate names (a leading `*.` covers one label); none means it speaks HTTP only.
    names: tuple[str, ...] = ()
    status: int = 200
    location: str | None = None
    #: The Strict-Transport-Security header it sends over HTTPS, if any.
    hsts: str | None = None
    #: Other headers it sends (a CDN's `Via`, say).
    headers: tuple[tuple[str, str], ...] = ()

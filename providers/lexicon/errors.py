"""A dns-lexicon backend's failures as sentences a person can act on.

Backends raise `requests.HTTPError` (from `raise_for_status`), lexicon's `AuthenticationError`,
or a bare `Exception` with the host's message; some leave a connection error through. Each becomes
one of our ProviderErrors naming the host, the HTTP status and what the host said, with every
secret masked by the provider's `scrub`.

While the backend logs in (`at_login`), hosts that answer every refusal alike (Porkbun's HTTP
400, netcup's and INWX's own codes, OVH's 400 INVALID_SIGNATURE) are read by what they say: a
zone the account does not hold, or credentials refused, each in the host's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from wizard.model.errors import (
    AuthError,
    PermissionDenied,
    ProviderError,
    RateLimited,
    WizardError,
    ZoneNotFound,
)

#: The most of a host's answer quoted in a message.
QUOTED = 300
#: How backends say, through lexicon's AuthenticationError, that the credentials worked but the
#: zone is not in the account ("No domain found", "Domain not found", "x not managed"…).
NO_ZONE = re.compile(
    r"not found|no (?:matching )?(?:domain|zone)\b.*found|not managed|unknown domain"
    r"|invalid domain|does not exist|not deployed",
    re.I,
)
#: How hosts say at login that the credentials themselves were refused.
BAD_CREDENTIALS = re.compile(
    r"invalid[ _](?:api[ _])?(?:key|signature|credential|token)|incorrect api keys"
    r"|authentication (?:error|failed)|login failed|unauthori[sz]ed",
    re.I,
)


@contextmanager
def lexicon_error(
    host: str, zone: str, scrub: Callable[[str], str], *, at_login: bool = False
) -> Iterator[None]:
    """Turn whatever the backend raises inside the block into a ProviderError."""
    import requests  # lexicon's own transport; loaded with it

    try:
        yield
    except WizardError:
        raise
    except requests.HTTPError as exc:
        status = getattr(exc.response, "status_code", None)
        if at_login and status not in (401, 403, 404, 429):  # a status that says it all
            _refused_at_login(host, zone, scrub(str(getattr(exc.response, "text", "") or exc)))
        raise _http_error(host, zone, exc.response, scrub) from None
    except requests.RequestException as exc:
        raise ProviderError(
            f"Could not reach {host}'s API: {scrub(_said(exc))}. Check the connection (and "
            "the API address, if you changed it); nothing more was sent.",
            title=f"{host} not reachable",
        ) from None
    except Exception as exc:  # a backend's own failure: its message is all there is
        if at_login or type(exc).__name__ == "AuthenticationError":
            _refused_at_login(host, zone, scrub(_said(exc)))
        if type(exc).__name__ == "AuthenticationError":
            raise AuthError(
                f"{host} did not accept the credentials for {zone}: {scrub(_said(exc))}."
            ) from None
        raise ProviderError(
            f"{host} (through its dns-lexicon backend) failed: {scrub(_said(exc))}."
        ) from None


def _refused_at_login(host: str, zone: str, said: str) -> None:
    """Raise the zone or credentials error that `said` (the host's words) names, if any."""
    said = said.strip()[:QUOTED]
    if NO_ZONE.search(said):
        raise ZoneNotFound(
            f"{host} has no zone {zone} that these credentials can see ({said}): check the "
            "domain, and that the credentials belong to the account that holds it."
        ) from None
    if BAD_CREDENTIALS.search(said):
        raise AuthError(
            f"{host} did not accept the credentials for {zone} ({said}). Check that each was "
            "copied whole, and that API access is switched on for the account."
        ) from None


def _http_error(host: str, zone: str, response: Any, scrub: Callable[[str], str]) -> ProviderError:
    status = int(getattr(response, "status_code", 0) or 0)
    body = scrub(str(getattr(response, "text", "") or "").strip())[:QUOTED]
    said = f' {host} said: "{body}".' if body else ""
    if status == 401:
        return AuthError(f"{host} did not accept the credentials (HTTP 401).{said}")
    if status == 403:
        return PermissionDenied(
            f"{host} refused this (HTTP 403): the credentials may lack DNS write access for "
            f"{zone}, or allow only some addresses.{said}"
        )
    if status == 404:
        return ZoneNotFound(
            f"{host} answered 404 (not found): {zone} is not a zone these credentials can "
            f"see, or a record was already gone.{said}"
        )
    if status == 429:
        return RateLimited(f"{host} asks to slow down (HTTP 429).{said}")
    return ProviderError(f"{host} refused the request (HTTP {status}).{said}")


def _said(exc: BaseException) -> str:
    return (str(exc).strip() or type(exc).__name__).rstrip(".")

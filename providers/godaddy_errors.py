"""GoDaddy's error answers as sentences a person can act on.

GoDaddy answers 409 for two different things: a zone that was just edited (a lock that clears in
seconds, worth retrying) and a domain that is not eligible to have its records changed (locked,
in a transfer, DNS not at GoDaddy: permanent). Only the first is retried.
"""

from __future__ import annotations

from typing import Any

from wizard.model.errors import (
    ApiNotAvailable,
    AuthError,
    PermissionDenied,
    ProviderError,
    RateLimited,
    ZoneNotFound,
)

#: GoDaddy's DNS management page for a domain, where the manual path sends a person.
PANEL_URL = "https://dcc.godaddy.com/control/dnsmanagement?domainName={domain}"


def _body(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def is_transient_conflict(response: Any) -> bool:
    """A 409 that is the short lock after an edit, not a domain that may never be changed."""
    body = _body(response)
    said = f"{body.get('code', '')} {body.get('message', '')}".lower()
    return not any(word in said for word in ("not eligible", "ineligible", "not_eligible"))


def godaddy_error(response: Any, domain: str = "") -> ProviderError:
    """The error for one refused request; `domain` names GoDaddy's DNS page where it helps."""
    status = int(response.status_code)
    body = _body(response)
    code = str(body.get("code", ""))
    said = str(body.get("message", "")).strip()
    said_part = f' GoDaddy said: "{said.rstrip(".")}".' if said else ""
    if status == 401:
        return AuthError(
            "GoDaddy did not accept the API key and secret. Check that they are a "
            "Production key pair (not OTE) and were copied whole." + said_part
        )
    if status == 403 and code in ("ACCESS_DENIED", ""):
        return ApiNotAvailable(
            "GoDaddy refused access to DNS through its API (ACCESS_DENIED). GoDaddy limits "
            "its DNS API to accounts with 10 or more domains or a Discount Domain Club "
            "plan. You can still add the records yourself: choose the manual path and the "
            "wizard shows exactly what to enter in GoDaddy's DNS page.",
            panel_url=PANEL_URL.format(domain=domain) if domain else None,
        )
    if status == 403:
        return PermissionDenied("GoDaddy refused this request." + said_part)
    if status == 404 and code in ("UNKNOWN_DOMAIN", "NOT_FOUND", ""):
        return ZoneNotFound(
            "GoDaddy has no DNS zone for this domain in the account of this API key. "
            "Check the domain, or that its DNS is hosted at GoDaddy." + said_part
        )
    if status == 429:
        pause = retry_after(response)
        wait = f" Wait {pause:g} seconds and" if pause else " Wait a minute and"
        return RateLimited(
            f"GoDaddy is limiting requests (TOO_MANY_REQUESTS).{wait} try again.",
            retry_after=pause,
        )
    if status == 409 and not is_transient_conflict(response):
        return ProviderError(
            "GoDaddy says this domain is not eligible to have its records changed (409, a "
            "lasting refusal, not the short lock after an edit, so it was not retried): the "
            "domain may be locked, in a transfer, or its DNS not hosted at GoDaddy. Check the "
            "domain in GoDaddy's panel." + said_part,
            title="GoDaddy will not change this domain",
        )
    if status == 409:
        return ProviderError(
            "GoDaddy kept answering that the zone is busy (409, the short lock after an edit) "
            "after several retries. "
            "Nothing more was written; wait a minute and try again." + said_part,
            title="GoDaddy busy",
        )
    if status == 422:
        fields = body.get("fields") or []
        details = "; ".join(
            f"{f.get('path', '')}: {f.get('code', '')} {f.get('message', '')}"
            for f in fields
            if isinstance(f, dict)
        )
        extra = f" Details: {details}." if details else ""
        return ProviderError(
            f"GoDaddy rejected the records ({code or 'validation'}).{said_part}{extra}",
            title="GoDaddy rejected the records",
        )
    if status >= 500:
        return ProviderError(
            f"GoDaddy's API had a server error (HTTP {status}). Try again in a few "
            "minutes." + said_part,
            title="GoDaddy server error",
        )
    return ProviderError(f"GoDaddy answered HTTP {status} {code}.{said_part}".strip())


def retry_after(response: Any) -> float | None:
    """Seconds GoDaddy asks us to wait: `retryAfterSec` in the body, else `Retry-After`."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    value = body.get("retryAfterSec") if isinstance(body, dict) else None
    if value is None:
        value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None

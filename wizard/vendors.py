"""Vendor profiles: what each vendor needs for tracked links, and what "revert" means there.

The profiles are data files in `wizard/vendor_profiles/`, so adding a vendor or fixing a sentence
needs no code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from wizard.model.errors import UsageError

PROFILE_IDS = ("pendo-us", "pendo-eu", "customerio-us", "customerio-eu", "generic")


@dataclass(frozen=True)
class ConnectData:
    """How a vendor's data connections are set up (Pendo's CDP destinations)."""

    api_key_location: str
    segment_webhook: str
    track_events: str
    rudderstack: str


#: Whether tracked links need HTTPS through a CDN: always, only for domains the vendor set up
#: before it started issuing certificates itself, or never.
CdnNeed = Literal["always", "older-domains", "never"]


@dataclass(frozen=True)
class CdnFacts:
    """HTTPS through a CDN for this vendor and region: when it is needed, and where it forwards."""

    needed: CdnNeed
    #: The vendor's tracking host a CDN forwards to (the distribution's origin).
    origin: str | None
    #: The origin answers HTTPS, so the CDN talks to it over HTTPS only.
    origin_https: bool
    #: Domains added at the vendor on or after this date (ISO) get a certificate from the vendor.
    vendor_certificate_since: str | None
    summary: str
    #: The CAA issuer name of the CA the vendor issues its own certificates with, when known
    #: (Let's Encrypt: "letsencrypt.org"); the readiness check needs CAA to allow it.
    vendor_certificate_ca: str | None = None


@dataclass(frozen=True)
class VendorProfile:
    id: str
    label: str
    vendor: str
    region: str | None
    purpose: str
    #: Where the vendor tracks links when no custom domain is set up.
    default_tracking_host: str | None
    #: What the tracking host's CNAME must point at, when the vendor says so.
    cname_target: str | None
    https_required: bool
    https_how: str
    revert_dns: str
    revert_vendor: str
    next_steps: str
    docs: tuple[str, ...] = ()
    tracking_next_steps: str | None = None
    cdn_origin: str | None = None
    data_endpoint: str | None = None
    connect_data: ConnectData | None = field(default=None)
    cdn: CdnFacts | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VendorProfile:
        values = dict(data)
        values["docs"] = tuple(values.get("docs") or ())
        connect = values.get("connect_data")
        values["connect_data"] = ConnectData(**connect) if connect else None
        cdn = values.get("cdn")
        values["cdn"] = CdnFacts(**cdn) if cdn else None
        return cls(**values)

    def webhook_url(self, api_key: str) -> str | None:
        """The Segment cloud-mode webhook URL for this region, or None for other vendors."""
        if not self.data_endpoint:
            return None
        return f"https://{self.data_endpoint}/data/segmentio/{api_key.strip()}"


@cache
def load_profile(profile_id: str) -> VendorProfile:
    if profile_id not in PROFILE_IDS:
        raise UsageError(f"Unknown vendor {profile_id!r}. Choose one of: {', '.join(PROFILE_IDS)}.")
    text = resources.files("wizard.vendor_profiles").joinpath(f"{profile_id}.json").read_text()
    return VendorProfile.from_json(json.loads(text))


def all_profiles() -> list[VendorProfile]:
    return [load_profile(pid) for pid in PROFILE_IDS]


def mask_secret(value: str) -> str:
    """Show enough of a key to recognise it, never the whole of it."""
    value = value.strip()
    if len(value) <= 8:
        return "•" * len(value)
    return f"{value[:4]}{'•' * (len(value) - 8)}{value[-4:]}"

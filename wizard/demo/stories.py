"""Demo stories: one per vendor profile, read from data files beside the profiles.

A story is what a vendor's own setup page would give a new customer (the paste, in that page's
shape), the customer's domain, the vendor's side of the little internet (its DNS names and web
sites), the mistakes the demo plants and the readiness verdict the story ends on. Adding a
story needs a JSON file in `wizard/vendor_profiles/stories/`, no code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from wizard.model.errors import UsageError
from wizard.model.records import Record
from wizard.vendors import PROFILE_IDS

Mistake = Literal["doubled-domain", "proxied"]


@dataclass(frozen=True)
class SiteSpec:
    """A vendor's web server: its address, certificate names and answer to GET /."""

    address: str
    names: tuple[str, ...]
    status: int = 200
    location: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Story:
    profile: str
    summary: str
    domain: str
    paste: str
    apex_address: str
    #: The Strict-Transport-Security header the customer's website sends, if any.
    apex_hsts: str | None
    vendor_dns: tuple[Record, ...]
    sites: tuple[SiteSpec, ...]
    #: Mistakes the demo panel plants one after another on the tracking host.
    panel_mistakes: tuple[Mistake, ...]
    #: Whether a resolver is asked about the records just before they land.
    asked_too_early: bool
    #: Check name -> the status the story ends on.
    readiness: tuple[tuple[str, str], ...]
    readiness_note: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Story:
        mistakes = data.get("mistakes") or {}
        return cls(
            profile=data["profile"],
            summary=data["summary"],
            domain=data["domain"],
            paste="\n".join(data["paste"]) + "\n",
            apex_address=data["apex"]["address"],
            apex_hsts=data["apex"].get("hsts"),
            vendor_dns=tuple(Record(t, n, v, 300) for t, n, v in data["vendor_dns"]),
            sites=tuple(
                SiteSpec(
                    s["address"],
                    tuple(s["names"]),
                    s.get("status", 200),
                    s.get("location"),
                    tuple((s.get("headers") or {}).items()),
                )
                for s in data["sites"]
            ),
            panel_mistakes=tuple(mistakes.get("panel", ())),
            asked_too_early=bool(mistakes.get("asked_too_early", False)),
            readiness=tuple((data.get("readiness") or {}).items()),
            readiness_note=data.get("readiness_note", ""),
        )


@cache
def load_story(profile_id: str) -> Story:
    if profile_id not in PROFILE_IDS:
        raise UsageError(
            f"No demo story for {profile_id!r}. Choose one of: {', '.join(PROFILE_IDS)}."
        )
    folder = resources.files("wizard.vendor_profiles").joinpath("stories")
    return Story.from_json(json.loads(folder.joinpath(f"{profile_id}.json").read_text()))


def all_stories() -> list[Story]:
    return [load_story(pid) for pid in PROFILE_IDS]

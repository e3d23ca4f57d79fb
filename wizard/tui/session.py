"""What the user has chosen so far, shared by the screens of one run of the wizard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from providers.base import Provider
from wizard.environment import Environment
from wizard.model.records import Finding, Record
from wizard.plan import Plan
from wizard.vendors import VendorProfile, load_profile
from wizard.watch import Expectation
from wizard.zones import ZoneInfo

Goal = Literal["setup", "check", "rollback"]


@dataclass
class Session:
    env: Environment
    goal: Goal = "setup"
    profile: VendorProfile = field(default_factory=lambda: load_profile("customerio-us"))
    paste: str = ""
    domain: str = ""
    records: list[Record] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    zone: ZoneInfo | None = None
    provider_id: str | None = None
    provider: Provider | None = None
    plan: Plan | None = None
    apply_id: str | None = None
    expectations: list[Expectation] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    @property
    def zone_name(self) -> str:
        return self.zone.zone if self.zone else self.domain

"""What a readiness check says, with one sentence and the detail.

`optional` is for what the vendor does not need and is not set up: HTTPS for a vendor whose
tracked links are HTTP unless you add a proxy. It is neither a tick nor a warning.
`unknown` is for what could not be found out (the page that would say was not read): never a
tick, since nothing was seen to be fine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Status = Literal["ok", "optional", "warning", "failed", "unknown"]


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    summary: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return asdict(self)

"""How fast the demo's little internet moves: quick for tests, unhurried for presenting."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.model.errors import UsageError


@dataclass(frozen=True)
class Pace:
    name: str
    #: How long the demo DNS host takes to write.
    write_delay: float
    #: How far ns2 lags behind ns1 (a secondary that transfers the zone after the NOTIFY).
    secondary_lag: float
    #: How late the lagging resolver sees a change.
    resolver_lag: float
    #: How long a resolver remembers "does not exist" (the zone's negative TTL), in seconds.
    negative_ttl: int
    #: The customer zones' default TTL.
    ttl: int
    #: Each DNS answer's delay, as a far server's would be.
    answer_delay: float


PACES = {
    "fast": Pace("fast", 0.05, 0.1, 0.5, 4, 5, 0.0),
    "present": Pace("present", 1.2, 0.8, 3.0, 8, 20, 0.03),
}


def pace_named(name: str | Pace) -> Pace:
    if isinstance(name, Pace):
        return name
    if name not in PACES:
        raise UsageError(f"Unknown pace {name!r}. Choose one of: {', '.join(PACES)}.")
    return PACES[name]

"""The demo's little internet at the tests' pace: the waits a presenter sits through, cut short.

A pace is data (wizard/demo/pace.py), and `demo_environment(pace=...)` takes one, so the tests
set their own. What the screens show of a pace (the zones' TTL) is kept, so a snapshot taken at
`WALK` is the one taken at the presenter's pace; only how long each wait lasts changes.
"""

from __future__ import annotations

from dataclasses import replace

from wizard.demo.pace import PACES

#: The presenter's pace (its 20 s TTL, shown on the plan) with short waits: ns2 and the
#: resolvers a moment behind instead of seconds, and a 2 s negative TTL instead of 8 s.
WALK = replace(
    PACES["present"],
    name="test-walk",
    write_delay=0.05,
    secondary_lag=0.1,
    resolver_lag=0.5,
    negative_ttl=2,
    answer_delay=0.0,
)

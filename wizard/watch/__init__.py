"""Watching records go live, and saying why one is not.

`model` holds the values, `client` asks one server, `compare` judges one answer, `countdown`
keeps each cached answer's expiry as first learned, `schedule` says when to ask again, `watcher`
runs the sweeps, `servers` finds whom to ask, and `diagnosis` recognises the classic mistakes
behind a missing or wrong record.
"""

from wizard.watch.client import Client, ask, parse_response
from wizard.watch.compare import classify, same_value
from wizard.watch.diagnosis import diagnose, diagnose_sweep, txt_damaged
from wizard.watch.model import (
    Answer,
    Expectation,
    Outcome,
    PairResult,
    Role,
    ServerSpec,
    Status,
    Sweep,
)
from wizard.watch.schedule import DEFAULT_CEILING, Schedule, poll_interval
from wizard.watch.servers import (
    PUBLIC_RESOLVERS,
    authoritative_specs,
    discover_authoritative,
    given_authoritative_specs,
    resolver_specs,
)
from wizard.watch.watcher import NEGATIVE_CACHE_NOTE, Watcher

__all__ = [
    "DEFAULT_CEILING",
    "NEGATIVE_CACHE_NOTE",
    "PUBLIC_RESOLVERS",
    "Answer",
    "Client",
    "Expectation",
    "Outcome",
    "PairResult",
    "Role",
    "Schedule",
    "ServerSpec",
    "Status",
    "Sweep",
    "Watcher",
    "ask",
    "authoritative_specs",
    "classify",
    "diagnose",
    "diagnose_sweep",
    "discover_authoritative",
    "given_authoritative_specs",
    "parse_response",
    "poll_interval",
    "resolver_specs",
    "same_value",
    "txt_damaged",
]

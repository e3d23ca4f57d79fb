"""When to ask again: often while a fresh record usually appears, then backing off.

A record written a moment ago shows up within seconds on the authoritative servers, so the
first minute is polled every 2 s; after that resolvers are waiting out TTLs, so the interval
grows to a minute, unless a cached answer is known to expire sooner: then the watcher wakes
at that expiry (a hair after it), so the tick appears as the countdown reaches zero.
"""

from __future__ import annotations

from wizard.watch.model import Sweep

#: How long a watch waits at most before it reports a timeout: the longest TTLs are a day or
#: two, and some DNS hosts publish changes hours late.
DEFAULT_CEILING = 72 * 3600.0
#: How long after a known expiry the watcher asks again: enough for the resolver to let go.
EXPIRY_MARGIN = 0.05
#: The shortest pause when an expiry is due. Resolvers count TTLs on a whole-second clock
#: (BIND, Unbound: a TTL of n ends after n-1 to n seconds), so the watcher wakes at the
#: earliest the answer can expire and, while it is still held, asks again this soon.
EXPIRY_RETRY = 0.2


def poll_interval(elapsed: float, *, sweeps_after_first_minute: int = 0) -> float:
    """Every 2 s in the first minute; then 30 s, backing off by a quarter each time to 60 s."""
    if elapsed < 60.0:
        return 2.0
    return float(min(60.0, 30.0 * 1.25**sweeps_after_first_minute))


class Schedule:
    """The pause after each sweep of one watch (it counts the sweeps after the first minute)."""

    def __init__(self, ceiling: float = DEFAULT_CEILING) -> None:
        self.ceiling = ceiling
        self._late_sweeps = 0

    def delay(self, elapsed: float, sweep: Sweep) -> float:
        """Seconds from the end of `sweep` to the start of the next, `elapsed` seconds in."""
        delay = poll_interval(elapsed, sweeps_after_first_minute=self._late_sweeps)
        if elapsed >= 60.0:
            self._late_sweeps += 1
        # Start to start: a slow sweep does not stretch the interval.
        delay -= max(0.0, sweep.finished - sweep.started)
        expiry = soonest_expiry(sweep)
        if expiry is not None:
            # Wake when the first cached answer expires, if that comes before the next poll.
            delay = min(delay, max(EXPIRY_RETRY, expiry - sweep.finished + EXPIRY_MARGIN))
        return max(0.0, min(delay, self.ceiling - elapsed))


def soonest_expiry(sweep: Sweep) -> float | None:
    """The earliest moment (on the watcher's clock) a cached answer of `sweep` can expire: a
    TTL of n seconds, counted in whole seconds, may end just after n-1 of them."""
    ends = [
        r.at + max(0.0, r.eta - 1.0)
        for r in sweep.results
        if r.status == "pending" and r.eta is not None
    ]
    return min(ends) if ends else None

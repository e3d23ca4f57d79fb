"""One confirmed round trip on each host written through dns-lexicon: requests and time.

    python bench/lexicon_hosts.py [--runs 3]

Each host's local fake (tests/fakes/lexicon/) takes the shared round trip of its test module's
`CASE` (every declared type applied, read back, updated, reverted). Prints, per host, the
records written, the HTTP requests the fake counted (reads and writes) and the median time of
the round trip, so a change to the plugin (the read-back, listing by name) shows its cost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.lexicon_roundtrip import LexiconCase, check_round_trip, samples  # noqa: E402
from tests.test_lexicon_hosts import CASES  # noqa: E402


def measure(case: LexiconCase[Any], runs: int) -> tuple[int, int, int, float]:
    """Records, requests, write requests and the median seconds of one round trip."""
    times: list[float] = []
    requests = writes = records = 0
    for _ in range(runs):
        with case.fake() as fake:
            provider = case.provider(fake)
            before = len(getattr(fake, "requests_seen", []))
            start = time.perf_counter()
            check_round_trip(provider, case.zone)
            times.append(time.perf_counter() - start)
            seen = getattr(fake, "requests_seen", [])[before:]
            requests = len(seen)
            writes = len(case.writes(fake))
            records = len(samples(provider, case.zone))
            provider.close()
    return records, requests, writes, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print(f"{'host':<14}{'records':>8}{'requests':>10}{'writes':>8}{'median ms':>11}")
    for case in CASES:
        records, requests, writes, seconds = measure(case, runs)
        print(f"{case.id:<14}{records:>8}{requests:>10}{writes:>8}{seconds * 1000:>11.1f}")


if __name__ == "__main__":
    main()

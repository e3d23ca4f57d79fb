"""Both faces say what the read-back confirmed: `apply` and `revert` on the command line, the
apply screen in the TUI; and a host that stored something else is a failed apply whose revert
the command line names."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.fakes.bind import BindServer
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from tests.pilot_steps import go, ready, until
from tests.test_tui_journeys import to_plan, walking
from wizard.cli import main
from wizard.commands import EXIT_FAILED, EXIT_OK
from wizard.environment import Environment

PASTE = """\
links.example.test. 3600 IN CNAME track.vendor.example.
bounce.example.test. 3600 IN MX 10 feedback-smtp.us-east-1.amazonses.com.
example.test. 3600 IN TXT "pendo-verification=abc"
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_apply_and_revert_say_what_was_confirmed(
    rfc2136_env: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--zone", "example.test", "--provider", "rfc2136", "--yes"]
    code, out, _ = run(capsys, "apply", paste_file(PASTE), *base)
    assert code == EXIT_OK, out
    host = "RFC 2136 (BIND, Knot, PowerDNS)"
    assert f"Confirmed at {host}: 3 of 3 changes exactly as given.\n" in out
    code, out, _ = run(capsys, "revert", "--yes")
    assert code == EXIT_OK, out
    assert f"Confirmed at {host}: 3 of 3 changes exactly as given.\n" in out


@pytest.fixture
def godaddy(monkeypatch: pytest.MonkeyPatch) -> Iterator[GoDaddyAPI]:
    with GoDaddyAPI({"example.test": sample_records()}) as server:
        monkeypatch.setenv("GODADDY_API_KEY", server.key)
        monkeypatch.setenv("GODADDY_API_SECRET", server.secret)
        monkeypatch.setenv("TRACKING_WIZARD_GODADDY_API_URL", server.url)
        yield server


def test_cli_a_host_that_stores_something_else_fails_and_names_the_revert(
    godaddy: GoDaddyAPI, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(map(str, godaddy.records("example.test")))
    godaddy.quirk = "drop-priority"
    base = ["--zone", "example.test", "--provider", "godaddy", "--yes"]
    code, out, err = run(capsys, "apply", paste_file(PASTE), *base)
    assert code == EXIT_FAILED
    assert err.startswith("Not stored as given: GoDaddy accepted the write but does not hold")
    assert "(read back through its API: 2 of 3 changes as given)" in err
    assert "the host holds bounce.example.test MX 0 feedback-smtp" in err
    assert "tracking-wizard revert --id " in err and "Confirmed at" not in out
    godaddy.quirk = None
    code, out, _ = run(capsys, "revert", "--yes")
    assert code == EXIT_OK, out
    assert "Confirmed at GoDaddy: 3 of 3 changes exactly as given." in out
    assert sorted(map(str, godaddy.records("example.test"))) == before


async def test_tui_apply_screen_says_what_was_confirmed(bind_env: Environment) -> None:
    async with walking(bind_env) as (app, pilot):
        await to_plan(pilot, app)
        await go(pilot, app, "#apply", "ApplyScreen")
        await until(pilot, ready(app, "#continue"))
        log = app.screen.query_one("#apply-log")
        lines = [str(line.text) for line in log.lines]  # type: ignore[attr-defined]
        assert lines[-1] == (
            "Confirmed at RFC 2136 (BIND, Knot, PowerDNS): 2 of 2 changes exactly as given."
        )

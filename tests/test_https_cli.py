"""`tracking-wizard https` and `revert` as a person runs them: subprocesses on moto and BIND."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.fakes.bind import BindServer
from tests.fakes.https_servers import WebServer
from tests.fakes.moto_server import MotoAws
from tests.json_shapes import shape_errors
from tests.test_crash import cli
from tests.test_https import HOST, ZONE, acm_validation, nothing_left

#: The moto, test CA and stand-in edge fixtures.
pytest_plugins = ["tests.https_fixtures"]


def wizard(
    bind: BindServer, data_dir: Path, *argv: str, crash_at: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m wizard ARGV` as in the crash tests, without the waits between AWS polls."""
    aws_env = {"TRACKING_WIZARD_AWS_POLL": "0"}
    return cli(bind, data_dir, *argv, crash_at=crash_at, env=aws_env, timeout=120)


def https_args(edge: WebServer, cacert: str, vendor: str = "pendo-us") -> list[str]:
    return [
        "https",
        HOST,
        "--vendor",
        vendor,
        "--provider",
        "rfc2136",
        "--zone",
        ZONE,
        "--resolve",
        f"{HOST}:{edge.port}:127.0.0.1",
        "--https-port",
        str(edge.port),
        "--cacert",
        cacert,
    ]


def test_https_json_then_revert(
    aws: MotoAws, bind: BindServer, data_dir: Path, edge: WebServer, cacert: str
) -> None:
    made = wizard(bind, data_dir, *https_args(edge, cacert), "--yes", "--json")
    assert made.returncode == 0, made.stderr
    out = json.loads(made.stdout)
    assert shape_errors("https", out) == []
    assert out["certificate_arn"].startswith("arn:aws:acm:us-east-1:")
    (dist,) = aws.distributions()
    assert (out["distribution_id"], out["distribution_domain"]) == (dist["Id"], dist["DomainName"])
    assert [(r["type"], r["name"]) for r in out["records"]] == [
        ("CNAME", acm_validation(aws, out["certificate_arn"])[0]),
        ("CNAME", HOST),
    ]
    assert out["readiness"]["status"] == "ok" and out["error"] is None
    assert bind.texts(HOST, "CNAME") == [f"{dist['DomainName']}."]
    assert bind.key_secret not in (data_dir / "journal.jsonl").read_text()

    listed = wizard(bind, data_dir, "journal", "--json")
    assert listed.returncode == 0, listed.stderr
    assert shape_errors("journal", json.loads(listed.stdout)) == []

    reverted = wizard(bind, data_dir, "revert", "--yes", "--json")
    assert reverted.returncode == 0, reverted.stderr
    undone = json.loads(reverted.stdout)
    assert shape_errors("revert", undone) == []
    assert (undone["target"], undone["apply_id"]) == ("https", out["run_id"])
    disable = f"disable, then delete CloudFront distribution {dist['Id']}"
    assert any(step.startswith(disable) for step in undone["steps"])
    nothing_left(aws, bind)
    again = wizard(bind, data_dir, "revert", "--yes", "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["target"] is None
    again = wizard(bind, data_dir, "revert", "--yes")
    assert again.returncode == 0 and "Nothing to revert" in again.stdout


def test_without_a_terminal_or_yes_nothing_is_made(
    aws: MotoAws, bind: BindServer, data_dir: Path, edge: WebServer, cacert: str
) -> None:
    refused = wizard(bind, data_dir, *https_args(edge, cacert))
    assert refused.returncode == 4
    assert "no terminal" in refused.stderr
    assert "a CloudFront distribution for links.example.test" in refused.stdout
    assert aws.proxy.calls == []  # the preview reads the DNS host only
    assert not (data_dir / "journal.jsonl").exists()


def test_customerio_needs_to_be_told_the_domain_is_an_older_one(
    aws: MotoAws, bind: BindServer, data_dir: Path, edge: WebServer, cacert: str
) -> None:
    args = https_args(edge, cacert, vendor="customerio-us")
    refused = wizard(bind, data_dir, *args, "--yes")
    assert refused.returncode == 4
    assert "7 October 2025" in refused.stderr and "--older-domain" in refused.stderr
    made = wizard(bind, data_dir, *args, "--yes", "--older-domain", "--json")
    assert made.returncode == 0, made.stderr
    (dist,) = aws.distributions()
    assert dist["DistributionConfig"]["Origins"]["Items"][0]["DomainName"] == "track.customer.io"


def test_a_vendor_without_an_origin_is_a_usage_error(
    bind: BindServer, data_dir: Path, edge: WebServer, cacert: str
) -> None:
    done = wizard(bind, data_dir, *https_args(edge, cacert, vendor="generic"), "--yes")
    assert done.returncode == 2 and "no tracking origin" in done.stderr


def test_records_at_the_host_stop_it_with_exit_1(
    aws: MotoAws, bind: BindServer, data_dir: Path, edge: WebServer, cacert: str
) -> None:
    args = https_args(edge, cacert)
    args[1] = f"www.{ZONE}"
    done = wizard(bind, data_dir, *args, "--yes")
    assert done.returncode == 1 and "already has A records" in done.stderr
    assert aws.certificates() == []


def test_revert_undoes_the_latest_thing_first_whichever_kind(
    aws: MotoAws, bind: BindServer, data_dir: Path, edge: WebServer, cacert: str, tmp_path: Path
) -> None:
    assert wizard(bind, data_dir, *https_args(edge, cacert), "--yes").returncode == 0
    paste = tmp_path / "paste.txt"
    paste.write_text(f'{ZONE}. 300 IN TXT "pendo-verification=abc"\n')
    applied = wizard(
        bind, data_dir, "apply", str(paste), "--zone", ZONE, "--provider", "rfc2136", "--yes"
    )
    assert applied.returncode == 0, applied.stderr
    first = wizard(bind, data_dir, "revert", "--yes")
    assert first.returncode == 0, first.stderr
    assert '"pendo-verification=abc"' not in bind.texts(ZONE, "TXT")
    assert len(aws.distributions()) == 1  # the HTTPS run is still there
    second = wizard(bind, data_dir, "revert", "--yes")
    assert second.returncode == 0, second.stderr
    assert "HTTPS run" in second.stdout
    nothing_left(aws, bind)

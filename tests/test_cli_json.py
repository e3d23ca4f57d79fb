"""Every `--json` command prints one documented shape (tests/json_shapes.py, the README's "JSON
output" section) whatever the outcome, against a real BIND through the real entry point; and
the README's example of each command fits its shape."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.bind import BindServer
from tests.json_shapes import SHAPES, shape_errors
from wizard.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
PASTE = "links.example.test. 300 IN CNAME track.vendor.example.\n"
#: www.example.test holds an A record: a CNAME there is a conflict.
CONFLICT = "www.example.test. 300 IN CNAME track.vendor.example.\n"
#: Once PASTE is in, another CNAME at its name is an update, which needs --replace.
UPDATE = "links.example.test. 300 IN CNAME other.vendor.example.\n"
BAD = "links.example.test CNAME\n"


class Outputs:
    """Runs commands with `--json` and keeps each output by command, checked against its shape."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.seen: dict[str, list[int]] = {}

    def __call__(self, *argv: str) -> tuple[int, Any]:
        code = main([*argv, "--json"])
        out = self.capsys.readouterr().out
        command = argv[0]
        if command == "watch":
            document: Any = [json.loads(line) for line in out.splitlines() if line.strip()]
            problems = [p for line in document for p in shape_errors(command, line)]
        else:
            document = json.loads(out)
            problems = shape_errors(command, document)
        assert problems == [], (argv, code, problems, out)
        self.seen.setdefault(command, []).append(code)
        return code, document


@pytest.fixture
def outputs(capsys: pytest.CaptureFixture[str]) -> Outputs:
    return Outputs(capsys)


def test_each_command_has_one_shape_whatever_the_outcome(
    rfc2136_env: BindServer,
    paste_file: Callable[..., str],
    outputs: Outputs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bind = rfc2136_env
    paste = paste_file(PASTE, "paste.txt")
    at = ["--zone", "example.test", "--provider", "rfc2136"]

    code, doc = outputs("records", paste)
    assert code == 0 and doc["records"][0]["name"] == "links.example.test"
    code, doc = outputs("records", paste_file(BAD, "bad.txt"))
    assert code == 1 and doc["findings"]

    code, doc = outputs("zone", "links.example.test", "--resolver", bind.server)
    assert code == 0 and doc["zone"] == "example.test"

    code, doc = outputs("plan", paste, *at)
    assert code == 0 and doc["summary"]["create"] == 1
    code, doc = outputs("plan", paste_file(CONFLICT, "conflict.txt"), *at)
    assert code == 1 and doc["summary"]["conflict"] == 1
    code, doc = outputs("plan", paste_file(BAD, "bad.txt"), *at)
    assert code == 1 and doc["items"] == [] and doc["findings"]

    code, doc = outputs("journal")
    assert code == 0 and doc["applies"] == []
    code, doc = outputs("revert", "--yes")
    assert code == 0 and doc["target"] is None and doc["revert_id"] is None

    code, doc = outputs("apply", paste_file(BAD, "bad.txt"), *at, "--yes")
    assert code == 1 and doc["apply_id"] is None and doc["error"]
    code, doc = outputs("apply", paste_file(CONFLICT, "conflict.txt"), *at, "--yes")
    assert code == 1 and doc["error"]["title"] == "Conflicting records"
    code, doc = outputs("apply", paste, *at)  # no terminal and no --yes
    assert code == 4 and doc["error"]["title"] == "Refused"
    code, doc = outputs("apply", paste, *at, "--yes")
    assert (
        code == 0 and doc["apply_id"] and doc["written"][0]["new"]["name"] == "links.example.test"
    )
    code, doc = outputs("apply", paste, *at, "--yes")
    assert code == 0 and doc["apply_id"] is None and doc["plan"]["summary"]["present"] == 1
    code, doc = outputs("apply", paste_file(UPDATE, "update.txt"), *at, "--yes")
    assert code == 4 and doc["error"]["title"] == "Refused" and doc["written"] == []
    monkeypatch.setenv("TRACKING_WIZARD_MANUAL_NAMESERVER", bind.server)
    code, doc = outputs("apply", paste_file(CONFLICT.replace("www", "w2"), "new.txt"),
                        "--zone", "example.test", "--provider", "manual")  # fmt: skip
    assert code == 0 and doc["by_hand"]["instructions"][0]["host_field"] == "w2"

    watch = ["watch", paste, "--authoritative", bind.server, "--authoritative-only", "--once"]
    code, lines = outputs(*watch)
    assert code == 0 and lines[0]["record"]["name"] == "links.example.test"
    code, doc = outputs("journal")
    assert code == 0 and len(doc["applies"]) == 1

    code, doc = outputs("revert")  # no terminal and no --yes
    assert code == 4 and doc["target"] == "apply" and doc["revert_id"] is None
    code, doc = outputs("revert", "--yes")
    assert code == 0 and doc["target"] == "apply" and doc["revert_id"]
    assert doc["changes"][0]["existing"]["name"] == "links.example.test"
    code, lines = outputs(*watch)
    assert code == 1 and lines[-1]["final"] and not lines[-1]["all_good"]
    child = paste_file("links.child.example.test CNAME data.vendor.test\n", "child.txt")
    code, lines = outputs("watch", child, "--authoritative", bind.server, "--resolver",
                          bind.server, "--domain", "example.test", "--once")  # fmt: skip
    assert code == 1 and lines[-1]["findings"][0]["record"]["name"] == "links.child.example.test"

    # Refused before anything is made: still the shape of a run's outcome.
    code, doc = outputs("https", "links.example.test", "--vendor", "customerio-us", *at)
    assert code == 4 and doc["run_id"] is None and doc["error"]["title"] == "Refused"

    both = {"records", "plan", "apply", "revert", "watch"}  # journal: empty, then one apply
    assert all(len(set(outputs.seen[command])) > 1 for command in both), outputs.seen


def test_usage_errors_print_no_json(
    paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 says why on stderr and leaves standard output empty, so a script sees no shape."""
    assert main(["plan", paste_file(PASTE), "--provider", "nope", "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "nope" in err


def readme_examples() -> dict[str, list[Any]]:
    """The examples under each "### `COMMAND --json`" heading of the README's JSON section."""
    text = README.read_text()
    section = text[text.index("## JSON output") :]
    section = section[: section.index("\n## ", 1)]
    examples: dict[str, list[Any]] = {}
    for part in re.split(r"^### ", section, flags=re.MULTILINE)[1:]:
        command = part.split("`")[1].split()[0]
        for block in re.findall(r"```(json|jsonl)\n(.*?)```", part, flags=re.DOTALL):
            kind, body = block
            found = (
                [json.loads(line) for line in body.splitlines()]
                if kind == "jsonl"
                else [json.loads(body)]
            )
            examples.setdefault(command, []).extend(found)
    return examples


def test_the_readme_shows_each_command_s_shape_by_an_example_that_fits() -> None:
    examples = readme_examples()
    assert set(examples) == set(SHAPES)
    for command, documents in examples.items():
        for document in documents:
            assert shape_errors(command, document) == [], (command, document)

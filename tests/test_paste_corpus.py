"""Pastes reconstructed from vendors' public setup pages, each beside its expected records.

The expected files were written by hand from the vendor's page, before the reader read the
paste: a difference is the reader's to explain, not the expected file's to absorb.

An expected file holds `records` (type, name, value, ttl, priority; all of them, in order) and
`problems`: `[level, code, line]` for every error and warning the reader must give. Info
findings (a heading, a caption, a status column named) are the reader's account of each line
and are not compared here: the properties in test_paste_properties.py hold them to that.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_der_public_key

from wizard.model.records import Record
from wizard.paste import parse_paste

PASTES = Path(__file__).parent / "pastes"
CASES = sorted(PASTES.glob("*.txt"))
IDS = [p.stem for p in CASES]


def expected_of(paste: Path) -> dict[str, Any]:
    return json.loads(paste.with_suffix(".expected.json").read_text())  # type: ignore[no-any-return]


def test_the_corpus_covers_enough_vendors() -> None:
    vendors = {expected_of(p)["vendor"] for p in CASES}
    assert len(CASES) >= 80 and len(vendors) >= 40, (len(CASES), len(vendors), sorted(vendors))


@pytest.mark.parametrize("paste", CASES, ids=IDS)
def test_paste_reads_as_the_vendor_gave_it(paste: Path) -> None:
    expected = expected_of(paste)
    records, findings = parse_paste(paste.read_bytes().decode(), expected["domain"])
    assert records == [Record(*fields) for fields in expected["records"]]
    problems = sorted([f.level, f.code, f.line] for f in findings if f.level != "info")
    assert problems == sorted(expected["problems"]), [str(f) for f in findings]
    for finding in findings:
        assert finding.line is not None, finding
        assert finding.message.startswith((f"Line {finding.line}:", f"Lines {finding.line}-"))


# ---- a value never holds text the vendor did not give --------------------------------------


def given_pieces(text: str) -> list[str]:
    """The stretches of the paste a value may be read from: a value may be wrapped over lines
    (the line breaks dropped), but never runs across a blank line or a tab (a cell's edge)."""
    pieces: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        for cell in block.split("\t"):
            pieces.append(cell.replace("\r", "").replace("\n", ""))
    return pieces


def foreign_tokens(value: str, text: str) -> list[str]:
    """The whitespace-separated tokens of `value` that no stretch of the paste holds."""
    pieces = given_pieces(text)
    return [t for t in value.split() if not any(t.strip('"') in p for p in pieces)]


@pytest.mark.parametrize("paste", CASES, ids=IDS)
def test_no_value_holds_a_token_the_paste_does_not(paste: Path) -> None:
    expected = expected_of(paste)
    text = paste.read_bytes().decode()
    records, _ = parse_paste(text, expected["domain"])
    for record in records:
        assert foreign_tokens(record.value, text) == [], record


@pytest.mark.parametrize("paste", CASES, ids=IDS)
def test_the_expected_records_are_made_of_the_paste(paste: Path) -> None:
    """The hand-written expectation obeys the same rule, and every DKIM key in it is a real one
    (a placeholder from a help page would be refused by the value check, as it should be)."""
    expected = expected_of(paste)
    text = paste.read_bytes().decode()
    for rtype, _name, value, _ttl, _priority in expected["records"]:
        assert foreign_tokens(value, text) == [], value
        if rtype == "TXT" and re.search(r"(^|;)\s*p=[A-Za-z0-9+/]{20}", value):
            key = re.search(r"p=([A-Za-z0-9+/=]+)", value)
            assert key is not None
            assert isinstance(load_der_public_key(base64.b64decode(key.group(1))), RSAPublicKey)
    for level, code, line in expected["problems"]:
        assert level in ("error", "warning") and code and 1 <= line <= len(text.splitlines())


def test_the_token_check_catches_a_heading_glued_onto_a_key() -> None:
    """issue 21's first case: the next block's heading read onto the DKIM key."""
    text = (PASTES / "postmark_headings_blank_blocks.txt").read_text()
    key = re.search(r"p=(\S+)", text)
    assert key is not None
    assert foreign_tokens(f"k=rsa;p={key.group(1)}Return-Path", text) != []
    assert foreign_tokens(f"k=rsa;p={key.group(1)}", text) == []

"""Pastes reconstructed from vendors' public setup pages, each beside its expected records.

The expected files were written by hand from the vendor's page, before the reader read the
paste: a difference is the reader's to explain, not the expected file's to absorb.

An expected file holds the page it was taken from (`source`), the `shapes` it shows, `records`
(type, name, value, ttl, priority; all of them, in order) and `problems`: `[level, code, line]`
for every error and warning the reader must give. Info
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


#: Each shape a paste is tagged with, as its expected file's `shapes` names them.
SHAPES = {
    # how the records are laid out
    "tab-table": "cells split by tabs, as a browser copies an HTML table",
    "aligned-spaces": "columns aligned with runs of spaces",
    "two-space": "cells split by exactly two spaces",
    "single-space": "cells split by single spaces",
    "markdown": "cells split by pipes, with or without a --- rule",
    "csv": "comma-separated, quoted as a spreadsheet exports",
    "label-lines": "'Label: value' lines, a block per record",
    "labels-alone": "a label on its own line, its value on the next",
    "vertical-two-column": "one 'label<TAB>value' line per field, a block per record",
    "zone-file": "BIND zone-file lines",
    "api-json": "a vendor's API JSON",
    # what surrounds or interleaves them
    "headings": "heading lines between or above the records",
    "prose-around": "sentences before, between or after the records",
    "status-column": "a Status column of words (Unverified, Pending...)",
    "status-lines": "a status word on a line of its own",
    "status-glyphs": "check/warning/cross glyphs as cells",
    "copy-captions": "a copy button's 'Copy' caption as a cell or a line",
    "wrapped-value": "a long value wrapped over several lines",
    "no-header": "rows without their header row",
    "crlf": "CRLF line ends",
    "smart-quotes": "a word processor's typographic quotes",
    "trailing-dots": "names or targets ending in a dot",
    "priority-in-value": "an MX priority written before its server in the value",
    "ttl-auto-json": 'Cloudflare-shaped JSON whose "ttl": 1 means automatic',
    "error-expected": "a line that must be an error (a cut record, two readings)",
}
#: The shapes issue 21 names in its "Why", each of which the corpus must hold.
ISSUE_21_SHAPES = [
    {"label-lines", "headings"},  # Postmark: headings between blank-line separated label blocks
    {"single-space", "status-column"},  # Type Hostname Enter This Value Status ... Unverified
    {"labels-alone", "wrapped-value"},  # Google Workspace DKIM: the label, a six-line value
    {"two-space", "headings"},  # Mailgun's two-space tables, MX among them
    {"vertical-two-column"},
    {"copy-captions"},
    {"status-glyphs"},
    {"prose-around"},
    {"ttl-auto-json"},
]


def test_every_shape_issue_21_names_is_in_the_corpus() -> None:
    tagged = [set(expected_of(p)["shapes"]) for p in CASES]
    assert all(shapes and shapes <= set(SHAPES) for shapes in tagged), "unknown or no shape"
    missing = [need for need in ISSUE_21_SHAPES if not any(need <= shapes for shapes in tagged)]
    assert missing == []


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

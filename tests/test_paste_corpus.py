"""Pastes reconstructed from vendors' public setup pages, each beside its expected records.

The expected files were written by hand from the vendor's page, before the parser read the
paste: a difference is the parser's to explain, not the expected file's to absorb.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard.model.records import Record
from wizard.paste import parse_paste

PASTES = Path(__file__).parent / "pastes"
CASES = sorted(PASTES.glob("*.txt"))


def test_the_corpus_covers_enough_vendors() -> None:
    vendors = {json.loads(p.with_suffix(".expected.json").read_text())["vendor"] for p in CASES}
    assert len(CASES) >= 30 and len(vendors) >= 15, (len(CASES), vendors)


@pytest.mark.parametrize("paste", CASES, ids=[p.stem for p in CASES])
def test_paste_reads_as_the_vendor_gave_it(paste: Path) -> None:
    expected = json.loads(paste.with_suffix(".expected.json").read_text())
    records, findings = parse_paste(paste.read_text(), expected["domain"])
    assert records == [Record(*fields) for fields in expected["records"]]
    assert [f.code for f in findings] == expected["findings"], [str(f) for f in findings]
    for finding in findings:
        assert finding.line is not None
        assert finding.message.startswith((f"Line {finding.line}:", f"Lines {finding.line}-"))

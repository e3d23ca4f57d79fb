"""A paste cut into regions, each read by its own reader: a page may mix shapes.

A region ends at a blank line and where the shape changes: a JSON document, a run of zone-file
lines, a run of `Label: value` lines, a table, or lines of words around them (headings, prose,
captions). Regions of the same shape separated only by blank lines stay one region, with the
blank lines kept, so a table's header or a zone's `$ORIGIN` still applies past a blank line
while a value never runs across one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from wizard.paste.blocks import looks_like_blocks
from wizard.paste.cells import WIDE_GAP, Separator, choose_separator, split
from wizard.paste.headers import read_header
from wizard.paste.labels import label
from wizard.paste.lines import line_role, record_words
from wizard.paste.vocabulary import IGNORED
from wizard.paste.zonefile import looks_like_zone

Kind = Literal["json", "zone", "labels", "table", "words"]
Lines = list[tuple[int, str]]
JSON_START = re.compile(r"\s*[\[{]\s*($|[\[{\"\]}\d-])")


@dataclass(frozen=True)
class Region:
    """Lines read by one reader; blank lines inside a merged region are kept as ''."""

    kind: Kind
    lines: tuple[tuple[int, str], ...]

    @property
    def first(self) -> int:
        return self.lines[0][0]


def split_regions(lines: Lines) -> list[Region]:
    """The regions of a paste, in order; `lines` are (number, cleaned text), blanks included."""
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        number, text = lines[i]
        if not text.strip():
            regions.append(Region("words", ()))  # a boundary; dropped below
            i += 1
            continue
        if JSON_START.match(text):
            end = _json_end(lines, i)
            regions.append(Region("json", tuple(lines[i : end + 1])))
            i = end + 1
            continue
        start = i
        while i < len(lines) and lines[i][1].strip() and not JSON_START.match(lines[i][1]):
            i += 1
        regions.extend(_block(lines[start:i]))
    return _merge(regions)


def _json_end(lines: Lines, i: int) -> int:
    """The index of the line a JSON document starting at line `i` ends on; the paste's end
    when it does not parse (the JSON reader then says where it fails)."""
    text = "\n".join(t for _, t in lines[i:])
    start = len(text) - len(text.lstrip())
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError:
        return len(lines) - 1
    return i + text.count("\n", 0, end)


def _block(block: Lines) -> list[Region]:
    """One run of non-blank lines: words before it peeled off, then read by one shape."""
    lead = 0
    while lead < len(block) and _is_words(block[lead][1], block[lead][0]):
        lead += 1
    head, core = block[:lead], block[lead:]
    out = [Region("words", tuple(head))] if head else []
    if not core:
        return out
    kind = _kind(core)
    cut = _table_header_at(core) if kind == "zone" else None
    if cut is not None:  # zone lines, then a table's header: the table is no zone text
        return [*out, Region("zone", tuple(core[:cut])), *_block(core[cut:])]
    tail: Lines = []
    if kind in ("table", "zone"):
        end = len(core)
        while end > 1 and _is_words(core[end - 1][1], core[end - 1][0]):
            end -= 1
        core, tail = core[:end], core[end:]
    out.append(Region(kind, tuple(core)))
    if tail:
        out.append(Region("words", tuple(tail)))
    return out


def _table_header_at(core: Lines) -> int | None:
    """The index of the first line after the first that is a table's header row."""
    for i, (number, text) in enumerate(core[1:], start=1):
        separator = choose_separator([text])
        if separator != "tokens" and read_header(split(text, separator), number) is not None:
            return i
    return None


def _is_words(text: str, number: int) -> bool:
    """A heading, sentence, caption or status line that no table row, header or label is."""
    if label(text) is not None or "\t" in text or "|" in text or WIDE_GAP.search(text.strip()):
        return False
    if line_role(text) is None or record_words(text, number):
        return False
    separators: tuple[Separator, ...] = ("csv", "tokens") if "," in text else ("tokens",)
    return all(read_header(split(text, sep), number, sep) is None for sep in separators)


def _kind(core: Lines) -> Kind:
    number, first = core[0]
    separator = choose_separator([first])
    if separator != "tokens" and read_header(split(first, separator), number) is not None:
        return "table"  # a header row: "Status⇥Type" is no zone line, whatever a row holds
    if looks_like_zone(core):
        return "zone"
    if looks_like_blocks(core) or _starts_a_block(core):
        return "labels"
    return "table"


def _starts_a_block(core: Lines) -> bool:
    """Labels among lines that hold no table row: a label block, short or cut by blank lines
    (`DNS Host name:` / `google._domainkey`), or opened by an ignored field (`Selected domain:
    example.com`). A sentence that ends by naming a field opens one only when one word
    follows it."""
    labels = [label(text) for _, text in core]
    fields = [found for found in labels if found is not None and found.role != IGNORED]
    if not fields or (labels[0] is None and len(fields) < 2):
        return False
    first = labels[0]
    if first is not None and first.sentence and (len(core) < 2 or " " in core[1][1].strip()):
        return False
    return not any(
        ("|" in text or WIDE_GAP.search(text.strip()) or "\t" in text) and found is None
        for (_, text), found in zip(core, labels, strict=True)
    )


def _merge(regions: list[Region]) -> list[Region]:
    """Same-shape regions with only blank lines between them become one (blank lines kept)."""
    out: list[Region] = []
    blanks: list[tuple[int, str]] = []
    for region in regions:
        if not region.lines:
            if out:
                blanks.append((0, ""))
            continue
        previous = out[-1] if out else None
        if previous is not None and blanks and _zone_goes_on(previous, region):
            region = Region("zone", region.lines)
        if (
            previous is not None
            and blanks
            and previous.kind == region.kind
            and region.kind in ("zone", "labels", "table")
        ):
            gap = [(n, "") for n in range(previous.lines[-1][0] + 1, region.first)]
            out[-1] = Region(region.kind, previous.lines + tuple(gap) + region.lines)
        elif previous is not None and not blanks and previous.kind == region.kind == "words":
            out[-1] = Region("words", previous.lines + region.lines)
        else:
            out.append(region)
        blanks = []
    return out


def _zone_goes_on(previous: Region, region: Region) -> bool:
    """Zone-file lines after a blank line, without IN (`bounce MX 10 mail`): the zone goes on,
    so a relative target is still completed with its `$ORIGIN`."""
    return (
        previous.kind == "zone"
        and region.kind == "table"
        and all(record_words(text, number) for number, text in region.lines)
    )

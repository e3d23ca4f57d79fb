"""Properties of the paste parser over generated vendor-like tables and shapes.

Tables come in a random column order, with a header in the vendors' words or none, split by
tabs, pipes, CSV or aligned spaces, with up to three extra columns (Status, Notes...) and
random TTL and priority spellings. Every value must be the generator's value cell, and no value
may hold text from another column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.examples import examples
from wizard.model.records import Record
from wizard.paste import parse_paste

#: The shape properties' count: 2000 under CI (HYPOTHESIS_PROFILE=ci), a tenth by default.
PROFILE = settings(
    max_examples=examples(2000), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

DOMAIN = "example.com"
#: A real RSA public key (base64 DER SubjectPublicKeyInfo), as a vendor's dashboard shows one: the
#: value check refuses a `p=` that is not a key.
DKIM_KEY = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDB8hpOAZiYyXzVQF70UdzerItURECzEkHIG0p85x7LnR7Xs50r"
    "77KirT5uJxc+S7e7wOPlP95HVYXpOpM/7fiUqtWxQeRBIqAT5uKPMcHW3K8GI+7Qq0bsRCf08s6bFSfiz35nCfTO"
    "TT3W80rEJsXaFEc/5r9fneu0CoZ0C2ipzwIDAQAB"
)

CNAMES = [
    ("links", "e.customeriomail.com"),
    ("em1234", "u1234.wl235.sendgrid.net"),
    ("s1._domainkey", "s1.domainkey.u1234.wl235.sendgrid.net"),
    ("abc123._domainkey", "abc123.dkim.amazonses.com"),
    ("pm-bounces", "pm.mtasv.net"),
    ("email.mg", "mailgun.org"),
    ("hs1-42._domainkey", "example-com.hs01a.dkim.hubspotemail.net"),
    ("zendesk1._domainkey", "zendesk1._domainkey.zendesk.com"),
]
TXTS = [
    ("@", "v=spf1 include:mailgun.org ~all"),
    ("_dmarc", "v=DMARC1; p=none; rua=mailto:dmarc@example.com"),
    ("@", "google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ"),
    ("mg", "v=spf1 include:mailgun.org ~all"),
    ("resend._domainkey", f"p={DKIM_KEY}"),
    ("send", "v=spf1 include:amazonses.com ~all"),
]
MXS = [("@", "aspmx.l.google.com"), ("send", "feedback-smtp.us-east-1.amazonses.com")]

NAME_HEADERS = [
    "Host",
    "Hostname",
    "Host name",
    "Name",
    "Name/Host/Alias",
    "Record name",
    "DNS Host name (TXT record name)",
]
VALUE_HEADERS = [
    "Value",
    "Points to address or value",
    "Value/Answer/Destination",
    "Data",
    "Content",
    "Target",
    "Points to",
    "TXT record value",
]
TYPE_HEADERS = ["Type", "Record Type", "Record type"]
TTL_HEADERS = ["TTL", "Time to Live (TTL*)", "Time to live"]
PRIORITY_HEADERS = ["Priority", "Preference"]
EXTRA_HEADERS = ["Status", "Notes", "Record Purpose", "Added?", "#", "Verified", "Purpose"]
#: What a Status column holds: the only extra cells a table without header may have.
STATUS_CELLS = ["Verified", "Unverified", "Pending", "Not verified", "Active", "Failed", "✓"]
TTLS = {
    "3600": 3600,
    "1 Hour": 3600,
    "Auto": None,
    "3600 seconds": 3600,
    "1h": 3600,
    "300": 300,
    "1/2 Hour": 1800,
    "14400": 14400,
}
EXTRA_WORD = st.from_regex(r"[A-Z][a-z]{2,8}( [a-z0-9]{1,6})?", fullmatch=True)


@dataclass
class Generated:
    text: str
    #: per record: the row's cells by role ("value", "extra0"...), and the record expected
    rows: list[tuple[dict[str, str], Record]]


@st.composite
def vendor_tables(draw: st.DrawFn) -> Generated:
    kinds = draw(st.lists(st.sampled_from(["CNAME", "TXT", "MX"]), min_size=1, max_size=5))
    header = draw(st.booleans())
    separator = draw(st.sampled_from(["tab", "pipe", "pipe-bare", "csv", "spaces"]))
    with_ttl = draw(st.booleans())
    prio_style = draw(st.sampled_from(["column", "value", "type"]))
    extras = draw(st.integers(0, 3))
    rows: list[tuple[dict[str, str], Record]] = []
    for kind in kinds:
        cells: dict[str, str] = {"type": kind}
        full = draw(st.booleans())
        if kind == "CNAME":
            name, value = draw(st.sampled_from(CNAMES))
        elif kind == "TXT":
            name, value = draw(st.sampled_from(TXTS))
        else:
            name, value = draw(st.sampled_from(MXS))
        # Without a header, "email.mg" could be a name or a target in .mg: pages show it full.
        full = full or (not header and "." in name and "_" not in name)
        shown = f"{name}.{DOMAIN}" if full and name != "@" else name
        fqdn = DOMAIN if name == "@" else f"{name}.{DOMAIN}"
        cells["name"] = shown
        cells["value"] = value
        if kind == "TXT" and separator == "tab" and draw(st.booleans()):
            cells["value"] = f'"{value}"'
        ttl_text = draw(st.sampled_from(sorted(TTLS))) if with_ttl else ""
        if with_ttl:
            cells["ttl"] = ttl_text
        priority = None
        if kind == "MX":
            priority = draw(st.sampled_from([0, 1, 5, 10, 20]))
            if prio_style == "value":
                cells["value"] = f"{priority} {value}"
            elif prio_style == "type":
                cells["type"] = f"MX {priority}"
        if prio_style == "column" and "MX" in kinds:
            cells["priority"] = str(priority) if priority is not None else ""
        for i in range(extras):
            cells[f"extra{i}"] = (
                draw(EXTRA_WORD) if header and i % 2 == 0 else draw(st.sampled_from(STATUS_CELLS))
            )
        ttl = TTLS[ttl_text] if with_ttl else None
        rows.append((cells, Record(kind, fqdn, value, ttl, priority)))  # type: ignore[arg-type]
    roles = list(rows[0][0])
    order = draw(st.permutations(roles))
    headers = {
        "type": draw(st.sampled_from(TYPE_HEADERS)),
        "name": draw(st.sampled_from(NAME_HEADERS)),
        "value": draw(st.sampled_from(VALUE_HEADERS)),
        "ttl": draw(st.sampled_from(TTL_HEADERS)),
        "priority": draw(st.sampled_from(PRIORITY_HEADERS)),
        **{f"extra{i}": draw(st.sampled_from(EXTRA_HEADERS)) for i in range(extras)},
    }
    table = [[cells[role] for role in order] for cells, _ in rows]
    if header:
        table.insert(0, [headers[role] for role in order])
    return Generated(render(table, separator, header, draw), rows)


def render(table: list[list[str]], separator: str, header: bool, draw: st.DrawFn) -> str:
    if separator == "tab":
        return "".join("\t".join(row) + "\n" for row in table)
    if separator == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table)
        return out.getvalue()
    if separator.startswith("pipe"):
        bare = separator == "pipe-bare"
        lines = [" | ".join(row) if bare else "| " + " | ".join(row) + " |" for row in table]
        if header and draw(st.booleans()):
            rule = " | ".join("---" for _ in table[0])
            lines.insert(1, rule if bare else f"| {rule} |")
        return "\n".join(lines) + "\n"
    widths = [
        max(len(row[j]) for row in table) + draw(st.integers(2, 4)) for j in range(len(table[0]))
    ]
    return "".join(
        "".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
        for row in table
    )


def squash(text: str) -> str:
    return re.sub(r"[\s\"']", "", text)


@settings(max_examples=examples(2000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vendor_tables())
def test_every_value_is_its_value_cell_and_holds_no_other_column(generated: Generated) -> None:
    records, findings = parse_paste(generated.text, DOMAIN)
    errors = [f for f in findings if f.level == "error"]
    assert errors == [], (generated.text, errors)
    expected: dict[tuple[str, str, str, int | None], Record] = {}
    for _, record in generated.rows:  # a repeated record is written once, as the first
        expected.setdefault((record.name, record.type, record.value, record.priority), record)
    assert records == list(expected.values()), generated.text
    for cells, record in generated.rows:
        parsed = next(r for r in records if r.same_data(record))
        cell = cells["value"]
        shown = cell[1:-1] if cell.startswith('"') else cell
        given_value = (
            shown if parsed.priority is None else shown.removeprefix(f"{parsed.priority} ")
        )
        assert parsed.value == given_value
        for role, other in cells.items():
            if role != "value" and other not in cell:
                assert other not in parsed.value, (role, other, generated.text)


# ---- every value written occurs in the paste ----------------------------------------------


@st.composite
def any_shape(draw: st.DrawFn) -> str:
    """The same records in a table, label blocks, vendor JSON or zone-file lines."""
    picks = draw(
        st.lists(
            st.sampled_from(
                [("CNAME", *c) for c in CNAMES]
                + [("TXT", *t) for t in TXTS]
                + [("MX", *m) for m in MXS]
            ),
            min_size=1,
            max_size=4,
        )
    )
    shape = draw(st.sampled_from(["blocks", "blocks-alone", "json", "json-keyed", "zone"]))
    if shape.startswith("blocks"):
        alone = shape == "blocks-alone"
        parts = []
        for rtype, name, value in picks:
            shown = f"10 {value}" if rtype == "MX" else value
            fields = [("Type", rtype), ("Host name", name), ("Value", shown)]
            if draw(st.booleans()):
                fields.append(("Status", draw(st.sampled_from(STATUS_CELLS))))
            parts.append("".join(f"{k}\n{v}\n" if alone else f"{k}: {v}\n" for k, v in fields))
        return "\n".join(parts)
    if shape.startswith("json"):
        items = [
            {
                "record": "Purpose",
                "name": name,
                "type": rtype,
                "value": f'"{value}"' if rtype == "TXT" else value,
                "ttl": "Auto",
                **({"priority": 10} if rtype == "MX" else {}),
            }
            for rtype, name, value in picks
        ]
        if shape == "json-keyed":
            keyed = {
                f"key{i}": {
                    "host": it["name"],
                    "type": str(it["type"]).lower(),
                    "data": it["value"],
                    "valid": False,
                    **({"priority": 10} if "priority" in it else {}),
                }
                for i, it in enumerate(items)
            }
            return json.dumps({"dns": keyed}, indent=2)
        return json.dumps({"records": items}, indent=2)
    lines = [f"$ORIGIN {DOMAIN}."]
    for rtype, name, value in picks:
        rdata = {"CNAME": f"{value}.", "TXT": f'"{value}"', "MX": f"10 {value}."}[rtype]
        lines.append(f"{name} 3600 IN {rtype} {rdata}")
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(300), deadline=None)
@given(any_shape())
def test_every_value_written_occurs_in_the_paste(text: str) -> None:
    records, findings = parse_paste(text, DOMAIN)
    assert records, (text, findings)
    assert not [f for f in findings if f.level == "error"], (text, findings)
    for record in records:
        assert squash(record.value) in squash(text), (record, text)
        if record.type == "CNAME":
            assert record.value in text


# ---- what surrounds a table never changes a record -----------------------------------------

#: Records a valid table may hold: (type, name as shown, value cell, priority, the record).
TABLE_ROWS = [
    ("CNAME", "em1234", "u1234.wl235.sendgrid.net", None),
    ("CNAME", "s1._domainkey", "s1.domainkey.u1234.wl235.sendgrid.net", None),
    ("CNAME", "pm-bounces", "pm.mtasv.net", None),
    ("CNAME", "links", "e.customeriomail.com", None),
    ("TXT", "@", "v=spf1 include:mailgun.org ~all", None),
    ("TXT", "_dmarc", "v=DMARC1; p=none; rua=mailto:dmarc@example.com", None),
    ("TXT", "20241105pm._domainkey", f"k=rsa; p={DKIM_KEY}", None),
    ("TXT", "@", "google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ", None),
    ("MX", "@", "aspmx.l.google.com", 1),
    ("MX", "send", "feedback-smtp.us-east-1.amazonses.com", 10),
]
HEADINGS = ["DNS records", "DKIM", "Return-Path", "Tracking", "Bounce domain", "SPF", "Verify"]
PROSE = [
    "Add these records at your DNS host.",
    "It can take up to 48 hours for DNS changes to propagate.",
    "Some hosts add your domain to the name automatically.",
    "Once they are in, come back and click Verify.",
]
STATUS_WORDS = ["Verified", "Unverified", "Pending", "Not verified", "Missing", "Not detected"]
GLYPHS = ["✓", "⚠", "✗"]


@dataclass
class Decorated:
    """A tab table (header, rows), and the same table with things around it and beside it."""

    plain: str
    text: str
    expected: list[Record]
    #: the table's cells: header first, then one list per record
    table: list[list[str]]
    #: numbers of the lines that are headings or prose around the table (1-based, in `text`)
    around: list[int]
    #: numbers of the header and row lines, when the table has a Status, Copy or glyph column
    with_extra_columns: list[int]
    #: every decoration token: status words, captions, glyphs, headings, prose
    decoration_tokens: set[str]


def fqdn(name: str) -> str:
    return DOMAIN if name == "@" else f"{name}.{DOMAIN}"


@st.composite
def valid_tables(draw: st.DrawFn) -> tuple[list[list[str]], list[Record]]:
    rows = draw(st.lists(st.sampled_from(TABLE_ROWS), min_size=1, max_size=4, unique=True))
    with_priority = any(priority is not None for *_, priority in rows)
    header = ["Type", "Host", "Value"] + (["Priority"] if with_priority else [])
    table = [header]
    records = []
    for rtype, name, value, priority in rows:
        cells = [rtype, name, value]
        if with_priority:
            cells.append("" if priority is None else str(priority))
        table.append(cells)
        records.append(Record(rtype, fqdn(name), value, None, priority))  # type: ignore[arg-type]
    return table, records


def tab_text(table: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in table)


@st.composite
def decorated_tables(draw: st.DrawFn) -> Decorated:
    table, expected = draw(valid_tables())
    plain = tab_text(table)
    decorated = [list(row) for row in table]
    tokens: set[str] = set()
    extra_columns = False
    if draw(st.booleans()):  # a Status column at the end
        extra_columns = True
        decorated[0].append("Status")
        for row in decorated[1:]:
            word = draw(st.sampled_from(STATUS_WORDS))
            row.append(word)
            tokens.update(word.split())
    if draw(st.booleans()):  # a copy button after the value, copied as a cell
        extra_columns = True
        for row in decorated:
            row.insert(3, "" if row is decorated[0] else "Copy")
        tokens.add("Copy")
    if draw(st.booleans()):  # a status glyph first
        extra_columns = True
        for row in decorated:
            glyph = "" if row is decorated[0] else draw(st.sampled_from(GLYPHS))
            row.insert(0, glyph)
        tokens.update(GLYPHS)
    before = draw(st.lists(st.sampled_from(HEADINGS + PROSE), max_size=3))
    after = draw(st.lists(st.sampled_from(PROSE), max_size=2))
    blank_before = draw(st.booleans())
    blank_after = draw(st.booleans())
    lines = list(before) + ([""] if blank_before else [])
    around = list(range(1, len(before) + 1))
    table_lines = [len(lines) + i for i in range(1, len(decorated) + 1)]
    lines += ["\t".join(row) for row in decorated]
    lines += [""] if blank_after else []
    around += [len(lines) + i for i in range(1, len(after) + 1)]
    lines += after
    for line in before + after:
        tokens.update(line.split())
    text = "\n".join(lines) + "\n"
    return Decorated(
        plain, text, expected, decorated, around, table_lines if extra_columns else [], tokens
    )


@PROFILE
@given(decorated_tables())
def test_status_captions_glyphs_headings_prose_and_blank_lines_never_change_a_record(
    case: Decorated,
) -> None:
    assert parse_paste(case.plain, DOMAIN)[0] == case.expected, case.plain
    records, findings = parse_paste(case.text, DOMAIN)
    assert [f for f in findings if f.level == "error"] == [], (case.text, findings)
    assert records == case.expected, case.text


@PROFILE
@given(decorated_tables(), st.data())
def test_shuffling_columns_never_changes_a_record(case: Decorated, data: st.DataObject) -> None:
    order = data.draw(st.permutations(range(len(case.table[0]))))
    shuffled = tab_text([[row[i] for i in order] for row in case.table])
    records, findings = parse_paste(shuffled, DOMAIN)
    assert [f for f in findings if f.level == "error"] == [], (shuffled, findings)
    assert records == case.expected, shuffled


@PROFILE
@given(decorated_tables())
def test_a_value_never_holds_a_token_of_another_cell(case: Decorated) -> None:
    """Whatever the reader makes of the paste, each value's words come from one value cell,
    and none is a status word, caption, glyph, heading or prose."""
    records, _ = parse_paste(case.text, DOMAIN)
    value_cells = [row[case.table[0].index("Value")] for row in case.table[1:]]
    for record in records:
        words = record.value.split()
        assert any(set(words) <= set(cell.split()) for cell in value_cells), (record, case.text)
        assert not set(words) & case.decoration_tokens, (record, case.text)


@PROFILE
@given(decorated_tables())
def test_every_line_around_the_table_and_every_extra_column_is_accounted_for(
    case: Decorated,
) -> None:
    """Each heading and prose line is named in a finding on its own line, and a Status, Copy or
    glyph column is named on the header line or on every row (until the reader's ledger lands,
    this is checked against the findings by line number)."""
    _, findings = parse_paste(case.text, DOMAIN)
    named = {f.line for f in findings}
    assert [n for n in case.around if n not in named] == [], (case.text, findings)
    if case.with_extra_columns:
        header, *rows = case.with_extra_columns
        assert header in named or set(rows) <= named, (case.text, findings)

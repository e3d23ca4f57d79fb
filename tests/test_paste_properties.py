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

DOMAIN = "example.com"

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
    ("resend._domainkey", "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDn"),
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

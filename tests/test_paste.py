"""The paste parser, one test per shape vendors' pages come in, and one per finding."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.keys import RSA_1024
from wizard.model.records import Finding, Record
from wizard.paste import parse_paste

DOMAIN = "example.com"

PENDO_DKIM = [
    Record("CNAME", "abc123._domainkey.example.com", "abc123.dkim.amazonses.com"),
    Record("CNAME", "def456._domainkey.example.com", "def456.dkim.amazonses.com"),
]
CUSTOMERIO_LINKS = Record("CNAME", "links.example.com", "e.customeriomail.com")
#: Google's own example token (its help on TXT records): 43 characters.
GOOGLE_TOKEN = "rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ"


def parse(text: str, domain: str | None = DOMAIN) -> tuple[list[Record], list[Finding]]:
    return parse_paste(text, domain)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def clean(text: str, domain: str | None = DOMAIN) -> list[Record]:
    records, findings = parse(text, domain)
    assert findings == [], findings
    return records


# ---- shapes -------------------------------------------------------------------------------


def test_tab_table_with_header() -> None:
    text = (
        "Type\tHost\tValue\n"
        "CNAME\tabc123._domainkey.example.com\tabc123.dkim.amazonses.com\n"
        "CNAME\tdef456._domainkey.example.com\tdef456.dkim.amazonses.com\n"
    )
    assert clean(text) == PENDO_DKIM


def test_space_table_with_header_in_another_column_order() -> None:
    text = (
        "Hostname                        Points to                    Record type\n"
        "abc123._domainkey               abc123.dkim.amazonses.com    CNAME\n"
        "def456._domainkey.example.com.  def456.dkim.amazonses.com.   CNAME\n"
    )
    assert clean(text) == PENDO_DKIM


def test_header_synonyms() -> None:
    text = (
        "Record name\tEnter this value\tRecord type\tTTL\n"
        "links\te.customeriomail.com\tCNAME\t3600\n"
    )
    assert clean(text) == [Record("CNAME", "links.example.com", "e.customeriomail.com", 3600)]


def test_table_without_header_type_first_or_second() -> None:
    text = (
        "CNAME  links  e.customeriomail.com\nabc123._domainkey\tCNAME\tabc123.dkim.amazonses.com\n"
    )
    assert clean(text) == [CUSTOMERIO_LINKS, PENDO_DKIM[0]]


def test_txt_in_a_table_keeps_its_text_and_drops_the_quotes() -> None:
    text = 'TXT\t@\t"v=spf1 include:amazonses.com ~all"\nTXT\t_dmarc\tv=DMARC1; p=none\n'
    assert clean(text) == [
        Record("TXT", "example.com", "v=spf1 include:amazonses.com ~all"),
        Record("TXT", "_dmarc.example.com", "v=DMARC1; p=none"),
    ]


def test_mx_value_with_priority_inside_or_in_its_column() -> None:
    text = (
        "Type\tName\tPriority\tValue\n"
        "MX\tbounce\t10\tfeedback-smtp.us-east-1.amazonses.com\n"
        "MX\t@\t\t20 mx2.example.net.\n"
    )
    assert clean(text) == [
        Record("MX", "bounce.example.com", "feedback-smtp.us-east-1.amazonses.com", None, 10),
        Record("MX", "example.com", "mx2.example.net", None, 20),
    ]


def test_key_value_blocks() -> None:
    text = (
        "Type: CNAME\nHost: links\nValue: e.customeriomail.com\n\n"
        "Record type: TXT\nName: @\nValue: google-site-verification="
        + GOOGLE_TOKEN
        + "\nTTL: 1 hour\n"
    )
    assert clean(text) == [
        CUSTOMERIO_LINKS,
        Record("TXT", "example.com", "google-site-verification=" + GOOGLE_TOKEN, 3600),
    ]


def test_zone_file_lines() -> None:
    text = f"""\
$ORIGIN example.com.
$TTL 3600
links                 IN CNAME e.customeriomail.com.
abc123._domainkey 300 IN CNAME abc123.dkim.amazonses.com.
@                     IN TXT   ( "v=spf1 include:amazonses.com"
                                 " ~all" )   ; split across lines
sel._domainkey        IN TXT   "k=rsa; p={RSA_1024[:100]}" "{RSA_1024[100:]}"
bounce                   MX    10 mail ; relative target
"""
    assert clean(text, None) == [
        Record("CNAME", "links.example.com", "e.customeriomail.com", 3600),
        Record("CNAME", "abc123._domainkey.example.com", "abc123.dkim.amazonses.com", 300),
        Record("TXT", "example.com", "v=spf1 include:amazonses.com ~all", 3600),
        Record("TXT", "sel._domainkey.example.com", f"k=rsa; p={RSA_1024}", 3600),
        Record("MX", "bounce.example.com", "mail.example.com", 3600, 10),
    ]


def test_zone_file_without_origin_uses_the_domain() -> None:
    assert clean("links IN CNAME e.customeriomail.com.\n") == [CUSTOMERIO_LINKS]


def test_csv_with_header() -> None:
    dmarc = "v=DMARC1; p=none; rua=mailto:a@example.com,mailto:b@example.com"
    text = f'Type,Name,Value,TTL\nCNAME,links,e.customeriomail.com,\nTXT,_dmarc,"{dmarc}",300\n'
    assert clean(text) == [CUSTOMERIO_LINKS, Record("TXT", "_dmarc.example.com", dmarc, 300)]


def test_markdown_table() -> None:
    text = (
        "| Type | Name | Value |\n"
        "|------|:-----|------:|\n"
        "| CNAME | `links.example.com` | e.customeriomail.com |\n"
    )
    assert clean(text) == [CUSTOMERIO_LINKS]


def test_json_array() -> None:
    text = """[
  {"type": "CNAME", "name": "links", "value": "e.customeriomail.com"},
  {"type": "TXT", "host": "@", "data": "a \\"quoted\\" word", "ttl": 60}
]"""
    assert clean(text) == [
        CUSTOMERIO_LINKS,
        Record("TXT", "example.com", 'a "quoted" word', 60),
    ]


def test_json_errors_name_their_line() -> None:
    records, findings = parse('[\n {"type": "CNAME", "name": "links", "value": "x.y.z"},\n 42\n]')
    assert len(records) == 1
    assert [(f.code, f.line) for f in findings] == [("not-a-record", 3)]
    _, findings = parse('[\n {"type": "CNAME",\n')
    assert findings[0].code == "bad-json" and findings[0].line is not None


def test_crlf_line_endings() -> None:
    text = "Type\tName\tValue\r\nCNAME\tlinks\te.customeriomail.com\r\n"
    assert clean(text) == [CUSTOMERIO_LINKS]


def test_relative_names_are_completed_with_the_domain() -> None:
    text = "CNAME\t@\tx.example.net\nCNAME\tlinks\te.customeriomail.com\n"
    records, _ = parse(text)
    assert [r.name for r in records] == ["example.com", "links.example.com"]


def test_relative_name_without_a_domain_is_an_error_that_asks_for_it() -> None:
    records, findings = parse("CNAME\tabc._domainkey\tabc.dkim.amazonses.com\n", None)
    assert records == []
    assert codes(findings) == ["relative-name"]
    assert findings[0].line == 1 and findings[0].field == "name"
    assert "--domain" in findings[0].message


def test_full_names_need_no_domain() -> None:
    assert clean("CNAME\tlinks.example.com.\te.customeriomail.com.\n", None) == [CUSTOMERIO_LINKS]


def test_names_are_lower_case_and_values_kept_exactly() -> None:
    records = clean('TXT\tLinks.Example.COM\t"Case MATTERS=1"\n')
    assert records == [Record("TXT", "links.example.com", "Case MATTERS=1")]


# ---- findings -----------------------------------------------------------------------------


def test_zero_width_and_non_breaking_spaces_are_reported_and_removed() -> None:
    records, findings = parse("CNAME\tlinks\u200b\te.customeriomail.com\u00a0\n")
    assert records == [CUSTOMERIO_LINKS]
    assert codes(findings) == ["invisible-character"]
    assert findings[0].line == 1
    assert "zero-width space" in findings[0].message and "non-breaking" in findings[0].message


def test_smart_quotes_are_reported_and_read_as_quotes() -> None:
    records, findings = parse("TXT\t@\t\u201cv=spf1 ~all\u201d\n")
    assert records == [Record("TXT", "example.com", "v=spf1 ~all")]
    assert codes(findings) == ["smart-quote"]


def test_a_doubled_domain_is_a_warning() -> None:
    records, findings = parse("CNAME\tem.example.com.example.com\tu1.wl.sendgrid.net\n")
    assert records[0].name == "em.example.com.example.com"
    assert [(f.level, f.code, f.line) for f in findings] == [("warning", "doubled-domain", 1)]
    assert "em.example.com" in findings[0].message


def test_cname_at_the_apex_is_an_error() -> None:
    _, findings = parse("CNAME\t@\tx.example.net\n")
    assert [(f.level, f.code, f.line) for f in findings] == [("error", "cname-at-apex", 1)]


def test_cname_beside_other_data_is_an_error() -> None:
    _, findings = parse("TXT\tlinks\thello\nCNAME\tlinks\te.customeriomail.com\n")
    assert [(f.level, f.code, f.line) for f in findings] == [("error", "cname-with-other-data", 2)]


def test_a_line_that_is_not_a_record_is_an_error_and_the_rest_still_parse() -> None:
    records, findings = parse("x7 => 42 ??\nCNAME\tlinks\te.customeriomail.com\n")
    assert records == [CUSTOMERIO_LINKS]
    assert [(f.level, f.code, f.line) for f in findings] == [("error", "not-a-record", 1)]


def test_a_sentence_before_the_records_is_named_as_prose() -> None:
    records, findings = parse("Add these to your DNS host:\nCNAME\tlinks\te.customeriomail.com\n")
    assert records == [CUSTOMERIO_LINKS]
    assert [(f.level, f.code, f.line) for f in findings] == [("info", "prose", 1)]


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\r\n"])
def test_empty_input_finds_no_records(text: str) -> None:
    records, findings = parse(text)
    assert records == []
    assert [(f.level, f.code) for f in findings] == [("error", "no-records")]


@pytest.mark.parametrize(
    ("line", "field", "code"),
    [
        ("A\twww\t300.1.1.1", "value", "bad-address"),
        ("AAAA\twww\t192.0.2.1", "value", "bad-address"),
        ("CNAME\tlinks\thttps://e.customeriomail.com", "value", "bad-name"),
        ("CNAME\tli nks..x\te.customeriomail.com", "name", "bad-name"),
        ("MX\t@\tmail.example.com", "priority", "missing-priority"),
        ("PTR\t1.2.0.192.in-addr.arpa.\thost.example.com", "type", "unsupported-type"),
        ('TXT\t@\t"unclosed "value', "value", "unclosed-quote"),
    ],
)
def test_bad_fields_are_named(line: str, field: str, code: str) -> None:
    records, findings = parse(line + "\n")
    assert records == []
    assert [(f.level, f.field, f.code, f.line) for f in findings] == [("error", field, code, 1)]


def test_bad_ttl_is_named() -> None:
    _, findings = parse("Type\tName\tValue\tTTL\nCNAME\tlinks\te.customeriomail.com\tsoon\n")
    assert [(f.field, f.code, f.line) for f in findings] == [("ttl", "bad-ttl", 2)]


def test_a_repeated_record_is_written_once_with_a_warning() -> None:
    records, findings = parse("CNAME\tlinks\te.customeriomail.com\n" * 2)
    assert records == [CUSTOMERIO_LINKS]
    assert [(f.code, f.line) for f in findings] == [("duplicate", 2)]


# ---- properties ---------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("abcXYZ019 .\t\n\r_-@:;,|\"'()[]{}$\\")
    + [
        "\u200b",
        "\u00a0",
        "\u201c",
        "CNAME",
        "TXT",
        "MX",
        "IN",
        "$ORIGIN",
        "$TTL",
        "Type",
        "Host",
        "Value",
        "10",
        "e.customeriomail.com",
    ]
)


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.text(max_size=300), st.lists(ALPHABET, max_size=60).map("".join)),
    domain=st.sampled_from([None, "example.com"]),
)
def test_any_text_never_raises_and_errors_carry_a_line(text: str, domain: str | None) -> None:
    records, findings = parse_paste(text, domain)
    for finding in findings:
        if finding.level == "error":
            assert isinstance(finding.line, int) and finding.line >= 1
    for record in records:
        assert not record.name.endswith(".")
        assert "\u200b" not in record.name + record.value
        assert "\u201c" not in record.value


def test_digits_that_are_not_decimal_are_not_numbers() -> None:
    """'¹' passes str.isdigit() yet int() refuses it: found by the property test above."""
    records, findings = parse_paste("0\t¹", None)
    assert records == [] and findings and findings[0].line == 1

"""The shapes of issue 21, pasted the way a browser copies vendors' pages.

Each paste gives exactly the vendor's records (written here by hand from the page, before the
reader read it), or an error that names the line: never a value the vendor did not give. Every
non-empty line ends in one role in the reading's ledger.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from wizard.model.records import Finding, Record
from wizard.paste import Reading, read_paste

DOMAIN = "example.com"
#: Real RSA public keys (SubjectPublicKeyInfo, base64), made once with `cryptography`.
KEY_1024 = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCongPg0lUktC3eX6ctSAQqdFlio0JEk2d8U1SJotkiYbwyM2Ir"
    "Hso4yvEOeqHT7cVQ3VWtGBnfgRsl1FN051MvJs3AtFBzkdGk9L32la4Z2SK84fX4oYh2pv3RWtLsWzhXSSdw4lRm"
    "/uhQ1gj0ba4q3yOF5VkRv1C5JfefMrm9FQIDAQAB"
)
KEY_2048 = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq43X380Bs6dsM2EBPmIUbPXvbc4kVh4QqoZai8w9cmbx"
    "seI5Sf4oUx74gdpN8DIZPgA/sQv8QaHc0TylUdR4UkilWFzaFgDz7UTNsFKzt/ejJTLL28rw3DcvMm1JGjPuUODz"
    "XNqVaU1dIUzkK5itl6Rv9KX0I/nKDbhH0xQfjuS0H5VGJORsIo1E3daxwwhr+teCt99pOARxpLM+ntHV2NO+/y+t"
    "uZDT+FxN+GoSEF0tblOXBhgeab3ydoeo521tJjYklrkBbJmotLpgs2MBzQKE9gnr9Bisz2GlpWTQgjrzJxLbJ/tJ"
    "hAFIL4qnK/3LdA3+5P1i2fxQxtUY+7eONwIDAQAB"
)


def read(text: str, domain: str | None = DOMAIN) -> Reading:
    """The reading, after checking its ledger: every non-empty line has one role, and each
    line that holds no record is named in a finding on that line."""
    reading = read_paste(text, domain)
    filled = {n for n, line in enumerate(text.splitlines(), start=1) if line.strip()}
    assert set(reading.ledger) == filled, (reading.ledger, filled)
    named = {f.line for f in reading.findings}
    for line, role in reading.ledger.items():
        if role in ("heading", "caption", "status", "prose", "ignored"):
            assert line in named, (line, role, reading.findings)
        if role == "refused":
            assert any(f.level == "error" for f in reading.findings)
    for finding in reading.findings:
        assert finding.line is not None
        assert finding.message.startswith((f"Line {finding.line}:", f"Lines {finding.line}-"))
    return reading


def errors(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in findings if f.level == "error"]


def roles(reading: Reading, *lines: int) -> list[str]:
    return [reading.ledger[n] for n in lines]


# ---- Postmark: label blocks with heading lines between them ---------------------------------

POSTMARK = f"""\
DKIM

Type: TXT
Hostname: 20240101123456pm._domainkey
Value: k=rsa;p={KEY_1024}

Tracking

Type: CNAME
Hostname: links
Value: track.postmarkapp.com

Return-Path

Type: CNAME
Hostname: pm-bounces
Value: pm.mtasv.net

SPF

Type: TXT
Hostname: @
Value: v=spf1 a mx include:spf.mtasv.net ~all

Bounce domain

Type: CNAME
Hostname: bounces
Value: pm.mtasv.net
"""
POSTMARK_RECORDS = [
    Record("TXT", "20240101123456pm._domainkey.example.com", f"k=rsa;p={KEY_1024}"),
    Record("CNAME", "links.example.com", "track.postmarkapp.com"),
    Record("CNAME", "pm-bounces.example.com", "pm.mtasv.net"),
    Record("TXT", "example.com", "v=spf1 a mx include:spf.mtasv.net ~all"),
    Record("CNAME", "bounces.example.com", "pm.mtasv.net"),
]


@pytest.mark.parametrize("blank_lines", [True, False], ids=["blank-lines", "no-blank-lines"])
def test_postmark_headings_between_label_blocks_are_never_glued_to_a_value(
    blank_lines: bool,
) -> None:
    text = POSTMARK if blank_lines else POSTMARK.replace("\n\n", "\n")
    reading = read(text)
    assert reading.records == POSTMARK_RECORDS
    assert errors(reading.findings) == []
    headings = [n for n, line in enumerate(text.splitlines(), 1) if ":" not in line and line]
    assert [reading.ledger[n] for n in headings] == ["heading"] * 5


def test_postmark_labels_alone_with_a_key_wrapped_at_76_columns() -> None:
    value = f"k=rsa;p={KEY_1024}"
    wrapped = "\n".join(textwrap.wrap(value, 76))
    text = (
        f"DKIM\nHostname\n20240101123456pm._domainkey\nType\nTXT\nValue\n{wrapped}\n"
        "Return-Path\nHostname\npm-bounces\nType\nCNAME\nValue\npm.mtasv.net\n"
    )
    reading = read(text)
    assert reading.records == [POSTMARK_RECORDS[0], POSTMARK_RECORDS[2]]
    assert errors(reading.findings) == []
    assert [f.code for f in reading.findings if f.level != "info"] == []
    assert [f.line for f in reading.findings if f.code == "joined-lines"] == [7]
    assert roles(reading, 1, 2, 3, 4, 5, 6) == [
        "heading",
        "label",
        "record",
        "label",
        "record",
        "label",
    ]


def test_a_word_under_a_complete_key_is_a_heading() -> None:
    """The key's DER header says how long it is: once it is whole, nothing more joins it."""
    wrapped = "\n".join(textwrap.wrap(f"k=rsa;p={KEY_1024}", 76))
    text = f"Type: TXT\nHostname: pm._domainkey\nValue: {wrapped}\nWebhooks\n"
    reading = read(text)
    assert reading.records == [Record("TXT", "pm._domainkey.example.com", f"k=rsa;p={KEY_1024}")]
    assert errors(reading.findings) == []
    assert list(reading.ledger.values())[-1] == "heading"


def test_a_key_is_joined_to_exactly_the_length_its_header_states() -> None:
    """A box that wraps the key one character before its end: the lone 'B' completes it."""
    head, tail = KEY_1024[:-1], KEY_1024[-1:]
    text = f"Value:\nk=rsa; p={head[:50]}\n{head[50:110]}\n{head[110:]}\n{tail}\nType: TXT\n"
    text += "Host name: mailjet._domainkey\nStatus: Not found\n"
    reading = read(text)
    assert reading.records == [
        Record("TXT", "mailjet._domainkey.example.com", f"k=rsa; p={KEY_1024}")
    ]
    assert errors(reading.findings) == []


def test_a_word_under_a_key_still_short_is_an_error_naming_both_readings() -> None:
    wrapped = "\n".join(textwrap.wrap(f"k=rsa;p={KEY_1024[:150]}", 76))
    text = f"Type: TXT\nHostname: pm._domainkey\nValue: {wrapped}\nWebhooks\n"
    reading = read(text)
    assert ("ambiguous-line", len(text.splitlines())) in errors(reading.findings)
    message = next(f.message for f in reading.findings if f.code == "ambiguous-line")
    assert "'Webhooks'" in message and "heading" in message
    assert all("Webhooks" not in r.value for r in reading.records)


# ---- a table split by single spaces, with a Status column ----------------------------------


SINGLE_SPACES = f"""\
Type Hostname Enter This Value Status
TXT 20240101123456pm._domainkey v=DKIM1; k=rsa; p={KEY_1024} Unverified
TXT @ v=spf1 a mx include:spf.mtasv.net ~all Unverified
CNAME pm-bounces pm.mtasv.net Not verified
"""


def test_single_space_table_keeps_the_status_out_of_every_value() -> None:
    reading = read(SINGLE_SPACES)
    assert reading.records == [
        Record("TXT", "20240101123456pm._domainkey.example.com", f"v=DKIM1; k=rsa; p={KEY_1024}"),
        Record("TXT", "example.com", "v=spf1 a mx include:spf.mtasv.net ~all"),
        Record("CNAME", "pm-bounces.example.com", "pm.mtasv.net"),
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 1, 2, 3, 4) == ["header", "record", "record", "record"]


def test_single_space_mx_row_whose_priority_fits_two_columns_is_one_record() -> None:
    text = (
        "Type Hostname Priority Value Status\n"
        "MX mg.example.com 10 mxa.mailgun.org Unverified\n"
        "TXT mg.example.com v=spf1 include:mailgun.org ~all Unverified\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("MX", "mg.example.com", "mxa.mailgun.org", None, 10),
        Record("TXT", "mg.example.com", "v=spf1 include:mailgun.org ~all"),
    ]
    assert errors(reading.findings) == []


def test_single_space_table_with_two_free_text_columns_is_an_error_naming_both_readings() -> None:
    text = "Type Host Value Purpose\nTXT @ v=spf1 include:spf.mtasv.net ~all Sender policy\n"
    reading = read(text)
    assert reading.records == []
    assert errors(reading.findings) == [("ambiguous-row", 2)]
    message = next(f.message for f in reading.findings if f.code == "ambiguous-row")
    assert message.count("Value 'v=spf1") == 2 and message.count("Purpose '") >= 1


# ---- Google Workspace DKIM instructions --------------------------------------------------------

GOOGLE_VALUE = f"v=DKIM1; k=rsa; p={KEY_2048}"
GOOGLE_WRAPPED = "\n".join(textwrap.wrap(GOOGLE_VALUE, 70))


@pytest.mark.parametrize(
    "name_label",
    ["DNS Host name (TXT record name):", "DNS Host name\n(TXT record name):"],
    ids=["label-on-one-line", "parenthesis-on-its-own-line"],
)
def test_google_workspace_dkim_instructions_give_one_record(name_label: str) -> None:
    assert len(GOOGLE_WRAPPED.splitlines()) == 6
    text = (
        "Set up DKIM to help prevent spoofing on outgoing messages.\n"
        "Add this at your DNS host:\n"
        f"{name_label}\n"
        "google._domainkey\n"
        "\n"
        "TXT record value:\n"
        f"{GOOGLE_WRAPPED}\n"
        "\n"
        "Then click Start authentication in the Admin console.\n"
    )
    reading = read(text)
    assert reading.records == [Record("TXT", "google._domainkey.example.com", GOOGLE_VALUE)]
    assert errors(reading.findings) == []
    prose = [n for n, line in enumerate(text.splitlines(), 1) if line.endswith((".", "host:"))]
    assert len(prose) == 3 and roles(reading, *prose) == ["prose"] * 3


# ---- Mailgun: a table split by two spaces, not aligned to its header -----------------------


def test_mailgun_two_space_table_reads_every_row_by_its_cells() -> None:
    text = (
        "Type  Hostname  Priority  Enter This Value  Status\n"
        "TXT  mg.example.com  v=spf1 include:mailgun.org ~all  Unverified\n"
        f"TXT  pic._domainkey.mg.example.com  k=rsa; p={KEY_1024}  Unverified\n"
        "MX  mg.example.com  10  mxa.mailgun.org  Unverified\n"
        "MX  mg.example.com  10  mxb.mailgun.org  Unverified\n"
        "CNAME  email.mg.example.com  mailgun.org  Unverified\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("TXT", "mg.example.com", "v=spf1 include:mailgun.org ~all"),
        Record("TXT", "pic._domainkey.mg.example.com", f"k=rsa; p={KEY_1024}"),
        Record("MX", "mg.example.com", "mxa.mailgun.org", None, 10),
        Record("MX", "mg.example.com", "mxb.mailgun.org", None, 10),
        Record("CNAME", "email.mg.example.com", "mailgun.org"),
    ]
    assert errors(reading.findings) == []


def test_a_priority_in_a_cell_of_its_own_under_no_column_is_refused() -> None:
    text = (
        "Type  Hostname  Enter This Value  Status\n"
        "MX  mg.example.com  10  mxa.mailgun.org  Unverified\n"
    )
    reading = read(text)
    assert reading.records == []
    assert errors(reading.findings) == [("unfit-row", 2)]


# ---- a vertical two-column table ---------------------------------------------------------------


def test_vertical_two_column_table() -> None:
    text = (
        "Record type\tCNAME\n"
        "Host\tlinks\n"
        "Points to\te.customeriomail.com\tCopy\n"
        "TTL\tAuto\n"
        "Status\tVerified\n"
        "\n"
        "Record type\tTXT\n"
        "Host\t@\n"
        "Points to\tv=spf1 include:customeriomail.com ~all\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("CNAME", "links.example.com", "e.customeriomail.com"),
        Record("TXT", "example.com", "v=spf1 include:customeriomail.com ~all"),
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 3, 5) == ["record", "ignored"]


# ---- captions and status glyphs beside cells ---------------------------------------------------


def test_copy_captions_and_status_glyphs_beside_cells() -> None:
    text = (
        "Type\tHost\tValue\t\n"
        "CNAME\tlinks Copy\te.customeriomail.com Copy\t✓ Verified\n"
        "TXT\t@\tv=spf1 include:customeriomail.com ~all Copy\t⚠️ Pending\n"
        "CNAME bounce bounces.customeriomail.com Copied! ✗\n"
        "\n"
        "Type: TXT\n"
        "Host: _dmarc\tCopy\n"
        "Value: v=DMARC1; p=none\n"
        "Click to copy\n"
        "✔\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("CNAME", "links.example.com", "e.customeriomail.com"),
        Record("TXT", "example.com", "v=spf1 include:customeriomail.com ~all"),
        Record("CNAME", "bounce.example.com", "bounces.customeriomail.com"),
        Record("TXT", "_dmarc.example.com", "v=DMARC1; p=none"),
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 9, 10) == ["caption", "status"]
    captions = [f.line for f in reading.findings if f.code == "caption"]
    assert captions == [2, 2, 3, 4, 9]
    assert [f.line for f in reading.findings if f.code == "status"] == [2, 3, 4, 10]


def test_a_caption_in_a_cell_beside_a_value_under_its_label() -> None:
    text = "Hostname\npm-bounces\tCopy\nType\nCNAME\nValue\npm.mtasv.net\tCopy\n"
    reading = read(text)
    assert reading.records == [Record("CNAME", "pm-bounces.example.com", "pm.mtasv.net")]
    assert errors(reading.findings) == []
    assert [f.line for f in reading.findings if f.code == "caption"] == [2, 6]


# ---- prose around a table -------------------------------------------------------------------


def test_prose_before_and_after_a_table_is_named_and_never_read() -> None:
    text = (
        "To send from your domain, add the following DNS records at your DNS provider.\n"
        "Type\tHost\tValue\n"
        "CNAME\tlinks\te.customeriomail.com\n"
        "TXT\t@\tv=spf1 include:customeriomail.com ~all\n"
        "It may take up to 48 hours for the changes to take effect.\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("CNAME", "links.example.com", "e.customeriomail.com"),
        Record("TXT", "example.com", "v=spf1 include:customeriomail.com ~all"),
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 1, 2, 3, 4, 5) == ["prose", "header", "record", "record", "prose"]


# ---- Cloudflare-shaped API JSON -------------------------------------------------------------


def _cloudflare(name: str, rtype: str, content: str, ttl: int, **more: object) -> dict[str, object]:
    return {
        "id": "372e67954025e0ba6aaa6d586b9e0b59",
        "zone_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "zone_name": "example.com",
        "name": name,
        "type": rtype,
        "content": content,
        "proxiable": rtype == "CNAME",
        "proxied": False,
        "ttl": ttl,
        "locked": False,
        "meta": {"auto_added": False, "managed_by_apps": False},
        "comment": None,
        "tags": [],
        "created_on": "2024-01-01T05:20:00.12345Z",
        "modified_on": "2024-01-01T05:20:00.12345Z",
        **more,
    }


def test_cloudflare_json_ttl_1_is_automatic_and_zone_name_is_not_the_name() -> None:
    body = {
        "result": [
            _cloudflare("links.example.com", "CNAME", "e.customeriomail.com", 1),
            _cloudflare("example.com", "MX", "mxa.mailgun.org", 3600, priority=10),
            _cloudflare("example.com", "TXT", '"v=spf1 include:mailgun.org ~all"', 1),
        ],
        "success": True,
        "errors": [],
        "messages": [],
        "result_info": {"page": 1, "per_page": 100, "count": 3, "total_count": 3},
    }
    reading = read(json.dumps(body, indent=2))
    assert reading.records == [
        Record("CNAME", "links.example.com", "e.customeriomail.com"),
        Record("MX", "example.com", "mxa.mailgun.org", 3600, 10),
        Record("TXT", "example.com", "v=spf1 include:mailgun.org ~all"),
    ]
    assert errors(reading.findings) == []
    assert [f.code for f in reading.findings].count("automatic-ttl") == 2
    assert set(reading.ledger.values()) == {"record", "structure"}


def test_every_record_in_vendor_json_is_read_or_named() -> None:
    text = json.dumps(
        {
            "records": [
                {"type": "CNAME", "name": "links", "value": "e.customeriomail.com"},
                {"type": "TXT", "name": "@", "rdata": "v=spf1 ~all"},
            ]
        },
        indent=2,
    )
    reading = read(text)
    assert reading.records == [Record("CNAME", "links.example.com", "e.customeriomail.com")]
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if '"rdata"' in ln) - 3
    assert errors(reading.findings) == [("unread-json-record", line)]


def test_two_keys_giving_one_field_differently_are_an_error() -> None:
    text = '[{"type": "CNAME", "name": "links", "host": "track", "value": "x.example.net"}]'
    reading = read(text)
    assert reading.records == []
    assert [c for c, _ in errors(reading.findings)] == ["ambiguous-json"]


# ---- a paste that mixes shapes --------------------------------------------------------------


def test_a_page_mixing_prose_headings_a_table_and_label_blocks() -> None:
    text = (
        "Authenticate your domain\n"
        "Add these records at your DNS host. It can take a while.\n"
        "\n"
        "Sending records\n"
        "Type\tHost\tValue\tStatus\n"
        "CNAME\tem123\tu1.wl.sendgrid.net\tPending\n"
        "\n"
        "Link tracking\n"
        "Type: CNAME\n"
        "Host: links\n"
        "Value: sendgrid.net\n"
        "Status: Pending\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("CNAME", "em123.example.com", "u1.wl.sendgrid.net"),
        Record("CNAME", "links.example.com", "sendgrid.net"),
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 1, 2, 4, 5, 8, 12) == [
        "heading",
        "prose",
        "heading",
        "header",
        "heading",
        "ignored",
    ]


# ---- what a value is continued by ------------------------------------------------------------


def test_a_blank_line_ends_a_value() -> None:
    text = (
        "Type: TXT\nHost: s1._domainkey\nValue: v=DKIM1; k=rsa;\n\n"
        f"p={KEY_1024}\nType: CNAME\nHost: links\nValue: e.customeriomail.com\n"
    )
    reading = read(text)
    assert ("not-a-record", 5) in errors(reading.findings)  # (and the grammar refuses line 3)
    assert all(KEY_1024 not in r.value for r in reading.records)


def test_the_rest_of_a_quoted_string_continues_it() -> None:
    text = (
        "Type: TXT\nHost: @\n"
        'Value: "v=spf1 include:_spf.google.com\ninclude:mailgun.org ~all"\n'
        "Status: Pending\n"
    )
    reading = read(text)
    value = "v=spf1 include:_spf.google.com include:mailgun.org ~all"
    assert reading.records == [Record("TXT", "example.com", value)]
    assert errors(reading.findings) == []
    assert roles(reading, 3, 4, 5) == ["record", "record", "ignored"]


def test_a_status_after_a_value_in_a_row_without_header_is_never_in_the_value() -> None:
    text = (
        "TXT @ v=spf1 include:spf.mtasv.net ~all Unverified\n"
        "CNAME pm-bounces pm.mtasv.net Not verified\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("TXT", "example.com", "v=spf1 include:spf.mtasv.net ~all"),
        Record("CNAME", "pm-bounces.example.com", "pm.mtasv.net"),
    ]
    assert errors(reading.findings) == []
    assert [(f.code, f.line) for f in reading.findings] == [("status", 1), ("status", 2)]


@pytest.mark.parametrize("ttl", ["Auto", "Automatic", ""])
def test_automatic_and_blank_ttls_are_the_hosts_default(ttl: str) -> None:
    text = f"Type\tHost\tValue\tTTL\nCNAME\tlinks\te.customeriomail.com\t{ttl}\n"
    assert read(text).records == [Record("CNAME", "links.example.com", "e.customeriomail.com")]
    blocks = f"Type: CNAME\nHost: links\nValue: e.customeriomail.com\nTTL: {ttl}\n"
    assert read(blocks).records == [Record("CNAME", "links.example.com", "e.customeriomail.com")]


# ---- what a heading or a label says beside its field ---------------------------------------


def test_a_heading_that_names_a_type_gives_it_to_the_rows_under_it() -> None:
    text = (
        "MX records\n"
        "Host name\tAddress\tPriority\n"
        "@\tmx.zoho.com\t10\n"
        "@\tmx2.zoho.com\t20\n"
        "\n"
        "CNAME record 1\nHost\nk2._domainkey\nValue\ndkim2.mcsv.net\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("MX", "example.com", "mx.zoho.com", None, 10),
        Record("MX", "example.com", "mx2.zoho.com", None, 20),
        Record("CNAME", "k2._domainkey.example.com", "dkim2.mcsv.net"),
    ]
    assert errors(reading.findings) == []
    assert [f.line for f in reading.findings if f.code == "type-from-heading"] == [3, 4, 7]


def test_a_vertical_table_whose_labels_name_the_type_and_a_loose_domain() -> None:
    text = (
        "DKIM Key Detail\n"
        "Selector\tsf1\n"
        "Domain\texample.com\n"
        "CNAME Record Name\tsf1._domainkey.example.com\n"
        "CNAME\tsf1.a1b2c3.custdkim.salesforce.com\n"
        "Alternate CNAME Record Name\tsf2._domainkey.example.com\n"
        "Alternate CNAME\tsf2.d4e5f6.custdkim.salesforce.com\n"
        "Active\t✓\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("CNAME", "sf1._domainkey.example.com", "sf1.a1b2c3.custdkim.salesforce.com"),
        Record("CNAME", "sf2._domainkey.example.com", "sf2.d4e5f6.custdkim.salesforce.com"),
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 1, 2, 3, 8) == ["heading", "ignored", "ignored", "ignored"]


def test_a_sentence_that_names_the_field_on_the_next_line() -> None:
    text = (
        "Add a DNS TXT record\n"
        "Create a TXT record in your DNS configuration for the following hostname:\n"
        "_github-pages-challenge-octocat.example.com\n"
        "Use this code for the value of the TXT record:\n"
        "5f3a9c1e7b2d4a60e8c1\n"
        "Wait until your DNS configuration changes. This could take up to 24 hours.\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("TXT", "_github-pages-challenge-octocat.example.com", "5f3a9c1e7b2d4a60e8c1")
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 1, 2, 4, 6) == ["heading", "label", "label", "prose"]


def test_a_sentence_ending_in_a_colon_before_a_single_space_table_is_prose() -> None:
    text = (
        "Add the following records at your DNS host:\n"
        "Type Host Value\n"
        "CNAME links e.customeriomail.com\n"
    )
    reading = read(text)
    assert reading.records == [Record("CNAME", "links.example.com", "e.customeriomail.com")]
    assert errors(reading.findings) == []
    assert roles(reading, 1, 2) == ["prose", "header"]


def test_a_heading_word_under_a_key_still_short_is_a_heading_never_part_of_it() -> None:
    wrapped = "\n".join(textwrap.wrap(f"k=rsa;p={KEY_1024[:150]}", 76))
    text = f"Type: TXT\nHostname: pm._domainkey\nValue: {wrapped}\nTracking\n"
    reading = read(text)
    assert list(reading.ledger.values())[-1] == "heading"
    assert "ambiguous-line" not in [code for code, _ in errors(reading.findings)]
    assert all("Tracking" not in r.value for r in reading.records)


def test_a_table_right_after_zone_lines_is_no_zone_text() -> None:
    """In a zone file `links⇥CNAME⇥e.customeriomail.com` would be relative to $ORIGIN: read as
    zone text, the table's target would become e.customeriomail.com.example.com."""
    text = (
        "$ORIGIN example.com.\n"
        "bounce 300 IN MX 10 mxa.customeriomail.com.\n"
        "Host Name\tType\tValue\n"
        "links\tCNAME\te.customeriomail.com\n"
    )
    reading = read(text)
    assert reading.records == [
        Record("MX", "bounce.example.com", "mxa.customeriomail.com", 300, 10),
        Record("CNAME", "links.example.com", "e.customeriomail.com"),
    ]
    assert errors(reading.findings) == []
    assert roles(reading, 1, 2, 3, 4) == ["structure", "record", "header", "record"]

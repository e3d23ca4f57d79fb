"""Each value checked by the grammar of what it claims to be (wizard/grammar), and the paste
reader refusing a record whose value fails.

Valid values are the ones vendors' setup pages and the RFCs give (Google Workspace, Microsoft
365, Amazon SES, SendGrid, Mailgun, Postmark, Let's Encrypt, RFC 7208/6376/8463/7489/8659
examples); the DKIM keys are real (tests/keys.py). Invalid values are the shapes issue 21 saw
a copied page produce (a status word glued to or after a value, the next block's heading glued
to a DKIM key, a key cut short), and each grammar's own errors.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.keys import (
    DKIM_1024,
    DKIM_2048,
    EC_P256,
    ED25519,
    GOOGLE_VERIFICATION,
    RSA_1024,
    RSA_2048,
)
from wizard.grammar import value_problems
from wizard.model.records import Record
from wizard.paste import parse_paste
from wizard.paste.fields import TypedFields, read_fields

DOMAIN = "example.com"


def txt(value: str, name: str = DOMAIN) -> Record:
    return Record("TXT", name, value)


def dkim(value: str, selector: str = "s1") -> Record:
    return Record("TXT", f"{selector}._domainkey.{DOMAIN}", value)


def dmarc(value: str) -> Record:
    return Record("TXT", f"_dmarc.{DOMAIN}", value)


def _small_rsa_key() -> str:
    """A 512-bit RSA public key (cryptography no longer makes such keys, so built from numbers)."""
    import base64

    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    modulus = (1 << 511) | 0xC0FFEE1  # odd, 512 bits: a public key needs no primes to be read
    key = RSAPublicNumbers(65537, modulus).public_key()
    der = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def _pkcs1(spki: str) -> str:
    """The same key as a bare RSAPublicKey (RFC 6376 §3.6.1's words; most publish SPKI)."""
    import base64

    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_der_public_key,
    )

    key = load_der_public_key(base64.b64decode(spki))
    return base64.b64encode(key.public_bytes(Encoding.DER, PublicFormat.PKCS1)).decode()


VALID: list[tuple[str, Record]] = [
    # SPF, as vendors give it (RFC 7208)
    ("google-workspace-spf", txt("v=spf1 include:_spf.google.com ~all")),
    ("microsoft-365-spf", txt("v=spf1 include:spf.protection.outlook.com -all")),
    ("amazon-ses-mail-from-spf", txt("v=spf1 include:amazonses.com ~all", f"send.{DOMAIN}")),
    ("mailgun-spf", txt("v=spf1 include:mailgun.org ~all", f"mg.{DOMAIN}")),
    ("sendgrid-spf", txt("v=spf1 include:sendgrid.net ~all")),
    ("rfc7208-mx-cidr", txt("v=spf1 +mx a:colo.example.com/28 -all")),
    ("rfc7208-ip4", txt("v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.123 a -all")),
    (
        "rfc7208-dual-cidr",
        txt("v=spf1 mx/30 mx:example.org/30 a//64 a:mail.example.com/24//64 -all"),
    ),
    ("rfc7208-macro", txt("v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all")),
    ("rfc7208-redirect", txt("v=spf1 redirect=_spf.example.com")),
    ("ip6-and-exp", txt("v=spf1 ip6:2001:db8::/32 include:example.net exp=explain._spf.%{d} -all")),
    ("unknown-modifier", txt("v=spf1 ptr ?all moo=bar.%{d}")),
    ("spf-trailing-space", txt("v=spf1 include:_spf.google.com ~all ")),
    # DKIM keys (RFC 6376, RFC 8463): real keys in the shapes vendors give
    ("mailgun-postmark-dkim", dkim(DKIM_1024)),
    ("google-workspace-dkim", dkim(DKIM_2048, "google")),
    ("postmark-no-space", dkim(f"k=rsa;p={RSA_1024}", "20240101pm")),
    ("resend-p-only", dkim(f"p={RSA_1024}", "resend")),
    ("sparkpost-h-sha256", dkim(f"v=DKIM1; k=rsa; h=sha256; p={RSA_1024}", "scph0123")),
    ("flags-and-service", dkim(f"v=DKIM1; k=rsa; t=s:y; s=email; n=a note; p={RSA_2048};")),
    ("key-split-by-spaces", dkim(f"k=rsa; p={RSA_2048[:200]} {RSA_2048[200:]}")),
    ("pkcs1-rsapublickey", dkim(f"k=rsa; p={_pkcs1(RSA_1024)}")),
    ("rfc8463-ed25519", dkim(f"v=DKIM1; k=ed25519; p={ED25519}", "brisbane")),
    ("dkim-by-value-at-other-name", txt(f"v=DKIM1; p={RSA_1024}", f"mail.{DOMAIN}")),
    # DMARC (RFC 7489)
    ("google-dmarc", dmarc("v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com")),
    ("dmarc-compact", dmarc("v=DMARC1;p=none;")),
    ("dmarc-strict", dmarc("v=DMARC1; p=quarantine; pct=100; adkim=s; aspf=s")),
    (
        "dmarc-every-tag",
        dmarc(
            "v=DMARC1; p=reject; sp=none; rua=mailto:a@example.com!10m, mailto:b@example.net; "
            "ruf=mailto:f@example.com; fo=1:d; rf=afrf; ri=86400"
        ),
    ),
    ("dmarc-unknown-tag-left-alone", dmarc("v=DMARC1; p=none; np=reject")),
    (
        "dmarc-report-authorization",
        txt("v=DMARC1", f"{DOMAIN}._report._dmarc.reports.example.net"),
    ),
    # host names
    (
        "sendgrid-dkim-cname",
        Record("CNAME", f"s1._domainkey.{DOMAIN}", "s1.domainkey.u1234.wl235.sendgrid.net"),
    ),
    (
        "underscore-dkim-cname",
        Record("CNAME", f"s1._domainkey.{DOMAIN}", "s1._domainkey.u123.wl.sendgrid.net"),
    ),
    (
        "microsoft-365-dkim-cname",
        Record(
            "CNAME",
            f"selector1._domainkey.{DOMAIN}",
            "selector1-example-com._domainkey.example.onmicrosoft.com",
        ),
    ),
    (
        "amazon-ses-dkim-cname",
        Record("CNAME", f"abc123._domainkey.{DOMAIN}", "abc123.dkim.amazonses.com"),
    ),
    (
        "acm-validation-cname",
        Record(
            "CNAME",
            f"_3a1b.{DOMAIN}",
            "_c3e2d7eaf1e656b73f46cd6980fdc0e6.xrchbtpdjs.acm-validations.aws",
        ),
    ),
    ("customerio-links", Record("CNAME", f"links.{DOMAIN}", "e.customeriomail.com")),
    ("trailing-dot", Record("CNAME", f"www.{DOMAIN}", "ghs.googlehosted.com.")),
    ("idn-target", Record("CNAME", f"www.{DOMAIN}", "xn--bcher-kva.example")),
    ("google-mx", Record("MX", DOMAIN, "smtp.google.com", priority=1)),
    (
        "microsoft-365-mx",
        Record("MX", DOMAIN, "example-com.mail.protection.outlook.com", priority=0),
    ),
    (
        "amazon-ses-mx",
        Record("MX", f"send.{DOMAIN}", "feedback-smtp.us-east-1.amazonses.com", priority=10),
    ),
    ("ns", Record("NS", f"mg.{DOMAIN}", "ns-1.awsdns-00.org")),
    # SRV (RFC 2782): Microsoft 365's, and "no such service"
    (
        "teams-sip",
        Record("SRV", f"_sip._tls.{DOMAIN}", "1 443 sipdir.online.lync.com", priority=100),
    ),
    (
        "teams-federation",
        Record(
            "SRV", f"_sipfederationtls._tcp.{DOMAIN}", "1 5061 sipfed.online.lync.com", priority=100
        ),
    ),
    ("srv-no-service", Record("SRV", f"_imap._tcp.{DOMAIN}", "0 0 .", priority=0)),
    # CAA (RFC 8659, RFC 9495)
    ("caa-amazon", Record("CAA", DOMAIN, '0 issue "amazon.com"')),
    ("caa-no-wildcards", Record("CAA", DOMAIN, '0 issuewild ";"')),
    (
        "caa-letsencrypt-params",
        Record("CAA", DOMAIN, '0 issue "letsencrypt.org; validationmethods=dns-01"'),
    ),
    ("caa-iodef", Record("CAA", DOMAIN, '0 iodef "mailto:security@example.com"')),
    ("caa-critical", Record("CAA", DOMAIN, '128 issue "digicert.com"')),
    ("caa-issuemail", Record("CAA", DOMAIN, '0 issuemail "example.net"')),
    # verification tokens
    ("google-site-verification", txt(GOOGLE_VERIFICATION)),
    ("microsoft-365-ms", txt("MS=ms12345678")),
    ("facebook-token", txt("facebook-domain-verification=ey2l2a1vzfnpdnwr3f2d1qfq7hcfgj")),
    ("atlassian-token", txt("atlassian-domain-verification=Hj3pN7f0Q2mX/kLw+9aBcD==")),
    # what claims no grammar
    ("free-text", txt("some vendor's note, with spaces; and semicolons")),
    ("address", Record("A", DOMAIN, "192.0.2.10")),
]


@pytest.mark.parametrize("record", [r for _, r in VALID], ids=[i for i, _ in VALID])
def test_valid_values_pass(record: Record) -> None:
    assert value_problems(record) == []


KEY_2048_WITH_HEADING = f"k=rsa; p={RSA_2048}Return-Path"

INVALID: list[tuple[str, Record, list[str]]] = [
    # SPF: the two shapes of issue 21, then the grammar's own errors
    (
        "spf-status-appended",
        txt("v=spf1 include:amazonses.com ~all Unverified"),
        ["'Unverified' is not an SPF mechanism or modifier (RFC 7208)", "status column"],
    ),
    (
        "spf-status-glued",
        txt("v=spf1 include:amazonses.com ~allUnverified"),
        ["'~allUnverified'", "'~all' with 'Unverified' glued on", "status column"],
    ),
    (
        "spf-glued-version",
        txt("v=spf1include:_spf.google.com ~all"),
        ["does not begin with 'v=spf1'"],
    ),
    ("spf-two-records", txt("v=spf1 -all v=spf1 include:x.example ~all"), ["a second SPF record"]),
    ("spf-ip4-prefix", txt("v=spf1 ip4:192.0.2.0/33 -all"), ["prefix length '33'"]),
    ("spf-ip4-address", txt("v=spf1 ip4:192.0.2.300 -all"), ["is not an IPv4 address"]),
    ("spf-ip6-holds-ip4", txt("v=spf1 ip6:192.0.2.1 -all"), ["is an IPv4 address; use ip4:"]),
    ("spf-include-without-domain", txt("v=spf1 include: -all"), ["include needs a domain"]),
    ("spf-include-one-word", txt("v=spf1 include:mailgun -all"), ["is a single word"]),
    (
        "spf-include-glued-tld",
        txt("v=spf1 include:mailgun.orgVerified -all"),
        ["'orgVerified'", "status column"],
    ),
    ("spf-all-argument", txt("v=spf1 all:example.com"), ["'all' takes no argument"]),
    ("spf-qualified-modifier", txt("v=spf1 -redirect=_spf.example.com"), ["takes no qualifier"]),
    (
        "spf-two-redirects",
        txt("v=spf1 redirect=a.example redirect=b.example"),
        ["redirect= appears twice"],
    ),
    ("spf-bad-macro", txt("v=spf1 exists:%{x}.example.com -all"), ["is not a domain"]),
    (
        "spf-eleven-lookups",
        txt("v=spf1 " + " ".join(f"include:s{i}.example.com" for i in range(11)) + " -all"),
        ["11 terms that each need a DNS lookup"],
    ),
    ("spf-comma", txt("v=spf1 a, mx ~all"), ["'a,' is not an SPF mechanism"]),
    # DKIM
    (
        "dkim-heading-glued",
        dkim(KEY_2048_WITH_HEADING),
        ["p= goes on past the end of its key: 'Return-Path'", "heading"],
    ),
    (
        "dkim-status-appended",
        dkim(f"{DKIM_1024} Unverified"),
        ["past the end of its key: 'Unverified'", "status column"],
    ),
    ("dkim-truncated", dkim(f"k=rsa; p={RSA_2048[:300]}"), ["cut short", "392", "300"]),
    (
        "dkim-truncated-inside-header",
        dkim("k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ"),
        ["cut short"],
    ),
    (
        "dkim-rsa-key-says-ed25519",
        dkim(f"v=DKIM1; k=ed25519; p={RSA_1024}"),
        ["holds an RSA key, but k=ed25519"],
    ),
    (
        "dkim-ed25519-key-says-rsa",
        dkim(f"v=DKIM1; k=rsa; p={ED25519}"),
        ["32 bytes, an Ed25519 key"],
    ),
    ("dkim-ec-key", dkim(f"k=rsa; p={EC_P256}"), ["another kind (EC)"]),
    ("dkim-unknown-k", dkim(f"k=dsa; p={RSA_1024}"), ["k=dsa is not a DKIM key type"]),
    ("dkim-revoked", dkim("v=DKIM1; k=rsa; p="), ["revoked"]),
    ("dkim-no-p", dkim("v=DKIM1; k=rsa"), ["no p= tag"]),
    ("dkim-v-not-first", dkim(f"k=rsa; v=DKIM1; p={RSA_1024}"), ["v=DKIM1 must come first"]),
    ("dkim-wrong-version", dkim(f"v=DKIM2; p={RSA_1024}"), ["v=DKIM2 is not a DKIM version"]),
    ("dkim-duplicate-tag", dkim(f"k=rsa; k=rsa; p={RSA_1024}"), ["k= appears twice"]),
    (
        "dkim-status-item",
        dkim(f"{DKIM_1024}; Unverified"),
        ["'Unverified' is not a tag=value pair", "status column"],
    ),
    ("dkim-not-base64", dkim(f"k=rsa; p={RSA_1024[:50]}*{RSA_1024[51:]}"), ["not base64", "'*'"]),
    (
        "dkim-small-key",
        dkim(f"k=rsa; p={_small_rsa_key()}"),
        ["512-bit", "at least 1024 bits (RFC 8301"],
    ),
    ("dkim-bad-hash", dkim(f"k=rsa; h=md5; p={RSA_1024}"), ["h=md5 names 'md5'"]),
    # DMARC
    ("dmarc-without-p", dmarc("v=DMARC1; rua=mailto:dmarc@example.com"), ["no p= tag"]),
    (
        "dmarc-p-not-second",
        dmarc("v=DMARC1; pct=100; p=none"),
        ["p= must come right after v=DMARC1"],
    ),
    ("dmarc-without-v", dmarc("p=none; rua=mailto:dmarc@example.com"), ["begins with v=DMARC1"]),
    (
        "dmarc-status-appended",
        dmarc("v=DMARC1; p=none Unverified"),
        ["p=none Unverified", "status column"],
    ),
    ("dmarc-bare-address", dmarc("v=DMARC1; p=none; rua=dmarc@example.com"), ["without 'mailto:'"]),
    ("dmarc-pct", dmarc("v=DMARC1; p=none; pct=150"), ["pct=150 is not a percentage"]),
    ("dmarc-adkim", dmarc("v=DMARC1; p=none; adkim=x"), ["adkim= takes r or s"]),
    ("dmarc-fo", dmarc("v=DMARC1; p=none; fo=2"), ["fo= takes 0, 1, d or s"]),
    (
        "dmarc-mailto-domain",
        dmarc("v=DMARC1; p=none; rua=mailto:d@example.comVerified"),
        ["'comVerified'"],
    ),
    # host names
    (
        "cname-status-glued",
        Record("CNAME", f"links.{DOMAIN}", "e.customeriomail.comUnverified"),
        ["ends in 'comUnverified'", "status column"],
    ),
    (
        "cname-status-appended",
        Record("CNAME", f"links.{DOMAIN}", "pm.mtasv.net Verified"),
        ["has a space", "'Verified'"],
    ),
    ("cname-ip-address", Record("CNAME", f"links.{DOMAIN}", "192.0.2.1"), ["is an IP address"]),
    (
        "cname-underscore-inside",
        Record("CNAME", f"links.{DOMAIN}", "my_host.example.com"),
        ["'my_host'"],
    ),
    ("cname-one-word", Record("CNAME", f"links.{DOMAIN}", "Unverified"), ["is a single word"]),
    (
        "cname-long-label",
        Record("CNAME", f"links.{DOMAIN}", "a" * 64 + ".example.com"),
        ["at most 63"],
    ),
    (
        "cname-long-name",
        Record("CNAME", f"links.{DOMAIN}", ".".join(["a" * 60] * 5)),
        ["at most 253"],
    ),
    (
        "cname-hyphen",
        Record("CNAME", f"links.{DOMAIN}", "-x.example.com"),
        ["begins or ends with a hyphen"],
    ),
    ("cname-two-dots", Record("CNAME", f"links.{DOMAIN}", "x..example.com"), ["empty part"]),
    (
        "cname-numeric-tld",
        Record("CNAME", f"links.{DOMAIN}", "host.example.123"),
        ["ends in a number"],
    ),
    (
        "mx-underscore-label",
        Record("MX", DOMAIN, "_mx.example.com", priority=10),
        ["no underscores"],
    ),
    ("ns-odd-character", Record("NS", f"mg.{DOMAIN}", "ns1.exa%mple.com"), ["'%'"]),
    # SRV
    (
        "srv-port",
        Record("SRV", f"_sip._tls.{DOMAIN}", "1 70000 sipdir.online.lync.com", priority=100),
        ["the port '70000'"],
    ),
    (
        "srv-name",
        Record("SRV", f"sip.{DOMAIN}", "1 443 sipdir.online.lync.com", priority=100),
        ["_service._protocol"],
    ),
    ("srv-parts", Record("SRV", f"_sip._tls.{DOMAIN}", "1 443", priority=100), ["it has 2 parts"]),
    (
        "srv-target",
        Record("SRV", f"_sip._tls.{DOMAIN}", "1 443 sip_dir.lync.com", priority=100),
        ["'sip_dir'"],
    ),
    (
        "srv-priority",
        Record("SRV", f"_sip._tls.{DOMAIN}", "1 443 sipdir.online.lync.com"),
        ["the priority None"],
    ),
    # CAA
    (
        "caa-unknown-tag",
        Record("CAA", DOMAIN, '0 isue "letsencrypt.org"'),
        ["'isue' is not a CAA tag"],
    ),
    (
        "caa-iodef-address",
        Record("CAA", DOMAIN, '0 iodef "security@example.com"'),
        ["not a mailto: or https: URL"],
    ),
    (
        "caa-issuer-with-status",
        Record("CAA", DOMAIN, '0 issue "letsencrypt.org Unverified"'),
        ["is not a certificate authority's domain name", "status column"],
    ),
    (
        "caa-bad-parameter",
        Record("CAA", DOMAIN, '0 issue "letsencrypt.org; x"'),
        ["'x' is not a parameter"],
    ),
    (
        "caa-long-tag",
        Record("CAA", DOMAIN, '0 issuewildcardxyz "x.example"'),
        ["not 1 to 15 letters"],
    ),
    ("caa-not-caa", Record("CAA", DOMAIN, "issue letsencrypt.org"), ["is not a CAA value"]),
    # verification tokens
    ("google-token-short", txt(GOOGLE_VERIFICATION[:-1]), ["43 letters", "is not"]),
    (
        "google-token-glued",
        txt(GOOGLE_VERIFICATION + "Verified"),
        ["then 'Verified'", "status column"],
    ),
    ("ms-token-short", txt("MS=ms1234"), ["8 digits"]),
    ("ms-token-appended", txt("MS=ms12345678 Unverified"), ["then 'Unverified'", "status column"]),
    (
        "facebook-token-appended",
        txt("facebook-domain-verification=ey2l2a1vzfnpdnwr3f2d1qfq7hcfgj Pending"),
        ["is one word", "'Pending'", "status column"],
    ),
]


@pytest.mark.parametrize(
    ("record", "expected"),
    [(r, e) for _, r, e in INVALID],
    ids=[i for i, _, _ in INVALID],
)
def test_invalid_values_are_named(record: Record, expected: list[str]) -> None:
    problems = value_problems(record)
    assert problems, f"{record.value!r} passed"
    told = " ".join(problems)
    for part in expected:
        assert part in told, told


# ---- the paste reader refuses what fails ------------------------------------------------------


def test_a_status_column_after_single_spaces_never_reaches_a_value() -> None:
    """Issue 21's second critical case, `Type Hostname Enter This Value Status` with single
    spaces: the reader gives the values without the status, and the grammar refuses the value
    a reader that glued the status on would have made (the second line of defence)."""
    text = (
        "Type Hostname Enter This Value Status\n"
        "TXT send v=spf1 include:amazonses.com ~all Unverified\n"
        f"TXT resend._domainkey p={RSA_1024} Unverified\n"
    )
    records, findings = parse_paste(text, DOMAIN)
    assert records == [
        Record("TXT", f"send.{DOMAIN}", "v=spf1 include:amazonses.com ~all"),
        Record("TXT", f"resend._domainkey.{DOMAIN}", f"p={RSA_1024}"),
    ]
    assert not [f for f in findings if f.level == "error"]
    glued = Record("TXT", f"send.{DOMAIN}", "v=spf1 include:amazonses.com ~all Unverified")
    (problem,) = value_problems(glued)
    assert problem.startswith("'Unverified' is not an SPF mechanism")
    dkim = Record("TXT", f"resend._domainkey.{DOMAIN}", f"p={RSA_1024} Unverified")
    assert value_problems(dkim)


def test_the_next_blocks_heading_glued_to_a_dkim_key_is_refused() -> None:
    """Issue 21's first critical case, whichever way the reader joins the lines."""
    records, findings = parse_paste(
        f"DKIM\nType: TXT\nHostname: pm._domainkey\nValue: {KEY_2048_WITH_HEADING}\n", DOMAIN
    )
    assert records == []
    (refused,) = [f for f in findings if f.code == "bad-value"]
    assert "'Return-Path' after it is not part of the key" in refused.message
    assert KEY_2048_WITH_HEADING in refused.message


def test_a_sound_record_beside_a_refused_one_is_kept() -> None:
    text = (
        "Type\tHost\tValue\nCNAME\tlinks\te.customeriomail.com\n"
        f"TXT\tpm._domainkey\tk=rsa; p={RSA_2048[:-8]}\n"
    )
    records, findings = parse_paste(text, DOMAIN)
    assert records == [Record("CNAME", f"links.{DOMAIN}", "e.customeriomail.com")]
    assert [(f.code, f.line) for f in findings if f.level == "error"] == [("bad-value", 3)]


def test_read_fields_refuses_a_value_its_grammar_rejects() -> None:
    record, findings = read_fields(
        TypedFields("TXT", "@", "v=spf1 include:mailgun.org ~allVerified"), DOMAIN, 4
    )
    assert record is None
    assert [(f.code, f.line, f.field) for f in findings] == [("bad-value", 4, "value")]
    assert "'~all' with 'Verified' glued on" in findings[0].message
    good, findings = read_fields(TypedFields("TXT", "s1._domainkey", DKIM_1024), DOMAIN, 4)
    assert good == Record("TXT", f"s1._domainkey.{DOMAIN}", DKIM_1024) and findings == []


# ---- nothing reaches the network, and the start-up stays light --------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the grammar check reached for the network: {args}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    yield


@pytest.mark.usefixtures("no_network")
def test_no_check_reaches_the_network() -> None:
    for _, record in VALID:
        value_problems(record)
    for _, record, _ in INVALID:
        value_problems(record)


def test_cryptography_loads_only_when_a_dkim_key_is_read() -> None:
    script = (
        "import sys\n"
        "from wizard.paste import parse_paste\n"
        "parse_paste('Type\\tHost\\tValue\\nTXT\\t@\\tv=spf1 include:mailgun.org ~all\\n"
        "CNAME\\tlinks\\te.customeriomail.com\\n', 'example.com')\n"
        "print('cryptography' in sys.modules, 'dns.resolver' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "False"]

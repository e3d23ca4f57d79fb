"""Records in DNS's own forms: dnspython rdata both ways, and TXT presentation form.

SRV and CAA rdata are read into our value forms (wizard.model.fields) and written from them; a
CAA value is already presentation form, so dnspython reads it as it stands.

TXT presentation form is character-strings of at most 255 bytes, quoted, with `\\` escapes.
Every provider and the watcher read or write these forms somewhere, so they are written once here.
"""

from __future__ import annotations

import re
from typing import Any

from wizard.model.fields import Caa, Srv, srv_fields
from wizard.model.names import normalize_name
from wizard.model.records import Record

TXT_CHUNK = 255


def split_txt(value: str) -> list[bytes]:
    """A TXT value as DNS character-strings of at most 255 bytes each."""
    data = value.encode("utf-8")
    return [data[i : i + TXT_CHUNK] for i in range(0, len(data), TXT_CHUNK)] or [b""]


def decode_escapes(text: str, *, decimal: bool = False) -> bytes:
    """The presentation form's `\\ooo` (octal) and `\\c` escapes, as bytes.

    Route 53, for one, writes `*` as `\\052`. With `decimal`, `\\DDD` is RFC 1035's decimal
    form instead (`\\195\\169` for "é"), as Cloudflare and zone files write it.
    """
    digits = "0123456789" if decimal else "01234567"
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            code = text[i + 1 : i + 4]
            is_code = len(code) == 3 and all(c in digits for c in code)
            number = int(code, 10 if decimal else 8) if is_code else -1
            if 0 <= number <= 0xFF:
                out.append(number)
                i += 4
                continue
            out.extend(text[i + 1].encode())
            i += 2
            continue
        out.extend(ch.encode())
        i += 1
    return bytes(out)


def decode_txt(value: str, *, decimal: bool = False) -> str:
    """`"part one" "part two"` -> `part onepart two`; quotes and escapes removed."""
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', value)
    if not strings:
        return decode_escapes(value, decimal=decimal).decode("utf-8", errors="replace")
    data = b"".join(decode_escapes(s, decimal=decimal) for s in strings)
    return data.decode("utf-8", errors="replace")


def encode_txt(value: str, *, decimal: bool = False) -> str:
    """Quoted strings of at most 255 bytes each, with `"` and `\\` escaped, others octal
    (Route 53's form) or, with `decimal`, RFC 1035's `\\DDD` (Cloudflare's)."""
    parts: list[str] = []
    for chunk in split_txt(value):
        text = []
        for byte in chunk:
            if byte in (0x22, 0x5C):
                text.append("\\" + chr(byte))
            elif 0x20 <= byte <= 0x7E:
                text.append(chr(byte))
            else:
                text.append(f"\\{byte:03d}" if decimal else f"\\{byte:03o}")
        parts.append('"' + "".join(text) + '"')
    return " ".join(parts)


def record_from_rdata(name: str, rdtype: str, rdata: Any, ttl: int) -> Record | None:
    """The Record for one dnspython rdata, in our canonical value form; None for other types."""
    name = normalize_name(name)
    if rdtype in ("A", "AAAA"):
        return Record("A" if rdtype == "A" else "AAAA", name, str(rdata.address), ttl)
    if rdtype in ("CNAME", "NS"):
        target = normalize_name(rdata.target.to_text())
        return Record("CNAME" if rdtype == "CNAME" else "NS", name, target, ttl)
    if rdtype == "MX":
        target = normalize_name(rdata.exchange.to_text())
        return Record("MX", name, target, ttl, int(rdata.preference))
    if rdtype == "TXT":
        text = b"".join(rdata.strings).decode("utf-8", errors="backslashreplace")
        return Record("TXT", name, text, ttl)
    if rdtype == "SRV":
        target = normalize_name(rdata.target.to_text()) or "."
        srv = Srv(int(rdata.priority), int(rdata.weight), int(rdata.port), target)
        return Record("SRV", name, srv.value, ttl, srv.priority)
    if rdtype == "CAA":
        tag = rdata.tag.decode("ascii", errors="replace")
        caa = Caa(int(rdata.flags), tag, rdata.value.decode("utf-8", errors="backslashreplace"))
        return Record("CAA", name, caa.text, ttl)
    return None


def record_to_rdata(record: Record) -> Any:
    """The dnspython rdata that says what `record` says (TXT split into 255-byte strings)."""
    import dns.rdata
    import dns.rdataclass
    import dns.rdatatype
    from dns.rdtypes.ANY.TXT import TXT

    rdclass = dns.rdataclass.IN
    rdtype = dns.rdatatype.from_text(record.type)
    if record.type == "TXT":
        return TXT(rdclass, rdtype, split_txt(record.value))
    if record.type == "MX":
        return dns.rdata.from_text(rdclass, rdtype, f"{record.priority or 0} {record.value}.")
    if record.type in ("CNAME", "NS"):
        return dns.rdata.from_text(rdclass, rdtype, record.value + ".")
    if record.type == "SRV":
        srv = srv_fields(record.priority, record.value)
        target = "." if srv.target == "." else srv.target + "."
        return dns.rdata.from_text(
            rdclass, rdtype, f"{srv.priority} {srv.weight} {srv.port} {target}"
        )
    return dns.rdata.from_text(rdclass, rdtype, record.value)

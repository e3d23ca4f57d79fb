"""TXT values in DNS presentation form: character-strings of at most 255 bytes, quoted, with
`\\` escapes. Every provider reads or writes this form somewhere, so it is written once here.
"""

from __future__ import annotations

import re

TXT_CHUNK = 255


def split_txt(value: str) -> list[bytes]:
    """A TXT value as DNS character-strings of at most 255 bytes each."""
    data = value.encode("utf-8")
    return [data[i : i + TXT_CHUNK] for i in range(0, len(data), TXT_CHUNK)] or [b""]


def decode_escapes(text: str) -> bytes:
    """The presentation form's `\\ooo` (octal) and `\\c` escapes, as bytes.

    Route 53, for one, writes `*` as `\\052`.
    """
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            octal = text[i + 1 : i + 4]
            if len(octal) == 3 and all(c in "01234567" for c in octal):
                out.append(int(octal, 8) & 0xFF)
                i += 4
                continue
            out.extend(text[i + 1].encode())
            i += 2
            continue
        out.extend(ch.encode())
        i += 1
    return bytes(out)


def decode_txt(value: str) -> str:
    """`"part one" "part two"` -> `part onepart two`; quotes and escapes removed."""
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', value)
    if not strings:
        return decode_escapes(value).decode("utf-8", errors="replace")
    data = b"".join(decode_escapes(s) for s in strings)
    return data.decode("utf-8", errors="replace")


def encode_txt(value: str) -> str:
    """Quoted strings of at most 255 bytes each, with `"` and `\\` escaped, others octal."""
    parts: list[str] = []
    for chunk in split_txt(value):
        text = []
        for byte in chunk:
            if byte in (0x22, 0x5C):
                text.append("\\" + chr(byte))
            elif 0x20 <= byte <= 0x7E:
                text.append(chr(byte))
            else:
                text.append(f"\\{byte:03o}")
        parts.append('"' + "".join(text) + '"')
    return " ".join(parts)

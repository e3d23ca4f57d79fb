"""Characters copied from web pages that DNS never wants: found, reported, and taken out."""

from __future__ import annotations

from wizard.model.records import Finding

#: character -> (what a person calls it, what replaces it)
INVISIBLE: dict[str, tuple[str, str]] = {
    "\u200b": ("a zero-width space", ""),
    "\u200c": ("a zero-width non-joiner", ""),
    "\u200d": ("a zero-width joiner", ""),
    "\u2060": ("a word joiner", ""),
    "\ufeff": ("a byte-order mark", ""),
    "\u00ad": ("a soft hyphen", ""),
    "\u00a0": ("a non-breaking space", " "),
    "\u202f": ("a narrow non-breaking space", " "),
    "\u2007": ("a figure space", " "),
}
SMART_QUOTES: dict[str, str] = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
}


def clean_line(line: str, number: int) -> tuple[str, list[Finding]]:
    """The line without invisible characters and smart quotes, and a finding for each kind."""
    if line.isascii():
        return line, []
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    out: list[str] = []
    for ch in line:
        if ch in INVISIBLE:
            seen[ch] = seen.get(ch, 0) + 1
            out.append(INVISIBLE[ch][1])
        elif ch in SMART_QUOTES:
            seen[ch] = seen.get(ch, 0) + 1
            out.append(SMART_QUOTES[ch])
        else:
            out.append(ch)
    invisible = [INVISIBLE[ch][0] for ch in seen if ch in INVISIBLE]
    if invisible:
        findings.append(
            Finding(
                "warning",
                "invisible-character",
                f"Line {number}: the line held {', '.join(invisible)}, copied from the web "
                "page. It is not part of the record and was left out; check the record below.",
                line=number,
            )
        )
    if any(ch in SMART_QUOTES for ch in seen):
        findings.append(
            Finding(
                "warning",
                "smart-quote",
                f"Line {number}: the line used curly quotes (“ ” or ‘ ’), which a web page or "
                "word processor puts in. They were read as plain quotes.",
                line=number,
            )
        )
    return "".join(out), findings

"""README's table of the hosts written through dns-lexicon is the table in the code, row by row.

The table is made from providers/lexicon/table.py; when a row changes, this test fails and
prints the table README must hold (paste it between the two markers).
"""

from __future__ import annotations

from pathlib import Path

from providers.lexicon.table import LEXICON_HOSTS, LexiconHost

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- lexicon hosts: made from providers/lexicon/table.py by tests/test_readme_hosts.py -->"
END = "<!-- end of lexicon hosts -->"
ORDER = ("A", "AAAA", "CNAME", "TXT", "MX", "NS", "SRV", "CAA")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _types(row: LexiconHost) -> str:
    shown = []
    for rtype in (t for t in ORDER if t in row.record_types):
        if rtype == "TXT":
            shown.append("TXT (any length)" if row.long_txt else "TXT (≤ 255)")
        elif rtype == "MX":
            shown.append(
                "MX (priority "
                + ("in the value" if row.mx_priority == "content" else "sent apart")
                + ")"
            )
        else:
            shown.append(rtype)
    return ", ".join(shown)


def _ttl(row: LexiconHost) -> str:
    if not row.ttl_settable:
        return "the zone's own (not settable)"
    low, high = row.ttl_range
    return f"{low}–{high} s ({row.default_ttl} when none is given)"


def _settings(row: LexiconHost) -> str:
    names = [f"`{o.name}`" + (" (secret)" if o.secret else "") for o in row.options]
    return ", ".join(names) + f"; *`api_address`* (default `{row.api_address}`)"


def _where(row: LexiconHost) -> str:
    return " ".join(f"{o.label}: {o.where}" for o in row.options)


def markdown() -> str:
    lines = [
        "| DNS host | `--provider` | settings (advanced in italics) | writes | TTL | limits "
        "| where to get the credentials, least privilege |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in sorted(LEXICON_HOSTS, key=lambda r: r.name.casefold()):
        cells = (
            f"[{row.name}]({row.docs})",
            f"`{row.id}`",
            _settings(row),
            _types(row),
            _ttl(row),
            row.limits,
            _where(row),
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def test_readme_lists_every_lexicon_host_as_the_table_says() -> None:
    text = README.read_text()
    assert BEGIN in text and END in text
    shown = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    expected = markdown()
    assert shown == expected, "README's lexicon table is stale; put this there:\n" + expected


if __name__ == "__main__":
    print(markdown())

"""Text from outside (pasted records, DNS answers, provider errors) shown as it is.

Textual reads `[...]` in strings as markup, so a pasted "[/]" would crash a Static or a table
cell. Interpolate outside text into markup with `escape`; give tables `literal` cells.
"""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape

__all__ = ["escape", "literal"]


def literal(value: object) -> Text:
    """A table cell or label that shows `value` exactly, brackets and all."""
    return Text(str(value))

"""A screen's layout checked by what is drawn where: no widget's text under another widget.

Textual draws widgets in layers and docks, and a docked button or a widget pushed past its
container is drawn over whatever was laid out there, without any error. The check asks the
compositor, cell by cell, which widget is on top across every visible widget's content region:
it must be that widget (or one of its own children).
"""

from __future__ import annotations

from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

#: Widgets that float over the screen by design: notifications and tooltips.
FLOATING = frozenset({"ToastRack", "Toast", "Tooltip"})


def _inside(widget: Widget, ancestor: Widget) -> bool:
    node: Widget | None = widget
    while node is not None:
        if node is ancestor:
            return True
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None
    return False


def _floating(widget: Widget) -> bool:
    return any(type(node).__name__ in FLOATING for node in widget.ancestors_with_self)


def _has_text(widget: Widget) -> bool:
    """A widget with something to read (an empty Static laid out at height 0 has nothing)."""
    if isinstance(widget, Static):
        return bool(str(widget.render()).strip())
    return True


def covered(screen: Screen[object]) -> list[str]:
    """Each widget whose content is drawn over by another, as 'A under B at (x, y)'."""
    compositor = screen._compositor
    problems: list[str] = []
    for widget, (_region, clip) in compositor.visible_widgets.items():
        if widget is screen or _floating(widget) or isinstance(widget, Footer):
            continue
        if any(child.display for child in widget.children) or not _has_text(widget):
            continue  # a container: its children are checked instead
        content = widget.content_region.intersection(clip).intersection(screen.region)
        where = _first_covered(screen, widget, content)
        if where is not None:
            top, (x, y) = where
            problems.append(
                f"{_name(widget)} under {_name(top)} at ({x}, {y}) on {type(screen).__name__}"
            )
    return problems


def _first_covered(
    screen: Screen[object], widget: Widget, content: Region
) -> tuple[Widget, tuple[int, int]] | None:
    for y in range(content.y, content.bottom):
        for x in range(content.x, content.right):
            try:
                top, _ = screen.get_widget_at(x, y)
            except Exception:  # no widget there: nothing drawn over
                continue
            if not _inside(top, widget) and not _floating(top):
                return top, (x, y)
    return None


def _name(widget: Widget) -> str:
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__

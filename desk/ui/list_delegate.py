"""The dossier list's cells, painted from cached text layouts.

Qt's own item painting lays a cell's text out twice at every repaint (to elide it, then
to draw it), after asking the model for nine roles through Python; a screen of the list
was most of the scroll's longest stall (issue 16). Here a plain cell is its background,
then its text drawn from a ``QTextLayout`` kept by text, weight and cell size, made and
placed exactly as Qt's common style makes and places it (one line, elided on the right,
the focus frame's margin plus one pixel each side, centred on whole pixels): the same
pixels, without the layout work when the cell is painted again. Selected, focused and
hovered cells, wrapped text, a right-to-left or disabled view are left to Qt's own
painting, so the selection and the focus frame keep the platform's look. The cells are
taken as the list gives them: left-aligned text, no icon, no check box.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

# What a cell is made of: its text, its text brush (None: the palette's), its background
# brush (None: none) and whether it is bold. The model decides; the delegate only paints.
CellLook = tuple[str, QBrush | None, QBrush | None, bool]

# States Qt's own painting keeps: the selection, the focus frame, hover, editing. As plain
# integers: an enum's "&" is a Python call, and a repaint tests a hundred cells.
_QT_PAINTS = (
    QStyle.StateFlag.State_Selected
    | QStyle.StateFlag.State_HasFocus
    | QStyle.StateFlag.State_MouseOver
    | QStyle.StateFlag.State_Editing
).value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_WRAP = QStyleOptionViewItem.ViewItemFeature.WrapText.value
_RESTYLED = frozenset(
    (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange)
)
_TEXT = QPalette.ColorRole.Text
_ACTIVE_GROUP = QPalette.ColorGroup.Active
_INACTIVE_GROUP = QPalette.ColorGroup.Inactive
_LEFT_NO_WRAP = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_LEFT_NO_WRAP.setWrapMode(QTextOption.WrapMode.ManualWrap)
_LEFT_NO_WRAP.setTextDirection(Qt.LayoutDirection.LeftToRight)
_ORIGIN = QPointF(0, 0)
_CACHE_LIMIT = 4_000  # texts: about fifty screens of the list, a few hundred KB


class CachedTextDelegate(QStyledItemDelegate):
    """Paints a view's plain cells from ``look(row, column)`` with cached text layouts."""

    def __init__(self, look: Callable[[int, int], CellLook], view: QAbstractItemView):
        super().__init__(view)
        self._look = look
        # What every cell shares, read from the view at its first paint and again after
        # its font, style or direction changed: the fonts, regular and bold, with their
        # line heights, the text's margin, whether the view is left to right.
        self._fonts = (QFont(), QFont())
        self._margin = 0
        self._left_to_right = True
        self._known = False
        # (text, bold, width, height) → (the text as shown, laid out; where it starts)
        self._texts: dict[tuple[str, bool, int, int], tuple[QTextLayout, int, int]] = {}
        self._watcher = _Restyled(self._forget, view)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not self._known:
            self._follow(option)
        state = option.state.value  # type: ignore[attr-defined]
        plain = not state & _QT_PAINTS and state & _ENABLED and self._left_to_right
        if not plain or option.features.value & _WRAP:  # type: ignore[attr-defined]
            super().paint(painter, option, index)
            return
        text, foreground, background, bold = self._look(index.row(), index.column())
        rect = option.rect  # type: ignore[attr-defined]
        if background is not None:
            painter.fillRect(rect, background)
        if not text:
            return
        key = (text, bold, rect.width(), rect.height())
        laid = self._texts.get(key) or self._lay_out(key)
        if foreground is not None:
            painter.setPen(foreground.color())
        else:
            group = _ACTIVE_GROUP if state & _ACTIVE else _INACTIVE_GROUP
            painter.setPen(option.palette.color(group, _TEXT))  # type: ignore[attr-defined]
        layout, left, top = laid
        layout.draw(painter, QPointF(rect.x() + left, rect.y() + top))

    def _forget(self) -> None:
        self._known = False

    def _follow(self, option: Any) -> None:
        regular = QFont(option.font)
        bold = QFont(regular)
        bold.setBold(True)
        style = option.widget.style() if option.widget else None
        metric = QStyle.PixelMetric.PM_FocusFrameHMargin
        margin = (style.pixelMetric(metric, None, option.widget) if style else 2) + 1
        if (regular, margin) != (self._fonts[0], self._margin):
            self._texts.clear()
        self._fonts = (regular, bold)
        self._margin = margin
        self._left_to_right = option.direction == Qt.LayoutDirection.LeftToRight
        self._known = True

    def _lay_out(self, key: tuple[str, bool, int, int]) -> tuple[QTextLayout, int, int]:
        text, bold, width, height = key
        font = self._fonts[bold]
        room = width - 2 * self._margin
        # As Qt's common style draws an item's text: one line, elided on the right when
        # its natural width is over the room; the full text's bounding box, rounded to
        # whole pixels, centred in the cell. Laid out once, again only when elided.
        shown = text.replace("\n", "\u2028")
        layout, line = _one_line(shown, font, room)
        box = layout.boundingRect().size().toSize()
        if line.naturalTextWidth() > room:
            shown = QFontMetrics(font).elidedText(shown, Qt.TextElideMode.ElideRight, room)
            layout, line = _one_line(shown, font, room)
        if len(self._texts) >= _CACHE_LIMIT:
            # The oldest goes, one for each new (kept in insertion order): letting thousands
            # go at once is a stall of its own (4,000 layouts ~15 ms of the GUI thread).
            del self._texts[next(iter(self._texts))]
        top = int((height - box.height()) / 2)  # C++'s integer division
        laid = self._texts[key] = (layout, self._margin, top)
        return laid


class _Restyled(QObject):
    """Tells the delegate when its view's font, style or direction changed."""

    def __init__(self, changed: Callable[[], None], view: QAbstractItemView):
        super().__init__(view)
        self._changed = changed
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _RESTYLED:
            self._changed()
        return False


def _one_line(text: str, font: QFont, width: int) -> tuple[QTextLayout, QTextLine]:
    layout = QTextLayout(text, font)
    layout.setTextOption(_LEFT_NO_WRAP)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    line.setPosition(_ORIGIN)
    layout.endLayout()
    return layout, line

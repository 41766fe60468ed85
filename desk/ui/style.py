"""Colours and the application style sheet: one place, so every screen looks the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

ACCENT = "#8b1a1a"  # the red of the office's letterhead
ACCENT_DARK = "#6d1313"
PAPER = "#fbf7ef"
BORDER = "#d8cbb0"
OK = "#1b5e20"
WARN = "#b26a00"
DANGER = "#b00020"
DANGER_BG = "#fde7e9"
MUTED = "#555555"

APP_STYLE = f"""
QMainWindow, QDialog {{ background: white; }}
QPushButton {{ padding: 6px 14px; border: 1px solid {BORDER}; border-radius: 5px;
    background: {PAPER}; }}
QPushButton:hover {{ background: #f3ead7; }}
QPushButton:disabled {{ color: #999; background: #f4f4f4; border-color: #ddd; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK};
    font-weight: bold; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #caa; color: #f6eeee; }}
QPushButton[danger="true"] {{ color: {DANGER}; }}
QPushButton:checked {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QDateTimeEdit {{ padding: 4px 6px;
    border: 1px solid #bbb; border-radius: 4px; background: white; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {ACCENT}; }}
QComboBox QAbstractItemView {{ background: white; color: black;
    selection-background-color: #f0d9c0; selection-color: black; }}
QTableView {{ gridline-color: #e6e0d4; selection-background-color: #f0d9c0;
    selection-color: black; alternate-background-color: #fcfaf6; }}
QHeaderView::section {{ background: {PAPER}; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px 6px; font-weight: bold; }}
QToolButton#navButton {{ text-align: left; padding: 10px 14px; border: none;
    border-radius: 6px; color: #f6eeee; background: transparent; }}
QToolButton#navButton:hover {{ background: rgba(255, 255, 255, 0.12); }}
QToolButton#navButton:checked {{ background: white; color: {ACCENT}; font-weight: bold; }}
QWidget#navBar {{ background: {ACCENT}; }}
QLabel#navTitle {{ color: white; font-weight: bold; }}
QLabel#navUser {{ color: #f6dede; }}
QLabel#pageTitle {{ font-size: 17pt; font-weight: bold; color: {ACCENT}; }}
QLabel#error {{ color: {DANGER}; font-weight: bold; }}
QLabel#banner {{ background: {DANGER_BG}; color: {DANGER}; border: 1px solid #f3b6bd;
    border-radius: 6px; padding: 8px 12px; font-weight: bold; }}
QLabel#bannerInfo {{ background: #e8f5e9; color: {OK}; border: 1px solid #b9dfbd;
    border-radius: 6px; padding: 8px 12px; font-weight: bold; }}
QFrame#card {{ background: {PAPER}; border: 1px solid {BORDER}; border-radius: 8px; }}
QGroupBox {{ font-weight: bold; border: 1px solid {BORDER}; border-radius: 8px;
    margin-top: 12px; padding-top: 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {ACCENT}; }}
"""


def status_colour(code: int) -> str:
    """A colour per national status code, for the status chip and the list."""
    return {
        2: "#1565c0",
        3: "#6d4c41",
        4: "#6a1b9a",
        5: WARN,
        6: WARN,
        7: "#616161",
        8: "#616161",
        9: OK,
        10: "#2e7d32",
    }.get(code, MUTED)


def show_notice(label: QLabel, text: str, *, ok: bool = False) -> None:
    """Show ``text`` in a screen's notice line: red (``banner``), or green when ``ok``
    (``bannerInfo``); the label is polished again for its new style."""
    label.setObjectName("bannerInfo" if ok else "banner")
    style = label.style()
    style.unpolish(label)
    style.polish(label)
    label.setText(text)
    label.show()

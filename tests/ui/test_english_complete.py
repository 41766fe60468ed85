"""The English desk is English everywhere the clerk looks: every main screen shows no
Vietnamese letter except citizens' data, the office's own names and printed matter; and
every word the window takes from the domain or the data files (statuses, roles, form
labels, the catalogue) has its English in the compiled Linguist file."""

from __future__ import annotations

import ast
import enum
import importlib
import pkgutil
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

import desk
from desk.domain.status import Status
from desk.services import demo, dossiers, intake
from desk.ui import labels
from desk.ui.i18n import I18N_DIR, install_translator

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
ROOT = Path(__file__).resolve().parents[2]
VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")


def vietnamese(text: str) -> bool:
    """A letter English never writes: đ, ơ, ư, ă, â, ê, ô, or a Vietnamese tone mark."""
    for ch in text:
        if ch in VIETNAMESE_ONLY:
            return True
        if ord(ch) > 127 and unicodedata.category(ch).startswith("L"):
            return True
    return False


@pytest.fixture
def english(qapp):
    assert install_translator("en")
    yield
    install_translator("vi")


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a QListWidget's own model keeps columnCount private
        columns = 1
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if header:
            yield str(header)
    for row in range(min(model.rowCount(root), 30)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(row, column), role)
                if isinstance(value, str):
                    yield value


def shown_texts(root: QWidget) -> Iterator[str]:
    """What a clerk reads on ``root`` now: the visible labels, buttons, group titles,
    hints, drop-downs and lists (what was typed in an editor is the citizen's)."""
    yield root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        yield widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            yield from (widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView):
            yield from _model_texts(widget)


def left_in_vietnamese(root: QWidget, data: Iterable[str] = ()) -> list[str]:
    """The shown texts with a Vietnamese letter once the given data (names, addresses,
    the office's names) are taken out."""
    data = sorted({d for d in data if d}, key=len, reverse=True)
    found = []
    for text in shown_texts(root):
        rest = text or ""
        for value in data:
            rest = rest.replace(value, "")
        if vietnamese(rest):
            found.append(text)
    return sorted(set(found))


def assert_english(root: QWidget, data: Iterable[str] = ()) -> None:
    left = left_in_vietnamese(root, data)
    assert left == [], "still in Vietnamese:\n" + "\n".join(left)


def office_words(ctx, *users) -> list[str]:
    office = ctx.office
    words = [office.agency_name, ctx.config.desk_name, str(ctx.db.url)]
    words += [getattr(office, name, "") for name in ("province", "district", "commune")]
    for user in users:
        words += [user.full_name, user.title]
    return [str(w) for w in words if w]


def _window(qtbot, ctx, user):
    from desk.ui.main_window import MainWindow

    window = MainWindow(ctx, user, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _received(ctx, clerk, count: int = 3) -> list:
    made = []
    for generated in demo.generate(ctx, 40, seed=7):
        if generated.request.procedure_code == "1.001193":
            made.append(intake.receive_dossier(ctx, generated.request, clerk))
        if len(made) == count:
            break
    return made


def _people_of(dossier) -> list[str]:
    words = []
    for person in [dossier.applicant, *(party.person for party in dossier.parties)]:
        for name in ("full_name", "address", "id_issuer"):
            words.append(str(getattr(person, name, "") or ""))
    return words


# --- the screens ------------------------------------------------------------------------


def test_intake_with_a_birth_registration_is_english(qtbot, ctx, clerk, english) -> None:
    window = _window(qtbot, ctx, clerk)
    window.new_intake()
    view = window.intake
    assert view is not None
    assert view.picker.choose_code("1.001193")
    qtbot.waitUntil(lambda: view.form_view is not None)
    # The drop-downs hold the citizen's data as the declaration prints it (sex, ethnicity,
    # nationality, relation): values, not the window's words.
    assert_english(window, office_words(ctx, clerk))
    assert "Birth" in view.entry.form_group.title()


def test_intake_receive_and_supplement_pages_are_english(qtbot, ctx, clerk, english) -> None:
    window = _window(qtbot, ctx, clerk)
    window.new_intake()
    view = window.intake
    assert view is not None and view.picker.choose_code("1.001193")
    qtbot.waitUntil(lambda: view.form_view is not None)
    view.flows.receive()  # every problem shown under its field and in the list
    assert "Not received yet" in view.banner.label.text()
    assert_english(window, office_words(ctx, clerk))
    view.flows.request_supplement()
    # The reason and the rules are prefilled as form 02 prints them (Vietnamese, typed
    # text); the page around them is the window's.
    assert_english(window, office_words(ctx, clerk))


def test_the_list_shows_english_statuses(qtbot, ctx, clerk, english) -> None:
    made = _received(ctx, clerk)
    dossiers.change_status(ctx, str(made[0].code), Status.PROCESSING, clerk)
    window = _window(qtbot, ctx, clerk)
    window.show_list()
    table = window.dossier_list.table
    qtbot.waitUntil(lambda: table.model().rowCount() >= len(made), timeout=10_000)
    people = [w for d in made for w in _people_of(d)]
    staff = [*demo.demo_clerks(ctx), *(demo.demo_account(ctx, n) for n in ("lanhdao", "quantri"))]
    people += [u.full_name for u in staff]  # the «clerk» filter names the office's staff
    assert_english(window, office_words(ctx, clerk) + people)
    statuses = {table.model().index(r, 3).data() for r in range(table.model().rowCount())}
    assert {"Received", "Processing"} <= statuses


def test_hand_back_shows_english_satisfaction_buttons(qtbot, ctx, clerk, english) -> None:
    (dossier,) = _received(ctx, clerk, 1)
    code = str(dossier.code)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
    dossiers.change_status(ctx, code, Status.RESULT_READY, clerk)
    window = _window(qtbot, ctx, clerk)
    window.hand_back(code, False)
    handback = window.handback
    qtbot.waitUntil(lambda: handback.summary["status"].text() == "Result ready", timeout=10_000)
    assert handback.summary["procedure"].text() == "Birth registration"
    texts = {button.text() for button in handback.rating_buttons.values()}
    assert texts == {"Satisfied", "Neutral", "Dissatisfied"}
    assert_english(window, office_words(ctx, clerk) + _people_of(dossier))


def test_the_dossier_view_is_english(qtbot, ctx, clerk, english) -> None:
    (dossier,) = _received(ctx, clerk, 1)
    window = _window(qtbot, ctx, clerk)
    window.open_dossier(str(dossier.code))
    view = window.dossier_view
    qtbot.waitUntil(lambda: view.status_chip.text() == "Received", timeout=10_000)
    # The summary (trích yếu) and the history's notes are the dossier's own record.
    record = [dossier.summary, *(event.note for event in dossier.events)]
    assert_english(window, office_words(ctx, clerk) + _people_of(dossier) + record)


def test_the_sync_panel_is_english(qtbot, ctx, english) -> None:
    supervisor = demo.demo_account(ctx, "lanhdao")
    window = _window(qtbot, ctx, supervisor)
    window.open_sync()
    assert window.sync_panel is not None
    assert_english(window, office_words(ctx, supervisor))


def test_the_draft_banner_is_english(qtbot, ctx, clerk, english) -> None:
    window = _window(qtbot, ctx, clerk)
    window.new_intake()
    view = window.intake
    assert view is not None and view.picker.choose_code("1.001193")
    qtbot.waitUntil(lambda: view.form_view is not None)
    view.applicant.cells["full_name"].set_value("Lò Văn Pọm")
    view.on_changed()
    assert view.keep_draft()
    qtbot.waitUntil(lambda: not view.keeper.busy, timeout=10_000)
    view.reset()
    view.offer.offer()
    qtbot.waitUntil(lambda: view.draft_banner.isVisibleTo(window), timeout=10_000)
    assert_english(view.draft_banner, [*office_words(ctx, clerk), "Lò Văn Pọm"])


def test_role_names_are_english(qtbot, ctx, english) -> None:
    for username, role in (("canbo1", "Desk clerk"), ("lanhdao", "Supervisor")):
        user = demo.demo_account(ctx, username)
        window = _window(qtbot, ctx, user)
        assert role in window.statusBar().currentMessage()
        assert_english(window.nav, office_words(ctx, user))
        window.close()


# --- every word the window takes from the domain has English -----------------------------


def _compiled_english() -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "desk_en.qm"))
    return translator


def test_every_domain_word_and_form_label_has_english(qapp) -> None:
    translator = _compiled_english()
    missing = [
        f"{context}: {text}"
        for context, text in labels.domain_texts()
        if not translator.translate(context, text)
    ]
    assert missing == [], "no English in resources/i18n/desk_en.ts for:\n" + "\n".join(missing)


def test_the_lupdate_list_of_domain_words_is_up_to_date() -> None:
    written = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "i18n" / "write_label_texts.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert written.returncode == 0, written.stdout + written.stderr


def test_every_enum_with_words_for_the_user_is_translated() -> None:
    """A new enum with a ``label`` (a new kind of status …) joins LABELLED_ENUMS."""
    found = set()
    for module in pkgutil.walk_packages(desk.__path__, "desk."):
        name = module.name
        if name.startswith(("desk.ui", "desk.commands", "desk.store.migrations")) or name in (
            "desk.__main__",
            "desk.app",
            "desk.cli",
        ):
            continue
        loaded = importlib.import_module(name)
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and value.__module__ == name
                and isinstance(getattr(value, "label", None), property)
            ):
                found.add(value)
    assert found <= set(labels.LABELLED_ENUMS), found - set(labels.LABELLED_ENUMS)


def test_the_formats_words_are_all_given_to_lupdate() -> None:
    source = (ROOT / "desk" / "ui" / "labels.py").read_text(encoding="utf-8")
    used = {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "_fmt"
        and isinstance(node.args[0], ast.Constant)
    }
    assert used <= set(labels.FORMAT_TEXTS)


def test_every_window_string_has_english() -> None:
    """The translators' file has no unfinished entry: each new ``self.tr`` was translated
    (run resources/i18n/update.sh, then translate)."""
    ts = (I18N_DIR / "desk_en.ts").read_text(encoding="utf-8")
    unfinished = re.findall(
        r"<source>([^<]*)</source>\s*(?:<[^>]+>[^<]*</[^>]+>\s*)*"
        r'<translation type="unfinished">',
        ts,
    )
    assert unfinished == []


def test_english_in_the_vietnamese_desk_is_kept_for_printed_matter(qapp) -> None:
    install_translator("vi")
    assert labels.shown_label(Status.RECEIVED) == "Được tiếp nhận"
    assert QCoreApplication.translate("Status", "Được tiếp nhận") == "Được tiếp nhận"


def test_a_procedure_is_found_by_its_english_name(ctx, english) -> None:
    from desk.ui.intake.procedure_picker import procedure_matches

    procedures = list(ctx.catalogue())
    found = [p.code for p in procedure_matches(procedures, "birth registration")]
    assert found[:1] == ["1.001193"]
    assert [p.code for p in procedure_matches(procedures, "khai sinh")][:1] == ["1.001193"]


def test_a_late_registration_note_is_english(english) -> None:
    from desk.forms.definitions import get_form

    late = get_form("birth_registration").late
    assert late is not None
    assert labels.any_form_text(late.note).startswith("More than 60 days")

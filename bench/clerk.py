"""Time to serve a citizen: a scripted clerk at a real desk window, offscreen.

The mother of a newborn comes to register the birth. The clerk presses F2, scans the
mother's chip ID card, types what the citizen tells her, ticks the papers, receives the
dossier and prints the slip (Qt's print dialog, to a PDF file). Every key and click goes
through the window as a clerk's would (the scanner through the real ``ScanListener``), and
is counted:

- ``citizen_chars``: characters of the citizen's own data typed (names, dates, phone …);
- ``scan_chars``: the ID card's QR text, typed by the scanner in one burst;
- ``clerk_inputs``: every other key and click (moving between fields, picking from lists,
  shortcuts, confirmations, printing): what the desk should keep as small as it can,
  listed step by step in ``steps``.

``desk_ms`` is the desk's own time, the typing taken out: key events are stamped as a
person types them (120 ms apart) but sent without waiting, and after each input the
script waits until the window has done what the input asked (the field filled, the
dossier recorded, the slip in the preview, the PDF written). The waits for the desk's
background work count (the clerk waits too); the debounced checks that run when the clerk
pauses count only for the time their handlers take on the GUI thread.

It needs no office database: a demo office is made in a temporary folder.

Run alone: ``python -m bench.clerk`` (prints the figures as JSON).
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HUMAN_MS = 120  # stamped between a person's keys (never waited for)
SCANNER_MS = 3  # between a scanner's keys
TIMEOUT_S = 60.0
BIRTH_REGISTRATION = "1.001193"
PROCEDURE_QUERY = "khai sinh"
# The mother's chip ID card as its QR code reads (DOMAIN §7); invented.
MOTHER_CARD = "{id}||Hoàng Thị Đào|15031990|Nữ|Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ|10052022"
VISITS = 3  # the first citizen after the desk opened, then the next ones


@dataclass
class Citizen:
    """What the mother tells the clerk (the card carries the rest)."""

    id_number: str = "025190012345"  # her card's (a woman born 1990 in Thái Bình)
    phone: str = "0912345678"
    relation: str = "Mẹ"
    relation_typed: str = "me"
    child_name: str = "Nguyễn Minh Khôi"
    child_birth_date: date = field(default_factory=lambda: date.today() - timedelta(days=9))
    child_sex: str = "Nam"
    child_sex_typed: str = "nam"
    ethnicity: str = "Kinh"
    ethnicity_typed: str = "kinh"
    nationality: str = "Việt Nam"
    nationality_typed: str = "viet nam"
    birth_place: str = "Trạm y tế xã Yên Lạc, tỉnh Phú Thọ"
    father_name: str = "Nguyễn Văn Hùng"
    father_birth_year: str = "1988"


@dataclass
class Step:
    name: str
    clerk: list[str] = field(default_factory=list)  # the clerk's own keys and clicks
    citizen_chars: int = 0
    scan_chars: int = 0
    desk_ms: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)  # (ms, input)

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.name,
            "clerk_inputs": len(self.clerk),
            "clerk": " ".join(self.clerk),
            "citizen_chars": self.citizen_chars,
            "scan_chars": self.scan_chars,
            "desk_ms": round(self.desk_ms, 1),
            "slowest": [f"{label} {ms:.0f} ms" for ms, label in sorted(self.slowest)[-3:][::-1]],
        }


class ScriptedClerk:
    """Sends a clerk's keys and clicks to the window, counts them, and times the desk."""

    def __init__(self, app: Any, window: Any):
        self.app = app
        self.window = window
        self.steps: list[Step] = []
        self._stamp = 10_000_000  # event timestamps, ms
        self.unexpected: list[str] = []  # message boxes nobody expected
        self._step: Step | None = None

    # --- bookkeeping ------------------------------------------------------------------

    @contextmanager
    def step(self, name: str) -> Iterator[Step]:
        self._step = Step(name)
        self.steps.append(self._step)
        yield self._step
        self.pause()
        self._step = None

    def _current(self) -> Step:
        assert self._step is not None, "an input outside a step"
        return self._step

    def settle(self, until: Callable[[], bool] | None = None, timeout_s: float = TIMEOUT_S) -> None:
        """Run the window until ``until`` holds and no background work is left."""
        from PySide6.QtCore import QThreadPool

        pool = QThreadPool.globalInstance()
        end = time.perf_counter() + timeout_s
        while True:
            self.app.processEvents()
            if (until is None or until()) and pool.activeThreadCount() == 0:
                self.app.processEvents()
                if pool.activeThreadCount() == 0:
                    return
            if time.perf_counter() > end or self.unexpected:
                raise TimeoutError(
                    f"the desk did not get there: {self._current().name} {self.unexpected}"
                )
            time.sleep(0.0002)

    def _window_manager(self) -> None:
        """As a window manager does when a window closes: the one under it becomes
        active (the offscreen platform leaves none)."""
        from PySide6.QtWidgets import QApplication, QDialog

        if QApplication.activeWindow() is not None:
            return
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
        ]
        front = dialogs[-1] if dialogs else self.window
        front.activateWindow()
        self.app.processEvents()

    def pause(self) -> None:
        """The clerk pauses (a field done): the checks and the draft the screen puts off
        until a pause run now; only their handlers' time counts, not the wait."""
        from PySide6.QtCore import QThreadPool, QTimer

        intake = self.window.intake
        timers = [
            getattr(intake, "_validate_timer", None),
            getattr(getattr(intake, "keeper", None), "_timer", None),
        ]
        active = [t for t in timers if isinstance(t, QTimer) and t.isActive()]
        pool = QThreadPool.globalInstance()
        end = time.perf_counter() + 5
        while (any(t.isActive() for t in active) or pool.activeThreadCount()) and (
            time.perf_counter() < end
        ):
            # Asleep until a timer is due or the pool is done (not the desk's time), then
            # the window's handlers run (the desk's).
            due = [t.remainingTime() for t in active if t.isActive()]
            if pool.activeThreadCount():
                time.sleep(0.001)
            elif due and min(due) > 0:
                time.sleep(min(due) / 1000)
            began = time.perf_counter()
            self.app.processEvents()
            self._record("(pause)", (time.perf_counter() - began) * 1000)

    def _record(self, label: str, ms: float) -> None:
        step = self._current()
        step.desk_ms += ms
        if label != "(pause)" or ms > 1:
            step.slowest.append((ms, label))

    def _input(self, label: str, send: Callable[[], None], until: Any = None) -> None:
        started = time.perf_counter()
        send()
        self.settle(until)
        self._record(label, (time.perf_counter() - started) * 1000)
        self._window_manager()

    def _target(self) -> Any:
        from PySide6.QtWidgets import QApplication

        popup = QApplication.activePopupWidget()
        if popup is not None:
            return popup
        front = QApplication.activeModalWidget() or QApplication.activeWindow() or self.window
        focus = QApplication.focusWidget()
        if focus is not None and (focus is front or front.isAncestorOf(focus)):
            return focus
        return front.focusWidget() or front

    def _send(self, key: int, text: str, mods: Any, gap_ms: int) -> None:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication

        self._stamp += gap_ms
        target = self._target()
        for kind, stamp in ((QEvent.Type.KeyPress, self._stamp), (QEvent.Type.KeyRelease, 0)):
            event = QKeyEvent(kind, key, mods, text)
            event.setTimestamp(stamp or self._stamp + 1)
            QApplication.sendEvent(target, event)

    # --- inputs -----------------------------------------------------------------------

    def press(self, key: Any, label: str, until: Callable[[], bool] | None = None) -> None:
        """A key of the clerk's own that is no shortcut (Tab, Enter, Space, arrows)."""
        from PySide6.QtCore import Qt

        text = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Space: " ", Qt.Key.Key_Tab: "\t"}.get(key, "")
        self._current().clerk.append(label)
        self._input(
            label,
            lambda: self._send(int(key), text, Qt.KeyboardModifier.NoModifier, HUMAN_MS),
            until,
        )

    def shortcut(
        self, key: Any, label: str, mods: Any = None, until: Callable[[], bool] | None = None
    ) -> None:
        """A key the window's shortcuts answer (F2, Ctrl+Enter, Ctrl+P): through Qt's
        shortcut map, as the platform delivers it."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self._current().clerk.append(label)
        target = self._target()
        plain = Qt.KeyboardModifier.NoModifier
        self._input(label, lambda: QTest.keyClick(target, key, mods or plain), until)

    def click(self, widget: Any, label: str, until: Any = None, at: Any = None) -> None:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        self._current().clerk.append(label)
        point = at or QPoint(min(12, widget.width() // 2), widget.height() // 2)
        button, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        self._input(label, lambda: QTest.mouseClick(widget, button, plain, point), until)

    def type(self, text: str, *, data: bool = True) -> None:
        """Characters as a person types them; the citizen's data unless ``data`` is False
        (then each is one of the clerk's own keys). Then the clerk pauses."""
        step = self._current()
        for ch in text:
            self._input(repr(ch), functools.partial(self._send, *_key_for(ch, text=True)))
            if data:
                step.citizen_chars += 1
            else:
                step.clerk.append(ch)
        self.pause()

    def scan(self, payload: str, until: Callable[[], bool]) -> None:
        """The scanner: the payload in one fast burst, then Enter."""
        from PySide6.QtCore import Qt

        def burst() -> None:
            for ch in payload:
                key, mods = _key_for(ch)
                self._send(key, ch, mods, SCANNER_MS)
            self._send(int(Qt.Key.Key_Return), "\r", Qt.KeyboardModifier.NoModifier, SCANNER_MS)

        self._current().scan_chars += len(payload) + 1
        self._input("scan", burst, until)
        self.pause()

    # --- moving about, as a clerk who knows the form ---------------------------------

    def go_to(self, editor: Any, name: str) -> None:
        """Into ``editor``: nothing if the cursor is there, Tab if that is where Tab
        leads, else a click on it (one input either way, the fewest)."""
        from PySide6.QtCore import Qt

        if _holds_focus(editor):
            return
        following = _tab_target()
        if following is not None and _within(following, editor):
            self.press(Qt.Key.Key_Tab, "Tab")
        else:
            line = editor.lineEdit() if hasattr(editor, "lineEdit") else None
            self.click(line or editor, f"[click {name}]")
        assert _holds_focus(editor), f"did not reach {name}"

    def pick(self, editor: Any, typed: str, wanted: str) -> None:
        """A pick-list: a few letters of the citizen's answer, then Tab, which takes the
        choice they mean and moves on (Down and Enter first where Tab would not)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        if editor.value() == wanted:
            return
        self.type(typed)
        popup = QApplication.activePopupWidget() is not None
        if editor.value() != wanted and popup and not _tab_settles(editor):
            self.press(Qt.Key.Key_Down, "Down")
            self.press(Qt.Key.Key_Return, "Enter")
        if editor.value() != wanted or _holds_focus(editor):
            self.press(Qt.Key.Key_Tab, "Tab")
        assert editor.value() == wanted, f"{editor.objectName()}: {editor.value()!r}"


def _highlighted(picker: Any, code: str) -> bool:
    """The procedure list is open with ``code`` highlighted (Enter takes it)."""
    index = picker.list.currentIndex()
    chosen = picker.model.procedure_at(index.row()) if index.isValid() else None
    return picker.list.isVisible() and chosen is not None and chosen.code == code


def _tab_settles(editor: Any) -> bool:
    """Whether the field takes the choice the typed letters mean when the cursor leaves
    (``ChoiceField._settle``)."""
    return hasattr(editor, "_settle")


def _key_for(ch: str, *, text: bool = False) -> tuple[Any, ...]:
    """The key a person presses for ``ch``, and its modifiers; with ``text``, the
    arguments of ``ScriptedClerk._send`` (key, text, modifiers, gap)."""
    if text:
        key, mods = _key_for(ch)
        return key, ch, mods, HUMAN_MS
    from PySide6.QtCore import Qt

    if ch == "|":
        return int(Qt.Key.Key_Bar), Qt.KeyboardModifier.ShiftModifier
    if ch == " ":
        return int(Qt.Key.Key_Space), Qt.KeyboardModifier.NoModifier
    if ch.isascii() and ch.isalnum():
        shift = (
            Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
        )
        return ord(ch.upper()), shift
    if ch.isascii():
        return ord(ch), Qt.KeyboardModifier.NoModifier
    return 0, Qt.KeyboardModifier.NoModifier  # a letter the keyboard layout has not


def _within(widget: Any, editor: Any) -> bool:
    return widget is editor or editor.isAncestorOf(widget)


def _holds_focus(editor: Any) -> bool:
    from PySide6.QtWidgets import QApplication

    focus = QApplication.focusWidget()
    return focus is not None and _within(focus, editor)


def _tab_target() -> Any:
    """The widget Tab would reach (as QWidget::focusNextChild)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    start = QApplication.focusWidget()
    if start is None:
        return None
    widget: Any = start
    for _guard in range(5000):
        widget = widget.nextInFocusChain()
        if widget is start:
            return None
        proxy = widget.focusProxy() or widget
        if (
            int(widget.focusPolicy().value) & int(Qt.FocusPolicy.TabFocus.value)
            and widget.isVisible()
            and widget.isEnabled()
            and proxy is not start
            and not widget.isAncestorOf(start)
        ):
            return widget
    return None


def serve_a_mother(clerk: ScriptedClerk, citizen: Citizen, print_dir: Path) -> dict[str, Any]:
    """The whole visit; returns what it produced (the dossier's code, the PDF)."""
    from PySide6.QtCore import QPoint, Qt

    window = clerk.window
    produced: dict[str, Any] = {}
    shown: list[Any] = []
    window.preview_shown.connect(shown.append)

    with clerk.step("F2: a new intake"):
        clerk.shortcut(Qt.Key.Key_F2, "F2", until=lambda: window.current_page() == "intake")
    intake = window.intake
    applicant = intake.applicant.cells

    with clerk.step("the procedure: Đăng ký khai sinh"):
        clerk.go_to(intake.picker.search, "procedure search")
        if intake.procedure is None or intake.procedure.code != BIRTH_REGISTRATION:
            if not _highlighted(intake.picker, BIRTH_REGISTRATION):
                clerk.type(PROCEDURE_QUERY, data=False)
            clerk.press(Qt.Key.Key_Return, "Enter", until=lambda: intake.procedure is not None)
        assert intake.procedure.code == BIRTH_REGISTRATION, intake.procedure

    with clerk.step("the mother's ID card scanned"):
        card = MOTHER_CARD.format(id=citizen.id_number)
        clerk.scan(card, until=lambda: applicant["id_number"].value() == citizen.id_number)
        assert applicant["full_name"].value() == "Hoàng Thị Đào"

    with clerk.step("her phone"):
        clerk.go_to(applicant["phone"].editor, "phone")
        clerk.type(citizen.phone)

    form = intake.form_view
    cells, people = form.cells, form.people
    with clerk.step("she is the mother (người yêu cầu)"):
        relation = cells["relation_to_child"].editor
        if relation.value() != citizen.relation:
            clerk.go_to(relation, "relation")
            clerk.pick(relation, citizen.relation_typed, citizen.relation)
        mother = people["mother"]
        if mother.cells["id_number"].value() != citizen.id_number:
            clerk.click(mother.copy_button, "[click «Chép từ người nộp hồ sơ»]")
        assert mother.cells["full_name"].value() == "Hoàng Thị Đào"

    child = people["child"].cells
    with clerk.step("the child"):
        clerk.go_to(child["full_name"].editor, "child's name")
        clerk.type(citizen.child_name)
        clerk.go_to(child["birth_date"].editor, "child's birth date")
        clerk.type(citizen.child_birth_date.strftime("%d%m%Y"))
        clerk.go_to(child["sex"].editor, "child's sex")
        clerk.pick(child["sex"].editor, citizen.child_sex_typed, citizen.child_sex)
        for key, typed, wanted in (
            ("ethnicity", citizen.ethnicity_typed, citizen.ethnicity),
            ("nationality", citizen.nationality_typed, citizen.nationality),
        ):
            editor = cells[key].editor
            if editor.value() != wanted:
                clerk.go_to(editor, key)
                clerk.pick(editor, typed, wanted)
        clerk.go_to(cells["child_birth_place"].editor, "birth place")
        clerk.type(citizen.birth_place)

    with clerk.step("the mother's ethnicity and nationality"):
        for key, typed, wanted in (
            ("mother_ethnicity", citizen.ethnicity_typed, citizen.ethnicity),
            ("mother_nationality", citizen.nationality_typed, citizen.nationality),
        ):
            editor = cells[key].editor
            if editor.value() != wanted:
                clerk.go_to(editor, key)
                clerk.pick(editor, typed, wanted)

    father = people["father"].cells
    with clerk.step("the father"):
        clerk.go_to(father["full_name"].editor, "father's name")
        clerk.type(citizen.father_name)
        clerk.go_to(father["birth_year"].editor, "father's birth year")
        clerk.type(citizen.father_birth_year)

    documents = intake.documents
    with clerk.step("the papers: tờ khai, giấy chứng sinh, căn cước seen"):
        model, table = documents.model, documents.table
        papers = {"TK", "GCS", "GTTT"}
        for row, line in enumerate(model.lines):
            if line.code in papers and not line.ticked:
                box = table.visualRect(model.index(row, 0))  # its check box, at the left
                clerk.click(
                    table.viewport(),
                    f"[click ☐ {line.code}]",
                    until=lambda r=row: model.lines[r].ticked,
                    at=QPoint(box.left() + 10, box.center().y()),
                )
        assert all(line.ticked for line in model.lines if line.code in papers)

    with clerk.step("receive (Ctrl+Enter)"):
        clerk.shortcut(
            Qt.Key.Key_Return,
            "Ctrl+Enter",
            Qt.KeyboardModifier.ControlModifier,
            until=lambda: bool(shown) or intake.outcome.pages.currentIndex() != 0,
        )
        if not shown and intake.outcome.pages.currentIndex() == 1:  # warnings: confirm
            clerk.press(Qt.Key.Key_Return, "Enter (vẫn tiếp nhận)", until=lambda: bool(shown))
        assert shown, "no slip in the preview: " + intake.banner.label.text()
    preview = shown[-1]
    produced["code"] = preview.windowTitle().rsplit("— ", 1)[1]

    with clerk.step("print the slip, back to the desk"):
        clerk.shortcut(
            Qt.Key.Key_P,
            "Ctrl+P",
            Qt.KeyboardModifier.ControlModifier,
            until=lambda: preview._print_dialog is not None and preview._print_dialog.isVisible(),
        )
        dialog = preview._print_dialog
        printer = dialog.printer()
        printed: list[int] = []
        preview.printed.connect(printed.append)
        failed: list[str] = []
        preview.failed.connect(failed.append)
        clerk.press(Qt.Key.Key_Return, "Enter", until=lambda: bool(printed or failed))
        assert printed, failed
        if preview.isVisible():
            clerk.press(Qt.Key.Key_Escape, "Esc (close the preview)")
        assert not preview.isVisible()
    said = [window.banner.text()] if window.banner.isVisible() else []
    if intake.banner.isVisible():
        said.append(intake.banner.label.text())  # the intake's own, where the window's goes
    produced["banner"] = " ".join(said)
    produced["pdf"] = Path(printer.outputFileName() or "")
    produced["pages"] = printed[0]
    return produced


def run(data_dir: str | Path | None = None, *, visits: int = VISITS) -> dict[str, Any]:
    """``visits`` mothers served one after the other; the figures. ``data_dir``: where
    the demo office goes (a new temporary folder if None)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="desk-clerk-") as scratch:
        folder = Path(data_dir) if data_dir is not None else Path(scratch) / "office"
        return _run(folder, Path(scratch), visits)


def _run(folder: Path, scratch: Path, visits: int) -> dict[str, Any]:
    # Print to file suggests a file in the home folder: the scratch folder here.
    home = os.environ.get("HOME")
    os.environ["HOME"] = str(scratch)
    try:
        return _serve(folder, scratch, visits)
    finally:
        if home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = home


def _serve(folder: Path, scratch: Path, count: int) -> dict[str, Any]:
    from desk.app import prepare_application

    app = prepare_application()
    from desk.config import DeskConfig
    from desk.services import auth, demo, dossiers
    from desk.services.context import DeskContext
    from desk.ui.main_window import MainWindow

    ctx = DeskContext.open(DeskConfig(data_dir=folder))
    demo.ensure_demo_office(ctx)
    user = auth.authenticate(ctx, "canbo1", "canbo1-demo")
    window = MainWindow(ctx, user, idle_ms=0)
    window.resize(1366, 740)
    window.show()
    clerk = ScriptedClerk(app, window)
    watchdog = _refuse_message_boxes(clerk)
    visits: list[dict[str, Any]] = []
    try:
        with clerk.step("the desk opens"):
            clerk.settle(lambda: window.today.isVisible())
        for number in range(count):
            clerk.steps = []
            started = time.perf_counter()
            citizen = Citizen(id_number=f"02519001{2345 + number:04d}")
            produced = serve_a_mother(clerk, citizen, scratch)
            wall_ms = (time.perf_counter() - started) * 1000
            dossier = dossiers.get_dossier(ctx, produced["code"])
            pdf: Path = produced["pdf"]
            steps = [s.as_dict() for s in clerk.steps]
            visits.append(
                {
                    "dossier": str(dossier.code),
                    "dossier_status": dossier.status.name,
                    "applicant": dossier.applicant.full_name,
                    "slip_pages": produced["pages"],
                    "banner_after_print": produced["banner"],
                    "slip_pdf_bytes": pdf.stat().st_size if pdf.is_file() else 0,
                    "slip_is_pdf": pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-",
                    "clerk_inputs": sum(s["clerk_inputs"] for s in steps),
                    "citizen_chars": sum(s["citizen_chars"] for s in steps),
                    "scan_chars": sum(s["scan_chars"] for s in steps),
                    "desk_ms": round(sum(s.desk_ms for s in clerk.steps), 1),
                    "script_wall_ms": round(wall_ms, 1),
                    "steps": steps,
                }
            )
    finally:
        watchdog.stop()
        if window.preview is not None:
            window.preview.close()
        window.close()
        app.processEvents()
        ctx.close()
    later = visits[1:] or visits
    return {
        "clerk_inputs": visits[0]["clerk_inputs"],
        "clerk_inputs_next": max(v["clerk_inputs"] for v in later),
        "desk_ms_first": visits[0]["desk_ms"],
        "desk_ms_next": round(statistics.median(v["desk_ms"] for v in later), 1),
        "visits": visits,
    }


def _refuse_message_boxes(clerk: ScriptedClerk) -> Any:
    """A message box the script did not expect would wait for an answer for ever: it is
    closed, and the visit fails with its text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                clerk.unexpected.append(widget.text())
                widget.reject()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(100)
    return timer


def table(visit: dict[str, Any]) -> str:
    """One visit's steps as a Markdown table, for the note."""
    lines = [
        "| step | the clerk's own keys and clicks | n | citizen's chars | desk ms |",
        "|---|---|---:|---:|---:|",
    ]
    for step in visit["steps"]:
        lines.append(
            f"| {step['step']} | {step['clerk'] or '—'} | {step['clerk_inputs']} | "
            f"{step['citizen_chars']} | {step['desk_ms']} |"
        )
    lines.append(
        f"| **total** | | **{visit['clerk_inputs']}** | {visit['citizen_chars']} "
        f"(+ {visit['scan_chars']} scanned) | **{visit['desk_ms']}** |"
    )
    return "\n".join(lines)


def summary(result: dict[str, Any]) -> str:
    slowest = [
        f"- {step['step']}: {', '.join(step['slowest'])}"
        for step in result["visits"][-1]["steps"]
        if step["slowest"]
    ]
    return "\n\n".join(
        [
            f"First citizen after the desk opened: {result['clerk_inputs']} keys and clicks "
            f"of the clerk's own, desk {result['desk_ms_first']} ms.",
            table(result["visits"][0]),
            f"Next citizens: {result['clerk_inputs_next']} keys and clicks, desk "
            f"{result['desk_ms_next']} ms (median). The last one:",
            table(result["visits"][-1]),
            "Slowest inputs of the last one:\n" + "\n".join(slowest),
        ]
    )


def main() -> int:
    import sys

    result = run()
    if "--table" in sys.argv:
        print(summary(result))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

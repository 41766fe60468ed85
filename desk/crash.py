"""The crash log: what a bug left behind, for the support desk, without personal data.

A crash log holds the traceback (where the bug is) but never what the database was given:
SQL parameters carry citizens' names, ID numbers and password hashes. The engines already
hide them (``hide_parameters``); here the database errors are written by their kind, their
statement and their constraint only, since a driver's own message (PostgreSQL's DETAIL
line: "Key (id_number)=(…) already exists") quotes the values themselves.

Each crash gets its own file, ``crash-YYYYmmdd-HHMMSS-<pid>-<random>.log``, created
exclusively and 0600 in ``<data>/logs``: two crashes in the same second never overwrite
each other, and no other OS user can read either.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from desk.atomic import create_private_file, private_directory
from desk.errors import DiskFull

log = logging.getLogger(__name__)

# A statement longer than this is cut: a bulk INSERT's text says nothing more after it.
_STATEMENT_LIMIT = 2000
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def logs_dir() -> Path:
    """``<data>/logs``, from the desk's settings when they can be read."""
    from desk.config import data_dir, load_config

    try:
        return load_config().data_dir / "logs"
    except Exception:  # a broken desk.toml may be the crash itself: use the default folder
        return data_dir() / "logs"


def write_crash_log(error: BaseException | None = None, *, directory: Path | None = None) -> Path:
    """Write ``error`` (by default the exception being handled) to a new crash log and
    return its path."""
    if error is None:
        error = sys.exc_info()[1]
    folder = private_directory(directory or logs_dir())
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
    text = format_crash(error) if error is not None else "(no exception)\n"
    while True:
        path = folder / f"crash-{stamp}-{secrets.token_hex(4)}.log"
        try:
            fd = create_private_file(path)
        except FileExistsError:  # the same 32 random bits twice: draw again
            continue
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except BaseException:
            # A full disk: no empty or cut log left behind to puzzle the support desk.
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        return path


def bug_message(error: BaseException | None = None) -> str:
    """Write the crash log of ``error`` (by default the exception being handled) and
    return what the clerk reads: that the desk has a bug, that the work in hand may not
    be done, and where the details are. It says nothing about the saved data, which
    nobody has checked. When the log cannot be written (a full disk), a short message
    with the error's type only, never a traceback."""
    if error is None:
        error = sys.exc_info()[1]
    kind = type(error).__name__ if error is not None else "?"
    try:
        path = write_crash_log(error)
    except Exception as exc:  # the log itself failed: say so, briefly
        reason = (
            "ổ đĩa đã đầy"
            if DiskFull.from_error(exc)
            else (getattr(exc, "strerror", None) or type(exc).__name__)
        )
        return (
            f"Lỗi: phần mềm gặp sự cố không mong muốn ({kind}) và không ghi được nhật ký chi "
            f"tiết ({reason}). Việc đang làm đã dừng giữa chừng: kiểm tra lại kết quả của nó "
            "trước khi làm tiếp, và báo bộ phận hỗ trợ."
        )
    log.error("unexpected error (%s), details in %s", kind, path)
    return (
        "Lỗi: phần mềm gặp sự cố không mong muốn (lỗi của phần mềm, không phải do thao tác "
        "của bạn). Việc đang làm đã dừng giữa chừng: kiểm tra lại kết quả của nó trước khi "
        f"làm tiếp. Chi tiết đã ghi vào {path}; vui lòng gửi tệp này cho bộ phận hỗ trợ."
    )


def format_crash(error: BaseException) -> str:
    """The traceback of ``error`` and the exceptions it came from, oldest first, like
    Python's own, with each database error described without the data it was given."""
    # Each exception, and how the newer one after it came from it.
    chain: list[tuple[BaseException, str]] = []
    current: BaseException | None = error
    link = ""
    while current is not None and all(current is not seen for seen, _ in chain):
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__suppress_context__:
            current = None
        else:
            current, link = current.__context__, _CONTEXT
    parts: list[str] = []
    newer_link = ""
    for item, link in reversed(chain):
        parts.append(newer_link)
        newer_link = link
        if item.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(item.__traceback__))
        parts.append(describe(item) + "\n")
    return "".join(parts)


def describe(error: BaseException) -> str:
    """The last line of a traceback for ``error``: its type, and its message unless the
    message may quote the data a database was given."""
    name = f"{type(error).__module__}.{type(error).__qualname__}"
    if name.startswith("sqlalchemy.") and hasattr(error, "statement"):
        # A StatementError (only desk.store imports SQLAlchemy, so it is recognised by name).
        statement = " ".join(str(getattr(error, "statement", "") or "").split())
        if len(statement) > _STATEMENT_LIMIT:
            statement = statement[:_STATEMENT_LIMIT] + " …"
        orig = getattr(error, "orig", None)
        cause = describe(orig) if isinstance(orig, BaseException) else "-"
        return f"{name} [parameters not logged]\n  SQL: {statement}\n  cause: {cause}"
    if isinstance(error, sqlite3.Error):
        # SQLite's messages name tables, columns and constraints, never values.
        return f"{name}: {error}"
    if type(error).__module__.startswith("psycopg"):
        diag = getattr(error, "diag", None)
        facts = [
            f"{label} {value}"
            for label, value in (
                ("SQLSTATE", getattr(error, "sqlstate", None)),
                ("table", getattr(diag, "table_name", None)),
                ("column", getattr(diag, "column_name", None)),
                ("constraint", getattr(diag, "constraint_name", None)),
            )
            if value
        ]
        return f"{name} [message not logged: it may quote values] {', '.join(facts)}".rstrip()
    return "".join(traceback.format_exception_only(type(error), error)).rstrip("\n")


def install_excepthook() -> None:
    """Make an uncaught exception in the window (a Qt slot's bug) leave a crash log
    instead of a traceback with whatever it held on the terminal."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        disk_full = DiskFull.from_error(error)
        if disk_full is not None:  # the machine's fault, not a bug: no crash log
            print(f"Lỗi: {disk_full.message}", file=sys.stderr)
            return
        print(bug_message(error), file=sys.stderr)

    sys.excepthook = hook

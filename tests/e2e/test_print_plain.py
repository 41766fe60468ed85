"""``desk print`` on the office's own SQLite file without SQLAlchemy (issue 16: the command
in ≤ 300 ms, where SQLAlchemy's import alone is ~190 ms): it prints and logs what the
usual way prints and logs, and leaves everything out of the ordinary to the usual way,
having written nothing (``desk.services.quick_print``)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desk.config import DeskConfig
from desk.domain.audit import AuditAction, first_break
from desk.domain.calendar import OFFICE_TZ
from desk.errors import DeskError
from desk.services import auth, quick_print
from desk.services.context import DeskContext
from desk.services.print_forms import FormDetails
from desk.services.printing import render_dossier_form
from desk.store import audit as store_audit
from tests.e2e.identity import run_as
from tests.e2e.offices import demo_office_with_a_dossier

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=OFFICE_TZ)
PASSWORD = "canbo1-demo"

# desk.cli.main in a process that says, at its end, whether SQLAlchemy was imported.
WATCHED = """
import sys
from desk.cli import main
code = main(sys.argv[1:])
print("SQLALCHEMY " + str("sqlalchemy" in sys.modules), file=sys.stderr, flush=True)
sys.exit(code)
"""


@pytest.fixture
def office() -> tuple[DeskConfig, str]:
    """A demo office in the test's data folder, and a dossier received there."""
    config = DeskConfig(data_dir=Path(os.environ["DESK_DATA_DIR"]))
    return config, demo_office_with_a_dossier(config.data_dir)


def log_of(config: DeskConfig) -> list[tuple[object, ...]]:
    """Every entry of the office's log: what it says (not when), and the whole chain holds."""
    ctx = DeskContext.open(config)
    try:
        with ctx.db.read() as session:
            entries = list(store_audit.iter_entries(session))
    finally:
        ctx.close()
    assert first_break(entries, entries[0].prev_hash, entries[0].seq) is None
    return [(e.action, e.subject, e.actor_user_id, e.actor_name, e.detail) for e in entries]


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "form.pdf"
    path.write_bytes(pdf)
    shown = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return shown.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_print_is_the_usual_one_word_for_word_and_logged_the_same(
    office: tuple[DeskConfig, str], tmp_path: Path
) -> None:
    config, code = office
    before = log_of(config)
    plain = quick_print.print_form(config, "canbo1", PASSWORD, "slip", code, now=NOW)
    assert plain is not None
    plainly_logged = log_of(config)[len(before) :]

    ctx = DeskContext.open(config)
    try:
        auth.authenticate(ctx, "canbo1", PASSWORD)
        usual = render_dossier_form(ctx, "slip", code, now=NOW)
    finally:
        ctx.close()
    usually_logged = log_of(config)[len(before) + len(plainly_logged) :]

    assert pdf_text(plain, tmp_path) == pdf_text(usual, tmp_path)
    assert code in pdf_text(plain, tmp_path)
    assert plainly_logged == usually_logged
    assert [action for action, *_ in plainly_logged] == [
        AuditAction.SIGNED_IN.value,
        AuditAction.DOSSIER_PRINTED.value,
    ]
    assert plainly_logged[1][4] == {"form": "slip", "code": code, "copies": 1}


def test_a_slip_from_the_command_line_does_not_import_sqlalchemy(
    office: tuple[DeskConfig, str], tmp_path: Path
) -> None:
    config, code = office
    before = len(log_of(config))
    out = tmp_path / "slip.pdf"
    result = run_as(
        ["-c", WATCHED, "print", "slip", code, "--out", str(out)], config.data_dir, "canbo1"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Đã ghi {out} (")
    assert out.read_bytes().startswith(b"%PDF")
    assert "SQLALCHEMY False" in result.stderr.splitlines()
    assert [action for action, *_ in log_of(config)[before:]] == [
        AuditAction.SIGNED_IN.value,
        AuditAction.DOSSIER_PRINTED.value,
    ]


def test_a_wrong_password_is_left_to_the_usual_sign_in_from_the_command_line(
    office: tuple[DeskConfig, str], tmp_path: Path
) -> None:
    config, code = office
    out = tmp_path / "slip.pdf"
    result = run_as(
        ["-c", WATCHED, "print", "slip", code, "--out", str(out)],
        config.data_dir,
        "canbo1",
        "not-the-password",
    )
    assert result.returncode == 2
    assert "Lỗi: Sai tên đăng nhập hoặc mật khẩu." in result.stderr.splitlines()
    assert "SQLALCHEMY True" in result.stderr.splitlines()  # the usual way said it
    assert log_of(config)[-1][0] == AuditAction.SIGN_IN_FAILED.value


def _execute(config: DeskConfig, sql: str, *values: object) -> None:
    connection = sqlite3.connect(config.default_sqlite_path)
    with connection:
        connection.execute(sql, values)
    connection.close()


def _log_size(config: DeskConfig) -> tuple[int, int]:
    connection = sqlite3.connect(config.default_sqlite_path)
    try:
        count, last = connection.execute("SELECT count(*), max(seq) FROM audit_log").fetchone()
    finally:
        connection.close()
    return int(count), int(last)


def _failed_once(config: DeskConfig) -> None:
    ctx = DeskContext.open(config)
    try:
        with pytest.raises(DeskError):
            auth.authenticate(ctx, "canbo1", "not-the-password")
    finally:
        ctx.close()


def _weak_hash(config: DeskConfig) -> None:
    weaker = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    _execute(config, "UPDATE users SET password_hash = ? WHERE username = 'canbo1'", weaker)


def _broken_log_tail(config: DeskConfig) -> None:
    _execute(config, "DROP TRIGGER audit_log_no_update")
    _execute(
        config,
        "UPDATE audit_log SET actor_name = 'ai đó' WHERE seq = (SELECT max(seq) FROM audit_log)",
    )


UNUSUAL: dict[str, tuple[Callable[[DeskConfig], None], dict[str, object]]] = {
    "a wrong password": (lambda config: None, {"password": "not-the-password"}),
    "failed sign-ins on the name": (_failed_once, {}),
    "a disabled account": (
        lambda config: _execute(config, "UPDATE users SET active = 0 WHERE username = 'canbo1'"),
        {},
    ),
    "a hash to renew": (_weak_hash, {}),
    "a schema to migrate": (
        lambda config: _execute(config, "UPDATE alembic_version SET version_num = '0010'"),
        {},
    ),
    "a broken log tail": (_broken_log_tail, {}),
    "a dossier not found": (lambda config: None, {"code": "000.17.22.H56-261203-0099"}),
    "a Committee letter": (lambda config: None, {"form": "apology"}),
    "a form that counts working time": (lambda config: None, {"form": "control"}),
    "a form that does not apply": (lambda config: None, {"form": "refusal"}),
    "a database named by URL": (lambda config: None, {"database_url": True}),
}


@pytest.mark.parametrize("case", list(UNUSUAL))
def test_the_unusual_is_left_to_the_usual_way_with_nothing_written(
    office: tuple[DeskConfig, str], case: str
) -> None:
    config, code = office
    prepare, changed = UNUSUAL[case]
    prepare(config)
    if changed.get("database_url"):
        config = DeskConfig(
            data_dir=config.data_dir, database_url=f"sqlite:///{config.default_sqlite_path}"
        )
    counted = _log_size(config)
    printed = quick_print.print_form(
        config,
        "canbo1",
        str(changed.get("password", PASSWORD)),
        str(changed.get("form", "slip")),
        str(changed.get("code", code)),
        details=FormDetails(),
        now=NOW,
    )
    assert printed is None
    assert _log_size(config) == counted

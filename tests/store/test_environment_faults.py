"""Faults of the machine around the desk: each its own message (an EnvironmentFault, exit 2
on the command line), never the "bug" message, and nothing changed on a database the desk
must not touch."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from desk.cli import main
from desk.config import DeskConfig
from desk.errors import (
    CannotConnect,
    CorruptDatabase,
    DiskFull,
    EnvironmentFault,
    ForeignDatabase,
    NewerSchema,
    NoDatabase,
    UnknownDatabase,
    WrongPassword,
)
from desk.services import demo
from desk.services.context import DeskContext
from desk.store.db import normalise_url
from tests.e2e.identity import sign_in_as
from tests.store.conftest import postgres_admin_url

NO_SPACE = OSError(errno.ENOSPC, "No space left on device")


def open_at(data: Path, url: str, *, create: bool = False) -> DeskContext:
    return DeskContext.open(DeskConfig(data_dir=data, database_url=url), create=create)


def demo_file(tmp_path: Path) -> Path:
    """A real desk file: the demo office, closed."""
    path = tmp_path / "desk" / "office.sqlite"
    ctx = open_at(tmp_path / "data", str(path), create=True)
    demo.ensure_demo_office(ctx)
    ctx.close()
    return path


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    """What must not change on a file the desk refuses: its bytes, its time, its folder."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


# --- no database at that path ------------------------------------------------------------


def test_a_missing_file_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    data = tmp_path / "data"
    typo = tmp_path / "offcie" / "office.sqlite"
    with pytest.raises(NoDatabase) as refused:
        open_at(data, f"sqlite:///{typo}")
    assert refused.value.code == "env.no_database"
    assert str(typo) in refused.value.message and "chạy desk setup" in refused.value.message
    assert not typo.parent.exists() and not data.exists()


def test_setup_and_demo_may_create_the_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "office.sqlite"
    ctx = open_at(tmp_path / "data", f"sqlite:///{path}", create=True)
    ctx.close()
    assert path.exists()


def test_a_plain_file_path_is_a_sqlite_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert normalise_url("./office.sqlite") == make_url("sqlite:///office.sqlite")
    path = demo_file(tmp_path)
    monkeypatch.chdir(path.parent)
    ctx = open_at(tmp_path / "data", "./office.sqlite")
    try:
        assert ctx.office.agency_id == "000.17.22.H56"
        assert ctx.db.sqlite_path is not None and ctx.db.sqlite_path.resolve() == path
    finally:
        ctx.close()


def test_an_empty_file_is_no_office(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    with pytest.raises(NoDatabase):
        open_at(tmp_path / "data", str(empty))
    assert empty.stat().st_size == 0


# --- not a desk database, corrupt, newer ---------------------------------------------------


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "shop" / "accounts.sqlite"
    foreign.parent.mkdir()
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO customers (name) VALUES ('Nguyễn Văn A')")
    connection.commit()
    connection.close()
    before = fingerprint(foreign)
    for create in (False, True):  # not even desk setup adds its tables to it
        with pytest.raises(ForeignDatabase) as refused:
            open_at(tmp_path / "data", str(foreign), create=create)
        assert refused.value.code == "env.foreign_database"
        assert "không phải cơ sở dữ liệu của Commune Desk" in refused.value.message
    assert fingerprint(foreign) == before
    tables = sqlite3.connect(foreign).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("customers",)]


def test_random_bytes_are_a_corrupt_file_with_no_backup_named(tmp_path: Path) -> None:
    junk = tmp_path / "office.sqlite"
    junk.write_bytes(os.urandom(8192))
    before = fingerprint(junk)
    with pytest.raises(CorruptDatabase) as refused:
        open_at(tmp_path / "data", str(junk))
    assert refused.value.code == "env.corrupt"
    assert "bị hỏng" in refused.value.message and "Chưa có bản sao lưu" in refused.value.message
    assert fingerprint(junk) == before
    assert not (tmp_path / "data" / "backups").exists()


@pytest.mark.parametrize("damage", ["header page", "schema page"])
def test_a_damaged_desk_file_names_the_latest_backup_and_is_not_backed_up(
    tmp_path: Path, damage: str
) -> None:
    path = demo_file(tmp_path)
    backups = tmp_path / "data" / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    older = backups / "office-20261101-080000-before-0005.sqlite"
    newer = backups / "office-20261120-080000-before-0005.sqlite"
    for age, copy in ((200, older), (100, newer)):
        copy.write_bytes(path.read_bytes())
        os.utime(copy, (copy.stat().st_atime - age, copy.stat().st_mtime - age))
    (backups / ".office-x.sqlite.1234.partial").write_bytes(b"")  # never named
    with path.open("r+b") as handle:
        if damage == "header page":
            handle.write(b"\0" * 4096)
        else:  # the header kept, the list of tables after it overwritten
            handle.seek(100)
            handle.write(b"\xff" * 3996)
    before = fingerprint(path)
    listing = sorted(p.name for p in backups.iterdir())
    with pytest.raises(CorruptDatabase) as refused:
        open_at(tmp_path / "data", str(path))
    assert str(newer) in refused.value.message, refused.value.message
    assert fingerprint(path) == before
    assert sorted(p.name for p in backups.iterdir()) == listing  # no backup of a broken file


def test_a_schema_newer_than_this_desk_is_refused_untouched(tmp_path: Path) -> None:
    path = demo_file(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = fingerprint(path)
    for create in (False, True):
        with pytest.raises(NewerSchema) as refused:
            open_at(tmp_path / "data", str(path), create=create)
        assert refused.value.code == "env.newer_schema"
        assert "phiên bản mới hơn của phần mềm" in refused.value.message
        assert "9999" in refused.value.message
    assert fingerprint(path) == before
    assert not (tmp_path / "data" / "backups").exists()


def test_the_desk_own_file_still_opens(tmp_path: Path) -> None:
    path = demo_file(tmp_path)
    ctx = open_at(tmp_path / "data", str(path))
    try:
        assert ctx.has_office
    finally:
        ctx.close()


# --- PostgreSQL: cannot connect, told apart ----------------------------------------------


def test_an_unreachable_server_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(CannotConnect) as refused:
        open_at(tmp_path / "data", "postgresql://desk:desk@127.0.0.1:1/desk")
    assert type(refused.value) is CannotConnect and refused.value.code == "env.cannot_connect"
    assert "127.0.0.1:1" in refused.value.message
    assert "Không kết nối được máy chủ" in refused.value.message
    assert "Connection refused" not in refused.value.message  # Vietnamese, not libpq's


def test_a_wrong_database_password_is_said_plainly(tmp_path: Path) -> None:
    url = make_url(postgres_admin_url()).set(password="not-the-password")
    with pytest.raises(WrongPassword) as refused:
        open_at(tmp_path / "data", url.render_as_string(hide_password=False))
    assert refused.value.code == "env.wrong_password"
    assert "sai mật khẩu" in refused.value.message and str(url.username) in refused.value.message
    assert "not-the-password" not in refused.value.message


def test_an_unknown_database_on_the_server_is_said_plainly(tmp_path: Path) -> None:
    url = make_url(postgres_admin_url()).set(database="no_such_office_db")
    with pytest.raises(UnknownDatabase) as refused:
        open_at(tmp_path / "data", url.render_as_string(hide_password=False))
    assert refused.value.code == "env.unknown_database"
    assert "no_such_office_db" in refused.value.message


def test_a_role_without_the_right_to_connect_is_told_so_not_that_the_server_is_down(
    tmp_path: Path,
) -> None:
    """As when desk setup --postgres has revoked CONNECT from everyone but the desk's role
    and a desk joins with another role: the server answered, it refused this role."""
    from sqlalchemy import create_engine, text

    from tests.store.conftest import fresh_postgres_database

    app = make_url(postgres_admin_url("DESK_TEST_POSTGRES_APP_URL"))
    with fresh_postgres_database() as owner_url:
        engine = create_engine(owner_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(
                text(f'REVOKE CONNECT ON DATABASE "{owner_url.database}" FROM PUBLIC')
            )
        engine.dispose()
        url = app.set(database=owner_url.database).render_as_string(hide_password=False)
        with pytest.raises(CannotConnect) as refused:
            open_at(tmp_path / "data", url)
    message = refused.value.message
    assert f"«{app.username}»" in message and f"«{owner_url.database}»" in message
    assert "không được phép kết nối" in message
    assert "không trả lời" not in message and "permission denied" not in message


def test_a_newer_schema_on_postgresql_is_refused_untouched(
    postgres_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import create_engine, text

    ctx = open_at(tmp_path / "data", postgres_url, create=True)
    ctx.close()
    engine = create_engine(normalise_url(postgres_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(NewerSchema):
        open_at(tmp_path / "data", postgres_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999"
        )
    engine.dispose()


# --- a full disk ---------------------------------------------------------------------------


def test_sqlite_full_while_writing_is_a_full_disk(ctx: DeskContext) -> None:
    assert ctx.db.sqlite_path is not None
    pages = sqlite3.connect(ctx.db.sqlite_path).execute("PRAGMA page_count").fetchone()[0]

    @event.listens_for(ctx.db.engine, "connect")
    def _no_room(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    ctx.db.engine.dispose()  # the next connection gets the cap
    with pytest.raises(DiskFull) as refused:
        demo.add_demo_dossiers(ctx, 200, seed=3)
    assert refused.value.code == "env.disk_full"
    assert "Ổ đĩa đã đầy" in refused.value.message


def test_enospc_in_an_atomic_write_is_a_full_disk_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk import atomic

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    target = tmp_path / "desk.toml"

    def handler(_args: object) -> int:  # a command whose work ends in an atomic write
        atomic.write_atomically(target, b"language = 'vi'\n")
        return 0

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    monkeypatch.setattr("desk.cli.cmd_open", handler)
    code = main([])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Ổ đĩa đã đầy" in err and "sự cố không mong muốn" not in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary copy


def test_enospc_while_exporting_is_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk.services import export

    path = demo_file(tmp_path)

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", no_space)
    sign_in_as(monkeypatch, tmp_path / "accounts", "quantri")
    out = tmp_path / "usb" / "handover.jsonl"
    out.parent.mkdir()
    assert main(["--db", str(path), "export", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Ổ đĩa đã đầy" in err
    assert list(out.parent.iterdir()) == []  # nothing half-written left on the stick


def test_a_full_disk_in_the_window_is_its_own_message() -> None:
    from desk.ui.ops import error_message

    assert "Ổ đĩa đã đầy" in error_message(NO_SPACE)
    wrapped = EnvironmentFault("x")
    wrapped.__context__ = NO_SPACE
    assert "Ổ đĩa đã đầy" in error_message(wrapped)


# --- the bug message ---------------------------------------------------------------------


def _a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's default command (the window) replaced by one with a bug."""

    def broken(_args: object) -> int:
        raise ValueError("bug in a handler")

    monkeypatch.setattr("desk.cli.cmd_open", broken)


def test_the_bug_message_claims_nothing_about_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _a_bug(monkeypatch)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "không bị ảnh hưởng" not in err
    assert "sự cố không mong muốn" in err and "dừng giữa chừng" in err
    logs = list((Path(os.environ["DESK_DATA_DIR"]) / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    assert "bug in a handler" in logs[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["creating the log", "writing the log"])
def test_a_crash_log_that_cannot_be_written_gives_a_short_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    import desk.crash

    _a_bug(monkeypatch)
    if where == "creating the log":

        def refuse(_path: Path) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(desk.crash, "create_private_file", refuse)
    else:
        real_fdopen = os.fdopen

        class FullFile:
            def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
                self.handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> FullFile:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, _text: str) -> int:
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(desk.crash.os, "fdopen", FullFile)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert "không ghi được nhật ký" in err and "ổ đĩa đã đầy" in err and "ValueError" in err
    logs = Path(os.environ["DESK_DATA_DIR"]) / "logs"
    assert not logs.exists() or list(logs.glob("crash-*.log")) == []  # no empty log left


# --- the window ----------------------------------------------------------------------------


# The sign-in shows while the office opens (offscreen: no raise, no size hints), then goes.
@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
@pytest.mark.parametrize("fault", ["missing", "foreign", "disk full"])
def test_the_window_shows_a_fault_in_a_message_box_at_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    import sys

    from PySide6.QtWidgets import QMessageBox

    from desk import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_desk installs its own
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    path = tmp_path / "office.sqlite"
    if fault == "foreign":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    if fault == "disk full":
        path = demo_file(tmp_path)

        def no_space(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("desk.services.context.keep_private", no_space)
    assert app.run_desk(db_url=str(path)) == 2
    expected = {
        "missing": "Không có cơ sở dữ liệu văn phòng",
        "foreign": "không phải cơ sở dữ liệu của Commune Desk",
        "disk full": "Ổ đĩa đã đầy",
    }[fault]
    assert len(shown) == 1 and expected in shown[0], shown
    assert fault != "missing" or not path.exists()


def test_the_window_crash_hook_tells_a_full_disk_from_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from desk.crash import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    sys.excepthook(OSError, NO_SPACE, None)
    err = capsys.readouterr().err
    assert "Ổ đĩa đã đầy" in err and "sự cố" not in err
    assert not (Path(os.environ["DESK_DATA_DIR"]) / "logs").exists()  # no crash log for it
    bug = KeyError("slot")
    sys.excepthook(KeyError, bug, None)
    err = capsys.readouterr().err
    assert "sự cố không mong muốn" in err and "không bị ảnh hưởng" not in err
    assert len(list((Path(os.environ["DESK_DATA_DIR"]) / "logs").glob("crash-*.log"))) == 1

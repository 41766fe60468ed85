"""Faults of the machine around the desk, told apart from bugs, in one place.

A missing, unreachable, foreign, corrupt or newer database, and a full disk, are not the
clerk's input and not a bug of the desk: each becomes its own ``EnvironmentFault``
(``desk.errors``) with a Vietnamese message saying what happened and what to do. The
command line exits 2 with it, the window shows it at start-up.

A SQLite file is judged before the desk connects to it, by reading only: its first bytes,
its list of tables and its schema revision. Nothing is created, migrated or backed up
until the file is known to be the desk's own (or, for ``desk setup`` and ``desk demo``,
absent). The driver's own errors (English, from SQLite and libpq) are mapped here too.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import traceback
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from desk.errors import (
    CorruptDatabase,
    DeskError,
    DiskFull,
    EnvironmentFault,
    ForeignDatabase,
    NewerSchema,
    NoDatabase,
)
from desk.store.faults_postgres import connection_fault

SQLITE_HEADER = b"SQLite format 3\x00"
VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
# Tables every revision of the desk's schema has: a database with an unknown revision
# and these tables was made by a newer desk; without them, by some other software.
DESK_TABLES = frozenset({"office", "dossiers", "procedures", "users"})

# SQLite's own words for a damaged file (sqlite3.DatabaseError's text).
_SQLITE_CORRUPT = ("file is not a database", "database disk image is malformed", "malformed")
# pysqlite's words for a text cell whose bytes are not UTF-8: a page garbled inside a row
# (the b-tree still holds, so only reading that row notices).
_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '([^']{1,64})'")
_SQLITE_FULL = ("database or disk is full", "disk is full")


# The schema's revision, as every way to the office reads it.
REVISION_QUERY = "SELECT version_num FROM alembic_version"


def busy() -> DeskError:
    """Another desk holds the office file's write lock longer than the busy timeout."""
    return DeskError(
        "Cơ sở dữ liệu đang bận (một máy khác đang ghi). Vui lòng thử lại.", code="db.busy"
    )


def known_revisions() -> frozenset[str]:
    """The schema revisions this desk knows (migrations/versions/NNNN_name.py), read from
    the file names: Alembic itself costs a second to load."""
    return frozenset(
        path.name.split("_", 1)[0]
        for path in VERSIONS.glob("*.py")
        if not path.name.startswith("_")
    )


# --- the messages -----------------------------------------------------------------------


def no_database(path: Path) -> NoDatabase:
    return NoDatabase(
        f"Không có cơ sở dữ liệu văn phòng tại {path.absolute()}. Kiểm tra lại đường dẫn (--db, "
        "DESK_DATABASE_URL hoặc database_url trong desk.toml); nếu đây là văn phòng mới, "
        "hãy chạy desk setup để thiết lập (hoặc desk demo để dùng thử văn phòng mẫu)."
    )


def foreign_database(where: str) -> ForeignDatabase:
    return ForeignDatabase(
        f"{where} không phải cơ sở dữ liệu của Commune Desk: nó chứa bảng của một phần mềm "
        "khác. Phần mềm không mở và không sửa gì trong đó; kiểm tra lại đường dẫn (--db, "
        "DESK_DATABASE_URL hoặc database_url trong desk.toml)."
    )


def newer_schema(where: str, revision: str) -> NewerSchema:
    return NewerSchema(
        f"{where}: cơ sở dữ liệu do phiên bản mới hơn của phần mềm tạo ra (cấu trúc "
        f"«{revision}», phiên bản đang chạy chỉ biết đến «{max(known_revisions())}»). Phần "
        "mềm không sửa gì trong đó; hãy cài phiên bản Commune Desk mới nhất trên máy này."
    )


def latest_backup(backup_dir: Path | None) -> Path | None:
    """The newest complete backup in ``backup_dir``: a ``.deskbackup`` (newest by the
    moment in its name), else an older clear pre-migration copy (``.sqlite``). Partial
    files start with a dot and are never named."""
    if backup_dir is None or not backup_dir.is_dir():
        return None
    from desk.domain.backup import parse_file_name

    try:
        names = [
            path
            for path in backup_dir.iterdir()
            if not path.name.startswith(".") and path.is_file()
        ]
    except OSError:
        return None
    sealed = [(parsed[1], path) for path in names if (parsed := parse_file_name(path.name))]
    if sealed:
        return max(sealed)[1]
    copies = [path for path in names if path.suffix == ".sqlite"]
    return max(copies, key=lambda path: path.stat().st_mtime, default=None)


def corrupt(path: Path | str, what: str, backup_dir: Path | None) -> CorruptDatabase:
    backup = latest_backup(backup_dir)
    if backup is not None and backup.suffix == ".deskbackup":
        # ``desk restore`` sets the damaged file aside (with its -wal and -shm) itself.
        advice = (
            f"Bản sao lưu mới nhất: {backup}. Để khôi phục, người quản trị chạy «desk "
            f"restore {backup}» (phần mềm giữ lại tệp hỏng ở chỗ khác), hoặc gọi bộ phận hỗ trợ."
        )
    elif backup is not None:
        advice = (
            f"Bản sao lưu mới nhất: {backup}. Giữ lại tệp hỏng (chép sang chỗ khác), rồi "
            "chép bản sao lưu đó vào chỗ của nó, hoặc gọi bộ phận hỗ trợ."
        )
    else:
        where = f" trong {backup_dir}" if backup_dir is not None else ""
        advice = f"Chưa có bản sao lưu{where}; giữ nguyên tệp hỏng và gọi bộ phận hỗ trợ."
    return CorruptDatabase(
        f"Tệp cơ sở dữ liệu {path} bị hỏng ({what}). Phần mềm không mở, không sửa và không "
        f"sao lưu tệp này. {advice}"
    )


# --- judging a SQLite file before connecting ---------------------------------------------


def check_sqlite_file(path: Path, *, create: bool, backup_dir: Path | None = None) -> None:
    """Refuse, before the desk connects and changes anything, a SQLite file that is
    missing (unless ``create``: ``desk setup``, ``desk demo``, the window's first run),
    not a database, damaged, some other software's, or made by a newer desk."""
    if not path.exists():
        if create:
            return
        raise no_database(path)
    if path.is_dir():
        raise NoDatabase(
            f"{path} là một thư mục, không phải tệp cơ sở dữ liệu văn phòng. Kiểm tra lại "
            "đường dẫn (--db, DESK_DATABASE_URL hoặc database_url trong desk.toml)."
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        if DiskFull.from_error(exc):
            raise DiskFull.explain() from exc
        raise EnvironmentFault(
            f"Không đọc được tệp cơ sở dữ liệu {path}: {exc.strerror or exc}. Kiểm tra quyền "
            "của tài khoản máy tính trên tệp này.",
            code="env.unreadable",
        ) from None
    if not header:
        # An empty file is an empty SQLite database: nothing in it yet.
        if create:
            return
        raise no_database(path)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise corrupt(path, "không phải tệp cơ sở dữ liệu SQLite", backup_dir)
    # Bytes 18 and 19 of the header: the file format's write and read versions, 2 for WAL.
    tables, revision = _read_schema(path, backup_dir, wal=header[18] == 2)
    if not tables:
        if create:
            return
        raise no_database(path)
    check_revision(str(path), tables, revision, empty_ok=create)


def check_revision(
    where: str, tables: set[str], revision: str | None, *, empty_ok: bool = True
) -> None:
    """Refuse a schema this desk must not touch: tables without the desk's revision (some
    other software's), or a revision this desk does not know (a newer desk's)."""
    tables = {name for name in tables if not name.startswith("sqlite_")}
    if not tables:
        return
    if "alembic_version" not in tables:
        raise foreign_database(where)
    if revision is None or revision in known_revisions():
        return
    if tables >= DESK_TABLES:
        raise newer_schema(where, revision)
    raise foreign_database(where)


def _read_schema(path: Path, backup_dir: Path | None, *, wal: bool) -> tuple[set[str], str | None]:
    """The file's table names and its alembic revision, read without writing. A file in
    rollback-journal mode is read on a read-only connection. A WAL file (the desk's own
    mode) is read on a read-write one that only reads: a read-only reader of a WAL file
    leaves its -wal and -shm files behind, where SQLite removes them after a read-write
    reader, and a WAL without writes changes nothing in the file."""
    connection = None
    try:
        connection = _connect(path, "rw" if wal else "ro")
        tables = _tables(connection)
        revision = None
        if "alembic_version" in tables:
            row = connection.execute(REVISION_QUERY).fetchone()
            revision = str(row[0]) if row and row[0] is not None else None
        return tables, revision
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise busy() from None
        fault = sqlite_fault(exc, path=path, backup_dir=backup_dir)
        if fault is not None:
            raise fault from None
        raise
    finally:
        if connection is not None:
            connection.close()


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=30)


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {str(name) for (name,) in rows}


# --- translating errors raised later -----------------------------------------------------


def cannot_create(path: Path, error: OSError) -> DeskError:
    """The folder of a new SQLite file cannot be made (``desk setup``, ``desk demo``)."""
    return DiskFull.from_error(error) or EnvironmentFault(
        f"Không tạo được thư mục {path} cho cơ sở dữ liệu: {error.strerror or error}. Kiểm "
        "tra đường dẫn và quyền của tài khoản máy tính trên thư mục đó.",
        code="env.unreadable",
    )


def sqlite_fault(
    error: BaseException, *, path: Path | None, backup_dir: Path | None
) -> EnvironmentFault | None:
    """The fault a SQLite error names (damaged file, full disk), else None."""
    text = str(error).lower()
    if any(words in text for words in _SQLITE_FULL):
        return DiskFull.explain(f"cơ sở dữ liệu {path}" if path else "cơ sở dữ liệu")
    undecodable = _UNDECODABLE.search(str(error))
    if undecodable:
        # A garbled cell: say which column, never the bytes (they may hold a citizen's name).
        return corrupt(
            path or "",
            f"SQLite: một giá trị trong cột «{undecodable[1]}» không còn là văn bản đọc được",
            backup_dir,
        )
    if any(words in text for words in _SQLITE_CORRUPT):
        return corrupt(path or "", "SQLite: " + str(error), backup_dir)
    if "unable to open database file" in text:
        return EnvironmentFault(
            f"Không mở được tệp cơ sở dữ liệu {path}: thư mục của nó không có hoặc tài khoản "
            "máy tính này không có quyền ghi vào đó.",
            code="env.unreadable",
        )
    return None


def fault_for(
    error: BaseException,
    *,
    is_sqlite: bool,
    sqlite_path: Path | None = None,
    backup_dir: Path | None = None,
    host: str | None = None,
    port: int | None = None,
    user: str | None = None,
    database: str | None = None,
) -> DeskError | None:
    """The environment fault behind ``error`` (a SQLAlchemy error, a driver's error or an
    OSError), or None when it is none of them (then it is a bug, or the caller's)."""
    if isinstance(error, DeskError):
        return error
    if isinstance(error, UnreadableValue):
        # Only text read back from SQLite is parsed by the store: a server's types are its own.
        return corrupt(
            sqlite_path or "",
            f"SQLite: giá trị đã lưu trong cột «{error.column}» của hồ sơ {error.code} không "
            "đọc lại được",
            backup_dir,
        )
    disk_full = DiskFull.from_error(error)
    if disk_full is not None:
        return disk_full
    original = getattr(error, "orig", None) or error
    if is_sqlite:
        if isinstance(original, sqlite3.Error):
            return sqlite_fault(original, path=sqlite_path, backup_dir=backup_dir)
        if _unreadable_value(error):
            return corrupt(
                sqlite_path or "",
                f"SQLite: một giá trị đã lưu không đọc lại được ({type(error).__name__})",
                backup_dir,
            )
        return None
    module = type(original).__module__
    if not module.startswith("psycopg"):
        return None
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate in ("53100",):  # disk_full
        return DiskFull.explain("cơ sở dữ liệu trên máy chủ")
    if sqlstate in ("28P01", "28000"):
        text = "password authentication failed"
    elif sqlstate == "3D000":
        text = "database does not exist"
    elif type(original).__name__ == "OperationalError" and sqlstate in (None, "08001", "08006"):
        text = str(original)
    else:
        return None
    return connection_fault(text, host=host, port=port, user=user, database=database)


class UnreadableValue(Exception):
    """A stored value that no longer reads back as what the desk wrote (a garbled or
    hand-edited cell), found by the store's own readers of driver rows
    (``desk.store.raw_reads``): they name the column and the dossier, so the fault can
    say where, never the value itself (it may hold a citizen's name)."""

    def __init__(self, column: str, code: str):
        super().__init__(f"unreadable value in {column} of {code}")
        self.column = column
        self.code = code


# Where SQLAlchemy turns a stored value back into Python (a JSON text, a date, an
# instant): a ValueError raised there while rows are fetched is a value the desk wrote
# that no longer reads back, i.e. a garbled (or hand-edited) cell, not a bug.
_FETCHING = (
    "sqlalchemy/engine/result.py",
    "sqlalchemy/engine/_py_row.py",
    "sqlalchemy/engine/row.py",
    "cyextension/resultproxy",
)
_CONVERTING = ("sqlalchemy/sql/sqltypes.py", "sqlalchemy/dialects/sqlite/", "desk/store/models.py")


def _unreadable_value(error: BaseException) -> bool:
    if not isinstance(error, ValueError) or isinstance(error, DeskError):
        return False
    files = [
        frame.f_code.co_filename.replace("\\", "/")
        for frame, _ in traceback.walk_tb(error.__traceback__)
    ]
    fetched = [i for i, name in enumerate(files) if any(part in name for part in _FETCHING)]
    # Deeper than the row being built: one of the types' result processors.
    return bool(fetched) and any(
        part in name for name in files[fetched[-1] + 1 :] for part in _CONVERTING
    )


@contextlib.contextmanager
def translated(
    *,
    is_sqlite: bool,
    sqlite_path: Path | None = None,
    backup_dir: Path | None = None,
    host: str | None = None,
    port: int | None = None,
    user: str | None = None,
    database: str | None = None,
) -> Iterator[None]:
    """Raise the environment fault behind an error of the block, if it is one."""
    try:
        yield
    except DeskError:
        raise
    except Exception as error:
        fault = fault_for(
            error,
            is_sqlite=is_sqlite,
            sqlite_path=sqlite_path,
            backup_dir=backup_dir,
            host=host,
            port=port,
            user=user,
            database=database,
        )
        if fault is None:
            raise
        raise fault from error

"""The database side of backups: a consistent snapshot (SQLite's online backup or
``pg_dump``), putting a dump back (``pg_restore``), checking a restored copy, and the rows
of ``backup_keys`` and ``backups``.

``pg_dump``/``pg_restore`` get the password through the child's environment (PGPASSWORD)
or the libpq password file (PGPASSFILE), never on the command line, where ``ps`` shows it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.orm import Session

from desk.errors import EnvironmentFault
from desk.store.db import Database, normalise_url
from desk.store.models import BackupKeyRow, BackupRow, DossierRow
from desk.store.tables import BACKUP_KEYS

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class ToolMissing(EnvironmentFault):
    """pg_dump or pg_restore is not installed on this PC."""

    code = "backup.tool_missing"


class ToolFailed(EnvironmentFault):
    code = "backup.tool_failed"


# --- SQLite -----------------------------------------------------------------------------


def create_private(path: Path) -> None:
    """Create ``path`` empty, readable by this OS user only, before any data goes in."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def snapshot_sqlite(source_path: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (WAL mode too), desks still working:
    SQLite's online backup, in steps, so no desk waits long for its write lock."""
    create_private(target)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination, pages=4096)
        # One file, no WAL beside it: the copy travels alone.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
        source.close()


def sqlite_integrity(path: Path) -> str:
    """'ok', or SQLite's first complaint about the file at ``path``."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("PRAGMA integrity_check(1)").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return str(row[0]) if row else "no answer"


def sqlite_in_use(path: Path, timeout_s: float = 0.5) -> bool:
    """Whether another desk has the SQLite file open now (it must not be replaced under
    it: that desk would go on writing to the file set aside, or replay its WAL into the
    restored one). A transaction in progress holds a lock; an idle desk in WAL mode is
    seen because SQLite refuses to leave WAL mode while another connection has the file
    open. Leaving WAL mode also folds the WAL into the file before it is set aside. A
    damaged file that SQLite refuses is not "in use"."""
    if not path.exists():
        return False
    try:
        connection = sqlite3.connect(path, timeout=timeout_s, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
        mode = connection.execute("PRAGMA journal_mode").fetchone()
        if mode and str(mode[0]).lower() == "wal":
            changed = connection.execute("PRAGMA journal_mode=DELETE").fetchone()
            return not changed or str(changed[0]).lower() == "wal"
    except sqlite3.OperationalError as exc:
        text_ = str(exc)
        return "locked" in text_ or "busy" in text_
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return False


def remove_leftovers(place: Path, *, older_than_s: float) -> int:
    """Remove what a killed backup left in ``place``: partial dot-files and work folders
    (a work folder holds a clear snapshot) untouched for ``older_than_s`` seconds."""
    import time

    removed = 0
    now = time.time()
    try:
        entries = list(place.iterdir())
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        is_partial = name.startswith(".") and name.endswith(".partial")
        is_work = name.startswith((".work-", ".restore-")) and entry.is_dir()
        if not (is_partial or is_work):
            continue
        try:
            moments = [entry.stat().st_mtime]
            if is_work:
                moments += [p.stat().st_mtime for p in entry.rglob("*")]
        except OSError:
            continue
        if now - max(moments) < older_than_s:
            continue  # another desk's backup may still be writing it
        if is_work:
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        removed += 1
    return removed


def set_aside_sqlite(path: Path, folder: Path) -> list[Path]:
    """Move the database file and its WAL, SHM and journal into ``folder`` (a new private
    folder): a WAL left beside a restored file would be replayed into it and damage it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=False)
    moved = []
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)):
        if candidate.exists():
            target = folder / candidate.name
            shutil.move(str(candidate), target)
            moved.append(target)
    return moved


# --- PostgreSQL -------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(
            f"Không tìm thấy chương trình {name} trên máy này: cần cài gói công cụ PostgreSQL "
            f"(postgresql-client) cùng phiên bản với máy chủ để sao lưu và khôi phục."
        )
    return found


def _libpq(
    url: URL, passfile: Path | None, password: str | None
) -> tuple[list[str], dict[str, str]]:
    """The connection options and environment of a libpq tool, the password kept out of
    the command line."""
    env = dict(os.environ)
    args = ["--no-password"]
    if url.host:
        env["PGHOST"] = str(url.host)
    if url.port:
        env["PGPORT"] = str(url.port)
    if url.username:
        env["PGUSER"] = str(url.username)
    if url.database:
        env["PGDATABASE"] = str(url.database)
    secret = url.password or password
    if secret:
        env["PGPASSWORD"] = str(secret)
    elif passfile is not None and passfile.exists():
        env["PGPASSFILE"] = str(passfile)
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, check=False)
    except OSError as exc:
        raise ToolFailed(f"Không chạy được {what}: {exc.strerror}.") from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ToolFailed(
            f"{what} không thành công (mã {result.returncode}): "
            + (detail[-1] if detail else "không rõ lý do")
            + "."
        )


def pg_dump(db: Database, target: Path, *, passfile: Path | None, password: str | None) -> None:
    """A consistent custom-format dump of the desk's database into ``target`` (0600)."""
    tool = _tool("pg_dump")
    args, env = _libpq(db.url, passfile, password)
    create_private(target)
    _run(
        [tool, *args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
        env,
        "pg_dump",
    )


def pg_restore(owner_url: str, dump: Path, *, passfile: Path | None, password: str | None) -> None:
    """Put ``dump`` back as the tables' owner, in one transaction: the tables it holds are
    dropped and created again, nothing else of the database changes."""
    tool = _tool("pg_restore")
    args, env = _libpq(normalise_url(owner_url), passfile, password)
    _run(
        [
            tool,
            *args,
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            env.get("PGDATABASE", ""),
            str(dump),
        ],
        env,
        "pg_restore",
    )


def pg_dump_readable(dump: Path) -> bool:
    """Whether pg_restore can read the dump's table of contents."""
    tool = _tool("pg_restore")
    result = subprocess.run([tool, "--list", str(dump)], capture_output=True, check=False)
    return result.returncode == 0 and b"TABLE" in result.stdout


# --- rows -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BackupKey:
    id: int
    public_key: str
    wrapped_key: str  # JSON


def current_key(session: Session) -> BackupKey | None:
    row = session.scalars(select(BackupKeyRow).order_by(BackupKeyRow.id.desc()).limit(1)).first()
    return None if row is None else BackupKey(row.id, row.public_key, row.wrapped_key)


def add_key(
    session: Session | Connection, *, public_key: str, wrapped_key: str, now: datetime, by: str
) -> int:
    """The new key's id (a Core statement: the office's set-up may run on a connection)."""
    values = {"created_at": now, "created_by": by, "public_key": public_key}
    stmt = insert(BACKUP_KEYS).values(**values, wrapped_key=wrapped_key)
    return int(session.execute(stmt.returning(BACKUP_KEYS.c.id)).scalar_one())


def count_dossiers(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(DossierRow)) or 0)


@dataclass(frozen=True, slots=True)
class BackupRecord:
    id: int
    file_name: str
    place: str
    reason: str
    taken_at: datetime
    size: int
    dossier_count: int
    sha256: str
    verified_at: datetime | None


def record_backup(session: Session, **values: Any) -> int:
    row = BackupRow(**values)
    session.add(row)
    session.flush()
    return row.id


def backup_records(session: Session) -> list[BackupRecord]:
    rows = session.scalars(select(BackupRow).order_by(BackupRow.taken_at.desc()))
    return [
        BackupRecord(
            r.id,
            r.file_name,
            r.place,
            r.reason,
            r.taken_at,
            r.size,
            r.dossier_count,
            r.sha256,
            r.verified_at,
        )
        for r in rows
    ]


def last_backup_at(session: Session, reasons: tuple[str, ...]) -> datetime | None:
    return session.scalar(select(func.max(BackupRow.taken_at)).where(BackupRow.reason.in_(reasons)))


@contextlib.contextmanager
def opened_copy(path: Path) -> Iterator[Database]:
    """A Database on a restored SQLite copy, disposed afterwards."""
    db = Database(f"sqlite:///{path}")
    try:
        yield db
    finally:
        db.dispose()


# --- a backup of the database, encrypted ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A consistent copy of the database in a private work folder, and what it holds."""

    path: Path
    member: str  # its name in the archive: database.sqlite or database.pgdump
    backend: str
    agency_id: str
    dossier_count: int
    schema_revision: str
    audit_head: tuple[int, str]


def _facts(session: Session) -> tuple[str, int, str, tuple[int, str]]:
    """Read with plain SQL, not the models: a database about to be migrated has an older
    schema than the models describe."""
    connection = session.connection()
    tables = set(inspect(connection).get_table_names())

    def one(query: str) -> Any:
        return connection.execute(text(query)).first()

    office = one("SELECT agency_id FROM office ORDER BY id LIMIT 1") if "office" in tables else None
    count = one("SELECT count(*) FROM dossiers") if "dossiers" in tables else None
    revision = (
        one("SELECT version_num FROM alembic_version") if "alembic_version" in tables else None
    )
    head = (
        one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        if "audit_log" in tables
        else None
    )
    return (
        str(office[0]) if office else "",
        int(count[0]) if count else 0,
        str(revision[0]) if revision else "",
        (int(head[0]), str(head[1])) if head else (0, "0" * 64),
    )


def take_snapshot(
    db: Database, work: Path, *, passfile: Path | None = None, password: str | None = None
) -> Snapshot:
    """The database copied into ``work`` (SQLite's online backup, or pg_dump), with its
    agency id, dossier count, schema revision and audit head as the copy holds them."""
    if db.is_sqlite:
        assert db.sqlite_path is not None
        target = work / "database.sqlite"
        snapshot_sqlite(db.sqlite_path, target)
        with opened_copy(target) as copy, copy.read() as session:
            agency, count, revision, head = _facts(session)
        return Snapshot(target, target.name, "sqlite", agency, count, revision, head)
    target = work / "database.pgdump"
    # Read just before the dump: a dossier received in between is in the dump, not counted.
    with db.read() as session:
        agency, count, revision, head = _facts(session)
    pg_dump(db, target, passfile=passfile, password=password)
    return Snapshot(target, target.name, "postgresql", agency, count, revision, head)


def check_database_copy(path: Path) -> str:
    """'ok', or what is wrong with a database member taken out of a backup."""
    if path.name.endswith(".pgdump"):
        return "ok" if pg_dump_readable(path) else "pg_restore --list không đọc được bản kết xuất"
    return sqlite_integrity(path)


def key_of(db: Database) -> BackupKey | None:
    """The office's current backup key, when the schema has the table and a key is set."""
    with db.read() as session:
        if not inspect(session.connection()).has_table("backup_keys"):
            return None
        return current_key(session)

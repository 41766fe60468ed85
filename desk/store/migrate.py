"""Schema migrations (Alembic), run at start-up after a backup of the SQLite file, and
the PostgreSQL grants of the desk's own role.

Alembic is imported only when the schema is behind: the desk starts on every clerk's
login, and loading Alembic's machinery cost about a second of the cold start.

On PostgreSQL an office runs two roles: the owner of the tables, which migrates and sets
up, and the desk's application role, which may read and write the working tables but only
read and add to the append-only ones (the log, the dossiers' history, the people as
recorded), and, not being the owner, can neither truncate, alter, disable a trigger nor
drop anything. SQLite has no roles: there the log's tamper-evidence rests on its hash chain.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from desk.store import faults
from desk.store.db import Database

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# The newest revision in migrations/versions; a test checks it against Alembic's own view.
SCHEMA_HEAD = "0012"
REVISION_QUERY = faults.REVISION_QUERY

# Tables whose rows the desk writes once and never changes or removes: its role may only
# read them and add to them. Every other table of the schema is a working table.
APPEND_ONLY_TABLES = ("audit_log", "status_events", "people")
# Tables only migrations write.
READ_ONLY_TABLES = ("alembic_version",)
# Serialises migrations of one PostgreSQL database started by two desks at once.
_PG_MIGRATION_LOCK = 0x6465736B0001


def alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text(REVISION_QUERY)).scalar()


def checked_revision(db: Database) -> str | None:
    """The schema's revision, once it is known to be the desk's own: a database with
    tables but no revision (some other software's) or with a revision this desk does not
    know (a newer desk's) is refused before anything touches it."""
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            value = connection.execute(text(REVISION_QUERY)).scalar()
            revision = None if value is None else str(value)
    where = str(db.sqlite_path) if db.sqlite_path else _database_name(db)
    faults.check_revision(where, tables, revision)
    return revision


def _database_name(db: Database) -> str:
    url = db.url
    return f"Cơ sở dữ liệu «{url.database}» trên máy chủ {url.host or 'localhost'}"


def backup_sqlite(db: Database, backup_dir: Path, label: str) -> Path | None:
    """Copy the SQLite file with SQLite's online backup (consistent even in WAL mode).

    The copy is made under a temporary name, readable by this OS user only, and renamed
    to its own name once complete: a crash never leaves a half backup that looks whole."""
    source_path = db.sqlite_path
    if source_path is None or not source_path.exists():
        return None
    backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target_path = backup_dir / f"{source_path.stem}-{stamp}-{label}.sqlite"
    partial = backup_dir / f".{target_path.name}.{secrets.token_hex(4)}.partial"
    # Created 0600 before SQLite writes a byte of the citizens' data into it.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        source = sqlite3.connect(source_path)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        os.replace(partial, target_path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    log.info("database backed up to %s before migration", target_path)
    return target_path


def backup_before_migration(db: Database, backup_dir: Path) -> Path | None:
    """The SQLite database copied before a migration changes it.

    Encrypted to the office's backup key when it has one (schema 0006 or later and a
    passphrase set): ``<agency>-<moment>-before-migration.deskbackup``, database only (a
    migration never touches the scanned files), read back and checked, written under a
    dot-name and renamed when complete. Without a key (the upgrade that creates the key
    table, or an office whose admin has not set a passphrase) there is nothing to encrypt
    to, and no migration runs without a copy: the clear copy of ``backup_sqlite`` (0600 in
    the private backups folder) is kept, with a warning, and removed by the first
    encrypted backup (``desk.services.backup``)."""
    if db.sqlite_path is None or not db.sqlite_path.exists():
        return None
    from desk.domain.calendar import now_in_office
    from desk.store import backup as store_backup
    from desk.store import backup_archive

    key = store_backup.key_of(db)
    if key is None:
        log.warning("no backup key yet: the copy before the migration is not encrypted")
        return backup_sqlite(db, backup_dir, f"before-{SCHEMA_HEAD}")
    backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    work = backup_dir / f".work-{secrets.token_hex(6)}"
    work.mkdir(mode=0o700)
    try:
        snapshot = store_backup.take_snapshot(db, work)
        sealed = backup_archive.seal_snapshot(
            backup_dir,
            snapshot=snapshot,
            key=key,
            reason="before-migration",
            taken_at=now_in_office(),
            files=[],
            work=work,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("database backed up (encrypted) to %s before migration", sealed.written.path)
    return sealed.written.path


def upgrade(db: Database, *, backup_dir: Path | None = None, app_role: str | None = None) -> bool:
    """Bring the schema to the newest revision. Returns True when something was applied.

    ``db`` connects as the tables' owner. ``app_role`` (PostgreSQL) is the desk's own
    role: after an upgrade, and whenever it lacks a grant, it is given what it needs.

    A foreign or newer schema is refused first (``checked_revision``), before the backup
    and before Alembic."""
    current = checked_revision(db)
    if current == SCHEMA_HEAD:
        if app_role and not db.is_sqlite and not application_role_ready(db, app_role):
            with db.engine.begin() as connection:
                # Desks granting at once fail with "tuple concurrently updated": one at a
                # time, each after the previous one's grants are committed.
                _lock_migrations(connection)
                grant_application_role(connection, app_role)
        return False
    from alembic import command

    if current is not None and backup_dir is not None:
        backup_before_migration(db, backup_dir)
    config = alembic_config()
    with db.engine.begin() as connection:
        if not db.is_sqlite:
            # A second desk starting at the same time waits here, then finds the schema
            # already at the head (Alembic reads the revision again) and applies nothing.
            # (On SQLite this transaction's BEGIN IMMEDIATE does the same.)
            _lock_migrations(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if app_role and not db.is_sqlite:
            grant_application_role(connection, app_role)
    log.info("database migrated from %s to %s", current, SCHEMA_HEAD)
    return True


def _lock_migrations(connection: Connection) -> None:
    """Hold, until the transaction ends, the lock of one PostgreSQL database's schema
    changes and grants."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})


# --- PostgreSQL roles -------------------------------------------------------------------


def connected_role(db: Database) -> str:
    """The PostgreSQL role this database connection acts as."""
    with db.engine.connect() as connection:
        return str(connection.execute(text("SELECT current_user")).scalar_one())


def can_migrate(db: Database) -> bool:
    """Whether the connected role may change the schema (PostgreSQL): it owns the tables,
    or, on a database without them yet, may create tables in the schema."""
    with db.engine.connect() as connection:
        owner = connection.execute(
            text(
                "SELECT tableowner FROM pg_tables "
                "WHERE schemaname = current_schema() AND tablename = 'alembic_version'"
            )
        ).scalar()
        if owner is None:
            query = "SELECT has_schema_privilege(current_user, current_schema(), 'CREATE')"
            return bool(connection.execute(text(query)).scalar())
        query = "SELECT pg_has_role(current_user, :owner, 'USAGE')"
        return bool(connection.execute(text(query), {"owner": owner}).scalar())


_DML = ("SELECT", "INSERT", "UPDATE", "DELETE")


def _table_privileges(table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(granted, revoked) privileges of the desk's role on ``table``."""
    never = ("TRUNCATE", "REFERENCES", "TRIGGER")
    if table in READ_ONLY_TABLES:
        return ("SELECT",), ("INSERT", "UPDATE", "DELETE", *never)
    if table in APPEND_ONLY_TABLES:
        return ("SELECT", "INSERT"), ("UPDATE", "DELETE", *never)
    return ("SELECT", "INSERT", "UPDATE", "DELETE"), never


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def _schema_tables(connection: Connection) -> list[str]:
    query = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
    return list(connection.execute(text(query)).scalars())


def grant_application_role(connection: Connection, role: str) -> None:
    """Give the desk's role what it needs on every table and sequence of the schema, as
    the owner, inside the caller's transaction; run after every upgrade, so the tables of
    a later migration are covered. Tables created later by the owner start readable and
    insertable only, until this runs again."""
    if role == connection.execute(text("SELECT current_user")).scalar():
        # One role for everything (a developer's set-up): revoking would take the owner's
        # own rights; the warning is DeskContext.open's.
        return
    quoted = _quote(connection, role)
    schema = _quote(connection, str(connection.execute(text("SELECT current_schema()")).scalar()))
    connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {quoted}"))
    for table in _schema_tables(connection):
        granted, revoked = _table_privileges(table)
        name = f"{schema}.{_quote(connection, table)}"
        connection.execute(text(f"GRANT {', '.join(granted)} ON {name} TO {quoted}"))
        connection.execute(text(f"REVOKE {', '.join(revoked)} ON {name} FROM {quoted}"))
    connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {quoted}"))
    connection.execute(
        text(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT SELECT, INSERT ON TABLES TO {quoted}"
        )
    )
    connection.execute(
        text(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {quoted}"
        )
    )
    log.info("granted the desk's role %s its privileges", role)


def application_role_ready(db: Database, role: str) -> bool:
    """Whether ``role`` holds every privilege ``grant_application_role`` gives: one cheap
    read, so the grants, which rewrite catalogue rows, run only when something is missing."""
    with db.engine.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).scalar()
        if not exists:
            return False
        rows = connection.execute(
            text(
                "SELECT tablename, "
                + ", ".join(
                    f"has_table_privilege(:role, format('%I.%I', schemaname, tablename), "
                    f"'{privilege}')"
                    for privilege in _DML
                )
                + " FROM pg_tables WHERE schemaname = current_schema()"
            ),
            {"role": role},
        ).all()
    for table, *held in rows:
        granted, _revoked = _table_privileges(table)
        if any(privilege in granted and not has for privilege, has in zip(_DML, held, strict=True)):
            return False
    return True

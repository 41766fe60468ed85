"""Schema migrations (Alembic), run at start-up after a backup of the SQLite file.

Alembic is imported only when the schema is behind: the desk starts on every clerk's
login, and loading Alembic's machinery cost about a second of the cold start.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from desk.store.db import Database

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# The newest revision in migrations/versions; a test checks it against Alembic's own view.
SCHEMA_HEAD = "0005"


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
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(db: Database, backup_dir: Path, label: str) -> Path | None:
    """Copy the SQLite file with SQLite's online backup (consistent even in WAL mode)."""
    source_path = db.sqlite_path
    if source_path is None or not source_path.exists():
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target_path = backup_dir / f"{source_path.stem}-{stamp}-{label}.sqlite"
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    log.info("database backed up to %s before migration", target_path)
    return target_path


def upgrade(db: Database, *, backup_dir: Path | None = None) -> bool:
    """Bring the schema to the newest revision. Returns True when something was applied."""
    current = current_revision(db)
    if current == SCHEMA_HEAD:
        return False
    from alembic import command

    if current is not None and backup_dir is not None:
        backup_sqlite(db, backup_dir, f"before-{SCHEMA_HEAD}")
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("database migrated from %s to %s", current, SCHEMA_HEAD)
    return True

"""The schema is migrated at start-up, after a backup of the SQLite file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext
from desk.store import migrate
from desk.store.db import Database


def test_first_start_creates_the_schema_and_a_second_changes_nothing(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    assert migrate.upgrade(db, backup_dir=tmp_path / "backups") is True
    assert migrate.current_revision(db) == migrate.head_revision()
    assert migrate.upgrade(db, backup_dir=tmp_path / "backups") is False
    assert not (tmp_path / "backups").exists()  # nothing to protect on a fresh file
    with db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    db.dispose()


def test_an_older_database_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path))
    demo.ensure_demo_office(ctx)
    demo.add_demo_dossiers(ctx, 5, seed=2)
    with ctx.db.write() as session:  # pretend the file comes from an older desk
        session.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    ctx.close()
    db = Database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    backup = migrate.backup_sqlite(db, tmp_path / "backups", "test")
    assert backup is not None and backup.exists()
    copy = Database(f"sqlite:///{backup}")
    with copy.read() as session:
        assert session.execute(text("SELECT count(*) FROM dossiers")).scalar_one() == 5
    copy.dispose()
    db.dispose()


def test_the_head_the_desk_expects_is_alembics_head() -> None:
    assert migrate.head_revision() == migrate.SCHEMA_HEAD


def test_an_up_to_date_database_opens_without_loading_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = Database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    migrate.upgrade(db)
    db.dispose()
    code = (
        "import sys\n"
        "from desk.store.db import Database\n"
        "from desk.store import migrate\n"
        f"db = Database('sqlite:///{tmp_path / 'office.sqlite'}')\n"
        "assert migrate.upgrade(db) is False\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"

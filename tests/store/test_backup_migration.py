"""The copy taken before a migration: encrypted when the office has a backup key."""

from __future__ import annotations

import stat
from pathlib import Path

from desk.config import DeskConfig
from desk.services import backup as backups
from desk.services import demo
from desk.services.context import DeskContext
from desk.store import migrate
from desk.store.db import Database
from tests.store.test_backup import ADMIN, PASSPHRASE


def _step_back(path: Path) -> None:
    """Put the database one revision back, as an older desk left it."""
    from alembic import command

    db = Database(f"sqlite:///{path}")
    config = migrate.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    db.dispose()


def test_the_copy_before_a_migration_is_encrypted_and_restores(ctx: DeskContext) -> None:
    demo.add_demo_dossiers(ctx, 4, seed=2)
    backups.set_passphrase(ctx, PASSPHRASE)
    path = ctx.db.sqlite_path
    assert path is not None
    ctx.close()
    _step_back(path)
    again = DeskContext.open(ctx.config, create=False)  # migrates, after the copy
    again.close()
    names = sorted(p.name for p in ctx.config.backup_dir.iterdir())
    assert len(names) == 1 and names[0].endswith("-before-migration.deskbackup"), names
    copy = ctx.config.backup_dir / names[0]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    info = backups.backup_info(copy)
    assert info.dossier_count == 4 and info.file_count == 0
    assert info.schema_revision != migrate.SCHEMA_HEAD
    # The migration's own faults message names it as the latest backup.
    from desk.store import faults

    assert faults.latest_backup(ctx.config.backup_dir) == copy
    result = backups.restore_backup(
        ctx.config, copy, PASSPHRASE, username=ADMIN[0], password=ADMIN[1]
    )
    assert result.dossier_count == 4


def test_without_a_key_the_clear_copy_goes_once_an_encrypted_backup_exists(
    tmp_path: Path,
) -> None:
    from desk.services import setup
    from desk.services.demo import DEMO_OFFICE

    config = DeskConfig(data_dir=tmp_path / "real")
    ctx = DeskContext.open(config)
    setup.first_setup(
        ctx,
        DEMO_OFFICE,
        admin_username="admin",
        admin_full_name="Quản Trị",
        admin_password="mật-khẩu-dài-1",
    )
    path = ctx.db.sqlite_path
    assert path is not None
    ctx.close()
    _step_back(path)
    ctx = DeskContext.open(config, create=False)
    [clear] = list(config.backup_dir.glob("*.sqlite"))
    assert stat.S_IMODE(clear.stat().st_mode) == 0o600
    setup_admin = ctx  # the first admin sets the passphrase, then backs up
    from desk.services import auth

    auth.authenticate(setup_admin, "admin", "mật-khẩu-dài-1")
    backups.set_passphrase(ctx, PASSPHRASE)
    [info] = backups.take_backup(ctx)
    ctx.close()
    assert not clear.exists()
    assert [p.name for p in config.backup_dir.iterdir()] == [info.path.name]

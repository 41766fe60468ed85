"""Backups of a PostgreSQL office: pg_dump by the desk's own role, pg_restore as the owner."""

from __future__ import annotations

from pathlib import Path

from desk.config import DeskConfig
from desk.services import attachments, audit, demo
from desk.services import backup as backups
from desk.services.context import DeskContext
from tests.store.test_backup import ADMIN, PASSPHRASE, _scan


def test_backup_and_restore_a_postgresql_office(
    postgres_roles: tuple[str, str], tmp_path: Path
) -> None:
    owner_url, desk_url = postgres_roles
    config = DeskConfig(
        data_dir=tmp_path / "office", database_url=desk_url, database_owner_url=owner_url
    )
    ctx = DeskContext.open(config)
    demo.ensure_demo_office(ctx)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    demo.add_demo_dossiers(ctx, 5, seed=7)
    attachments.store_attachment(ctx, _scan(tmp_path, b"so ho khau"))
    backups.set_passphrase(ctx, PASSPHRASE)
    [info] = backups.take_backup(ctx)
    assert info.verified and info.dossier_count == 5 and info.file_count == 1
    raw = info.path.read_bytes()
    assert b"PGDMP" not in raw  # the dump itself is never in clear
    demo.add_demo_dossiers(ctx, 4, seed=8)
    ctx.close()

    result = backups.restore_backup(
        config, info.path, PASSPHRASE, username=ADMIN[0], password=ADMIN[1]
    )
    assert result.dossier_count == 5 and result.file_count == 1
    # The office as it was before the restore is itself a backup.
    assert result.set_aside.name.endswith("-before-restore.deskbackup")
    assert backups.backup_info(result.set_aside).dossier_count == 9

    again = DeskContext.open(config, create=False)
    try:
        again.act_as(demo.demo_account(again, "quantri"))
        report = audit.verify(again)
        assert report.ok, report.problems
        assert report.dossiers == 5
        assert audit.recent_entries(again, limit=1)[0].action == "backup.restored"
        # The desk's role can work again: its grants were given back.
        demo.add_demo_dossiers(again, 1, seed=9)
    finally:
        again.close()

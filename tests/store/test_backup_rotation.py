"""Rotation of the backups of one place: 7 daily, 4 weekly, 12 monthly (a pure function)."""

from __future__ import annotations

from datetime import datetime, timedelta

from desk.domain.backup import Kept, backup_file_name, parse_file_name, to_keep, to_remove

NOW = datetime(2026, 12, 1, 17, 30)


def _daily(days: int) -> list[Kept]:
    """One closing backup at 17:00 each day for ``days`` days up to NOW, and a manual one
    at 10:00 on each of them."""
    backups = []
    for back in range(days):
        day = NOW - timedelta(days=back)
        for hour, reason in ((10, "manual"), (17, "closing")):
            moment = day.replace(hour=hour, minute=0)
            backups.append(Kept(backup_file_name("000.17.22.H56", moment, reason), moment, reason))
    return backups


def test_seven_daily_four_weekly_twelve_monthly() -> None:
    backups = _daily(800)
    kept = [b for b in backups if b.key in to_keep(backups, NOW)]
    days = sorted({b.taken_at.date() for b in kept}, reverse=True)
    # The newest backup of each of the last 7 days.
    assert days[:7] == [(NOW - timedelta(days=n)).date() for n in range(7)]
    assert all(b.reason == "closing" for b in kept)
    weeks = {b.taken_at.isocalendar()[:2] for b in kept}
    assert len(weeks) >= 4
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 12
    oldest = min(b.taken_at for b in kept)
    assert oldest > NOW - timedelta(days=366)
    assert len(kept) <= 7 + 4 + 12
    assert len(to_remove(backups, NOW)) == len(backups) - len(kept)


def test_copies_before_a_migration_or_a_restore_are_kept_90_days() -> None:
    young = NOW - timedelta(days=30)
    old = NOW - timedelta(days=100)
    backups = [
        *_daily(3),
        Kept("a-young", young, "before-migration"),
        Kept("a-old", old, "before-restore"),
    ]
    keep = to_keep(backups, NOW)
    assert "a-young" in keep and "a-old" not in keep


def test_the_only_verified_backup_is_never_removed() -> None:
    verified = Kept("old-verified", NOW - timedelta(days=900), "daily")
    unverified = [
        Kept(f"new-{n}", NOW - timedelta(days=n), "daily", verified=False) for n in range(1, 30)
    ]
    keep = to_keep([verified, *unverified], NOW)
    assert "old-verified" in keep


def test_names_parse_back_and_partial_files_do_not() -> None:
    moment = datetime(2026, 11, 20, 16, 5, 9)
    name = backup_file_name("000.17.22.H56", moment, "before-migration")
    assert name == "000.17.22.H56-20261120-160509-before-migration.deskbackup"
    assert parse_file_name(name) == ("000.17.22.H56", moment, "before-migration")
    assert parse_file_name(f".{name}.ab12cd34.partial") is None
    assert parse_file_name("office-20261120-160509-before-0006.sqlite") is None

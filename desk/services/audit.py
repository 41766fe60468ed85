"""Checking the office's log against itself and against the records it vouches for.

``verify`` reads the whole log once, in order, checking each entry's number, link and hash
(the first that does not hold is named); then every dossier, a thousand at a time,
comparing the digests of what the database holds now with those its newest entry carries;
then every account. All of it in one read snapshot, so a desk working meanwhile raises no
false alarm. Only problems are kept in memory, never the log or the dossiers.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from desk.domain.access import Permission
from desk.domain.audit import (
    GENESIS,
    AuditAction,
    AuditEntry,
    AuditReport,
    ChainBreak,
    digest_mismatch,
    first_break,
)
from desk.domain.calendar import now_in_office
from desk.domain.office import User
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import audit_records

PROBLEMS_SHOWN = 20
_CHAIN_BATCH = 5000


class _Problems:
    """The first ``PROBLEMS_SHOWN`` problem lines, and how many there were in all."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.count = 0

    def add(self, line: str) -> None:
        self.count += 1
        if len(self.lines) < PROBLEMS_SHOWN:
            self.lines.append(line)


def verify(ctx: DeskContext) -> AuditReport:
    """Check the chain, every dossier and every account against the log (AUDIT)."""
    ctx.require(Permission.AUDIT)
    started = time.perf_counter()
    problems = _Problems()
    with ctx.db.read() as session:
        snapshot = store_audit.snapshot(session)
        entries, head, chain_break = _check_chain(snapshot)
        if chain_break is not None:
            problems.add(f"Chuỗi nhật ký bị đứt: {chain_break.reason}.")
        dossiers = _check_dossiers(snapshot, problems)
        accounts = _check_accounts(snapshot, problems)
    return AuditReport(
        entries=entries,
        dossiers=dossiers,
        accounts=accounts,
        head_seq=head[0],
        head_hash=head[1],
        seconds=time.perf_counter() - started,
        problems=problems.lines,
        problem_count=problems.count,
        chain_break=chain_break,
    )


def _runs(entries: Iterable[AuditEntry], size: int) -> Iterator[list[AuditEntry]]:
    iterator = iter(entries)
    while run := list(islice(iterator, size)):
        yield run


def _check_chain(
    snapshot: store_audit.Snapshot,
) -> tuple[int, tuple[int, str], ChainBreak | None]:
    """(entries read, (head number, head hash), the first break) over the whole log."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    found: ChainBreak | None = None
    last: AuditEntry | None = None
    for run in _runs(store_audit.iter_entries(snapshot, batch_size=_CHAIN_BATCH), _CHAIN_BATCH):
        broken = first_break(run, prev_hash, expected_seq)
        found = found or broken
        last = run[-1]
        # Past a break, go on from the entries as stored: only the first break is named.
        prev_hash, expected_seq = last.hash, last.seq + 1
        count += len(run)
    head = (0, GENESIS) if last is None else (last.seq, last.hash)
    return count, head, found


def _check_dossiers(snapshot: store_audit.Snapshot, problems: _Problems) -> int:
    """Every dossier's digests against its newest entry; entries naming a lost dossier."""
    checked = 0
    for batch in audit_records.iter_dossier_digests(snapshot):
        newest = store_audit.newest_entries_about(
            snapshot, [d.code for d in batch], audit_records.DOSSIER_DIGEST_ACTIONS
        )
        for dossier in batch:
            checked += 1
            logged = newest.get(dossier.code)
            if logged is None:
                problems.add(f"Hồ sơ {dossier.code}: không có mục nào về hồ sơ này trong nhật ký.")
                continue
            differing = digest_mismatch(logged[1], dossier.digests())
            if differing:
                problems.add(
                    f"Hồ sơ {dossier.code}: {', '.join(differing)} khác với mục số {logged[0]} "
                    "của nhật ký (đã bị sửa ngoài phần mềm)."
                )
    for seq, code in audit_records.dossier_entries_without_dossier(snapshot, PROBLEMS_SHOWN):
        problems.add(f"Mục số {seq} ghi hồ sơ {code}, nhưng hồ sơ này không còn trong dữ liệu.")
    return checked


def _check_accounts(snapshot: store_audit.Snapshot, problems: _Problems) -> int:
    """Every account's row against its newest entry; entries naming a lost account."""
    accounts = audit_records.account_digests(snapshot)
    newest = store_audit.newest_entries_about(
        snapshot,
        [store_audit.account_subject(name) for name, _ in accounts],
        audit_records.ACCOUNT_DIGEST_ACTIONS,
    )
    for name, state in accounts:
        logged = newest.get(store_audit.account_subject(name))
        if logged is None:
            problems.add(f"Tài khoản {name}: không có mục nào về tài khoản này trong nhật ký.")
        elif logged[1].get("state") != state:
            problems.add(
                f"Tài khoản {name}: tên, vai trò, mật khẩu hoặc trạng thái khác với mục số "
                f"{logged[0]} của nhật ký (đã bị sửa ngoài phần mềm)."
            )
    for seq, name in audit_records.account_entries_without_account(snapshot, PROBLEMS_SHOWN):
        problems.add(f"Mục số {seq} ghi tài khoản {name}, nhưng tài khoản này không còn.")
    return len(accounts)


def chain_head(ctx: DeskContext) -> tuple[int, str]:
    """The newest entry's number and hash (AUDIT)."""
    ctx.require(Permission.AUDIT)
    with ctx.db.read() as session:
        return store_audit.head(session)


def recent_entries(
    ctx: DeskContext, subject: str | None = None, limit: int = 50
) -> list[AuditEntry]:
    """The newest entries, about ``subject`` when given (a dossier code, "user:<name>"),
    newest first (AUDIT)."""
    ctx.require(Permission.AUDIT)
    with ctx.db.read() as session:
        return store_audit.recent_entries(session, subject, limit)


def account_subject(username: str) -> str:
    """The subject of an account's entries."""
    return store_audit.account_subject(username)


def record_report_written(
    ctx: DeskContext, user: User, subject: str, detail: dict[str, Any]
) -> None:
    """Log that ``user`` wrote a periodic report (its period, lines and file in ``detail``):
    the office's figures leave the desk in it."""
    with ctx.db.write() as session:
        store_audit.append(
            session,
            [
                store_audit.entry(
                    AuditAction.REPORT_WRITTEN,
                    subject,
                    at=now_in_office(),
                    actor=user,
                    detail=detail,
                )
            ],
        )


def record_book_printed(
    ctx: DeskContext, user: User, first_day: date, last_day: date, dossiers: int
) -> tuple[int, str]:
    """Log that ``user`` printed the tracking book of these days; returns the log's head
    with that entry, which the book prints at its foot (so the signed paper fixes it)."""
    with ctx.db.write() as session:
        (written,) = store_audit.append(
            session,
            [
                store_audit.entry(
                    AuditAction.BOOK_PRINTED,
                    f"book:{first_day.isoformat()}..{last_day.isoformat()}",
                    at=now_in_office(),
                    actor=user,
                    detail={
                        "first_day": first_day.isoformat(),
                        "last_day": last_day.isoformat(),
                        "dossiers": dossiers,
                    },
                )
            ],
        )
    return written.seq, written.hash

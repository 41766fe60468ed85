"""The offline hand-over: every dossier as one JSON line, in code order."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desk.atomic import check_output_path, fsync_dir, write_failure
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import province_records

if TYPE_CHECKING:
    from desk.store.db import Session
from desk.sync.items import item_line, province_item

# Lines written a run at a time: one write call (and its buffer's bookkeeping) for many
# lines instead of one a line.
_LINES_A_WRITE = 256


def write_items(
    session: Session, handle: BinaryIO, *, since: date | None = None, limit: int | None = None
) -> int:
    """Every dossier (received since ``since``; the first ``limit`` of them) as one JSON
    line (``item_line``: compact UTF-8; the file's whitespace is no contract, each line's
    item is), in code order; returns how many."""
    count = 0
    lines: list[bytes] = []
    for record in province_records.iter_province_records(session, since=since):
        if count == limit:
            break
        lines.append(item_line(province_item(record)))
        count += 1
        if len(lines) == _LINES_A_WRITE:
            handle.write(b"".join(lines))
            lines.clear()
    handle.write(b"".join(lines))
    return count


def export_jsonl(ctx: DeskContext, out: Path, *, since: date | None = None) -> int:
    """Write the file atomically (a half-written file on a USB stick is worse than none):
    into a temporary file created new beside it, renamed over it when complete; only to a
    regular file, never through a symlink or onto a device (``check_output_path``). The
    dossiers stream from the database a batch at a time, so memory stays flat whatever
    the office's size; all of them as they were when the export began. The export is
    logged (who took how many dossiers, from when, into which file)."""
    user = ctx.require(Permission.EXPORT)
    out = Path(out)
    check_output_path(out, ".jsonl")
    count = 0
    temporary = ""
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{out.name}.", suffix=".part", dir=out.parent
        )
        with (
            os.fdopen(descriptor, "wb") as handle,
            ctx.db.snapshot() as session,  # one moment, however long the export takes
        ):
            count = write_items(session, handle, since=since)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, out)
    except OSError as exc:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise write_failure(exc, out, code="export.write") from None
    except BaseException:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise
    fsync_dir(out.parent)
    with ctx.db.write() as session:
        store_audit.append(
            session,
            [
                store_audit.entry(
                    AuditAction.DOSSIERS_EXPORTED,
                    out.name,
                    at=now_in_office(),
                    actor=user,
                    detail={
                        "count": count,
                        "since": since.isoformat() if since else None,
                        "file": out.name,
                    },
                )
            ],
        )
    return count

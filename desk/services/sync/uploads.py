"""Upload: every scanned file named by a queued dossier that the province is not known to
hold gets a ``HEAD``, then a ``PUT`` if missing, before the dossiers that name it.
Confirmed files are remembered; a dossier whose file cannot go is held back (still
queued) and put in front of a supervisor."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

from desk.domain import limits
from desk.domain.calendar import now_in_office
from desk.domain.outbox import AttentionKind
from desk.services.attachments import attachment_path
from desk.services.sync.state import RunState
from desk.store import sync_records
from desk.store import sync_repository as sync_repo
from desk.sync.report import SyncPhase

log = logging.getLogger(__name__)


def scanned_file(files_dir: Path, sha: str) -> Path:
    """Where the desk keeps the file (desk.services.attachments); a flat
    ``<files>/<sha256>`` copied in by hand is accepted too."""
    kept = attachment_path(files_dir, sha)
    if kept.exists():
        return kept
    flat = files_dir / sha
    return flat if flat.exists() else kept


def upload_files(state: RunState) -> None:
    """Every file the queued dossiers name and the province is not known to hold."""
    with state.ctx.db.read() as session:
        wanted = sync_records.files_to_confirm(session)
    for done, (sha, codes) in enumerate(wanted, start=1):
        state.cancel.check()
        state.tell(SyncPhase.FILES, done - 1, len(wanted), f"Tệp {sha[:12]}…")
        upload_file(state, sha, codes)
    if wanted:
        state.tell(SyncPhase.FILES, len(wanted), len(wanted))


def upload_file(state: RunState, sha: str, codes: Sequence[str]) -> bool:
    """Make sure the province holds one file; False (the dossiers naming it held back and
    recorded for attention) when it cannot go."""
    ctx, report = state.ctx, state.report
    if state.connector.has_file(sha):
        with ctx.db.write() as session:
            sync_records.confirm_file(session, sha, now_in_office())
        report.files_present += 1
        return True
    path = scanned_file(ctx.config.files_dir, sha)
    problem = ""
    content = b""
    kind = AttentionKind.FILE_MISSING
    try:
        size = path.stat().st_size
        if size > limits.ATTACHMENT_MAX_BYTES:
            # Taken before intake refused such scans: the province never takes it (and its
            # proxy may cut the connection), so it is not sent, and the run goes on.
            kind = AttentionKind.FILE_REFUSED
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            problem = (
                f"Tệp {sha[:12]}… lớn {megabytes} MB, quá 20 MB tỉnh nhận: không gửi. "
                "Quét lại nhỏ hơn và thay vào hồ sơ."
            )
        else:
            content = path.read_bytes()
    except OSError:
        problem = f"Không tìm thấy tệp {sha[:12]}… trong thư mục dữ liệu ({path})."
    if not problem and hashlib.sha256(content).hexdigest() != sha:
        problem = f"Tệp {path} đã bị hỏng (không khớp mã SHA-256)."
    if not problem:
        stored, message = state.connector.put_file(sha, content)
        if stored:
            with ctx.db.write() as session:
                sync_records.confirm_file(session, sha, now_in_office())
            report.files_uploaded += 1
            return True
        problem = f"Tỉnh không nhận tệp {sha[:12]}…: {message}"
        kind = AttentionKind.FILE_REFUSED
    log.warning("file %s… not uploaded: %s", sha[:12], problem)
    with ctx.db.write() as session:
        ids = sync_repo.dossier_ids_by_code(session, codes)
        for code in codes:
            state.held_back.add(ids[code])
            state.note_attention(
                sync_records.add_attention(
                    session,
                    kind=kind,
                    dossier_id=ids[code],
                    code=code,
                    revision=None,
                    reason=problem + " Hồ sơ chưa được gửi cho tới khi có tệp.",
                    detail={"sha256": sha},
                    now=now_in_office(),
                )
            )
    return False

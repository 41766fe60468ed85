"""``desk check``: is the office's database whole and does it hold together?

Six checks, each reported by name with what is wrong (the first few offenders named):

1. integrity — SQLite: ``PRAGMA integrity_check`` (every page, every index against its
   table); a damaged file stops here with the corrupt-database fault naming the latest
   backup. PostgreSQL: every row of every table read back (``checks.postgres_read_all``).
2. search — the FTS5 index's own integrity check, and every stored fold of a name equal
   to the fold of the name (``desk.domain.text.fold``): search finds what it should.
3. codes — each day's dossier numbers, per counter (and block of the sequence), run from
   the block's first number to the counter's last with no gap; no dossier numbered beyond
   its counter; every code spells its agency, day and number.
4. history — every dossier has its first event (the intake's).
5. sync — every dossier's current revision is answered by the province, queued, in a
   written batch or on the needs-attention list: none can be forgotten by the sync.
6. audit — the log's chain, and every dossier and account against it
   (``desk.services.audit.verify``).

Supervisors may run it (``Permission.AUDIT``, the role that may verify the log, which
this check includes). It only reads, except FTS5's check, which is an INSERT in form and
runs in its own write transaction that changes nothing: other desks wait for it (0.8 s on
a 200,000-dossier office here, so a few seconds on a million, well inside their 30 s busy
timeout). Everything else reads in snapshots while the desks keep working.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desk.domain.access import Permission
from desk.domain.codes import DossierCode
from desk.domain.text import fold
from desk.errors import DeskError
from desk.services import audit
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import checks, faults

SHOWN = 10  # offenders named per check

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check: its name (stable, for scripts), what it is (Vietnamese), what is wrong."""

    name: str
    label: str
    problems: tuple[str, ...] = ()
    problem_count: int = 0
    seconds: float = 0.0
    note: str = ""  # what was checked, or why the check does not apply

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


@dataclass
class CheckReport:
    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0
    latest_backup: Path | None = None  # named when a check fails

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    def result(self, name: str) -> CheckResult:
        return next(r for r in self.results if r.name == name)


class _Found:
    """The first ``SHOWN`` problem lines of a check, and how many there were in all."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.count = 0

    def add(self, line: str, count: int = 1) -> None:
        self.count += count
        if len(self.lines) < SHOWN:
            self.lines.append(line)


LABELS = {
    "integrity": "Tính toàn vẹn của tệp dữ liệu",
    "search": "Chỉ mục tìm kiếm",
    "codes": "Số thứ tự hồ sơ từng ngày",
    "history": "Sự kiện tiếp nhận của từng hồ sơ",
    "sync": "Trạng thái đồng bộ của từng hồ sơ",
    "audit": "Nhật ký không sửa được",
}


def run_check(ctx: DeskContext, progress: Progress | None = None) -> CheckReport:
    """Every check, in order (AUDIT). A damaged SQLite file raises the corrupt-database
    fault (``desk.errors.CorruptDatabase``) naming the latest backup."""
    ctx.require(Permission.AUDIT)
    started = time.perf_counter()
    report = CheckReport()
    steps: list[tuple[str, Callable[[DeskContext], tuple[_Found, str]]]] = [
        ("integrity", _integrity),
        ("search", _search),
        ("codes", _codes),
        ("history", _history),
        ("sync", _sync),
        ("audit", _audit),
    ]
    for done, (name, run) in enumerate(steps):
        if progress is not None:
            progress(LABELS[name], done, len(steps))
        began = time.perf_counter()
        found, note = run(ctx)
        report.results.append(
            CheckResult(
                name,
                LABELS[name],
                tuple(found.lines),
                found.count,
                time.perf_counter() - began,
                note,
            )
        )
    if progress is not None:
        progress("Xong", len(steps), len(steps))
    if not report.ok:
        report.latest_backup = faults.latest_backup(ctx.config.backup_dir)
    report.seconds = time.perf_counter() - started
    return report


def _integrity(ctx: DeskContext) -> tuple[_Found, str]:
    found = _Found()
    with ctx.db.read() as session:
        lines = checks.integrity_problems(store_audit.snapshot(session), SHOWN)
    if ctx.db.is_sqlite:
        path = ctx.db.sqlite_path
        if lines:
            raise faults.corrupt(path or "", "; ".join(lines[:3]), ctx.config.backup_dir)
        return found, "đã đọc và kiểm mọi trang, mọi chỉ mục (PRAGMA integrity_check)"
    for line in lines:
        found.add(f"Không đọc được bảng {line}")
    return found, (
        "đã đọc lại mọi dòng của mọi bảng; chỉ mục của máy chủ PostgreSQL cần người quản "
        "trị máy chủ kiểm (amcheck)"
    )


def _search(ctx: DeskContext) -> tuple[_Found, str]:
    found = _Found()
    note = "chỉ mục FTS5 và tên đã chuẩn hóa"
    if ctx.db.is_sqlite:
        # FTS5's check is an INSERT in form: its own write transaction, which changes nothing.
        with ctx.db.write() as session:
            for line in checks.search_index_problems(session.connection()):
                found.add(
                    f"Chỉ mục tìm kiếm hỏng ({line}): tìm theo tên, số điện thoại có thể "
                    "thiếu hồ sơ."
                )
    else:
        note = "tên đã chuẩn hóa (PostgreSQL không dùng FTS5)"
    with ctx.db.read() as session:
        for row in checks.iter_folded_names(store_audit.snapshot(session)):
            if fold(row.name) != row.folded:
                found.add(
                    f"{_who(row.where, row.key)}: tên chuẩn hóa «{row.folded}» không khớp "
                    f"tên «{row.name}» (tìm theo tên sẽ không thấy)."
                )
    return found, note


def _who(kind: str, key: str) -> str:
    if kind == "dossier":
        return f"Hồ sơ {key}"
    if kind == "person":
        return f"Người ghi trong hồ sơ (dòng số {key})"
    if kind == "known_person":
        return f"Sổ người đã biết (số định danh …{key[-4:]})"
    return f"Thủ tục {key}"


def _codes(ctx: DeskContext) -> tuple[_Found, str]:
    found = _Found()
    with ctx.db.read() as session:
        connection = store_audit.snapshot(session)
        blocks = checks.code_blocks(connection)
        for block in blocks:
            if block.count == block.expected:
                continue
            used = set(
                checks.sequences_in(
                    connection, block.agency_id, block.day, block.block_first, block.last_value
                )
            )
            missing = [n for n in range(block.block_first, block.last_value + 1) if n not in used]
            shown = ", ".join(_code(block.agency_id, block.day, n) for n in missing[:5])
            more = f" và {len(missing) - 5} số khác" if len(missing) > 5 else ""
            found.add(
                f"Ngày {block.day:%d/%m/%Y}, dãy từ số {block.block_first}: sổ đếm đã cấp đến "
                f"số {block.last_value} nhưng thiếu {len(missing)} hồ sơ: {shown}{more}.",
                len(missing),
            )
        count, codes = checks.dossiers_outside_counters(connection, SHOWN)
        if count:
            found.add(
                f"{count} hồ sơ mang số mà sổ đếm của ngày chưa cấp: {', '.join(codes)}.",
                count,
            )
        for code, agency, day, sequence in checks.iter_code_parts(connection):
            spelled = _code(agency, day, sequence)
            if code != spelled:
                found.add(
                    f"Hồ sơ {code}: mã không khớp cơ quan, ngày và số thứ tự đã lưu ({spelled})."
                )
    return found, f"{len(blocks)} sổ đếm theo ngày"


def _code(agency: str, day: date, sequence: int) -> str:
    try:
        return str(DossierCode(agency, day, sequence))
    except DeskError:
        return f"{agency}-{day:%y%m%d}-{sequence}"


def _history(ctx: DeskContext) -> tuple[_Found, str]:
    found = _Found()
    with ctx.db.read() as session:
        count, codes = checks.dossiers_without_first_event(store_audit.snapshot(session), SHOWN)
    for code in codes:
        found.add(f"Hồ sơ {code}: không có sự kiện tiếp nhận (lịch sử bị mất).")
    _rest(found, count)
    return found, ""


def _sync(ctx: DeskContext) -> tuple[_Found, str]:
    found = _Found()
    with ctx.db.read() as session:
        connection = store_audit.snapshot(session)
        lost, lost_codes = checks.dossiers_lost_to_sync(connection, SHOWN)
        ahead, ahead_codes = checks.outbox_ahead_of_dossier(connection, SHOWN)
    for code in lost_codes:
        found.add(
            f"Hồ sơ {code}: phiên bản hiện tại không được tỉnh trả lời, không nằm trong hàng "
            "đợi, lô đang gửi hay danh sách cần xem xét (sẽ không bao giờ được gửi)."
        )
    _rest(found, lost)
    for code in ahead_codes:
        found.add(f"Hồ sơ {code}: hàng đợi giữ một phiên bản mà hồ sơ không có.")
    _rest(found, ahead)
    return found, ""


def _rest(found: _Found, count: int) -> None:
    """Count the offenders a query counted but did not name."""
    named = min(count, SHOWN)
    found.count += count - named


def _audit(ctx: DeskContext) -> tuple[_Found, str]:
    found = _Found()
    report = audit.verify(ctx)
    for line in report.problems:
        found.add(line)
    found.count = max(found.count, report.problem_count)
    return found, report.summary()


def iter_lines(report: CheckReport) -> Iterator[str]:
    """The report as a supervisor reads it (the command line prints these)."""
    for result in report.results:
        if result.ok:
            note = f" — {result.note}" if result.note else ""
            yield f"[ĐẠT] {result.label}{note} ({result.seconds:.1f} giây)."
            continue
        yield f"[LỖI] {result.label}: {result.problem_count} vấn đề ({result.seconds:.1f} giây)."
        yield from (f"    {line}" for line in result.problems)
        hidden = result.problem_count - len(result.problems)
        if hidden > 0:
            yield f"    … và {hidden} vấn đề khác."
    if report.ok:
        yield f"Cơ sở dữ liệu nguyên vẹn và nhất quán ({report.seconds:.1f} giây)."
    else:
        failed = sum(1 for r in report.results if not r.ok)
        backup = report.latest_backup
        if backup is not None and backup.suffix == ".deskbackup":
            restore = f"bản sao lưu mới nhất: «desk restore {backup}»"
        elif backup is not None:
            restore = f"bản sao lưu mới nhất ({backup})"
        else:
            restore = "bản sao lưu gần nhất («desk restore TỆP»)"
        yield (
            f"Có {failed} mục kiểm tra không đạt. Giữ nguyên dữ liệu, gọi bộ phận hỗ trợ; "
            f"nếu cần, người quản trị khôi phục {restore}."
        )

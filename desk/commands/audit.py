"""``desk audit``: check the office's log, print its head, list its newest entries.

``desk audit verify`` exits 0 when the chain holds and every dossier and account agrees
with the log, and 3 when something does not, printing the first problems (an inspector's
script tells "tampered" from "bad input", which exits 2).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desk.commands.base import (
    EXIT_OK,
    Commands,
    bounded,
    command,
    open_office,
    safe,
    say,
    subcommands,
)
from desk.domain import limits
from desk.errors import InvalidInput

if TYPE_CHECKING:
    from desk.domain.audit import AuditEntry, AuditReport

EXIT_TAMPERED = 3  # the log or a record does not hold


def report_text(report: AuditReport) -> str:
    lines = [safe(report.summary())]
    lines += [f"  {safe(line)}" for line in report.problems]
    hidden = report.problem_count - len(report.problems)
    if hidden > 0:
        lines.append(f"  … và {hidden} vấn đề khác.")
    lines.append(
        f"Mục cuối: số {report.head_seq} — mã kiểm tra {report.head_hash} "
        f"({report.seconds:.1f} giây)."
    )
    return "\n".join(lines)


def entry_text(entry: AuditEntry) -> str:
    from desk.domain.formats import moment_text

    who = entry.actor_name or "—"
    return (
        f"{entry.seq:>7}  {moment_text(entry.at)}  {entry.action_label}  {entry.subject}  ({who})"
    )


def cmd_verify(args: argparse.Namespace) -> int:
    from desk.services.audit import verify

    with open_office(args) as ctx:
        report = verify(ctx)
    print(report_text(report))
    return EXIT_OK if report.ok else EXIT_TAMPERED


def cmd_head(args: argparse.Namespace) -> int:
    from desk.services.audit import chain_head

    with open_office(args) as ctx:
        seq, hash_ = chain_head(ctx)
    say(f"{seq} {hash_}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from desk.services.audit import account_subject, recent_entries

    if args.code and args.user:
        raise InvalidInput("Chỉ chọn một trong --code và --user.", code="cli.audit_subject")
    subject = args.code.strip() if args.code else None
    if args.user:
        subject = account_subject(args.user.strip())
    with open_office(args) as ctx:
        entries = recent_entries(ctx, subject, args.limit)
    if not entries:
        print("Không có mục nào trong nhật ký.")
    for entry in entries:
        say(entry_text(entry))
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    audit = command(commands, "audit", cmd_head, "nhật ký không sửa được của văn phòng")
    audit_commands = subcommands(audit, "lệnh nhật ký")
    command(
        audit_commands,
        "verify",
        cmd_verify,
        "kiểm tra chuỗi nhật ký, từng hồ sơ và từng tài khoản (thoát 3 nếu có chỗ không khớp)",
    )
    command(audit_commands, "head", cmd_head, "in mục cuối của nhật ký: «số mã-kiểm-tra»")
    list_ = command(audit_commands, "list", cmd_list, "các mục mới nhất của nhật ký")
    list_.add_argument("--code", metavar="MÃ_HỒ_SƠ", help="chỉ các mục về hồ sơ này")
    list_.add_argument("--user", metavar="TÊN_ĐĂNG_NHẬP", help="chỉ các mục về tài khoản này")
    list_.add_argument(
        "--limit",
        type=bounded(limits.LIST_LIMIT),
        default=50,
        metavar="N",
        help="số mục (mặc định 50)",
    )

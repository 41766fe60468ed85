"""``desk search QUERY…`` and ``desk show CODE``: finding and reading dossiers;
``desk advance CODE STATUS`` and ``desk reschedule CODE``: moving one on, giving it a new
due time. A change the office's limits make its own fault (DOMAIN §2) needs
``--fault-reason``; without it the command exits 2 and says why. The signed-in account is
the one who made the change (no ``--user``: a name typed on the command line proves nothing)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desk.commands.base import (
    EXIT_OK,
    Commands,
    acting_user,
    bounded,
    command,
    json_line,
    open_office,
    parse_moment,
    safe,
    say,
)
from desk.domain import limits
from desk.errors import InvalidInput

if TYPE_CHECKING:
    from desk.domain.dossier import Dossier


def cmd_search(args: argparse.Namespace) -> int:
    from desk.services.search import search

    query = " ".join(args.query)
    with open_office(args) as ctx:
        results = search(ctx, query, limit=args.limit)  # newest received first
    for found in results:
        say(
            f"{found.code}  {found.received_at:%d/%m/%Y %H:%M}  {found.status.label:<24}"
            f"  {found.applicant_name}  {found.procedure_name}"
        )
    if not results:
        say(f"Không tìm thấy hồ sơ nào khớp «{safe(query.strip()[:80])}»")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from desk.services.dossiers import open_dossier
    from desk.sync.items import dossier_item

    with open_office(args) as ctx:
        dossier = open_dossier(ctx, args.code)  # logged: who opened whose dossier
    print(json_line(dossier_item(dossier), indent=2))
    return EXIT_OK


def _with_option_hint(error: InvalidInput) -> InvalidInput:
    """The domain's message, and the option that answers it."""
    if error.field == "fault_reason":
        return InvalidInput(
            f'{error.message} Ghi lý do bằng --fault-reason "…".',
            code=error.code,
            field=error.field,
        )
    return error


def _print_faults(dossier: Dossier) -> None:
    for fault in dossier.office_faults():
        say(f"Lỗi của cơ quan: {fault.kind.label} — lý do: {fault.reason or '(không ghi)'}")


def cmd_advance(args: argparse.Namespace) -> int:
    from desk.domain.status import Status
    from desk.services import dossiers

    try:
        target = Status(limits.STATUS_CODE.check(args.status))
    except InvalidInput:
        raise InvalidInput(
            f"Trạng thái «{safe(args.status[:40])}» không có trong bảng mã trạng thái hồ sơ "
            f"({limits.STATUS_CODE.minimum}–{limits.STATUS_CODE.maximum}).",
            code="cli.status",
        ) from None
    if target is Status.RETURNED:
        # Handing back records who collected the result and their rating: its own screen.
        raise InvalidInput(
            "Trả kết quả cho công dân làm tại màn hình «Trả kết quả» (ghi người nhận và đánh giá).",
            code="cli.status",
        )
    with open_office(args) as ctx:
        try:
            dossier = dossiers.change_status(
                ctx,
                args.code,
                target,
                acting_user(ctx),
                note=args.note,
                fault_reason=args.fault_reason,
            )
        except InvalidInput as error:
            raise _with_option_hint(error) from None
    say(f"{dossier.code}: {dossier.status.label}")
    _print_faults(dossier)
    return EXIT_OK


def cmd_reschedule(args: argparse.Namespace) -> int:
    from desk.domain.formats import moment_text
    from desk.services import dossiers

    new_due = parse_moment(args.due)
    with open_office(args) as ctx:
        try:
            dossier = dossiers.reschedule(
                ctx,
                args.code,
                new_due,
                args.reason,
                acting_user(ctx),
                fault_reason=args.fault_reason,
            )
        except InvalidInput as error:
            raise _with_option_hint(error) from None
    say(f"{dossier.code}: hẹn lại ngày trả kết quả {moment_text(dossier.rescheduled_due_at)}")
    _print_faults(dossier)
    say(f"In văn bản xin lỗi: desk print apology {dossier.code} --out TỆP.pdf")
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    search = command(
        commands, "search", cmd_search, "tìm hồ sơ theo mã, số định danh, tên hoặc số điện thoại"
    )
    search.add_argument("query", nargs="+")
    search.add_argument(
        "--limit",
        type=bounded(limits.LIST_LIMIT),
        default=50,
        metavar="N",
        help=f"số hồ sơ tối đa (1–{limits.LIST_LIMIT.maximum:,}; mặc định 50)".replace(",", "."),
    )
    show = command(commands, "show", cmd_show, "xem một hồ sơ (JSON)")
    show.add_argument("code")
    fault_help = (
        "lý do khi thao tác là lỗi của cơ quan (yêu cầu bổ sung lần thứ hai, hẹn lại lần "
        "thứ hai hoặc hẹn lại muộn)"
    )
    advance = command(commands, "advance", cmd_advance, "chuyển trạng thái một hồ sơ")
    advance.add_argument("code", metavar="MÃ_HỒ_SƠ")
    advance.add_argument(
        "status",
        metavar="TRẠNG_THÁI",
        help="mã trạng thái mới, ví dụ 4, 5, 9",
    )
    advance.add_argument("--note", default="", help="lý do / giấy tờ cần bổ sung")
    advance.add_argument("--fault-reason", default="", help=fault_help)
    reschedule = command(
        commands, "reschedule", cmd_reschedule, "hẹn lại ngày trả kết quả (văn bản xin lỗi)"
    )
    reschedule.add_argument("code", metavar="MÃ_HỒ_SƠ")
    reschedule.add_argument(
        "--due", required=True, metavar='"YYYY-MM-DD HH:MM"', help="ngày hẹn mới"
    )
    reschedule.add_argument("--reason", required=True, help="lý do chậm (in trên văn bản)")
    reschedule.add_argument("--fault-reason", default="", help=fault_help)

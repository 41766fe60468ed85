"""``desk figures --period 2026-11`` (or ``--from YYYY-MM-DD --to YYYY-MM-DD``): the
period's figures a supervisor watches (DOMAIN §9), with the office's own faults on the
dossiers' path (DOMAIN §2) and the indicators of Decision 766 a desk can know."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desk.commands.base import EXIT_OK, Commands, command, open_office, parse_day
from desk.errors import InvalidInput

if TYPE_CHECKING:
    from desk.domain.figures import Period, PeriodFigures
    from desk.domain.service_index import ServiceIndex


def figures_text(figures: PeriodFigures, index: ServiceIndex) -> str:
    from desk.domain.fees import format_vnd
    from desk.domain.formats import decimal_text, moment_text
    from desk.domain.formats import percent_text as rate_text
    from desk.domain.path_limits import FaultKind

    f = figures.office
    period = figures.period
    lines = [
        f"Số liệu từ {period.first_day:%d/%m/%Y} đến {period.last_day:%d/%m/%Y}",
        f"Kỳ trước chuyển sang: {f.carried_over}",
        f"Hồ sơ tiếp nhận: {f.received}",
        f"  Trực tiếp: {f.received_in_person}",
        f"  Trực tuyến: {f.received_online}",
        f"  Qua bưu chính: {f.received_by_post}",
        f"Từ chối tiếp nhận: {f.refused}",
        f"Hồ sơ đã giải quyết: {f.finished} (trong đó rút hồ sơ: {f.withdrawn})",
        f"  Trước hạn: {f.early}",
        f"  Đúng hạn: {f.on_time}",
        f"  Quá hạn: {f.late}",
        f"  Trước hạn, đúng hạn nhưng có lỗi của cơ quan (tính là không đúng hạn): "
        f"{f.on_time_with_fault}",
        f"Tỷ lệ đúng hạn: {rate_text(f.on_time_rate)}"
        f" (chỉ theo hạn giải quyết: {rate_text(f.on_time_rate_by_due_time)})",
        f"Dừng xử lý: {f.stopped}",
        "Đang giải quyết khi hết kỳ:"
        if figures.ended
        else f"Đang giải quyết đến {moment_text(figures.as_of)}:",
        f"  Trong hạn: {f.running_within_time} (trong đó chờ bổ sung: {f.awaiting_papers})",
        f"  Quá hạn: {f.running_overdue}",
        f"Yêu cầu bổ sung: {f.supplement_requests} "
        f"(lỗi của cơ quan: {f.supplement_requests_at_fault})",
        f"Hẹn lại ngày trả kết quả: {f.new_due_times} "
        f"(lỗi của cơ quan: {f.new_due_times_at_fault})",
        f"Lỗi của cơ quan trong kỳ: {figures.total_faults}",
    ]
    lines += [f"  {kind.label}: {figures.faults.get(kind, 0)}" for kind in FaultKind]
    lines += [
        f"Đã trả kết quả: {f.returned} (kết quả đã số hóa: {f.results_scanned})",
        f"  Hài lòng: {f.rated_satisfied}, bình thường: {f.rated_neutral}, "
        f"không hài lòng: {f.rated_dissatisfied}",
        f"Tỷ lệ hài lòng: {rate_text(f.satisfaction_rate)}",
        f"Hồ sơ số hóa khi tiếp nhận: {f.documents_scanned} "
        f"({rate_text(f.documents_digitisation_rate)})",
        f"Phí, lệ phí: {format_vnd(f.fees_total)} (tiền mặt {format_vnd(f.fees_cash)}, "
        f"chuyển khoản {format_vnd(f.fees_transfer)})",
        "Chỉ số phục vụ (Quyết định 766/QĐ-TTg, số liệu tự tính, cần đối chiếu):",
    ]
    for score in index.scores(f):
        points = "—" if score.points is None else decimal_text(score.points, 2)
        top = decimal_text(score.indicator.points)
        lines.append(f"  {score.indicator.label}: {rate_text(score.rate)} → {points}/{top} điểm")
    for label, most in index.unknown:
        lines.append(f"  {label}: bàn một cửa không tự tính được (tối đa {most} điểm)")
    return "\n".join(lines)


def period_of(args: argparse.Namespace) -> Period:
    """``--period`` (with ``--to`` a period too), or ``--from``/``--to`` days."""
    from desk.domain.figures import Period

    if args.period:
        return Period.parse(args.period, args.to_day)
    if not (args.from_day and args.to_day):
        raise InvalidInput(
            "Cần --period (2026-11, 2026-Q4, 2026) hoặc cả --from và --to (YYYY-MM-DD).",
            code="figures.period_missing",
        )
    return Period(parse_day(args.from_day), parse_day(args.to_day))


def cmd_figures(args: argparse.Namespace) -> int:
    from desk.services.figures import period_figures, service_index

    period = period_of(args)
    with open_office(args) as ctx:
        figures = period_figures(ctx, period)
        index = service_index(ctx)
    print(figures_text(figures, index))
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    figures = command(
        commands, "figures", cmd_figures, "số liệu giải quyết hồ sơ của một kỳ (đúng hạn, lỗi)"
    )
    figures.add_argument("--period", metavar="KỲ", help="2026-11, 2026-Q4, 2026 hoặc 2026-11-05")
    figures.add_argument("--from", dest="from_day", metavar="YYYY-MM-DD")
    figures.add_argument("--to", dest="to_day", metavar="YYYY-MM-DD|KỲ")

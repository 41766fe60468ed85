"""``desk figures --from YYYY-MM-DD --to YYYY-MM-DD``: the period's figures a supervisor
watches (DOMAIN §9), with the office's own faults on the dossiers' path (DOMAIN §2)."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import TYPE_CHECKING

from desk.commands.base import EXIT_OK, Commands, command, open_office, parse_day

if TYPE_CHECKING:
    from desk.domain.figures import OfficeFigures


def _rate(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate}%".replace(".", ",")


def figures_text(f: OfficeFigures) -> str:
    from desk.domain.formats import moment_text
    from desk.domain.path_limits import FaultKind

    period = f.period
    lines = [
        f"Số liệu từ {period.first_day:%d/%m/%Y} đến {period.last_day:%d/%m/%Y}",
        f"Hồ sơ tiếp nhận: {f.received}",
        f"Hồ sơ đã giải quyết: {f.finished}",
        f"  Trước hạn: {f.early}",
        f"  Đúng hạn: {f.on_time}",
        f"  Quá hạn: {f.late}",
        f"  Trước hạn, đúng hạn nhưng có lỗi của cơ quan (tính là không đúng hạn): "
        f"{f.on_time_with_fault}",
        f"Tỷ lệ đúng hạn: {_rate(f.on_time_rate)}"
        f" (chỉ theo hạn giải quyết: {_rate(f.on_time_rate_by_due_time)})",
        "Đang giải quyết khi hết kỳ:"
        if f.as_of == period.end
        else f"Đang giải quyết đến {moment_text(f.as_of)}:",
        f"  Trong hạn: {f.running_within_time} (trong đó chờ bổ sung: {f.awaiting_papers})",
        f"  Quá hạn: {f.running_overdue}",
        f"Lỗi của cơ quan trong kỳ: {f.total_faults} (ở {f.dossiers_with_faults} hồ sơ)",
    ]
    lines += [f"  {kind.label}: {f.faults.get(kind, 0)}" for kind in FaultKind]
    return "\n".join(lines)


def cmd_figures(args: argparse.Namespace) -> int:
    from desk.services.figures import period_figures

    first_day, last_day = parse_day(args.from_day), parse_day(args.to_day)
    with open_office(args) as ctx:
        figures = period_figures(ctx, first_day, last_day)
    print(figures_text(figures))
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    figures = command(
        commands, "figures", cmd_figures, "số liệu giải quyết hồ sơ của một kỳ (đúng hạn, lỗi)"
    )
    figures.add_argument("--from", dest="from_day", required=True, metavar="YYYY-MM-DD")
    figures.add_argument("--to", dest="to_day", required=True, metavar="YYYY-MM-DD")

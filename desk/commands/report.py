"""``desk report --period 2026-11 [--to 2026-12] [--by field|procedure|clerk] --out FILE``:
the periodic report (form 06a) of a period as an XLSX workbook or a PDF, chosen by the
file's suffix. A supervisor's command (REPORTS): a clerk's account is refused."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.commands.base import EXIT_OK, Commands, command, open_office, safe, say

GROUPINGS = ("field", "procedure", "clerk")


def cmd_report(args: argparse.Namespace) -> int:
    from desk.domain.figures import Grouping, Period
    from desk.services.report import report_format, write_report

    period = Period.parse(args.period, args.to)  # a bad period: exit 2, before signing in
    grouping = Grouping(args.by) if args.by else Grouping.OFFICE
    out = Path(args.out)
    kind = report_format(out)
    with open_office(args) as ctx:
        written = write_report(ctx, period, grouping, out)
    say(
        f"Đã ghi báo cáo {period.label} ({grouping.label.lower()}, {kind.upper()}) "
        f"vào {safe(written)}."
    )
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    report = command(
        commands,
        "report",
        cmd_report,
        "báo cáo định kỳ tình hình giải quyết hồ sơ (biểu 06a) ra tệp XLSX hoặc PDF",
    )
    report.add_argument(
        "--period",
        required=True,
        metavar="KỲ",
        help="tháng (2026-11), quý (2026-Q4), năm (2026) hoặc ngày (2026-11-05)",
    )
    report.add_argument(
        "--to", metavar="KỲ", help="đến hết kỳ này (ví dụ --period 2026-10 --to 2026-12)"
    )
    report.add_argument(
        "--by",
        choices=GROUPINGS,
        help="mỗi dòng một lĩnh vực (field), thủ tục (procedure) hoặc cán bộ tiếp nhận (clerk); "
        "mặc định: toàn cơ quan",
    )
    report.add_argument(
        "--out", required=True, metavar="TỆP", help="tệp .xlsx (bảng tính) hoặc .pdf (bản in)"
    )

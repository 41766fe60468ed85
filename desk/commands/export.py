"""``desk export``: every dossier as province items in a JSONL file (the USB hand-over)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.commands.base import EXIT_OK, Commands, command, open_office, parse_day
from desk.errors import InvalidInput


def cmd_export(args: argparse.Namespace) -> int:
    from desk.services.export import export_jsonl

    since = parse_day(args.since) if args.since else None
    out = Path(args.out)
    if not out.parent.exists():
        raise InvalidInput(f"Thư mục {out.parent} không tồn tại.", code="cli.out_dir")
    with open_office(args) as ctx:
        count = export_jsonl(ctx, out, since=since)
    print(f"Đã xuất {count:,} hồ sơ vào {out}.".replace(",", "."))
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    export = command(
        commands, "export", cmd_export, "xuất hồ sơ ra tệp JSONL để chuyển cho tỉnh khi mất mạng"
    )
    export.add_argument("--out", required=True, metavar="FILE.jsonl")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="chỉ hồ sơ tiếp nhận từ ngày này")

"""``desk export``: every dossier as province items in a JSONL file (the USB hand-over)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk.atomic import check_output_path
from desk.commands.base import (
    EXIT_OK,
    Commands,
    collector_paused_while_loading,
    command,
    open_office,
    parse_day,
    say,
)


def cmd_export(args: argparse.Namespace) -> int:
    since = parse_day(args.since) if args.since else None
    out = Path(args.out)
    # Refused before the office is opened; warned about (and written) when not .jsonl.
    for warning in check_output_path(out, ".jsonl"):
        print(warning, file=sys.stderr)
    with collector_paused_while_loading() as loaded, open_office(args) as ctx:
        from desk.services.export import export_jsonl

        # What is loaded by now lives as long as the command: left out of the collections
        # that the export's hundreds of thousands of rows and items set off (~8 % of its
        # CPU on 100,000 dossiers, docs/performance.md, issue 16).
        loaded()
        count = export_jsonl(ctx, out, since=since)
    say(f"Đã xuất {count:,} hồ sơ vào {out}.".replace(",", "."))
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    export = command(
        commands, "export", cmd_export, "xuất hồ sơ ra tệp JSONL để chuyển cho tỉnh khi mất mạng"
    )
    export.add_argument("--out", required=True, metavar="FILE.jsonl")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="chỉ hồ sơ tiếp nhận từ ngày này")

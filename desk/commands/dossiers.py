"""``desk search QUERY…`` and ``desk show CODE``: finding and reading dossiers."""

from __future__ import annotations

import argparse
import json

from desk.commands.base import EXIT_OK, Commands, command, open_office


def cmd_search(args: argparse.Namespace) -> int:
    from desk.services.search import search

    with open_office(args) as ctx:
        for found in search(ctx, " ".join(args.query), limit=args.limit):
            print(
                f"{found.code}  {found.received_at:%d/%m/%Y %H:%M}  {found.status.label:<24}"
                f"  {found.applicant_name}  {found.procedure_name}"
            )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from desk.services.dossiers import get_dossier
    from desk.sync.items import dossier_item

    with open_office(args) as ctx:
        print(json.dumps(dossier_item(get_dossier(ctx, args.code)), ensure_ascii=False, indent=2))
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    search = command(
        commands, "search", cmd_search, "tìm hồ sơ theo mã, số định danh, tên hoặc số điện thoại"
    )
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", type=int, default=50)
    show = command(commands, "show", cmd_show, "xem một hồ sơ (JSON)")
    show.add_argument("code")

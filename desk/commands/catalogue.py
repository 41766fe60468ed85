"""``desk catalogue`` (the procedures offered), ``desk catalogue export|import FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from desk.commands.base import EXIT_OK, Commands, command, open_office, subcommands
from desk.domain.formats import processing_label
from desk.domain.text import terminal_safe


def say(line: str, *, file: TextIO | None = None) -> None:
    """Print a line that holds stored or typed text, its control characters escaped."""
    print(terminal_safe(line), file=file)


def cmd_catalogue_list(args: argparse.Namespace) -> int:
    with open_office(args) as ctx:
        for procedure in ctx.catalogue():
            say(f"{procedure.code}  {procedure.name} — {procedure.processing_label}")
            for case, processing in (
                procedure.processing_by.times if procedure.processing_by else ()
            ):
                say(f"          {case}: {processing_label(processing)}")
    return EXIT_OK


def cmd_catalogue_export(args: argparse.Namespace) -> int:
    from desk.services.catalogue import export_catalogue

    with open_office(args) as ctx:
        count, warnings = export_catalogue(ctx, Path(args.file))
    for warning in warnings:
        say(warning, file=sys.stderr)
    say(f"Đã xuất {count} thủ tục vào {args.file}.")
    return EXIT_OK


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    from desk.domain.catalogue_file import load_catalogue_file
    from desk.services.catalogue import check_importable, import_catalogue

    # A broken file says so before the office is opened; nothing is written then.
    catalogue = load_catalogue_file(Path(args.file))
    check_importable(catalogue)
    with open_office(args) as ctx:
        result = import_catalogue(ctx, catalogue)
    say(result.summary())
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    catalogue = command(commands, "catalogue", cmd_catalogue_list, "danh mục thủ tục hành chính")
    catalogue_commands = subcommands(catalogue, "lệnh danh mục")
    export = command(
        catalogue_commands, "export", cmd_catalogue_export, "xuất danh mục ra tệp JSON"
    )
    export.add_argument("file", metavar="TỆP.json", help="tệp JSON ghi ra")
    import_ = command(
        catalogue_commands, "import", cmd_catalogue_import, "nhập danh mục từ tệp JSON"
    )
    import_.add_argument("file", metavar="TỆP.json", help="tệp JSON danh mục cần nhập")

"""``desk catalogue`` (the procedures offered), ``desk catalogue export|import FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.commands.base import EXIT_OK, Commands, command, open_office, subcommands
from desk.domain.formats import processing_label


def cmd_catalogue_list(args: argparse.Namespace) -> int:
    with open_office(args) as ctx:
        for procedure in ctx.catalogue():
            print(f"{procedure.code}  {procedure.name} — {procedure.processing_label}")
            for case, processing in (
                procedure.processing_by.times if procedure.processing_by else ()
            ):
                print(f"          {case}: {processing_label(processing)}")
    return EXIT_OK


def cmd_catalogue_export(args: argparse.Namespace) -> int:
    from desk.services.setup import export_catalogue

    with open_office(args) as ctx:
        count = export_catalogue(ctx, Path(args.file))
    print(f"Đã xuất {count} thủ tục vào {args.file}.")
    return EXIT_OK


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    from desk.domain.catalogue import load_catalogue_file
    from desk.services.setup import import_catalogue

    catalogue = load_catalogue_file(Path(args.file))  # a broken file says so before anything
    with open_office(args) as ctx:
        count = import_catalogue(ctx, catalogue)
    print(f"Đã nhập {count} thủ tục.")
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    catalogue = command(commands, "catalogue", cmd_catalogue_list, "danh mục thủ tục hành chính")
    catalogue_commands = subcommands(catalogue, "lệnh danh mục")
    export = command(
        catalogue_commands, "export", cmd_catalogue_export, "xuất danh mục ra tệp JSON"
    )
    export.add_argument("file")
    import_ = command(
        catalogue_commands, "import", cmd_catalogue_import, "nhập danh mục từ tệp JSON"
    )
    import_.add_argument("file")

"""``desk print FORM CODE --out FILE.pdf`` and ``desk print book --date D [--to D]``.

A Committee letter is issued by the signed-in account (who is recorded in the letters'
book); who signs it on paper is ``--signer`` / ``--signer-name``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk.atomic import check_output_path, write_output
from desk.commands.base import (
    EXIT_OK,
    Commands,
    begin_password_check,
    collector_paused_while_loading,
    command,
    file_credentials,
    open_office,
    parse_day,
    safe,
    say,
)
from desk.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable

    from desk.services.context import DeskContext
    from desk.services.print_forms import FormDetails

FORM_NAMES = ("slip", "supplement", "refusal", "apology", "stop", "control", "declaration")
_YES_NO = {"yes": True, "no": False}


def write_pdf(out: Path, pdf: bytes) -> None:
    """Write through a temporary file so a half-written PDF never sits under the name; only
    to a regular file (never a device, a FIFO or through a symlink) in a folder that
    exists (the .pdf ending is checked by cmd_print before the PDF is made)."""
    for warning in write_output(out, pdf, suffix=".pdf"):
        print(warning, file=sys.stderr)


def cmd_print(args: argparse.Namespace) -> int:
    out = Path(args.out)
    # Refused before the office is opened and the PDF made. A PDF under another name
    # ("s.txt") opens in no PDF reader and is easily lost: the name must say what it is.
    if check_output_path(out, ".pdf"):
        raise InvalidInput(
            f"Tệp {safe(out)} phải có đuôi .pdf (ví dụ {safe(out.with_suffix('.pdf').name)}): "
            "lệnh in ghi ra tệp PDF.",
            code="cli.out_suffix",
        )
    letter = ""
    if args.form == "book":
        if not args.date:
            raise InvalidInput("«desk print book» cần --date YYYY-MM-DD.", code="cli.usage")
        first, last = parse_day(args.date), parse_day(args.to) if args.to else None
        with (
            collector_paused_while_loading() as loaded,
            open_office(args) as ctx,
        ):
            from desk.services.printing import render_tracking_book

            loaded()  # the printing code too: the collector resumes once all is loaded
            pdf = render_tracking_book(ctx, first, last)
    else:
        if not args.code:
            raise InvalidInput(f"«desk print {args.form}» cần mã hồ sơ.", code="cli.usage")
        with collector_paused_while_loading() as loaded:
            plain = _print_plainly(args, loaded)
            if plain is not None:
                pdf = plain
            else:
                with open_office(args) as ctx:
                    import desk.services.printing  # noqa: F401 — used by _print_form

                    loaded()  # the printing code too: the collector resumes once all is loaded
                    pdf, letter = _print_form(ctx, args)
    write_pdf(out, pdf)
    say(f"Đã ghi {out} ({len(pdf) // 1024 + 1} KB).")
    if letter:
        say(letter)
    return EXIT_OK


def _print_plainly(args: argparse.Namespace, loaded: Callable[[], None]) -> bytes | None:
    """The form printed on the office's own SQLite file without SQLAlchemy, when the
    account signs in from a password file and all is as usual
    (``desk.services.quick_print``); None: the office is to be opened the usual way."""
    from desk.config import load_config

    config = load_config(db_url=getattr(args, "db", None))
    account = file_credentials(args)
    if account is None or config.database_url:
        return None
    begin_password_check(args, config)
    from desk.services import quick_print

    loaded()
    return quick_print.print_form(
        config, *account, args.form, args.code, paper=args.paper, details=_details(args)
    )


def _details(args: argparse.Namespace) -> FormDetails:
    """What the clerk added on the command line."""
    from desk.services.print_forms import FormDetails

    return FormDetails(
        reason=args.reason,
        missing_documents=list(args.missing),
        rules_reference=args.rules,
        guide_name=args.guide_name,
        guide_phone=args.guide_phone,
        signer=args.signer or "",
        signer_name=args.signer_name,
        refund_fees=args.refund,
        citizen_requested=_YES_NO.get(args.citizen_request or ""),
    )


def _print_form(ctx: DeskContext, args: argparse.Namespace) -> tuple[bytes, str]:
    """The PDF of one dossier's form, and the line naming the letter it issued ("" if none)."""
    from desk.services.printing import letter_line, render_dossier_form

    pdf = render_dossier_form(
        ctx, args.form, args.code, paper=args.paper, details=_details(args), issued_by=ctx.user
    )
    return pdf, letter_line(ctx, args.form, args.code)


def add_commands(commands: Commands) -> None:
    sub = command(
        commands,
        "print",
        cmd_print,
        "in biểu mẫu một cửa ra PDF: slip (giấy tiếp nhận và hẹn trả), supplement, refusal, "
        "apology, stop, control, declaration (tờ khai khai sinh) cho một hồ sơ; book (sổ theo "
        "dõi) cho một ngày hoặc khoảng ngày",
    )
    sub.add_argument(
        "form",
        choices=(*FORM_NAMES, "book"),
        metavar="MẪU",
        help=f"biểu mẫu: {', '.join(FORM_NAMES)} hoặc book",
    )
    sub.add_argument("code", nargs="?", metavar="MÃ_HỒ_SƠ", help="mã hồ sơ (mọi mẫu trừ book)")
    sub.add_argument("--out", required=True, metavar="TỆP.pdf", help="tệp PDF ghi ra")
    sub.add_argument("--paper", choices=("a5", "a4", "roll80"), help="khổ giấy")
    sub.add_argument("--date", metavar="YYYY-MM-DD", help="(book) ngày đầu")
    sub.add_argument("--to", metavar="YYYY-MM-DD", help="(book) ngày cuối")
    sub.add_argument("--reason", default="", help="lý do (mặc định: lý do đã ghi trong hồ sơ)")
    sub.add_argument(
        "--missing",
        action="append",
        default=[],
        metavar="GIẤY_TỜ",
        help="(supplement) giấy tờ còn thiếu; lặp lại cho nhiều giấy tờ",
    )
    sub.add_argument("--rules", default="", help="(supplement) nơi xem quy định")
    sub.add_argument("--guide-name", default="", help="(supplement) người hướng dẫn")
    sub.add_argument("--guide-phone", default="", help="(supplement) điện thoại người hướng dẫn")
    sub.add_argument(
        "--signer",
        choices=("tm", "kt"),
        help="(apology, stop) tm: Chủ tịch ký (TM. Ủy ban nhân dân); kt: Phó Chủ tịch ký thay "
        "(KT. Chủ tịch); mặc định theo letter_signer trong desk.toml",
    )
    sub.add_argument(
        "--signer-name",
        default="",
        help="(apology, stop) họ tên người ký; mặc định theo letter_signer_name trong desk.toml",
    )
    sub.add_argument(
        "--citizen-request",
        choices=("yes", "no"),
        help="(stop) dừng giải quyết theo đề nghị của công dân (yes) hay không (no); bắt buộc "
        "khi ban hành thông báo lần đầu",
    )
    sub.add_argument("--refund", action="store_true", help="(stop) hoàn lại phí, lệ phí đã thu")

"""The ``desk`` command. No sub-command opens the desk window; the rest work headless.

Exit codes: 0 success, 2 bad input or configuration (with a Vietnamese message), 1 a bug.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desk import __version__
from desk.errors import DeskError, InvalidInput

if TYPE_CHECKING:
    from desk.services.context import DeskContext

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2


# Sub-commands that live with their feature: each module has ``add_commands(command)``,
# where ``command(name, handler, help)`` returns the new sub-parser. Modules import their
# heavy dependencies inside the handlers, so ``desk --help`` stays fast.
FEATURE_COMMANDS = (
    "desk.commands.printing",
    "desk.commands.office",
    "desk.commands.sync",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi: tham số không hợp lệ — {message}\n")


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"Ngày «{text}» phải có dạng YYYY-MM-DD.", code="cli.date") from None


def _parse_moment(text: str) -> datetime:
    from desk.domain.calendar import OFFICE_TZ

    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput(
            f'Thời điểm «{text}» phải có dạng "YYYY-MM-DD HH:MM".', code="cli.moment"
        ) from None
    return moment.replace(tzinfo=OFFICE_TZ)


def open_context(args: argparse.Namespace) -> DeskContext:
    from desk.services.context import DeskContext

    return DeskContext.open(db_url=getattr(args, "db", None))


# --- sub-commands ---------------------------------------------------------------------


def cmd_open(args: argparse.Namespace) -> int:
    from desk.app import run_desk

    return run_desk(db_url=getattr(args, "db", None))


def cmd_demo(args: argparse.Namespace) -> int:
    from desk.services import demo

    if args.dossiers < 0:
        raise InvalidInput("Số hồ sơ mẫu không được âm.", code="cli.demo_count")
    ctx = open_context(args)
    try:
        created = demo.ensure_demo_office(ctx)
        if created:
            print(f"Đã tạo văn phòng mẫu: {ctx.office.agency_name} ({ctx.office.agency_id})")
            print("Tài khoản mẫu (tên đăng nhập / mật khẩu / vai trò):")
            for username, password, role in created:
                print(f"  {username} / {password} / {role}")
        started = time.perf_counter()
        written = demo.add_demo_dossiers(
            ctx,
            args.dossiers,
            seed=args.seed,
            progress=lambda n: print(f"  … {n:,} hồ sơ".replace(",", "."), flush=True),
        )
        elapsed = time.perf_counter() - started
        print(f"Đã thêm {written:,} hồ sơ mẫu trong {elapsed:.1f} giây.".replace(",", "."))
        print(f"Cơ sở dữ liệu: {ctx.db.url.render_as_string(hide_password=True)}")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_calendar_dispatch(args: argparse.Namespace) -> int:
    what = args.what or ""
    if what == "due":
        if not args.procedure or not args.received:
            raise InvalidInput(
                'Lệnh «calendar due» cần --procedure MÃ và --received "YYYY-MM-DD HH:MM".',
                code="cli.usage",
            )
        return cmd_calendar_due(args)
    if what in ("off", "work", "remove"):
        if not args.date:
            raise InvalidInput(f"Lệnh «calendar {what}» cần một ngày YYYY-MM-DD.", code="cli.usage")
        if what == "remove":
            return cmd_calendar_remove(args)
        args.action = what
        return cmd_calendar_set(args)
    if what and not what.isdigit():
        raise InvalidInput(
            f"«{what}» không phải năm hay lệnh lịch (due, off, work, remove).", code="cli.usage"
        )
    args.year = int(what) if what else None
    return cmd_calendar(args)


def cmd_calendar(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        calendar = ctx.calendar
        year = args.year or date.today().year
        if not 1900 <= year <= 2199:
            raise InvalidInput(f"Năm {year} nằm ngoài khoảng 1900–2199.", code="cli.year")
        print(f"Ngày nghỉ năm {year} (ngoài thứ Bảy, Chủ nhật):")
        weekdays = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
        for day in calendar.non_working_days(year):
            print(f"  {day.day.isoformat()}  {weekdays[day.day.weekday()]:<9} {day.name}")
        extra = calendar.extra_working_days(year)
        if extra:
            print("Ngày cuối tuần làm việc bù:")
            for override in extra:
                weekday = weekdays[override.day.weekday()]
                print(f"  {override.day.isoformat()}  {weekday:<9} {override.name}")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_calendar_due(args: argparse.Namespace) -> int:
    from desk.store import repositories as repo

    received = _parse_moment(args.received)
    ctx = open_context(args)
    try:
        calendar = ctx.calendar  # says so clearly when the office is not set up yet
        with ctx.db.read() as session:
            procedure = repo.get_procedure(session, args.procedure)
        processing = procedure.processing
        if args.needs_checks:
            if procedure.extended is None:
                raise InvalidInput(
                    f"Thủ tục {procedure.code} không có thời hạn kéo dài khi cần xác minh.",
                    code="cli.needs_checks",
                )
            processing = procedure.extended
        due = calendar.due_at(received, processing)
        print(due.strftime("%Y-%m-%d %H:%M"))
    finally:
        ctx.close()
    return EXIT_OK


def cmd_calendar_set(args: argparse.Namespace) -> int:
    from desk.domain.calendar import CalendarOverride, DayKind, now_in_office
    from desk.store import repositories as repo

    day = _parse_day(args.date)
    kind = DayKind.OFF if args.action == "off" else DayKind.WORK
    default_name = "Nghỉ theo thông báo" if kind is DayKind.OFF else "Làm việc bù"
    ctx = open_context(args)
    try:
        with ctx.db.write() as session:
            repo.put_calendar_override(
                session,
                CalendarOverride(day, kind, args.name or default_name),
                by="cli",
                now=now_in_office(),
            )
        verb = "nghỉ" if kind is DayKind.OFF else "làm việc"
        print(f"Đã ghi: ngày {day:%d/%m/%Y} là ngày {verb}.")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_calendar_remove(args: argparse.Namespace) -> int:
    from desk.store import repositories as repo

    day = _parse_day(args.date)
    ctx = open_context(args)
    try:
        with ctx.db.write() as session:
            removed = repo.remove_calendar_override(session, day)
        if not removed:
            raise InvalidInput(
                f"Ngày {day:%d/%m/%Y} không có điều chỉnh nào.", code="cli.no_override"
            )
        print(f"Đã bỏ điều chỉnh của ngày {day:%d/%m/%Y}.")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desk.services.export import export_jsonl

    since = _parse_day(args.since) if args.since else None
    out = Path(args.out)
    if not out.parent.exists():
        raise InvalidInput(f"Thư mục {out.parent} không tồn tại.", code="cli.out_dir")
    ctx = open_context(args)
    try:
        count = export_jsonl(ctx, out, since=since)
    finally:
        ctx.close()
    print(f"Đã xuất {count:,} hồ sơ vào {out}.".replace(",", "."))
    return EXIT_OK


def cmd_catalogue_export(args: argparse.Namespace) -> int:
    from desk.domain.catalogue import dump_catalogue
    from desk.store import repositories as repo

    ctx = open_context(args)
    try:
        with ctx.db.read() as session:
            catalogue = repo.load_catalogue(session, include_inactive=True)
    finally:
        ctx.close()
    Path(args.file).write_text(dump_catalogue(catalogue), encoding="utf-8")
    print(f"Đã xuất {len(catalogue)} thủ tục vào {args.file}.")
    return EXIT_OK


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    from desk.domain.catalogue import load_catalogue_file
    from desk.services.setup import import_catalogue

    catalogue = load_catalogue_file(Path(args.file))
    ctx = open_context(args)
    try:
        count = import_catalogue(ctx, catalogue)
    finally:
        ctx.close()
    print(f"Đã nhập {count} thủ tục.")
    return EXIT_OK


def cmd_catalogue_list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        for procedure in ctx.catalogue():
            print(f"{procedure.code}  {procedure.name} — {procedure.processing_label}")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from desk.services.search import search

    ctx = open_context(args)
    try:
        for found in search(ctx, " ".join(args.query), limit=args.limit):
            print(
                f"{found.code}  {found.received_at:%d/%m/%Y %H:%M}  {found.status.label:<24}"
                f"  {found.applicant_name}  {found.procedure_name}"
            )
    finally:
        ctx.close()
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from desk.services.dossiers import get_dossier
    from desk.sync.items import dossier_item

    ctx = open_context(args)
    try:
        print(json.dumps(dossier_item(get_dossier(ctx, args.code)), ensure_ascii=False, indent=2))
    finally:
        ctx.close()
    return EXIT_OK


# --- parser ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="cơ sở dữ liệu (sqlite:///tep.sqlite hoặc postgresql://…); mặc định DESK_DATABASE_URL "
        "hoặc tệp SQLite trong thư mục dữ liệu",
    )
    parser = _Parser(
        prog="desk",
        description="Commune Desk — phần mềm Bộ phận Một cửa cấp xã.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    parser.set_defaults(handler=cmd_open)
    commands = parser.add_subparsers(title="lệnh", metavar="LỆNH", parser_class=_Parser)

    def command(
        name: str,
        handler: Callable[[argparse.Namespace], int],
        help_text: str,
        target: argparse._SubParsersAction = commands,
    ) -> argparse.ArgumentParser:
        sub = target.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    demo = command("demo", cmd_demo, "tạo văn phòng mẫu (lần đầu) và thêm hồ sơ mẫu")
    demo.add_argument("--dossiers", type=int, default=0, metavar="N", help="số hồ sơ mẫu thêm vào")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="hạt giống ngẫu nhiên")

    calendar = command(
        "calendar",
        cmd_calendar_dispatch,
        "lịch: «desk calendar [NĂM]» liệt kê ngày nghỉ; «desk calendar due --procedure MÃ "
        '--received "YYYY-MM-DD HH:MM"» tính hạn trả; «desk calendar off|work|remove '
        "YYYY-MM-DD» điều chỉnh ngày nghỉ / làm bù",
    )
    calendar.add_argument("what", nargs="?", metavar="NĂM|due|off|work|remove")
    calendar.add_argument("date", nargs="?", metavar="YYYY-MM-DD")
    calendar.add_argument("--procedure", metavar="MÃ", help="mã thủ tục, ví dụ 1.001193")
    calendar.add_argument("--received", metavar='"YYYY-MM-DD HH:MM"', help="thời điểm tiếp nhận")
    calendar.add_argument("--needs-checks", action="store_true", help="thời hạn khi cần xác minh")
    calendar.add_argument("--name", default="", help="tên ngày / căn cứ (số thông báo)")

    export = command(
        "export", cmd_export, "xuất hồ sơ ra tệp JSONL để chuyển cho tỉnh khi mất mạng"
    )
    export.add_argument("--out", required=True, metavar="FILE.jsonl")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="chỉ hồ sơ tiếp nhận từ ngày này")

    catalogue = command("catalogue", cmd_catalogue_list, "danh mục thủ tục hành chính")
    catalogue_commands = catalogue.add_subparsers(
        title="lệnh danh mục", metavar="LỆNH", parser_class=_Parser
    )
    cat_export = command(
        "export", cmd_catalogue_export, "xuất danh mục ra tệp JSON", catalogue_commands
    )
    cat_export.add_argument("file")
    cat_import = command(
        "import", cmd_catalogue_import, "nhập danh mục từ tệp JSON", catalogue_commands
    )
    cat_import.add_argument("file")

    search = command(
        "search", cmd_search, "tìm hồ sơ theo mã, số định danh, tên hoặc số điện thoại"
    )
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", type=int, default=50)

    show = command("show", cmd_show, "xem một hồ sơ (JSON)")
    show.add_argument("code")
    for module_name in FEATURE_COMMANDS:
        importlib.import_module(module_name).add_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args))
    except DeskError as error:
        print(f"Lỗi: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:
        # A bug, not the user's fault: say so plainly, keep the details in the log file.
        log_file = _write_crash_log()
        print(
            "Lỗi: phần mềm gặp sự cố không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng. "
            f"Chi tiết đã ghi vào {log_file}; vui lòng gửi tệp này cho bộ phận hỗ trợ.",
            file=sys.stderr,
        )
        return EXIT_BUG


def _write_crash_log() -> Path:
    import traceback

    from desk.config import data_dir

    directory = data_dir() / "logs"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path

"""``desk calendar [YEAR]``, ``desk calendar due …`` and ``desk calendar off|work|remove DAY``.

The look-ups (the year's days off, a due time) need no account; changing the calendar runs
as a signed-in account the services allow it (a supervisor)."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import TYPE_CHECKING

from desk.commands.base import (
    EXIT_OK,
    Commands,
    command,
    open_office,
    parse_day,
    parse_moment,
    safe,
    say,
)
from desk.domain import limits
from desk.errors import InvalidInput

if TYPE_CHECKING:
    from desk.services.calendar import YearCalendar
    from desk.services.context import DeskContext


def cmd_calendar(args: argparse.Namespace) -> int:
    """One positional word decides: a year, or one of due / off / work / remove."""
    what = args.what or ""
    if what == "due":
        if not args.procedure or not args.received:
            raise InvalidInput(
                'Lệnh «calendar due» cần --procedure MÃ|TÊN và --received "YYYY-MM-DD HH:MM".',
                code="cli.usage",
            )
        return _due(args)
    if what in ("off", "work", "remove"):
        if not args.date:
            raise InvalidInput(f"Lệnh «calendar {what}» cần một ngày YYYY-MM-DD.", code="cli.usage")
        return _remove(args) if what == "remove" else _put(args, what)
    # str.isdigit() is true of "²" and "٢٠٢٦" too: only ASCII digits are a year here.
    if what and not re.fullmatch(r"[0-9]+", what, re.ASCII):
        raise InvalidInput(
            f"«{safe(what[:40])}» không phải năm hay lệnh lịch (due, off, work, remove).",
            code="cli.usage",
        )
    return _year(args, limits.YEAR.check(what) if what else date.today().year)


def _year(args: argparse.Namespace, year: int) -> int:
    from desk.domain.formats import weekday_name
    from desk.services.calendar import year_calendar

    with open_office(args, signed_in=False) as ctx:
        listing = year_calendar(ctx, year)
    say(f"Ngày nghỉ năm {year} (ngoài thứ Bảy, Chủ nhật) — {notice_line(listing)}")
    for day in listing.days_off:
        say(
            f"  {day.day.isoformat()}  {weekday_name(day.day):<9} {day.name}"
            f"{_mark(listing, day.day)}"
        )
    if listing.extra_working_days:
        say("Ngày cuối tuần làm việc bù:")
        for override in listing.extra_working_days:
            say(
                f"  {override.day.isoformat()}  {weekday_name(override.day):<9} {override.name}"
                f"{_mark(listing, override.day)}"
            )
    return EXIT_OK


ESTIMATE_MARK = " (ước tính theo thư viện holidays, chờ thông báo của Thủ tướng)"


def notice_line(listing: YearCalendar) -> str:
    """Whether the year's official notice is entered, and what that means here."""
    from desk.domain.calendar import NoticeStatus

    library = (
        f"thư viện holidays có thông báo chính thức đến năm {listing.notice_through}"
        if listing.notice_through
        else "thư viện holidays không có thông báo chính thức nào"
    )
    if listing.notice is NoticeStatus.OVERRIDES:
        return "đã nhập thông báo nghỉ lễ, Tết của năm (có điều chỉnh của người phụ trách)."
    if listing.notice is NoticeStatus.LIBRARY:
        return f"theo thông báo nghỉ lễ, Tết của năm ({library})."
    return (
        f"chưa nhập thông báo nghỉ lễ, Tết của Thủ tướng cho năm này (chưa có điều chỉnh nào; "
        f"{library}): Tết, Giỗ Tổ và ngày nghỉ bù, làm bù là ước tính."
    )


def _mark(listing: YearCalendar, day: date) -> str:
    return ESTIMATE_MARK if listing.is_estimated(day) else ""


def _due(args: argparse.Namespace) -> int:
    from desk.domain.formats import iso_minute
    from desk.services.calendar import due_terms

    received = parse_moment(args.received)
    pauses = [(parse_moment(start), parse_moment(end)) for start, end in args.paused or ()]
    with open_office(args, signed_in=False) as ctx:
        code = procedure_code(ctx, args.procedure)
        terms = due_terms(ctx, code, received, needs_checks=args.needs_checks, pauses=pauses)
    print(iso_minute(terms.due_at))
    return EXIT_OK


def procedure_code(ctx: DeskContext, typed: str) -> str:
    """The code of the procedure the clerk named: a code as it is; else a name, accent-blind
    and case-blind, that is a procedure's whole name or a run of words of exactly one
    procedure's name ("khai tu" → "Đăng ký khai tử"). A name that fits several procedures
    lists them with their codes, so the clerk picks one; none at all says so."""
    from desk.domain.text import fold
    from desk.services.catalogue import full_catalogue

    procedures = full_catalogue(ctx).procedures
    wanted = typed.strip()
    if any(procedure.code == wanted for procedure in procedures):
        return wanted
    words = " ".join(fold(wanted).split())
    if not words:
        return wanted  # the service says there is no such procedure
    names = {p.code: " ".join(fold(p.name).split()) for p in procedures}
    exact = [p for p in procedures if names[p.code] == words]
    found = exact or [p for p in procedures if f" {words} " in f" {names[p.code]} "]
    if len(found) == 1:
        return found[0].code
    if not found:
        raise InvalidInput(
            f"Không có thủ tục nào có mã hoặc tên «{safe(wanted[:60])}» trong danh mục.",
            code="cli.procedure",
        )
    listed = "; ".join(f"{p.code} {p.name}" for p in found)
    raise InvalidInput(
        f"«{safe(wanted[:60])}» có trong tên của nhiều thủ tục: {safe(listed)}. Hãy ghi mã "
        "hoặc tên đầy đủ.",
        code="cli.procedure",
    )


def _put(args: argparse.Namespace, what: str) -> int:
    from desk.domain.calendar import DayKind
    from desk.services.calendar import put_override

    day = parse_day(args.date)
    kind = DayKind.OFF if what == "off" else DayKind.WORK
    with open_office(args) as ctx:
        put_override(ctx, day, kind, args.name)
    verb = "nghỉ" if kind is DayKind.OFF else "làm việc"
    print(f"Đã ghi: ngày {day:%d/%m/%Y} là ngày {verb}.")
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from desk.services.calendar import remove_override

    day = parse_day(args.date)
    with open_office(args) as ctx:
        remove_override(ctx, day)
    print(f"Đã bỏ điều chỉnh của ngày {day:%d/%m/%Y}.")
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    calendar = command(
        commands,
        "calendar",
        cmd_calendar,
        "lịch: «desk calendar [NĂM]» liệt kê ngày nghỉ; «desk calendar due --procedure MÃ "
        '--received "YYYY-MM-DD HH:MM" [--needs-checks] [--paused TỪ ĐẾN]…» tính hạn trả; '
        "«desk calendar off|work|remove "
        "YYYY-MM-DD» điều chỉnh ngày nghỉ / làm bù",
    )
    calendar.add_argument(
        "what",
        nargs="?",
        metavar="NĂM|due|off|work|remove",
        help="một năm (liệt kê ngày nghỉ, mặc định năm nay), hoặc due (tính hạn trả), off / "
        "work (ghi một ngày nghỉ / làm bù), remove (bỏ điều chỉnh của một ngày)",
    )
    calendar.add_argument(
        "date", nargs="?", metavar="YYYY-MM-DD", help="(off, work, remove) ngày điều chỉnh"
    )
    calendar.add_argument(
        "--procedure",
        metavar="MÃ|TÊN",
        help="mã thủ tục (ví dụ 1.001193) hoặc tên thủ tục, có dấu hay không dấu (ví dụ "
        '"dang ky khai sinh"); tên phải chỉ đúng một thủ tục',
    )
    calendar.add_argument("--received", metavar='"YYYY-MM-DD HH:MM"', help="thời điểm tiếp nhận")
    calendar.add_argument(
        "--needs-checks",
        action="store_true",
        help="thời hạn khi cần xác minh (như khi tiếp nhận: thủ tục không có thời hạn riêng "
        "cho xác minh thì dùng thời hạn thường)",
    )
    calendar.add_argument(
        "--paused",
        nargs=2,
        action="append",
        metavar=('"TỪ"', '"ĐẾN"'),
        help='một lần chờ bổ sung giấy tờ, từ "YYYY-MM-DD HH:MM" đến "YYYY-MM-DD HH:MM" (lúc '
        "nhận đủ giấy tờ); lặp lại được. Thủ tục trong ngày: hạn tính lại theo quy tắc trong "
        "ngày từ lúc nhận đủ; thủ tục khác: hạn lùi thêm thời gian làm việc đã chờ",
    )
    calendar.add_argument("--name", default="", help="tên ngày / căn cứ (số thông báo)")

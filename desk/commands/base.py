"""What every sub-command of ``desk`` shares: exit codes, the parser, reading days and
moments, opening the office, adding a sub-command.

Each command module has ``add_commands(commands)``, where ``commands`` is the sub-parser
table it adds to with :func:`command`. Modules import their heavy dependencies inside the
handlers, so ``desk --help`` stays fast; this module imports only the standard library and
``desk.errors`` at load time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from desk.errors import InvalidInput

if TYPE_CHECKING:
    from desk.services.context import DeskContext

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Parser(argparse.ArgumentParser):
    """Bad arguments exit 2 with a Vietnamese message, like every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi: tham số không hợp lệ — {message}\n")


def common_options() -> argparse.ArgumentParser:
    """The options every command takes, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="cơ sở dữ liệu (sqlite:///tep.sqlite hoặc postgresql://…); mặc định DESK_DATABASE_URL "
        "hoặc tệp SQLite trong thư mục dữ liệu",
    )
    return common


_COMMON = common_options()


def subcommands(parser: argparse.ArgumentParser, title: str) -> Commands:
    """The table a command's own sub-commands go into (``desk catalogue export`` …)."""
    return parser.add_subparsers(title=title, metavar="LỆNH", parser_class=Parser)


def command(
    commands: Commands, name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    """Add the sub-command ``name`` run by ``handler``; returns its parser for options."""
    sub = commands.add_parser(name, parents=[_COMMON], help=help_text, description=help_text)
    sub.set_defaults(handler=handler)
    return sub


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"Ngày «{text}» phải có dạng YYYY-MM-DD.", code="cli.date") from None


def parse_moment(text: str) -> datetime:
    """A moment typed as "YYYY-MM-DD HH:MM", in office time."""
    from desk.domain.calendar import OFFICE_TZ

    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput(
            f'Thời điểm «{text}» phải có dạng "YYYY-MM-DD HH:MM".', code="cli.moment"
        ) from None
    return moment.replace(tzinfo=OFFICE_TZ)


@contextmanager
def open_office(args: argparse.Namespace) -> Iterator[DeskContext]:
    """The office the command works on (``--db`` if given, else the configured one),
    closed when the command is done with it."""
    from desk.services.context import DeskContext

    ctx = DeskContext.open(db_url=getattr(args, "db", None))
    try:
        yield ctx
    finally:
        ctx.close()

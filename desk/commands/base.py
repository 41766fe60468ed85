"""What every sub-command of ``desk`` shares: exit codes, the parser, reading days and
moments, opening the office as a signed-in account, adding a sub-command.

Each command module has ``add_commands(commands)``, where ``commands`` is the sub-parser
table it adds to with :func:`command`. Modules import their heavy dependencies inside the
handlers, so ``desk --help`` stays fast; this module imports only the standard library,
``desk.errors`` and argparse's Vietnamese words at load time.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeAlias

from desk.commands import argparse_words
from desk.errors import DeskError, InvalidInput

if TYPE_CHECKING:
    from desk.config import DeskConfig
    from desk.domain.limits import NumberLimit
    from desk.domain.office import User
    from desk.services.context import DeskContext

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2  # bad input or configuration, and a sign-in refused or a role not allowed

# Who runs a command, the PostgreSQL way (PGUSER / PGPASSFILE): the account's user name, and
# a file whose first line is its password, readable by the desk's OS user only.
USER_ENV = "DESK_USER"
PASSWORD_FILE_ENV = "DESK_PASSWORD_FILE"

Handler = Callable[[argparse.Namespace], int]
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


# argparse's own words in Vietnamese (``desk.commands.argparse_words``).
argparse._ = argparse_words.gettext  # type: ignore[attr-defined]
argparse.ngettext = argparse_words.ngettext  # type: ignore[attr-defined]


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
    common.add_argument(
        "--as",
        dest="as_user",
        metavar="TÊN_ĐĂNG_NHẬP",
        default=argparse.SUPPRESS,
        help=f"làm việc bằng tài khoản này, mật khẩu nhập trên màn hình; mặc định {USER_ENV} "
        f"(mật khẩu trong tệp {PASSWORD_FILE_ENV})",
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


def bounded(limit: NumberLimit) -> Callable[[str], int]:
    """An argparse ``type=`` for a whole number within ``limit``: a number out of range or
    not a number is a usage error (exit 2) in the limit's own words. argparse turns only
    ArgumentTypeError, TypeError and ValueError into usage errors, and InvalidInput is
    none of them."""

    def read(text: str) -> int:
        try:
            return limit.argument(text)
        except InvalidInput as error:
            raise argparse.ArgumentTypeError(error.message) from None

    read.__name__ = limit.name  # argparse names the type in some of its messages
    return read


def bounded_float(label: str, minimum: float, maximum: float) -> Callable[[str], float]:
    """An argparse ``type=`` for a finite decimal number within ``minimum..maximum`` (a
    rate, a number of seconds): "nan", "inf" and 1e999 are refused, not carried into a
    sleep or a comparison that never holds."""

    def read(text: str) -> float:
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and minimum <= value <= maximum):
            raise argparse.ArgumentTypeError(
                f"{label} phải là một số từ {minimum:g} đến {maximum:g}; "
                f"nhận được «{safe(text[:40])}»."
            )
        return value

    read.__name__ = label
    return read


def parse_day(text: str) -> date:
    """A day typed as YYYY-MM-DD, within the desk's calendar (1900–2199)."""
    from desk.domain import limits
    from desk.domain.text import clean

    _check_day_parts(clean(text))
    return limits.DAY.parse(text)


def _check_day_parts(typed: str) -> None:
    """A day of the right form whose month or day does not exist is said so by its part
    ("tháng 13"), not as a wrong form: the clerk sees at once what to correct."""
    import calendar

    parts = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", typed, re.ASCII)
    if parts is None:
        return  # the form itself is wrong: limits.DAY.parse says so
    year, month, day = (int(part) for part in parts.groups())
    if not 1 <= month <= 12:
        raise InvalidInput(
            f"Ngày «{typed}»: tháng {month} không có (tháng từ 1 đến 12).", code="day.month"
        )
    last = calendar.monthrange(year, month)[1] if year else 31
    if not 1 <= day <= last:
        raise InvalidInput(
            f"Ngày «{typed}»: tháng {month}/{year:04d} không có ngày {day} (từ 1 đến {last}).",
            code="day.day",
        )


def parse_moment(text: str) -> datetime:
    """A moment typed as "YYYY-MM-DD HH:MM", in office time, on a day of the desk's
    calendar (1900–2199: a due time counted from 9999-12-31 would overflow)."""
    from desk.domain import limits
    from desk.domain.calendar import OFFICE_TZ
    from desk.domain.text import clean

    typed = clean(text)
    try:
        moment = datetime.strptime(typed, "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput(
            f'Thời điểm «{typed[:40]}» phải có dạng "YYYY-MM-DD HH:MM".', code="cli.moment"
        ) from None
    limits.DAY.check(moment.date())
    return moment.replace(tzinfo=OFFICE_TZ)


# --- what the terminal prints -----------------------------------------------------------


def safe(text: object) -> str:
    """``text`` as the terminal may receive it: stored names, reasons and codes may hold
    escape codes or bidi overrides (typed, pasted or received from the province), which a
    terminal would obey; they are shown escaped (``\\x1b``, ``\\u202e``)."""
    from desk.domain.text import terminal_safe

    return terminal_safe(str(text))


def say(line: object = "", *, file: TextIO | None = None, flush: bool = False) -> None:
    """Print one line that holds stored text, escaped (see :func:`safe`)."""
    print(safe(line), file=file, flush=flush)


def json_line(value: object, *, indent: int | None = None) -> str:
    """``value`` as JSON for the terminal: Vietnamese letters as they are, every control
    or format character as a JSON escape (json.dumps escapes only U+0000–U+001F), so the
    text still reads back as the same JSON."""
    from desk.domain.text import INVISIBLE

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    unsafe = re.compile(f"(?:{INVISIBLE.pattern}|[\x85\u2028\u2029])")
    return unsafe.sub(lambda match: _json_escape(match[0]), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


@contextmanager
def open_office(
    args: argparse.Namespace, *, signed_in: bool = True, create: bool = False
) -> Iterator[DeskContext]:
    """The office the command works on (``--db`` if given, else the configured one), acting
    for the account that runs the command (see :func:`sign_in`), closed when the command is
    done with it. ``signed_in=False`` only for what needs no account: calendar look-ups,
    the demo, the first set-up of an empty database. Only ``create=True`` (``desk setup``,
    ``desk demo``) makes a SQLite file that is not there: for any other command a missing
    file is a mistyped path, said so (exit 2)."""
    from desk.config import load_config

    config = load_config(db_url=getattr(args, "db", None))
    if signed_in:
        begin_password_check(args, config)
    from desk.services.context import DeskContext  # SQLAlchemy Core (its ORM: if used)

    ctx = DeskContext.open(config, create=create)
    try:
        if signed_in:
            sign_in(ctx, args)
        yield ctx
    finally:
        ctx.close()


def begin_password_check(args: argparse.Namespace, config: DeskConfig) -> None:
    """argon2's check of a password file's password begun now, in a thread, against the
    hash the office's default SQLite file keeps, while the office's code loads on this
    thread (``desk.services.auth_check``). Silent: whatever would stop the sign-in
    (no account named, an unreadable password file, a password to ask on the terminal,
    another database) is said by the sign-in itself, in its turn, as before."""
    if config.database_url:
        return  # PostgreSQL or a SQLite file named by URL: checked in the sign-in
    account = file_credentials(args)
    if account is None:
        return
    from desk.services import auth_check

    auth_check.begin(config.default_sqlite_path, *account)


def file_credentials(args: argparse.Namespace) -> tuple[str, str] | None:
    """(user name, password) of the account running the command when its password comes
    from the password file; None when it is to be asked on the terminal, or cannot be read
    now (the sign-in says why, in its turn)."""
    try:
        username, password_file = _account_and_file(args)
        if password_file is None:
            return None
        return username, read_password_file(password_file, PASSWORD_FILE_ENV)
    except DeskError:
        return None


@contextmanager
def collector_paused_while_loading() -> Iterator[Callable[[], None]]:
    """Python's cyclic garbage collector off while a short command loads; the function
    given says the loading is done. A command's start makes ~160,000 objects that live
    as long as the process (modules, classes, SQLAlchemy's tables), and the collector
    walked them again and again: 130-170 ms of ``desk print slip``'s CPU in 221
    collections, 9 ms in 17 with this. What is loaded by then is frozen out of later
    collections (``gc.freeze``) and given back to them when the block ends (a test runs
    many commands in one process)."""
    was_enabled = gc.isenabled()
    gc.disable()

    def loaded() -> None:
        gc.freeze()
        if was_enabled:
            gc.enable()

    try:
        yield loaded
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def sign_in(ctx: DeskContext, args: argparse.Namespace, *, prompt: str = "") -> str:
    """Sign the command's account in and act for it; returns the password it signed in with.

    The account is ``--as USER`` or else ``DESK_USER``. Its password is the first line of
    ``DESK_PASSWORD_FILE`` when that file is DESK_USER's (no ``--as``, or ``--as`` the same
    name); otherwise it is asked on the terminal. Wrong password, throttled, disabled: the
    services' DeskError (exit 2)."""
    from desk.services import auth

    _ = ctx.office  # an empty database says "run desk setup", not "wrong password"
    username, password = credentials(args, prompt=prompt)
    ctx.act_as(auth.authenticate(ctx, username, password))
    return password


def acting_user(ctx: DeskContext) -> User:
    """The signed-in account (the actor of a change made from the command line)."""
    if ctx.user is None:
        from desk.domain.access import NotSignedIn

        raise NotSignedIn("Lệnh này cần đăng nhập bằng tài khoản của văn phòng.")
    return ctx.user


def credentials(args: argparse.Namespace, *, prompt: str = "") -> tuple[str, str]:
    """(user name, password) of the account running the command."""
    username, password_file = _account_and_file(args)
    if password_file:
        return username, read_password_file(password_file, PASSWORD_FILE_ENV)
    if not has_terminal():
        raise DeskError(
            f"Không có màn hình để nhập mật khẩu của «{username}»: khi chạy tự động, đặt "
            f"{USER_ENV}={username} và {PASSWORD_FILE_ENV}=TỆP (dòng đầu là mật khẩu, tệp chỉ "
            "người dùng máy này đọc được).",
            code="cli.sign_in",
        )
    return username, ask_password(prompt or f"Mật khẩu của «{username}»: ")


def _account_and_file(args: argparse.Namespace) -> tuple[str, Path | None]:
    """The name of the account running the command, and the file holding its password
    (None: the password is asked on the terminal)."""
    env_user = os.environ.get(USER_ENV, "").strip()
    as_user = str(getattr(args, "as_user", "") or "").strip()
    username = as_user or env_user
    if not username:
        raise DeskError(
            f"Lệnh này cần đăng nhập bằng tài khoản của văn phòng: đặt {USER_ENV}=TÊN_ĐĂNG_NHẬP "
            f"và {PASSWORD_FILE_ENV}=TỆP_MẬT_KHẨU, hoặc thêm --as TÊN_ĐĂNG_NHẬP để nhập mật khẩu.",
            code="cli.sign_in",
        )
    password_file = os.environ.get(PASSWORD_FILE_ENV, "").strip()
    if password_file and (not as_user or as_user.lower() == env_user.lower()):
        return username, Path(password_file)
    return username, None


def has_terminal() -> bool:
    """Someone at a terminal who can be asked (not cron, not a pipe)."""
    return sys.stdin is not None and sys.stdin.isatty()


def ask_password(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def ask_new_password(path: str | None, label: str = "Mật khẩu mới") -> str:
    """A new password: from a file (first line), else typed twice on the terminal, else one
    line of standard input (a script's pipe)."""
    if path:
        return read_password_file(Path(path), "--password-file")
    if not has_terminal():
        line = sys.stdin.readline() if sys.stdin is not None else ""
        return line.rstrip("\r\n")
    first = ask_password(f"{label}: ")
    if ask_password(f"Nhập lại {label.lower()}: ") != first:
        raise InvalidInput("Hai lần nhập mật khẩu không khớp.", code="cli.password")
    return first


# A password is at most limits.PASSWORD_MAX_LENGTH characters (4 bytes each at most in
# UTF-8): only this much of the file is read, so a 10 GB file or /dev/zero costs nothing.
_PASSWORD_FILE_READ = 8 * 1024


def read_password_file(path: Path, what: str) -> str:
    """The first line of a desk account's password file. On POSIX the file must be readable
    by its owner only (like PostgreSQL's password file or an SSH key): a password others
    can read is not a secret, and an unattended job must not run on one. Only a regular
    file is read (a FIFO would wait for ever, a directory has no first line), and only its
    first few KB; the line must be UTF-8 text."""
    from desk.domain.limits import PASSWORD_MAX_LENGTH

    def refuse(reason: str) -> InvalidInput:
        return InvalidInput(
            f"Tệp mật khẩu {safe(path)} ({what}) {reason}", code="cli.password_file"
        )

    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise refuse(f"không đọc được: {exc.strerror}.") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise refuse("không phải một tệp thông thường (là thư mục, thiết bị hoặc đường ống).")
    with os.fdopen(descriptor, "rb") as handle:
        if os.name == "posix":
            mode = stat.S_IMODE(status.st_mode)
            if mode & 0o077:
                raise InvalidInput(
                    f"Tệp mật khẩu {safe(path)} ({what}) để người khác đọc được (quyền "
                    f"{mode:04o}): chạy «chmod 600 {safe(path)}» rồi thử lại.",
                    code="cli.password_file",
                )
        try:
            head = handle.read(_PASSWORD_FILE_READ)
        except OSError as exc:
            raise refuse(f"không đọc được: {exc.strerror}.") from None
    first, newline, _ = head.partition(b"\n")
    if not newline and len(head) == _PASSWORD_FILE_READ:
        raise refuse(f"có dòng đầu quá dài: mật khẩu tối đa {PASSWORD_MAX_LENGTH} ký tự.")
    try:
        line = first.decode("utf-8").removeprefix("\ufeff").rstrip("\r")
    except UnicodeDecodeError:
        raise refuse("không phải tệp văn bản (UTF-8): dòng đầu phải là mật khẩu.") from None
    if not line:
        raise refuse("trống.")
    if len(line) > PASSWORD_MAX_LENGTH:
        raise refuse(f"có dòng đầu quá dài: mật khẩu tối đa {PASSWORD_MAX_LENGTH} ký tự.")
    return line

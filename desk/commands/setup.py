"""``desk setup --postgres`` (set up an office's PostgreSQL server from this desk) and
``desk setup --join FILE|URL`` (point one more desk at it): options added to ``desk
setup``, whose parser ``desk.commands.office`` makes; without them ``desk setup`` sets up
the office's identity as before.

Passwords never come on the command line, where ``ps`` shows them: the administrator's
from ``--pg-admin-password-file``, libpq's own ``PGPASSWORD`` / ``PGPASSFILE`` /
``~/.pgpass``, peer authentication, or typed when asked; the roles' from files, or made at
random. See docs/office-server.md.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desk.commands.base import (
    EXIT_OK,
    Commands,
    ask_password,
    has_terminal,
    read_password_file,
    say,
)
from desk.errors import InvalidInput, WrongPassword

if TYPE_CHECKING:
    from desk.services.office_server import SetupReport


def _password(path: str | None, what: str) -> str | None:
    return read_password_file(Path(path), what) if path else None


def _no_password_in(url: str, option: str) -> None:
    from desk.database_password import split_database_password

    if split_database_password(url)[1] is not None:
        raise InvalidInput(
            f"Đừng ghi mật khẩu trong {option}: ai dùng máy này cũng thấy được dòng lệnh (ps). "
            "Bỏ mật khẩu khỏi địa chỉ; phần mềm sẽ hỏi trên màn hình, hoặc đọc tệp mật khẩu "
            "(xem desk setup --help).",
            code="cli.password_in_url",
        )


def cmd_server(args: argparse.Namespace) -> int:
    """``desk setup --postgres``: the server's roles, database and schema, this desk's
    settings, and the connection file for the others."""
    from desk.config import load_config
    from desk.services import office_server

    if not args.pg_admin_url:
        raise InvalidInput(
            "desk setup --postgres cần --pg-admin-url: địa chỉ một vai trò quản trị máy chủ "
            "(ví dụ postgresql://postgres@localhost/postgres, hoặc postgresql:///postgres khi "
            "chạy bằng tài khoản postgres của máy chủ).",
            code="cli.usage",
        )
    _no_password_in(args.pg_admin_url, "--pg-admin-url")
    request = office_server.ServerRequest(
        admin_url=args.pg_admin_url,
        database=args.database,
        owner_role=args.owner_role,
        app_role=args.app_role,
        owner_password=_password(args.owner_password_file, "--owner-password-file"),
        app_password=_password(args.app_password_file, "--app-password-file"),
        desk_host=args.desk_host,
        reset_passwords=args.reset_passwords,
        save_owner_url=args.save_owner_url,
    )
    office_server.check_request(request)  # bad names say so before the server is asked
    request = replace(request, admin_password=_admin_password(args))
    config = load_config()
    report = office_server.set_up_server(request, config)
    _show(report)
    target = Path(args.connect_file) if args.connect_file else None
    path = target or config.secrets_dir / office_server.CONNECTION_FILE_NAME
    if office_server.write_connection_file(path, report.app_url, report.app_password):
        say(f"Đã ghi tệp kết nối cho các quầy khác: {path} (chứa mật khẩu; chỉ máy này đọc).")
    else:
        say(f"Tệp kết nối cho các quầy khác vẫn như cũ: {path}.")
    say("Mỗi quầy khác: chép tệp đó sang quầy (USB) rồi chạy")
    say(f"    desk setup --join {path.name}")
    say("rồi xóa tệp khỏi USB và khỏi quầy. Hoặc, không cần tệp:")
    say(f"    desk setup --join {report.app_url}")
    say("(mật khẩu của phần mềm hỏi trên màn hình).")
    return _check(report)


def _admin_password(args: argparse.Namespace) -> str | None:
    """The administrator's password: its file, else none (libpq's own ways, or peer
    authentication) unless the server asks for one and someone is at the terminal."""
    from desk.services import office_server

    given = _password(args.pg_admin_password_file, "--pg-admin-password-file")
    try:
        office_server.admin_signs_in(args.pg_admin_url, given)
    except WrongPassword:
        if given is not None or not has_terminal():
            raise
        given = ask_password("Mật khẩu của vai trò quản trị máy chủ: ")
        office_server.admin_signs_in(args.pg_admin_url, given)
    return given


def cmd_join(args: argparse.Namespace) -> int:
    """``desk setup --join FILE|URL``: this desk works on the office's database."""
    from desk.config import load_config
    from desk.services import office_server

    source = args.join
    if "://" in source:
        _no_password_in(source, "--join")
        password = _password(args.app_password_file, "--app-password-file")
        if password is None:
            if not has_terminal():
                raise InvalidInput(
                    "Cần mật khẩu của phần mềm: --app-password-file TỆP, hoặc chạy tại màn "
                    "hình để nhập, hoặc dùng tệp kết nối (desk setup --join TỆP).",
                    code="cli.password",
                )
            password = ask_password("Mật khẩu của phần mềm trên máy chủ: ")
        url = source
    else:
        url, password = office_server.read_connection_file(Path(source))
    report = office_server.join_office(load_config(), url, password)
    _show(report)
    return _check(report)


def _show(report: SetupReport) -> None:
    for line in report.lines:
        say(line, flush=True)
    if not report.changed:
        say("Không có gì thay đổi: mọi thứ đã được thiết lập như vậy từ trước.", flush=True)


def _check(report: SetupReport) -> int:
    """This desk connects as it now would; the next step when the office is new."""
    from desk.services import office_server

    needs_office = office_server.check_desk_connects(report)
    say(f"Quầy này kết nối được tới {report.app_url}.")
    if needs_office:
        say(
            "Văn phòng chưa có thông tin cơ quan: thiết lập bằng «desk setup --agency-id … "
            "--agency-name … --commune … --province … --place-name … --admin … --admin-name …»."
        )
    return EXIT_OK


SERVER_OPTIONS = ("postgres", "join")


def add_commands(commands: Commands) -> None:
    """Add the server options to ``desk setup`` (made by desk.commands.office, which must
    come first). The office's own options stop being required by argparse: they are
    checked here, only when neither --postgres nor --join is given."""
    parser = commands.choices["setup"]
    office_handler = parser.get_default("handler")
    required = [action for action in parser._actions if action.required]
    for action in required:
        action.required = False
    group = parser.add_argument_group(
        "máy chủ PostgreSQL của văn phòng nhiều quầy (docs/office-server.md)"
    )
    group.add_argument(
        "--postgres",
        action="store_true",
        help="thiết lập máy chủ: vai trò chủ sở hữu bảng và vai trò của phần mềm, cơ sở dữ "
        "liệu, bảng và quyền; trỏ quầy này tới đó và ghi tệp kết nối cho các quầy khác; chạy "
        "lại không đổi gì",
    )
    group.add_argument(
        "--pg-admin-url",
        metavar="URL",
        help="(--postgres) vai trò quản trị máy chủ (siêu người dùng, hoặc CREATEROLE và "
        "CREATEDB), không kèm mật khẩu; mật khẩu: --pg-admin-password-file, PGPASSWORD, "
        "~/.pgpass, hoặc hỏi trên màn hình",
    )
    group.add_argument("--pg-admin-password-file", metavar="TỆP", help="(--postgres) dòng đầu")
    group.add_argument("--database", default="desk", help="tên cơ sở dữ liệu (mặc định desk)")
    group.add_argument("--owner-role", default="desk_owner", help="mặc định desk_owner")
    group.add_argument("--app-role", default="desk_app", help="mặc định desk_app")
    group.add_argument(
        "--owner-password-file",
        metavar="TỆP",
        help="mật khẩu vai trò chủ sở hữu (dòng đầu); mặc định tạo ngẫu nhiên",
    )
    group.add_argument(
        "--app-password-file",
        metavar="TỆP",
        help="mật khẩu vai trò của phần mềm (dòng đầu); mặc định tạo ngẫu nhiên",
    )
    group.add_argument(
        "--desk-host",
        metavar="ĐỊA_CHỈ",
        help="địa chỉ máy chủ mà các quầy dùng (ví dụ 192.168.1.10); mặc định lấy từ "
        "--pg-admin-url",
    )
    group.add_argument(
        "--connect-file",
        metavar="TỆP",
        help="nơi ghi tệp kết nối cho các quầy khác; mặc định secrets/office-connection.toml "
        "trong thư mục dữ liệu",
    )
    group.add_argument(
        "--reset-passwords",
        action="store_true",
        help="đặt mật khẩu mới cho hai vai trò đã có (các quầy đã nối phải nối lại)",
    )
    group.add_argument(
        "--save-owner-url",
        action="store_true",
        help="ghi cả database_owner_url vào desk.toml (quầy này nâng cấp được cơ sở dữ liệu)",
    )
    group.add_argument(
        "--join",
        metavar="TỆP|URL",
        help="nối quầy này vào cơ sở dữ liệu của văn phòng: tệp kết nối do --postgres ghi, "
        "hoặc địa chỉ postgresql://desk_app@máy/desk (mật khẩu hỏi trên màn hình)",
    )

    def handler(args: argparse.Namespace) -> int:
        if not (args.postgres or args.join):
            missing = [a.option_strings[0] for a in required if getattr(args, a.dest) is None]
            if missing:
                parser.error(f"thiếu tham số bắt buộc: {', '.join(missing)}")
            return int(office_handler(args))
        if args.postgres and args.join:
            parser.error("chọn một trong --postgres (máy chủ) và --join (một quầy nữa)")
        office = [a.option_strings[0] for a in required if getattr(args, a.dest) is not None]
        if office or args.admin or getattr(args, "db", None):
            parser.error(
                "--postgres và --join không dùng cùng --db hay thông tin cơ quan: thiết lập "
                "máy chủ trước, rồi thiết lập cơ quan bằng một lệnh desk setup riêng"
            )
        return cmd_server(args) if args.postgres else cmd_join(args)

    parser.set_defaults(handler=handler)

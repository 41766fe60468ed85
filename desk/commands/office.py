"""Setting up a real office and its accounts: ``desk setup …``, ``desk user …`` and
``desk password``.

The first ``desk setup`` on an empty database needs no account: it creates the office and
its first admin (``--admin``). Everything after runs as a signed-in account, and the
services decide what that account may do (accounts and the office: an admin).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desk.commands.base import (
    EXIT_OK,
    Commands,
    ask_new_password,
    command,
    has_terminal,
    open_office,
    read_password_file,
    say,
    sign_in,
)
from desk.errors import DeskError, InvalidInput

if TYPE_CHECKING:
    from desk.domain.office import Office, User
    from desk.services.context import DeskContext

ROLES = ("clerk", "supervisor", "admin")


def _office_from(args: argparse.Namespace) -> Office:
    from desk.domain.calendar import OfficeHours
    from desk.domain.office import Office

    return Office(
        agency_id=args.agency_id,
        agency_name=args.agency_name,
        unit_name=args.unit_name,
        commune=args.commune,
        province=args.province,
        place_name=args.place_name,
        address=args.address,
        phone=args.phone,
        lookup_url=args.lookup_url,
        hours=OfficeHours.parse(args.hours),
    )


def cmd_setup(args: argparse.Namespace) -> int:
    office = _office_from(args)  # bad hours or identity say so before anything is asked
    from desk.services import setup

    with open_office(args, signed_in=False, create=True) as ctx:
        if setup.needs_first_setup(ctx):
            _first_setup(ctx, args, office)
        else:
            _change_office(ctx, args, office)
    say(f"Đã lưu thông tin cơ quan: {office.agency_name} ({office.agency_id}).")
    say(f"Giờ làm việc: {office.hours}.")
    return EXIT_OK


def _first_setup(ctx: DeskContext, args: argparse.Namespace, office: Office) -> None:
    """An empty database: the office, its catalogue and its first admin, no account needed."""
    from desk.services import setup

    if not args.admin or not args.admin_name:
        raise InvalidInput(
            "Lần thiết lập đầu tiên tạo luôn tài khoản quản trị đầu tiên: thêm --admin "
            'TÊN_ĐĂNG_NHẬP --admin-name "Họ tên" (mật khẩu hỏi trên màn hình, hoặc '
            "--admin-password-file TỆP).",
            code="cli.setup_admin",
        )
    password = ask_new_password(args.admin_password_file, "Mật khẩu quản trị")
    passphrase = _backup_passphrase(args)
    setup.first_setup(
        ctx,
        office,
        admin_username=args.admin,
        admin_full_name=args.admin_name,
        admin_password=password,
        backup_passphrase=passphrase,
    )
    if passphrase is None:
        say(
            "Chưa đặt cụm mật khẩu sao lưu nên chưa sao lưu tự động được: quản trị viên hãy "
            "chạy «desk backup passphrase»."
        )
    else:
        say("Đã đặt cụm mật khẩu sao lưu: ghi ra giấy và cất nơi an toàn.")
    count = len(ctx.catalogue())
    say(f"Đã nạp danh mục {count} thủ tục mẫu (sửa bằng «desk catalogue import»).")
    say(f"Đã tạo tài khoản quản trị «{args.admin}»; tạo tài khoản cán bộ bằng «desk user add».")


def _backup_passphrase(args: argparse.Namespace) -> str | None:
    """The office's backup passphrase at its first set-up: ``--backup-passphrase-file``,
    else DESK_BACKUP_PASSPHRASE_FILE, else typed twice on the terminal; None without a
    terminal (set later with ``desk backup passphrase``)."""
    from desk.commands.backup import PASSPHRASE_FILE_ENV
    from desk.services.backup import check_passphrase

    path = args.backup_passphrase_file or os.environ.get(PASSPHRASE_FILE_ENV, "").strip()
    if path:
        return check_passphrase(read_password_file(Path(path), "cụm mật khẩu sao lưu"))
    if not has_terminal():
        return None
    return check_passphrase(ask_new_password(None, "Cụm mật khẩu sao lưu"))


def _change_office(ctx: DeskContext, args: argparse.Namespace, office: Office) -> None:
    """An office that exists: an admin changes it; a new agency id is confirmed first,
    since the province knows the existing dossiers by codes made of the old one."""
    from desk.services import setup

    if args.admin:
        raise InvalidInput(
            "Văn phòng đã được thiết lập; tạo thêm tài khoản bằng «desk user add».",
            code="cli.setup_admin",
        )
    sign_in(ctx, args)
    try:
        setup.save_office(ctx, office, confirm_agency_change=args.confirm)
    except DeskError as error:
        if error.code != "office.agency_change":
            raise
        if not has_terminal():
            raise DeskError(
                f"{error.message} Nếu chắc chắn, chạy lại với --confirm.", code=error.code
            ) from None
        say(error.message)
        typed = input("Gõ mã mới để xác nhận (Enter để thôi): ").strip()
        if typed != office.agency_id:
            raise DeskError(
                "Không đổi: mã gõ lại không khớp mã mới.", code="cli.setup_cancelled"
            ) from None
        setup.save_office(ctx, office, confirm_agency_change=True)
    if not ctx.catalogue().procedures:
        from desk.services.catalogue import import_catalogue

        count = import_catalogue(ctx).count
        say(f"Đã nạp danh mục {count} thủ tục mẫu (sửa bằng «desk catalogue import»).")


def cmd_user(args: argparse.Namespace) -> int:
    """``desk user list``, ``desk user add NAME …``, ``desk user NAME --name …`` (adds, as
    before) and ``desk user NAME --reset-password | --disable | --enable | --role R``."""
    words = list(args.words)
    if words == ["list"]:
        return _list_users(args)
    if len(words) == 2 and words[0] == "add":
        return _add_user(args, words[1])
    if len(words) != 1:
        raise InvalidInput(
            "Dùng: desk user list | desk user add TÊN --name … --role … | desk user TÊN "
            "--reset-password | --disable | --enable | --role VAI_TRÒ.",
            code="cli.usage",
        )
    changes = args.reset_password or args.disable or args.enable
    if args.name and not changes:
        return _add_user(args, words[0])  # the older form: desk user NAME --name …
    if not changes and not args.role:
        raise InvalidInput(
            f"Chưa rõ làm gì với tài khoản «{words[0]}»: thêm --reset-password, --disable, "
            "--enable hoặc --role VAI_TRÒ (tạo mới: desk user add TÊN --name …).",
            code="cli.usage",
        )
    if args.name:
        raise InvalidInput(
            "--name chỉ dùng khi tạo tài khoản (desk user add TÊN --name …).", code="cli.usage"
        )
    return _change_user(args, words[0])


def _role_label(user: User) -> str:
    return f"{user.role.value} ({user.role.label})"


def _list_users(args: argparse.Namespace) -> int:
    from desk.services import auth

    with open_office(args) as ctx:
        users = auth.list_users(ctx)
    width = max((len(u.username) for u in users), default=0)
    for user in users:
        state = "đang dùng" if user.active else "đã khóa"
        say(f"{user.username:<{width}}  {user.full_name}  {_role_label(user)}  {state}")
    return EXIT_OK


def _add_user(args: argparse.Namespace, username: str) -> int:
    from desk.domain.office import Role
    from desk.services import auth

    if not args.name:
        raise InvalidInput('Tạo tài khoản cần --name "Họ tên".', code="cli.usage")
    with open_office(args) as ctx:
        # Signed in (and allowed) before the new password is asked for.
        password = ask_new_password(args.password_file)
        user = auth.create_user(
            ctx, username, args.name, Role(args.role or "clerk"), password, args.title
        )
    say(f"Đã tạo tài khoản «{user.username}» ({user.role.label}).")
    return EXIT_OK


def _change_user(args: argparse.Namespace, username: str) -> int:
    from desk.domain.office import Role
    from desk.services import auth

    if args.disable and args.enable:
        raise InvalidInput("Chọn một trong --disable và --enable.", code="cli.usage")
    with open_office(args) as ctx:
        if args.role:
            auth.set_role(ctx, username, Role(args.role))
            say(f"Tài khoản «{username}»: vai trò {Role(args.role).label}.")
        if args.disable or args.enable:
            auth.set_active(ctx, username, bool(args.enable))
            say(f"Tài khoản «{username}»: {'đã mở khóa' if args.enable else 'đã khóa'}.")
        if args.reset_password:
            password = ask_new_password(args.password_file, f"Mật khẩu mới của «{username}»")
            auth.reset_password(ctx, username, password)
            say(f"Tài khoản «{username}»: đã đặt lại mật khẩu.")
    return EXIT_OK


def cmd_password(args: argparse.Namespace) -> int:
    """Change one's own password. The password the account signs in with is the old one,
    so it is asked once (or read from DESK_PASSWORD_FILE by a script)."""
    from desk.services import auth

    with open_office(args, signed_in=False) as ctx:
        old = sign_in(ctx, args, prompt="Mật khẩu hiện tại: ")
        new = ask_new_password(args.password_file)
        auth.change_own_password(ctx, old, new)
        username = ctx.user.username if ctx.user else ""
    say(f"Đã đổi mật khẩu của «{username}».")
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    setup = command(
        commands,
        "setup",
        cmd_setup,
        "thiết lập (hoặc sửa) thông tin cơ quan của văn phòng; lần đầu tạo luôn tài khoản "
        "quản trị (--admin), các lần sau cần tài khoản quản trị",
    )
    setup.add_argument(
        "--agency-id", required=True, metavar="000.XX.YY.Hnn", help="mã định danh điện tử"
    )
    setup.add_argument("--agency-name", required=True, help='ví dụ "UBND XÃ YÊN LẠC"')
    setup.add_argument("--unit-name", default="BỘ PHẬN MỘT CỬA", help="tên bộ phận tiếp nhận")
    setup.add_argument("--commune", required=True, help='ví dụ "Xã Yên Lạc"')
    setup.add_argument("--province", required=True, help='ví dụ "Tỉnh Phú Thọ"')
    setup.add_argument(
        "--place-name", required=True, help='địa danh ghi trước ngày tháng, ví dụ "Yên Lạc"'
    )
    setup.add_argument("--address", default="")
    setup.add_argument("--phone", default="")
    setup.add_argument(
        "--lookup-url", default="", help="trang tra cứu công khai; {code} = mã hồ sơ"
    )
    setup.add_argument("--hours", default="07:00-11:30,13:30-17:00", help="giờ làm việc")
    setup.add_argument(
        "--admin", metavar="TÊN_ĐĂNG_NHẬP", help="(lần đầu) tài khoản quản trị đầu tiên"
    )
    setup.add_argument("--admin-name", metavar="HỌ_TÊN", help="(lần đầu) họ tên người quản trị")
    setup.add_argument(
        "--admin-password-file",
        metavar="TỆP",
        help="(lần đầu) tệp chứa mật khẩu quản trị (dòng đầu; mặc định: hỏi trên màn hình)",
    )
    setup.add_argument(
        "--backup-passphrase-file",
        metavar="TỆP",
        help="(lần đầu) tệp chứa cụm mật khẩu sao lưu (dòng đầu; mặc định "
        "DESK_BACKUP_PASSPHRASE_FILE, hoặc hỏi trên màn hình)",
    )
    setup.add_argument(
        "--confirm",
        "--yes",
        dest="confirm",
        action="store_true",
        help="đồng ý đổi mã định danh khi văn phòng đã có hồ sơ (hồ sơ cũ giữ mã cũ, hồ sơ mới "
        "mang mã mới; tỉnh có thể từ chối hồ sơ mã cũ gửi dưới đơn vị mới); không có --confirm "
        "thì hỏi trên màn hình",
    )
    user = command(
        commands,
        "user",
        cmd_user,
        "tài khoản cán bộ: «desk user list»; «desk user add TÊN --name … --role …»; «desk user "
        "TÊN --reset-password | --disable | --enable | --role VAI_TRÒ» (cần tài khoản quản trị)",
    )
    user.add_argument(
        "words",
        nargs="+",
        metavar="list|add TÊN|TÊN",
        help="list (liệt kê), add TÊN (tạo) hoặc TÊN đăng nhập của tài khoản cần đổi",
    )
    user.add_argument("--name", help="họ tên (khi tạo)")
    user.add_argument("--role", choices=ROLES, help="vai trò: khi tạo (mặc định clerk) hoặc đổi")
    user.add_argument("--title", default="", help="chức danh (khi tạo)")
    user.add_argument("--reset-password", action="store_true", help="đặt lại mật khẩu")
    user.add_argument("--disable", action="store_true", help="khóa tài khoản")
    user.add_argument("--enable", action="store_true", help="mở khóa tài khoản")
    user.add_argument(
        "--password-file",
        metavar="TỆP",
        help="tệp chứa mật khẩu mới (dòng đầu; mặc định: hỏi hai lần, hoặc một dòng từ stdin)",
    )
    password = command(
        commands,
        "password",
        cmd_password,
        "đổi mật khẩu của chính mình (mật khẩu hiện tại, rồi mật khẩu mới hai lần)",
    )
    password.add_argument(
        "--password-file",
        metavar="TỆP",
        help="tệp chứa mật khẩu mới (dòng đầu); mật khẩu hiện tại lấy từ DESK_PASSWORD_FILE",
    )

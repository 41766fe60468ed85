"""Setting up a real office: ``desk setup …`` and ``desk user add …``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desk.commands.base import EXIT_OK, Commands, command, open_office
from desk.errors import InvalidInput


def cmd_setup(args: argparse.Namespace) -> int:
    from desk.domain.calendar import OfficeHours
    from desk.domain.office import Office
    from desk.services import setup

    office = Office(
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
    with open_office(args) as ctx:
        first_time = not ctx.has_office
        setup.save_office(ctx, office)
        if first_time or not ctx.catalogue().procedures:
            count = setup.import_catalogue(ctx)
            print(f"Đã nạp danh mục {count} thủ tục mẫu (sửa bằng «desk catalogue import»).")
    print(f"Đã lưu thông tin cơ quan: {office.agency_name} ({office.agency_id}).")
    print(f"Giờ làm việc: {office.hours}.")
    return EXIT_OK


def _read_password(path: str | None) -> str:
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InvalidInput(
                f"Không đọc được tệp mật khẩu {path}: {exc.strerror}.", code="cli.password"
            ) from None
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise InvalidInput("Hai lần nhập mật khẩu không khớp.", code="cli.password")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from desk.domain.office import Role
    from desk.services import auth

    password = _read_password(args.password_file)
    with open_office(args) as ctx:
        user = auth.create_user(
            ctx.db, args.username, args.name, Role(args.role), password, args.title
        )
    print(f"Đã tạo tài khoản «{user.username}» ({user.role.label}).")
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    setup = command(
        commands, "setup", cmd_setup, "thiết lập (hoặc sửa) thông tin cơ quan của văn phòng"
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
    user = command(
        commands, "user", cmd_user_add, "tạo tài khoản cán bộ: desk user USERNAME --name … --role …"
    )
    user.add_argument("username")
    user.add_argument("--name", required=True, help="họ tên")
    user.add_argument("--role", choices=("clerk", "supervisor", "admin"), default="clerk")
    user.add_argument("--title", default="", help="chức danh")
    user.add_argument(
        "--password-file", help="tệp chứa mật khẩu (mặc định: hỏi, hoặc đọc một dòng từ stdin)"
    )

"""The ``desk`` command: the entry point. No sub-command opens the desk window; the rest
work headless and live in ``desk.commands`` (one module per command family).

Exit codes: 0 success, 2 bad input or configuration, a sign-in refused or a role not
allowed (each with a Vietnamese message), 1 a bug. ``desk sync`` adds 3 and 4 (see
``desk.commands.sync``) and ``desk audit verify`` 3, which is why a refused role is not
given a code of its own.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from desk import __version__
from desk.atomic import restrict_new_files
from desk.commands import (
    audit,
    backup,
    calendar,
    catalogue,
    check,
    demo,
    dossiers,
    export,
    figures,
    office,
    printing,
    report,
    setup,
    sync,
)
from desk.commands.base import EXIT_BUG, EXIT_OK, EXIT_USAGE, Parser, common_options
from desk.crash import bug_message
from desk.domain.text import terminal_safe
from desk.errors import DeskError, DiskFull

# In the order ``desk --help`` lists them.
COMMAND_MODULES = (
    demo,
    calendar,
    export,
    catalogue,
    dossiers,
    figures,
    report,
    printing,
    office,
    setup,  # adds --postgres and --join to office's «desk setup»: after it
    sync,
    audit,
    check,
    backup,
)


def cmd_open(args: argparse.Namespace) -> int:
    from desk.app import run_desk

    return run_desk(db_url=getattr(args, "db", None))


EPILOG = """\
Đăng nhập: mọi lệnh đọc dữ liệu công dân hoặc thay đổi dữ liệu chạy bằng một tài khoản
của văn phòng — DESK_USER=TÊN_ĐĂNG_NHẬP và DESK_PASSWORD_FILE=TỆP (dòng đầu là mật khẩu,
tệp chỉ người dùng máy này đọc được: chmod 600), hoặc --as TÊN_ĐĂNG_NHẬP (mật khẩu hỏi
trên màn hình). Không cần tài khoản: --help, tra cứu «desk calendar» (danh sách ngày nghỉ,
«calendar due»), «desk province-sim», «desk demo» và lần «desk setup» đầu tiên.
Vai trò: clerk (tiếp nhận, chuyển trạng thái, in, trả kết quả, tra cứu, xem hồ sơ);
supervisor (mọi việc của clerk, và: đồng bộ, xuất dữ liệu, điều chỉnh lịch, xử lý mục cần
xem xét, số liệu, sao lưu, kiểm tra nhật ký); admin (mọi việc của supervisor, và: tài
khoản, thông tin cơ quan, danh mục thủ tục, khôi phục).

Mã thoát: 0 xong; 2 tham số hoặc cấu hình sai, đăng nhập không được, hoặc tài khoản không
được phép (thông báo nói rõ cần vai trò nào); 1 lỗi phần mềm; «desk sync» còn có 3 (có mục
cần xem xét), 4 (không kết nối được tỉnh) và 5 (đang có lượt đồng bộ khác); «desk audit
verify» có 3 (nhật ký hoặc dữ liệu không khớp); «desk check» có 3 (một mục kiểm tra cơ sở
dữ liệu không đạt); 130 đã dừng."""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="desk",
        description="Commune Desk — phần mềm Bộ phận Một cửa cấp xã.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common_options()],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"desk {__version__}",
        help="hiện phiên bản rồi thoát",  # Python 3.11 does not pass argparse's own through _()
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    parser.set_defaults(handler=cmd_open)
    commands = parser.add_subparsers(title="lệnh", metavar="LỆNH", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    restrict_new_files()  # the data folder holds citizens' data: files 0600, folders 0700
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args))
    except DeskError as error:
        # A DeskError raised while handling a full disk ("cannot write the file …") says
        # what the machine's fault is, in the same words everywhere.
        shown = DiskFull.from_error(error) or error
        # Messages quote what was typed or stored: escaped, never obeyed by the terminal.
        print(f"Lỗi: {terminal_safe(shown.message)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        # A full disk (or quota) anywhere while writing is the machine's fault, not a bug.
        disk_full = DiskFull.from_error(error)
        if disk_full is not None:
            print(f"Lỗi: {disk_full.message}", file=sys.stderr)
            return EXIT_USAGE
        # A bug, not the user's fault: say so plainly, keep the details in the log file.
        print(bug_message(error), file=sys.stderr)
        return EXIT_BUG

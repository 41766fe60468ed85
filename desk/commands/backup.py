"""``desk backup``, ``desk backup list``, ``desk backup passphrase`` and ``desk restore``.

``desk restore`` never goes through ``open_office``: it must work when the current
database is corrupt or missing. The admin's credentials are checked by the service
(against the current office when it opens, else against the backup's own accounts).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desk.commands.base import (
    EXIT_OK,
    Commands,
    ask_new_password,
    ask_password,
    command,
    credentials,
    has_terminal,
    open_office,
    read_password_file,
    safe,
    say,
    subcommands,
)
from desk.errors import DeskError, InvalidInput

PASSPHRASE_FILE_ENV = "DESK_BACKUP_PASSPHRASE_FILE"
REASON_TEXT = {
    "daily": "hằng ngày",
    "closing": "khi đóng",
    "manual": "thủ công",
    "before-migration": "trước nâng cấp",
    "before-restore": "trước khôi phục",
}


def _size(size: int) -> str:
    if size >= 1 << 30:
        return f"{size / (1 << 30):.1f} GB"
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, size // 1024)} KB"


def _progress(step: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        percent = f" {100 * done // total}%" if total else ""
        print(f"\r{step}{percent}   ", end="", file=sys.stderr, flush=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from desk.services import backup

    to = Path(args.to) if getattr(args, "to", None) else None
    with open_office(args) as ctx:
        infos = backup.take_backup(ctx, reason="manual", to=to, progress=_progress)
        missed = backup.missed_second_place(ctx.config, infos)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for info in infos:
        say(
            f"Đã sao lưu: {safe(info.path)} ({_size(info.size)}, {info.dossier_count} hồ sơ, "
            f"{info.file_count} tệp quét, đã đọc lại và kiểm tra)"
        )
    if missed is not None and not missed.is_dir():
        say(
            f"Chưa chép sang nơi sao lưu thứ hai {safe(missed)}: không thấy thư mục này (ổ USB "
            "chưa cắm?). Bản sao lưu vẫn có trong thư mục dữ liệu."
        )
    elif missed is not None:
        say(
            f"Chưa chép được sang nơi sao lưu thứ hai {safe(missed)} (ổ đầy hoặc không ghi "
            "được; chi tiết trong nhật ký của phần mềm). Bản sao lưu vẫn có trong thư mục dữ "
            "liệu."
        )
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from desk.domain.formats import moment_text
    from desk.services import backup

    with open_office(args) as ctx:
        infos = backup.list_backups(ctx)
        missing = backup.missing_places(ctx.config)
    if not infos:
        print("Chưa có bản sao lưu nào.")
    for info in infos:
        verified = "đã kiểm tra" if info.verified else "chưa kiểm tra"
        say(
            f"{moment_text(info.taken_at)}  {REASON_TEXT.get(info.reason, info.reason)}  "
            f"{_size(info.size)}  {info.dossier_count} hồ sơ  {info.file_count} tệp  "
            f"{verified}  {safe(info.path)}"
        )
    for place in missing:
        say(f"Không thấy nơi sao lưu thứ hai {safe(place)} (ổ USB chưa cắm?).")
    return EXIT_OK


def cmd_passphrase(args: argparse.Namespace) -> int:
    from desk.services import backup

    with open_office(args) as ctx:
        from desk.domain.access import Permission

        ctx.require(Permission.RESTORE)  # before the passphrase is asked for
        passphrase = ask_new_password(args.passphrase_file, "Cụm mật khẩu sao lưu")
        backup.set_passphrase(ctx, passphrase)
    print(
        "Đã đặt cụm mật khẩu sao lưu. Ghi nó ra giấy và cất nơi an toàn: thiếu nó thì không "
        "khôi phục được các bản sao lưu từ nay."
    )
    return EXIT_OK


def restore_passphrase() -> str:
    """The backup passphrase: DESK_BACKUP_PASSPHRASE_FILE, else asked on the terminal."""
    path = os.environ.get(PASSPHRASE_FILE_ENV, "").strip()
    if path:
        return read_password_file(Path(path), PASSPHRASE_FILE_ENV)
    if not has_terminal():
        raise DeskError(
            f"Không có màn hình để nhập cụm mật khẩu sao lưu: khi chạy tự động, đặt "
            f"{PASSPHRASE_FILE_ENV}=TỆP (dòng đầu là cụm mật khẩu, tệp chỉ người dùng máy này "
            "đọc được).",
            code="cli.passphrase",
        )
    return ask_password("Cụm mật khẩu sao lưu: ")


def cmd_restore(args: argparse.Namespace) -> int:
    from desk.config import load_config
    from desk.domain.formats import moment_text
    from desk.services import backup

    path = Path(args.file)
    info = backup.backup_info(path)  # not a backup, damaged header: said before anything
    say(
        f"Bản sao lưu: {safe(path.name)} — cơ quan {safe(info.agency_id)}, "
        f"{moment_text(info.taken_at)}, {info.dossier_count} hồ sơ, {info.file_count} tệp quét."
    )
    if not args.yes:
        if not has_terminal():
            raise InvalidInput(
                "Khôi phục thay toàn bộ dữ liệu hiện tại bằng bản sao lưu (dữ liệu hiện tại "
                "được cất sang thư mục set-aside). Chạy lại với --yes để xác nhận khi không có "
                "màn hình.",
                code="cli.restore_confirm",
            )
        answer = input("Thay dữ liệu hiện tại bằng bản sao lưu này? Gõ «có» để tiếp tục: ")
        if answer.strip().lower() not in ("có", "co", "yes"):
            raise InvalidInput("Không khôi phục: chưa xác nhận.", code="cli.restore_cancelled")
    username, password = credentials(args, prompt="")
    passphrase = restore_passphrase()
    config = load_config(db_url=getattr(args, "db", None))
    result = backup.restore_backup(
        config,
        path,
        passphrase,
        username=username,
        password=password,
        other_office=args.other_office,
        progress=_progress,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    say(
        f"Đã khôi phục {result.dossier_count} hồ sơ và {result.file_count} tệp quét từ "
        f"{safe(path.name)}. Dữ liệu trước khi khôi phục được cất ở {safe(result.set_aside)}."
    )
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    backup = command(
        commands, "backup", cmd_backup, "sao lưu văn phòng (mã hóa) ngay bây giờ (lãnh đạo)"
    )
    backup.add_argument(
        "--to", metavar="THƯ_MỤC", help="chép thêm bản sao lưu vào thư mục này (ổ USB …)"
    )
    backup_commands = subcommands(backup, "lệnh sao lưu")
    command(backup_commands, "list", cmd_list, "các bản sao lưu: lúc nào, cỡ, số hồ sơ, kiểm tra")
    passphrase = command(
        backup_commands,
        "passphrase",
        cmd_passphrase,
        "đặt cụm mật khẩu sao lưu mới (quản trị viên)",
    )
    passphrase.add_argument(
        "--passphrase-file", metavar="TỆP", help="đọc cụm mật khẩu từ dòng đầu của tệp"
    )
    restore = command(
        commands, "restore", cmd_restore, "khôi phục văn phòng từ một bản sao lưu (quản trị viên)"
    )
    restore.add_argument("file", metavar="TỆP", help="tệp .deskbackup")
    restore.add_argument(
        "--yes", action="store_true", help="không hỏi xác nhận (chạy tự động, không màn hình)"
    )
    restore.add_argument(
        "--other-office",
        action="store_true",
        help="chấp nhận bản sao lưu của cơ quan khác (mã định danh khác)",
    )

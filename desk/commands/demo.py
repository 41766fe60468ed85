"""``desk demo``: the demo office on first use, and as many demo dossiers as asked."""

from __future__ import annotations

import argparse
import time

from desk.commands.base import EXIT_OK, Commands, bounded, command, open_office, say
from desk.domain import limits


def cmd_demo(args: argparse.Namespace) -> int:
    from desk.services import demo

    # No account: the demo makes its own office and accounts, and refuses a real office.
    with open_office(args, signed_in=False, create=True) as ctx:
        half_made = ctx.has_office  # an office an interrupted older desk left unfinished
        created = demo.ensure_demo_office(ctx)
        if created:
            done = "Đã hoàn tất văn phòng mẫu" if half_made else "Đã tạo văn phòng mẫu"
            say(f"{done}: {ctx.office.agency_name} ({ctx.office.agency_id})")
            print("Tài khoản mẫu (tên đăng nhập / mật khẩu / vai trò):")
            for username, password, role in created:
                print(f"  {username} / {password} / {role}")
            print(f"Cụm mật khẩu sao lưu (để khôi phục): {demo.DEMO_BACKUP_PASSPHRASE}")
        started = time.perf_counter()
        written = demo.add_demo_dossiers(
            ctx,
            args.dossiers,
            seed=args.seed,
            progress=lambda n: print(f"  … {n:,} hồ sơ".replace(",", "."), flush=True),
            scans=args.scans,
        )
        elapsed = time.perf_counter() - started
        print(f"Đã thêm {written:,} hồ sơ mẫu trong {elapsed:.1f} giây.".replace(",", "."))
        print(f"Cơ sở dữ liệu: {ctx.db.url.render_as_string(hide_password=True)}")
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    demo = command(commands, "demo", cmd_demo, "tạo văn phòng mẫu (lần đầu) và thêm hồ sơ mẫu")
    demo.add_argument(
        "--dossiers",
        type=bounded(limits.DEMO_DOSSIERS),
        default=0,
        metavar="N",
        help="số hồ sơ mẫu thêm vào",
    )
    demo.add_argument(
        "--seed",
        type=bounded(limits.DEMO_SEED),
        default=1,
        metavar="S",
        help="hạt giống ngẫu nhiên",
    )
    demo.add_argument(
        "--scans",
        action="store_true",
        help="gắn bản quét mẫu vào phần lớn giấy tờ và kết quả (số liệu số hóa)",
    )

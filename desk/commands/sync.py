"""``desk sync`` (and its configure / status / set-aside / resolve); ``desk province-sim``
is registered here too, from ``desk.commands.province_sim``.

Exit codes of ``desk sync``: 0 everything accepted; 3 items need attention; 4 the
province could not be reached (nothing lost, retry later); 5 another sync run of the
office is going (the message says who, on which machine, since when; retry later); 2 bad
configuration (or the province refused the account, or the desk account did not sign in or
may not sync); 1 a bug (a malformed batch, a broken reply); 130 cancelled.
``--username/--password-file`` are the province's account; the desk account that runs
the sync is DESK_USER / ``--as`` like any command's (an unattended end-of-day sync:
README, "Đồng bộ tự động cuối ngày").
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
import time
from pathlib import Path
from typing import Any

from desk.commands.base import (
    EXIT_OK,
    Commands,
    bounded,
    command,
    json_line,
    open_office,
    safe,
    say,
    subcommands,
)
from desk.commands.province_sim import add_simulator_command
from desk.domain import limits
from desk.errors import InvalidInput

EXIT_BUSY = 5  # another sync run of this office is going


def _password(args: argparse.Namespace) -> Any:
    from desk.sync.secrets import read_password_file

    return read_password_file(Path(args.password_file)) if args.password_file else None


class _ProgressPrinter:
    """One line per phase, and push progress at most twice a second."""

    def __init__(self) -> None:
        self.phase = ""
        self.last = 0.0

    def __call__(self, progress: Any) -> None:
        now = time.monotonic()
        if progress.retry:  # said at once: a silent wait looks like a hang
            say(
                f"  Máy chủ tỉnh chưa nhận ({progress.problem_label}): thử lại lần "
                f"{progress.retry}/{progress.retries} sau {math.ceil(progress.wait_s)} giây…",
                flush=True,
            )
            return
        if progress.phase != self.phase:
            self.phase = progress.phase
            if progress.phase != "done":
                say(f"{progress.label}…", flush=True)
            self.last = 0.0
        if progress.phase == "push" and progress.total and now - self.last >= 0.5:
            self.last = now
            say(f"  {progress.done:,}/{progress.total:,} hồ sơ".replace(",", "."), flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    from desk.services import sync
    from desk.sync.connection import CancelToken
    from desk.sync.errors import SyncBusy

    with open_office(args) as ctx:
        if args.dry_run:
            return _dry_run(ctx, args)
        settings = sync.connection_settings(
            ctx,
            server=args.server,
            username=args.username,
            password=_password(args),
            ca_bundle=args.ca_bundle,
            allow_insecure_http=True if args.allow_insecure_http else None,
        )
        cancel = CancelToken()

        def on_interrupt(*_: object) -> None:
            if cancel.cancelled:  # a second Ctrl+C: stop now (the database stays whole)
                raise KeyboardInterrupt
            say("Đang dừng sau bước đang làm… (Ctrl+C lần nữa để dừng ngay)", flush=True)
            cancel.cancel()

        previous = signal.getsignal(signal.SIGINT)
        if previous is not None:
            signal.signal(signal.SIGINT, on_interrupt)
        say(f"Đồng bộ với {settings.base_url} (đơn vị {settings.agency_id})", flush=True)
        try:
            report = sync.run_sync(
                ctx, settings=settings, cancel=cancel, progress=_ProgressPrinter()
            )
        except SyncBusy as exc:
            say(exc.message, file=sys.stderr)
            return EXIT_BUSY
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
        for line in report.lines():
            say(line)
        return report.exit_code


def _dry_run(ctx: Any, args: argparse.Namespace) -> int:
    from desk.services import sync

    if args.json:
        for item in sync.preview_items(ctx, limit=args.limit):
            print(json_line(item))
        return EXIT_OK
    preview = sync.preview(ctx, limit=args.limit)
    say("Chạy thử: không gửi gì lên tỉnh.")
    for batch_id, count in preview.pending_batches:
        say(f"Lô chưa có trả lời từ lần trước, sẽ gửi lại trước: {batch_id} ({count} hồ sơ)")
    say(f"Sẽ gửi {preview.queued} hồ sơ (bản mới nhất của mỗi hồ sơ, theo thứ tự mã):")
    for code, revision, status in preview.entries:
        say(f"  {code}  phiên bản {revision}  {status}")
    if preview.queued > len(preview.entries):
        say(f"  … và {preview.queued - len(preview.entries)} hồ sơ khác")
    if preview.files:
        say(f"Tệp đính kèm cần kiểm tra / tải lên: {len(preview.files)}")
    return EXIT_OK


def cmd_sync_configure(args: argparse.Namespace) -> int:
    from desk.services import sync

    if not args.server or not args.username or not args.password_file:
        raise InvalidInput(
            "«desk sync configure» cần --server URL, --username TÊN và --password-file TỆP.",
            code="cli.usage",
        )
    # The province password is the office's: only an account allowed to sync may change it.
    with open_office(args) as ctx:
        path = sync.save_settings(
            ctx,
            server=args.server,
            username=args.username,
            password=_password(args),
            ca_bundle=args.ca_bundle or "",
            allow_insecure_http=bool(args.allow_insecure_http),
        )
        config = ctx.config
    kind = (
        "kho mật khẩu của hệ điều hành"
        if config.province.password.startswith("keyring:")
        else "dạng mã hóa (khóa riêng của tài khoản máy này)"
    )
    say(f"Đã lưu cấu hình đồng bộ vào {path}; mật khẩu lưu trong {kind}.")
    return EXIT_OK


def cmd_sync_status(args: argparse.Namespace) -> int:
    from desk.services import sync

    with open_office(args) as ctx:
        view = sync.overview(ctx)
        items = sync.attention_items(ctx)
        batches = sync.pending_batches(ctx)
        holder = sync.current_holder(ctx)
        store = sync.known_store(ctx)
    say(f"Máy chủ tỉnh: {view.server or '(chưa cấu hình)'}")
    if store is not None:
        say(f"Kho dữ liệu tỉnh đã đồng bộ gần nhất: {store.label}")
    if holder is not None:
        say(
            f"Đang đồng bộ: {holder.full_name or holder.login} trên máy {holder.host} "
            f"từ {holder.since:%H:%M %d/%m/%Y}."
            if holder.since
            else "Đang đồng bộ."
        )
    say(
        f"Chờ gửi: {view.pending} hồ sơ"
        + (f"; {view.pending_batches} lô chờ trả lời" if view.pending_batches else "")
    )
    if view.last_run is not None:
        finished = view.last_run.finished_at
        when = f"{finished:%H:%M %d/%m/%Y}" if finished else "?"
        say(f"Lần đồng bộ gần nhất: {when} — {view.last_run.outcome.label}")
    else:
        say("Chưa đồng bộ lần nào.")
    stuck = [b for b in batches if b.stuck]
    if stuck:
        say(
            f"Lô bị kẹt: {len(stuck)} (người phụ trách có thể để riêng: «desk sync set-aside "
            "MÃ_LÔ --reason "
            '"…"»)'
        )
        for batch in stuck:
            say(f"  {batch.line}")
    say(f"Mục cần xem xét: {len(items)}")
    for item in items:
        revision = f" phiên bản {item.revision}" if item.revision else ""
        say(f"  #{item.id} [{item.kind.label}] {item.code}{revision}: {item.reason}")
    return 3 if items or stuck else 0


def cmd_sync_set_aside(args: argparse.Namespace) -> int:
    from desk.services import sync
    from desk.sync.errors import SyncBusy

    with open_office(args) as ctx:
        try:
            added = sync.set_aside_batch(ctx, args.batch, reason=args.reason)
        except SyncBusy as exc:
            say(exc.message, file=sys.stderr)
            return EXIT_BUSY
    say(f"Đã để riêng lô {safe(args.batch)}: {len(added)} hồ sơ vào danh sách cần xem xét.")
    for item in added:
        say(f"  #{item.id} {item.code} phiên bản {item.revision}")
    return EXIT_OK


def cmd_sync_resolve(args: argparse.Namespace) -> int:
    from desk.services import sync

    with open_office(args) as ctx:
        item = sync.resolve_attention(ctx, args.item, resend=args.resend, note=args.note)
    say(f"Đã xử lý mục #{item.id} ({item.code}): {item.resolution}.")
    return EXIT_OK


def add_commands(commands: Commands) -> None:
    def connection_options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--server", metavar="URL", help="địa chỉ máy chủ tỉnh (https://…)")
        parser.add_argument("--username", metavar="TÊN", help="tài khoản đồng bộ")
        parser.add_argument(
            "--password-file", metavar="TỆP", help="tệp chứa mật khẩu (dòng đầu tiên)"
        )
        parser.add_argument("--ca-bundle", metavar="TỆP", help="chứng chỉ CA riêng của tỉnh (PEM)")
        parser.add_argument(
            "--allow-insecure-http",
            action="store_true",
            help="cho phép HTTP không mã hóa tới máy khác (chỉ khi tỉnh yêu cầu)",
        )

    sync = command(
        commands,
        "sync",
        cmd_sync,
        "đồng bộ hồ sơ lên hệ thống một cửa của tỉnh (nhận thay đổi, tải tệp, gửi hồ sơ); "
        "mã thoát 0 xong, 3 có mục cần xem xét, 4 không kết nối được, 5 đang có lượt đồng bộ "
        "khác, 2 cấu hình sai",
    )
    connection_options(sync)
    sync.add_argument("--dry-run", action="store_true", help="chỉ xem những gì sẽ gửi")
    sync.add_argument("--json", action="store_true", help="(--dry-run) in đúng dữ liệu sẽ gửi")
    sync.add_argument(
        "--limit",
        type=bounded(limits.LIST_LIMIT),
        default=50,
        metavar="N",
        help="(--dry-run) số hồ sơ liệt kê",
    )
    sync_commands = subcommands(sync, "lệnh đồng bộ")
    configure = command(
        sync_commands,
        "configure",
        cmd_sync_configure,
        "lưu cấu hình đồng bộ vào desk.toml (mật khẩu được bảo vệ, không lưu dạng rõ)",
    )
    connection_options(configure)
    command(sync_commands, "status", cmd_sync_status, "tình trạng đồng bộ và các mục cần xem xét")
    resolve = command(
        sync_commands,
        "resolve",
        cmd_sync_resolve,
        "đánh dấu đã xem xét một mục (có thể gửi lại); người xử lý là tài khoản đang đăng nhập",
    )
    set_aside = command(
        sync_commands,
        "set-aside",
        cmd_sync_set_aside,
        "để riêng một lô bị kẹt (người phụ trách): các hồ sơ của lô vào danh sách cần xem xét "
        "với lý do, hàng đợi đi tiếp",
    )
    set_aside.add_argument("batch", metavar="MÃ_LÔ", help="mã lô (ít nhất 8 ký tự đầu)")
    set_aside.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do để riêng")
    resolve.add_argument(
        "item",
        type=bounded(limits.RECORD_ID),
        metavar="SỐ",
        help="số thứ tự của mục cần xem xét (như «desk sync status» liệt kê)",
    )
    resolve.add_argument(
        "--note", default="", metavar="GHI_CHÚ", help="ghi chú xử lý (bắt buộc): đã làm gì, với ai"
    )
    resolve.add_argument(
        "--resend",
        action="store_true",
        help="gửi lại: hồ sơ bị từ chối gửi lại nguyên trạng; hồ sơ xung đột lên phiên bản mới",
    )

    add_simulator_command(commands)

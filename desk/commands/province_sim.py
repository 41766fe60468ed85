"""``desk province-sim``: the simulated province server for training and tests
(docs/sync.md, "The simulator"), with the machine's faults said plainly."""

from __future__ import annotations

import argparse
import errno
import signal
import sys
from pathlib import Path

from desk.commands.base import (
    EXIT_OK,
    Commands,
    bounded,
    bounded_float,
    command,
    safe,
    say,
)
from desk.domain import limits
from desk.errors import ConfigurationError

DEMO_PASSWORD = "motcua-demo"  # the simulator's account when none is given (training)


def cmd_province_sim(args: argparse.Namespace) -> int:
    import sqlite3

    from desk.config import data_dir
    from desk.sync.simulator import Faults, ProvinceSimulator

    directory = Path(args.data) if args.data else data_dir() / "province-sim"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"Không tạo được thư mục dữ liệu {safe(directory)} ({exc.strerror}).",
            code="sim.data",
        ) from None
    password = args.password if args.password is not None else DEMO_PASSWORD
    if args.password_file:
        from desk.sync.secrets import read_password_file

        password = read_password_file(Path(args.password_file)).reveal()
    if (args.tls_cert is None) != (args.tls_key is None):
        raise ConfigurationError("Cần cả --tls-cert và --tls-key.", code="cli.usage")
    faults = Faults(
        fail_rate=args.fail_rate,
        drop_rate=args.drop_rate,
        latency_ms=args.latency_ms,
        max_batch=args.max_batch,
        throttle_every=args.throttle_every,
        throttle_burst=args.throttle_burst,
        retry_after=args.retry_after,
        token_ttl_s=args.token_ttl,
        reject_procedures=list(args.reject_procedure),
        seed=args.seed,
    )
    try:
        sim = ProvinceSimulator(
            directory,
            host=args.host,
            port=args.port,
            username=args.user,
            password=password,
            agencies=list(args.agency),
            faults=faults,
            tls=(args.tls_cert, args.tls_key) if args.tls_cert else None,
        )
    except OSError as exc:  # ssl.SSLError and socket.gaierror are OSErrors too
        raise _simulator_fault(args, exc) from None
    except sqlite3.Error as exc:
        raise ConfigurationError(
            f"Không mở được dữ liệu của trình mô phỏng trong {safe(directory)}: {safe(exc)}.",
            code="sim.data",
        ) from None

    def _stop(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    # The address first, on a line of its own (scripts and tests read it there); then the
    # account to configure the desk with, and the demo password when it is the one used
    # (a password given on the command line or in a file is not repeated).
    say(f"Trình mô phỏng máy chủ tỉnh đang chạy tại {sim.url} (dữ liệu: {directory}).", flush=True)
    demo = args.password is None and not args.password_file
    say(
        f"Tài khoản đồng bộ: {args.user}; mật khẩu: "
        + (f"{DEMO_PASSWORD} (mật khẩu mẫu)" if demo else "như đã cho (--password/--password-file)")
        + ".",
        flush=True,
    )
    say(
        "Cấu hình quầy: «Cấu hình kết nối…» trong bảng «Đồng bộ lên tỉnh», hoặc "
        f"desk sync configure --server {sim.url} --username {args.user} --password-file TỆP. "
        "Nhấn Ctrl+C để dừng.",
        flush=True,
    )
    try:
        sim.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sim.server.server_close()
        sim.store.close()
    say("Đã dừng trình mô phỏng.", file=sys.stderr)
    return EXIT_OK


def _simulator_fault(args: argparse.Namespace, exc: OSError) -> ConfigurationError:
    """What stopped the simulator from starting, said plainly: the machine's fault or the
    options', not a bug."""
    import socket
    import ssl

    if isinstance(exc, ssl.SSLError) or (args.tls_cert and isinstance(exc, FileNotFoundError)):
        reason = exc.strerror or getattr(exc, "reason", None) or str(exc)
        return ConfigurationError(
            f"Không nạp được chứng chỉ HTTPS {safe(args.tls_cert)} và khóa {safe(args.tls_key)}: "
            f"{safe(reason)} (cần hai tệp PEM: chứng chỉ và khóa riêng của nó).",
            code="sim.tls",
        )
    if exc.errno == errno.EADDRINUSE:
        return ConfigurationError(
            f"Cổng {args.port} trên {safe(args.host)} đang có chương trình khác dùng: chọn cổng "
            "khác (--port 0: tự chọn một cổng trống).",
            code="sim.port_in_use",
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ConfigurationError(
            f"Không được phép mở cổng {args.port} (cổng dưới 1024 cần quyền quản trị): chọn "
            "cổng khác.",
            code="sim.port_denied",
        )
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return ConfigurationError(
            f"Máy này không có địa chỉ {safe(args.host)} để nghe (--host).", code="sim.host"
        )
    return ConfigurationError(
        f"Không khởi động được trình mô phỏng: {safe(exc.strerror or exc)}.", code="sim.start"
    )


def add_simulator_command(commands: Commands) -> None:
    sim = command(
        commands,
        "province-sim",
        cmd_province_sim,
        "chạy trình mô phỏng máy chủ tỉnh (để tập huấn và kiểm thử)",
    )
    sim.add_argument(
        "--port", type=bounded(limits.LISTEN_PORT), required=True, help="cổng (0: tự chọn)"
    )
    sim.add_argument("--host", default="127.0.0.1", help="địa chỉ nghe (mặc định 127.0.0.1)")
    sim.add_argument("--data", metavar="THƯ_MỤC", help="nơi lưu dữ liệu của tỉnh mô phỏng")
    sim.add_argument("--user", default="motcua", help="tài khoản được nhận (mặc định motcua)")
    sim.add_argument(
        "--password", default=None, help=f"mật khẩu của tài khoản đó (mặc định {DEMO_PASSWORD})"
    )
    sim.add_argument("--password-file", metavar="TỆP", help="đọc mật khẩu từ tệp")
    sim.add_argument(
        "--agency",
        action="append",
        default=[],
        help="đơn vị được gửi (lặp lại; mặc định mọi đơn vị)",
    )
    sim.add_argument(
        "--fail-rate",
        type=bounded_float("--fail-rate", 0, 1),
        default=0.0,
        help="tỉ lệ lỗi 5xx ngẫu nhiên (0–1)",
    )
    sim.add_argument(
        "--drop-rate",
        type=bounded_float("--drop-rate", 0, 1),
        default=0.0,
        help="tỉ lệ lưu xong nhưng không trả lời (0–1)",
    )
    sim.add_argument(
        "--latency-ms",
        type=bounded_float("--latency-ms", 0, 600_000),
        default=0.0,
        help="độ trễ mỗi yêu cầu (ms)",
    )
    sim.add_argument(
        "--max-batch",
        type=bounded(limits.SIM_BATCH),
        default=100,
        help="X-Max-Batch (mặc định 100)",
    )
    sim.add_argument(
        "--throttle-every", type=bounded(limits.SIM_EVERY), default=0, help="cứ N lô gửi …"
    )
    sim.add_argument(
        "--throttle-burst",
        type=bounded(limits.SIM_EVERY),
        default=0,
        help="… thì B lô đầu nhận 429",
    )
    sim.add_argument(
        "--retry-after",
        type=bounded_float("--retry-after", 0, 86_400),
        default=1.0,
        help="Retry-After của 429 (giây)",
    )
    sim.add_argument(
        "--token-ttl",
        type=bounded_float("--token-ttl", 0, 10**9),
        default=3600.0,
        help="thời hạn phiên (giây)",
    )
    sim.add_argument(
        "--reject-procedure",
        action="append",
        default=[],
        metavar="MÃ_TTHC",
        help="từ chối hồ sơ của thủ tục này (lặp lại)",
    )
    sim.add_argument(
        "--seed", type=bounded(limits.SIM_SEED), default=None, help="hạt giống ngẫu nhiên của lỗi"
    )
    sim.add_argument("--tls-cert", metavar="TỆP", help="chứng chỉ HTTPS (PEM)")
    sim.add_argument("--tls-key", metavar="TỆP", help="khóa riêng HTTPS (PEM)")

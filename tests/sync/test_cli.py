"""``desk sync`` and ``desk province-sim`` as a supervisor runs them: real processes,
signed in as the demo supervisor (DESK_USER / DESK_PASSWORD_FILE), with no terminal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from desk.domain.office import Role
from desk.services import auth, dossiers
from desk.services.context import DeskContext
from tests.e2e.identity import environment
from tests.sync.conftest import (
    PASSWORD,
    ROOT,
    Sim,
    add_dossiers,
    assert_province_holds_the_desk,
    outbox_size,
    receive_open,
)


def desk_args(ctx: DeskContext, *args: str) -> list[str]:
    return [sys.executable, "-m", "desk", "--db", str(ctx.db.url), *args]


def desk_env(user: str = "lanhdao", password: str | None = None) -> dict[str, str]:
    """The environment of a run as ``user`` (the demo supervisor by default)."""
    accounts = Path(os.environ["DESK_DATA_DIR"]).parent / "accounts"
    return environment(accounts, user, password)


def desk(ctx: DeskContext, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        desk_args(ctx, *args),
        cwd=ROOT,
        env=desk_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )


def password_file(tmp_path: Path, value: str = PASSWORD) -> str:
    path = tmp_path / "province-password.txt"
    path.write_text(value + "\n", encoding="utf-8")
    return str(path)


def configure(ctx: DeskContext, sim: Sim, tmp_path: Path) -> None:
    result = desk(
        ctx,
        "sync",
        "configure",
        "--server",
        sim.url,
        "--username",
        "motcua",
        "--password-file",
        password_file(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "Đã lưu cấu hình đồng bộ" in result.stdout


def test_configure_then_sync_exits_0_and_prints_the_report(
    ctx: DeskContext, sim: Sim, tmp_path: Path
) -> None:
    add_dossiers(ctx, 12)
    configure(ctx, sim, tmp_path)
    toml = (Path(os.environ["DESK_DATA_DIR"]) / "desk.toml").read_text(encoding="utf-8")
    assert PASSWORD not in toml and "fernet:" in toml
    result = desk(ctx, "sync")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Gửi hồ sơ…" in result.stdout
    assert "Đồng bộ xong, tỉnh đã nhận tất cả." in result.stdout
    assert "Tỉnh đã nhận: 12" in result.stdout
    assert "Còn chờ gửi: 0 hồ sơ" in result.stdout
    assert PASSWORD not in result.stdout + result.stderr
    assert_province_holds_the_desk(ctx, sim)


def test_dry_run_shows_what_would_be_sent_and_sends_nothing(
    ctx: DeskContext, sim: Sim, tmp_path: Path
) -> None:
    add_dossiers(ctx, 5)
    configure(ctx, sim, tmp_path)
    result = desk(ctx, "sync", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Sẽ gửi 5 hồ sơ" in result.stdout
    assert result.stdout.count("phiên bản") == 5
    as_json = desk(ctx, "sync", "--dry-run", "--json", "--limit", "2")
    assert as_json.returncode == 0 and len(as_json.stdout.splitlines()) == 2
    assert '"MaHoSo"' in as_json.stdout
    assert "POST /hoso/dongbo 200" not in sim.stats() and outbox_size(ctx) == 5


def test_items_needing_attention_exit_3_and_can_be_resolved(
    ctx: DeskContext, sim_factory: Callable[..., Sim], tmp_path: Path
) -> None:
    add_dossiers(ctx, 5)
    code = receive_open(ctx, 1)[0]
    sim = sim_factory("--reject-procedure", dossiers.get_dossier(ctx, code).procedure_code)
    result = desk(
        ctx,
        "sync",
        "--server",
        sim.url,
        "--username",
        "motcua",
        "--password-file",
        password_file(tmp_path),
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Mục mới cần xem xét:" in result.stdout and "Bị từ chối:" in result.stdout
    status = desk(ctx, "sync", "status")
    assert status.returncode == 3 and "[Tỉnh từ chối]" in status.stdout
    first = next(line for line in status.stdout.splitlines() if line.strip().startswith("#"))
    item = first.split()[0].lstrip("#")
    unnoted = desk(ctx, "sync", "resolve", item)  # a resolution says what was done
    assert unnoted.returncode == 2 and "Chưa nhập ghi chú xử lý" in unnoted.stderr
    resolved = desk(ctx, "sync", "resolve", item, "--note", "Đã báo tỉnh")
    assert resolved.returncode == 0, resolved.stderr
    assert "Đã báo tỉnh" in resolved.stdout


def test_an_unreachable_province_exits_4_and_loses_nothing(
    ctx: DeskContext, sim: Sim, tmp_path: Path
) -> None:
    add_dossiers(ctx, 3)
    configure(ctx, sim, tmp_path)
    sim.stop()
    result = desk(ctx, "sync")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Không kết nối được máy chủ tỉnh" in result.stdout
    assert outbox_size(ctx) == 3


def test_bad_configuration_exits_2(ctx: DeskContext, sim: Sim, tmp_path: Path) -> None:
    unconfigured = desk(ctx, "sync")
    assert unconfigured.returncode == 2 and "Chưa cấu hình" in unconfigured.stderr
    wrong = desk(
        ctx,
        "sync",
        "--server",
        sim.url,
        "--username",
        "motcua",
        "--password-file",
        password_file(tmp_path, "sai"),
    )
    assert wrong.returncode == 2 and "Sai tài khoản hoặc mật khẩu" in wrong.stdout
    insecure = desk(
        ctx,
        "sync",
        "configure",
        "--server",
        "http://motcua.example.gov.vn",
        "--username",
        "u",
        "--password-file",
        password_file(tmp_path),
    )
    assert insecure.returncode == 2 and "HTTP không mã hóa" in insecure.stderr
    assert "Traceback" not in unconfigured.stderr + wrong.stderr + insecure.stderr


def test_sync_killed_mid_batch_resumes_without_loss_or_doubles(
    ctx: DeskContext, sim: Sim, tmp_path: Path
) -> None:
    add_dossiers(ctx, 60)
    configure(ctx, sim, tmp_path)
    # The fourth batch is stored by the province, whose reply then takes 30 s: the desk is
    # killed while it waits, so it never learns the batch was stored.
    sim.faults(max_batch=10, schedule=["ok", "ok", "ok", "ok", "slow:30"])
    process = subprocess.Popen(
        desk_args(ctx, "sync"),
        cwd=ROOT,
        env=desk_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while sim.stats().get("batch stored", 0) < 4:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert 0 < outbox_size(ctx) < 60
    result = desk(ctx, "sync")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lô gửi lại từ lần trước" in result.stdout
    assert sim.stats()["batch replayed"] == 1
    assert outbox_size(ctx) == 0
    assert_province_holds_the_desk(ctx, sim)  # nothing lost, nothing stored twice


def test_province_sim_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    from tests.sync.conftest import start_sim

    sim = start_sim(tmp_path / "sim", "--latency-ms", "1", "--fail-rate", "0")
    assert sim.admin("GET", "/ping")["error_code"] == 0
    sim.process.send_signal(signal.SIGTERM)
    assert sim.process.wait(timeout=10) == 0
    sim.stop()
    assert (tmp_path / "sim" / "province.sqlite").exists()


def test_ctrl_c_cancels_cleanly_and_the_next_run_finishes(
    ctx: DeskContext, sim_factory: Callable[..., Sim], tmp_path: Path
) -> None:
    add_dossiers(ctx, 20)
    sim = sim_factory("--latency-ms", "200", "--max-batch", "2")
    configure(ctx, sim, tmp_path)
    process = subprocess.Popen(
        desk_args(ctx, "sync"),
        cwd=ROOT,
        env=desk_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while sim.stats().get("batch stored", 0) < 1:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, out + err
    assert "Đã hủy đồng bộ" in out and "Traceback" not in err
    assert 0 < outbox_size(ctx) < 20
    assert desk(ctx, "sync").returncode == 0
    assert_province_holds_the_desk(ctx, sim)


def test_an_unattended_dry_run_needs_only_the_environment(ctx: DeskContext, tmp_path: Path) -> None:
    """The end-of-day job as cron runs it: a supervisor account of its own, its password in
    a file only the desk's OS user reads, no terminal at all (README)."""
    add_dossiers(ctx, 3)
    auth.create_user(ctx, "tonghop", "Đồng bộ cuối ngày", Role.SUPERVISOR, "tong-hop-2026")
    result = subprocess.run(
        desk_args(ctx, "sync", "--dry-run"),
        cwd=ROOT,
        env=desk_env("tonghop", "tong-hop-2026"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # no controlling terminal, as under cron
    )
    assert result.returncode == 0, result.stderr
    assert "Sẽ gửi 3 hồ sơ" in result.stdout
    bare = subprocess.run(
        desk_args(ctx, "sync", "--dry-run"),
        cwd=ROOT,
        env=desk_env("tonghop", "tong-hop-2026") | {"DESK_PASSWORD_FILE": ""},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,
    )
    assert bare.returncode == 2 and "DESK_PASSWORD_FILE" in bare.stderr

"""Setting up the province connection as the window does it (issue 13, item 9), the
simulator's start message, and the note a resolution needs (item 10), in the services."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import certifi
import pytest

from desk.config import config_path
from desk.domain.access import NotAllowed
from desk.domain.calendar import now_in_office
from desk.domain.outbox import AttentionKind
from desk.errors import ConfigurationError, DeskError, InvalidInput
from desk.services import demo
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.store import sync_records
from desk.sync.errors import ProvinceAuthFailed, ProvinceUnreachable
from desk.sync.secrets import Secret
from tests.sync.conftest import PASSWORD, ROOT, USER, Sim


def save(ctx: DeskContext, **changes: object) -> Path:
    values: dict[str, object] = {
        "server": "https://motcua.example.gov.vn/api",
        "username": USER,
        "password": Secret(PASSWORD),
        "ca_bundle": "",
    }
    values.update(changes)
    return sync_service.save_settings(ctx, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "code", "said"),
    [
        ({"server": "ftp://motcua.example.gov.vn"}, "sync.url", "không hợp lệ"),
        ({"server": "motcua.example.gov.vn"}, "sync.url", "không hợp lệ"),
        ({"server": "  "}, "sync.url", "Chưa nhập địa chỉ máy chủ tỉnh"),
        ({"server": "http://10.0.0.5/api"}, "sync.insecure_http", "HTTP không mã hóa"),
        ({"username": ""}, "sync.username", "tài khoản"),
        ({"password": Secret("")}, "sync.password", "mật khẩu"),
        ({"ca_bundle": "/khong/co/tep.pem"}, "sync.ca_bundle", "Không tìm thấy"),
    ],
)
def test_settings_that_break_a_rule_are_refused_and_not_saved(
    ctx: DeskContext, changes: dict[str, object], code: str, said: str
) -> None:
    with pytest.raises(DeskError) as refused:
        save(ctx, **changes)
    assert refused.value.code == code and said in refused.value.message
    assert not config_path().exists() and ctx.config.province.url == ""


def test_a_ca_file_must_be_a_pem_file_of_certificates(ctx: DeskContext, tmp_path: Path) -> None:
    text = tmp_path / "ca.txt"
    text.write_text("Đây là chứng chỉ của tỉnh\n", encoding="utf-8")
    der = tmp_path / "ca.der"
    der.write_bytes(b"\x30\x82\x03\x0c" + bytes(range(256)) * 3)
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nkhông phải base64\n-----END CERTIFICATE-----\n")
    for path in (text, der):
        with pytest.raises(ConfigurationError, match="không phải tệp chứng chỉ PEM") as refused:
            save(ctx, ca_bundle=str(path))
        assert refused.value.code == "sync.ca_not_pem"
    with pytest.raises(ConfigurationError, match="bị hỏng"):
        save(ctx, ca_bundle=str(broken))
    assert not config_path().exists()
    save(ctx, ca_bundle=certifi.where())
    assert ctx.config.province.ca_bundle == certifi.where()


def test_saved_settings_are_used_at_once_and_the_password_kept_when_left_empty(
    ctx: DeskContext,
) -> None:
    path = save(ctx)
    written = tomllib.loads(path.read_text(encoding="utf-8"))["province"]
    assert written["url"] == "https://motcua.example.gov.vn/api"
    assert PASSWORD not in path.read_text(encoding="utf-8")
    # The office's context has them now: no restart.
    settings = sync_service.connection_settings(ctx)
    assert settings.base_url == "https://motcua.example.gov.vn/api"
    assert settings.password.reveal() == PASSWORD
    view = sync_service.current_settings(ctx)
    assert view.has_password and view.username == USER

    save(ctx, server="https://motcua2.example.gov.vn", password=None)  # keeps the password
    assert sync_service.connection_settings(ctx).password.reveal() == PASSWORD
    with pytest.raises(InvalidInput, match="cần nhập mật khẩu của tài khoản mới"):
        save(ctx, username="taikhoankhac", password=None)


def test_only_a_supervisor_or_an_admin_may_set_up_or_try_the_connection(
    ctx: DeskContext,
) -> None:
    ctx.act_as(demo.demo_clerks(ctx)[0])
    with pytest.raises(NotAllowed):
        save(ctx)
    with pytest.raises(NotAllowed):
        sync_service.current_settings(ctx)
    with pytest.raises(NotAllowed):
        sync_service.try_connection(
            ctx, server="http://127.0.0.1:9", username=USER, password=Secret(PASSWORD)
        )
    ctx.act_as(demo.demo_account(ctx, "lanhdao"))
    save(ctx)


def test_trying_the_connection_signs_in_without_saving(ctx: DeskContext, sim: Sim) -> None:
    check = sync_service.try_connection(
        ctx, server=sim.url, username=USER, password=Secret(PASSWORD)
    )
    assert check.server_time and check.server_id
    assert not config_path().exists() and ctx.config.province.url == ""
    with pytest.raises(ProvinceAuthFailed, match="từ chối đăng nhập"):
        sync_service.try_connection(ctx, server=sim.url, username=USER, password=Secret("sai"))
    with pytest.raises(ProvinceUnreachable):
        sync_service.try_connection(
            ctx, server="http://127.0.0.1:9", username=USER, password=Secret(PASSWORD)
        )


def start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], list[str]]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desk",
            "province-sim",
            "--port",
            "0",
            "--data",
            str(tmp_path),
            *args,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(3)]
    return process, lines


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()


def test_the_simulator_says_its_address_account_and_demo_password(tmp_path: Path) -> None:
    process, lines = start(tmp_path / "a")
    try:
        assert re.search(r"https?://127\.0\.0\.1:\d+", lines[0])
        assert "Tài khoản đồng bộ: motcua; mật khẩu: motcua-demo (mật khẩu mẫu)." in lines[1]
        assert "desk sync configure --server http://127.0.0.1:" in lines[2]
    finally:
        stop(process)
    secret = tmp_path / "mat-khau.txt"
    secret.write_text("Bi-mat-cua-tinh\n", encoding="utf-8")
    process, lines = start(tmp_path / "b", "--password-file", str(secret))
    try:
        assert "Bi-mat-cua-tinh" not in "".join(lines) and "motcua-demo" not in "".join(lines)
    finally:
        stop(process)


def test_resolving_an_item_needs_a_note_within_its_limit(ctx: DeskContext) -> None:
    with ctx.db.write() as session:
        item = sync_records.add_attention(
            session,
            kind=AttentionKind.FEED_ILLEGAL,
            dossier_id=None,
            code="000.17.22.H56-261122-0007",
            revision=None,
            reason="Tỉnh gửi trạng thái không hợp lệ",
            detail={},
            now=now_in_office(),
        )
    assert item is not None
    with pytest.raises(InvalidInput, match="Chưa nhập ghi chú xử lý") as refused:
        sync_service.resolve_attention(ctx, item.id)
    assert refused.value.code == "dossier.note.required"
    with pytest.raises(InvalidInput, match=r"tối đa 2\.000 ký tự"):
        sync_service.resolve_attention(ctx, item.id, note="x" * 2001)
    assert [i.id for i in sync_service.attention_items(ctx)] == [item.id]
    done = sync_service.resolve_attention(ctx, item.id, note="  Đã gọi điện cho tỉnh ")
    assert done.resolution == "Đã gọi điện cho tỉnh" and sync_service.attention_items(ctx) == []


def test_the_command_line_says_each_retry_with_its_wait(
    ctx: DeskContext, sim: Sim, tmp_path: Path
) -> None:
    from tests.sync.conftest import add_dossiers
    from tests.sync.test_cli import desk, password_file

    add_dossiers(ctx, 2)
    sim.faults(schedule=["503"])
    result = desk(
        ctx,
        "sync",
        "--server",
        sim.url,
        "--username",
        USER,
        "--password-file",
        password_file(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(
        r"Máy chủ tỉnh chưa nhận \(lỗi 503\): thử lại lần 1/5 sau \d+ giây…", result.stdout
    )


@pytest.mark.parametrize(
    ("problem", "said"),
    [
        ("503", "lỗi 503"),
        ("429", "tỉnh yêu cầu chờ (429)"),
        ("ConnectionError", "mất kết nối"),
        ("ReadTimeout", "quá thời gian chờ"),
        ("ChunkedEncodingError", "kết nối bị cắt giữa chừng"),
    ],
)
def test_a_retry_names_what_failed_in_words(problem: str, said: str) -> None:
    from desk.sync.report import SyncPhase, SyncProgress

    progress = SyncProgress(SyncPhase.PUSH, retry=1, retries=5, wait_s=0.4, problem=problem)
    assert progress.problem_label == said

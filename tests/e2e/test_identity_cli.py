"""Identity on every door of the command line (issue 10, finding 1).

Without an account, the commands that once let anyone at the PC make an admin, replace the
catalogue, change the calendar, change the agency id or close a sync item exit 2 and change
nothing; a clerk is refused admin work; an admin succeeds and the log names the admin.
Sign-in is throttled on the command line as in the window."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, select

from desk.cli import main
from desk.config import DeskConfig
from desk.domain.audit import AuditAction, AuditEntry
from desk.domain.calendar import OFFICE_TZ, now_in_office
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.outbox import AttentionKind
from desk.resources import CATALOGUE_FILE
from desk.services import demo, intake
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import sync_records
from tests.e2e.identity import password_file, sign_in_as
from tests.e2e.test_cli import desk

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)
NEW_AGENCY = "000.17.22.H99"
ADMIN_NAME = "Phạm Ngọc Lan"  # quantri, the demo office's admin


@dataclass
class Office:
    data: Path
    accounts: Path  # where the tests' password files go
    item: int  # an open sync attention item
    code: str  # a dossier's code

    def context(self) -> DeskContext:
        return DeskContext.open(DeskConfig(data_dir=self.data))


def make_office(data: Path, accounts: Path) -> Office:
    """The demo office with two dossiers received and one sync item needing attention."""
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    demo.ensure_demo_office(ctx)
    clerk = demo.demo_account(ctx, "canbo1")
    codes = []
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        request = IntakeRequest(
            "1.004873",
            Person(name, id_number="025190123456", address="Thôn Nam, xã Yên Lạc"),
            documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
        )
        codes.append(str(intake.receive_dossier(ctx, request, clerk, at=MONDAY_9).code))
    with ctx.db.write() as session:
        item = sync_records.add_attention(
            session,
            kind=AttentionKind.FEED_UNKNOWN,
            dossier_id=None,
            code="000.17.22.H56-260101-9999",
            revision=None,
            reason="Tỉnh báo hồ sơ không có ở xã",
            detail={"TrangThaiHoSo": "4"},
            now=now_in_office(),
        )
    assert item is not None
    ctx.close()
    return Office(data, accounts, item.id, codes[0])


@pytest.fixture
def office(tmp_path: Path) -> Office:
    return make_office(Path(os.environ["DESK_DATA_DIR"]), tmp_path / "accounts")


@pytest.fixture(scope="module")
def unchanged_office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    """One office for the tests that prove a command changed nothing (each compares)."""
    root = tmp_path_factory.mktemp("refusals")
    return make_office(root / "data", root / "accounts")


def snapshot(office: Office, *, skip: tuple[str, ...] = ()) -> dict[str, list[Any]]:
    """Every row of every table of the office database (``skip``: tables left out)."""
    url = DeskConfig(data_dir=office.data).effective_database_url
    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return {
                name: sorted(map(repr, connection.execute(select(table))))
                for name, table in metadata.tables.items()
                if name not in skip
            }
    finally:
        engine.dispose()


def log_after(office: Office, seq: int) -> list[AuditEntry]:
    ctx = office.context()
    try:
        with ctx.db.read() as session:
            return list(store_audit.iter_entries(session, after=seq))
    finally:
        ctx.close()


def log_head(office: Office) -> int:
    ctx = office.context()
    try:
        with ctx.db.read() as session:
            return store_audit.head(session)[0]
    finally:
        ctx.close()


def new_password_file(office: Office) -> str:
    return str(password_file(office.accounts, "new-account", "mat-khau-moi-1"))


SETUP = (
    "setup",
    "--agency-id",
    NEW_AGENCY,
    "--agency-name",
    "UBND XÃ YÊN LẠC",
    "--commune",
    "Xã Yên Lạc",
    "--province",
    "Tỉnh Vĩnh Phúc",
    "--place-name",
    "Yên Lạc",
)

# The finding's commands, and the log entry each leaves when an admin runs it.
FINDINGS: list[tuple[tuple[str, ...], AuditAction]] = [
    (("user", "add", "evil", "--name", "Kẻ Lạ", "--role", "admin"), AuditAction.ACCOUNT_CREATED),
    (("catalogue", "import", str(CATALOGUE_FILE)), AuditAction.CATALOGUE_IMPORTED),
    (("calendar", "off", "2026-12-29", "--name", "Nghỉ bù"), AuditAction.CALENDAR_CHANGED),
    ((*SETUP, "--yes"), AuditAction.OFFICE_SET_UP),
    (("sync", "resolve", "{item}", "--note", "Đã báo tỉnh"), AuditAction.ATTENTION_RESOLVED),
]


def command_line(office: Office, args: tuple[str, ...]) -> list[str]:
    values = {"item": office.item, "code": office.code, "out": office.accounts.parent}
    if "{password_file}" in args:
        values["password_file"] = new_password_file(office)
    line = [a.format(**values) for a in args]
    if line[:2] == ["user", "add"]:
        line += ["--password-file", new_password_file(office)]
    return line


@pytest.mark.parametrize(
    "args",
    [
        *[args for args, _ in FINDINGS],
        ("user", "evil", "--role", "admin"),
        ("user", "canbo1", "--disable"),
        ("user", "list"),
        ("show", "{code}"),
        ("search", "Nguyễn Văn An"),
        ("print", "slip", "{code}", "--out", "{out}/slip.pdf"),
    ],
)
def test_without_an_account_the_command_exits_2_and_changes_nothing(
    unchanged_office: Office, args: tuple[str, ...]
) -> None:
    office = unchanged_office
    before = snapshot(office)
    result = desk(*command_line(office, args), data=office.data, user=None)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "DESK_USER" in result.stderr and "--as" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert snapshot(office) == before


@pytest.mark.parametrize(("args", "role"), [(args, "Quản trị") for args, _ in FINDINGS[:2]] + [
    ((*SETUP, "--yes"), "Quản trị"),
    (("user", "canbo2", "--disable"), "Quản trị"),
    (("calendar", "off", "2026-12-29"), "Lãnh đạo"),
    (("sync", "resolve", "{item}"), "Lãnh đạo"),
    (("sync", "configure", "--server", "https://motcua.example.gov.vn", "--username", "motcua",
      "--password-file", "{password_file}"), "Lãnh đạo"),
])  # fmt: skip
def test_a_clerk_is_refused_and_told_which_role_the_work_needs(
    unchanged_office: Office, args: tuple[str, ...], role: str
) -> None:
    office = unchanged_office
    before = snapshot(office, skip=("audit_log",))  # signing in is itself logged
    result = desk(*command_line(office, args), data=office.data, user="canbo1")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "canbo1" in result.stderr and f"cần tài khoản {role}" in result.stderr
    assert snapshot(office, skip=("audit_log",)) == before
    assert not (office.data / "desk.toml").exists()  # nor the province settings


@pytest.mark.parametrize(("args", "action"), FINDINGS)
def test_an_admin_does_it_and_the_log_names_the_admin(
    office: Office, args: tuple[str, ...], action: AuditAction
) -> None:
    seq = log_head(office)
    result = desk(*command_line(office, args), data=office.data, user="quantri")
    assert result.returncode == 0, result.stdout + result.stderr
    entries = [e for e in log_after(office, seq) if e.action == action.value]
    assert entries, [e.action for e in log_after(office, seq)]
    assert {e.actor_name for e in entries} == {ADMIN_NAME}


def test_a_new_agency_id_on_an_office_with_dossiers_needs_confirmation(
    office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unconfirmed = desk(*SETUP, data=office.data, user="quantri")
    assert unconfirmed.returncode == 2
    assert "--confirm" in unconfirmed.stderr and NEW_AGENCY in unconfirmed.stderr
    ctx = office.context()
    assert ctx.office.agency_id != NEW_AGENCY
    ctx.close()
    # At a terminal the admin types the new id again to confirm; a different answer stops.
    sign_in_as(monkeypatch, office.accounts, "quantri")
    monkeypatch.setattr("desk.commands.office.has_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "000.17.22.H98")
    assert main(["--db", _url(office), *SETUP]) == 2
    assert "không khớp" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda prompt: NEW_AGENCY)
    assert main(["--db", _url(office), *SETUP]) == 0
    ctx = office.context()
    assert ctx.office.agency_id == NEW_AGENCY
    ctx.close()


def _url(office: Office) -> str:
    return DeskConfig(data_dir=office.data).effective_database_url


def test_five_wrong_passwords_then_the_right_one_is_refused_with_the_wait(
    office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    show = ["--db", _url(office), "show", office.code]
    for _ in range(5):
        sign_in_as(monkeypatch, office.accounts, "canbo1", "doan-mo-1")
        assert main(show) == 2
        assert "Sai tên đăng nhập hoặc mật khẩu" in capsys.readouterr().err
    sign_in_as(monkeypatch, office.accounts, "canbo1")
    assert main(show) == 2
    said = capsys.readouterr()
    assert "thử lại sau" in said.err and said.out == ""
    # Another account is not held up by the one being guessed at.
    sign_in_as(monkeypatch, office.accounts, "canbo2")
    assert main(show) == 0, capsys.readouterr().err


def test_as_asks_the_password_on_the_terminal_and_never_without_one(
    office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    no_terminal = desk("--as", "lanhdao", "sync", "status", data=office.data, user=None)
    assert no_terminal.returncode == 2 and "DESK_PASSWORD_FILE" in no_terminal.stderr
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return "lanhdao-demo"

    monkeypatch.delenv("DESK_USER", raising=False)
    monkeypatch.delenv("DESK_PASSWORD_FILE", raising=False)
    monkeypatch.setattr("desk.commands.base.has_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", getpass)
    status = main(["--db", _url(office), "sync", "status", "--as", "lanhdao"])
    assert status == 3, capsys.readouterr().err  # 3: the item needs attention
    assert asked == ["Mật khẩu của «lanhdao»: "]
    # DESK_PASSWORD_FILE is DESK_USER's: another account named by --as is asked for.
    sign_in_as(monkeypatch, office.accounts, "canbo1")
    assert main(["--db", _url(office), "--as", "lanhdao", "sync", "status"]) == 3
    assert asked == ["Mật khẩu của «lanhdao»: "] * 2


def test_a_password_file_others_can_read_is_refused(office: Office) -> None:
    identity = password_file(office.accounts, "lanhdao", "lanhdao-demo")
    identity.chmod(0o644)
    env = {"DESK_USER": "lanhdao", "DESK_PASSWORD_FILE": str(identity)}
    result = _run_with(office, env, "sync", "status")
    assert result.returncode == 2 and "chmod 600" in result.stderr


def _run_with(office: Office, env: dict[str, str], *args: str) -> Any:
    import subprocess
    import sys

    from tests.e2e.test_cli import ROOT

    return subprocess.run(
        [sys.executable, "-m", "desk", *args],
        cwd=ROOT,
        env={**os.environ, **env, "DESK_DATA_DIR": str(office.data)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run_as(
    office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Any:
    """``desk ARGS`` in this process (quicker than a process each), signed in as ``user``."""

    def run(user: str, *args: str, password: str | None = None) -> Run:
        sign_in_as(monkeypatch, office.accounts, user, password)
        code = main(["--db", _url(office), *args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_an_admin_lists_resets_disables_and_promotes_accounts(office: Office, run_as: Any) -> None:
    def admin(*args: str) -> Run:
        result = run_as("quantri", *args)
        assert result.code == 0, result.out + result.err
        return result

    listing = admin("user", "list").out.splitlines()
    assert any(line.split()[0] == "lanhdao" and "supervisor" in line for line in listing)
    assert len(listing) == 4 and all("đang dùng" in line for line in listing)

    admin("user", "canbo2", "--reset-password", "--password-file", new_password_file(office))
    old = run_as("canbo2", "show", office.code)
    assert old.code == 2 and "Sai tên đăng nhập hoặc mật khẩu" in old.err
    assert run_as("canbo2", "show", office.code, password="mat-khau-moi-1").code == 0

    admin("user", "canbo1", "--disable")
    refused = run_as("canbo1", "show", office.code)
    assert refused.code == 2 and "khóa" in refused.err
    assert "canbo1" in next(x for x in admin("user", "list").out.splitlines() if "đã khóa" in x)
    admin("user", "canbo1", "--enable")
    assert run_as("canbo1", "show", office.code).code == 0

    assert run_as("canbo1", "calendar", "off", "2026-12-29").code == 2
    admin("user", "canbo1", "--role", "supervisor")
    promoted = run_as("canbo1", "calendar", "off", "2026-12-29")
    assert promoted.code == 0, promoted.err

    # The office is never left without an active admin.
    last = run_as("quantri", "user", "quantri", "--role", "clerk")
    assert last.code == 2 and last.err.startswith("Lỗi:")
    assert "admin" in admin("user", "list").out


def test_desk_password_changes_ones_own_password(office: Office, run_as: Any) -> None:
    changed = run_as("canbo2", "password", "--password-file", new_password_file(office))
    assert changed.code == 0, changed.err
    assert "canbo2" in changed.out
    assert run_as("canbo2", "show", office.code).code == 2
    again = run_as("canbo2", "show", office.code, password="mat-khau-moi-1")
    assert again.code == 0, again.err


def test_the_first_setup_makes_an_admin_and_a_second_one_needs_that_admin(
    tmp_path: Path,
) -> None:
    data = tmp_path / "real"
    no_admin = desk(*SETUP, data=data, user=None)
    assert no_admin.returncode == 2 and "--admin" in no_admin.stderr
    admin_file = password_file(tmp_path / "accounts", "chutich", "chu-tich-2026")
    first = desk(
        *SETUP, "--admin", "chutich", "--admin-name", "Hà Văn Sơn",
        "--admin-password-file", str(admin_file), data=data, user=None,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    second = desk(*SETUP, "--agency-name", "UBND XÃ KHÁC", data=data, user=None)
    assert second.returncode == 2 and "DESK_USER" in second.stderr
    demo_run = desk("demo", "--dossiers", "3", data=data, user=None)
    assert demo_run.returncode == 2 and "Traceback" not in demo_run.stderr
    by_admin = desk(
        *SETUP, "--agency-name", "UBND XÃ KHÁC", data=data, user="chutich", password="chu-tich-2026"
    )
    assert by_admin.returncode == 0, by_admin.stderr
    assert "UBND XÃ KHÁC" in by_admin.stdout


def test_showing_a_dossier_is_logged_in_the_viewers_name(office: Office, run_as: Any) -> None:
    seq = log_head(office)
    shown = run_as("canbo2", "show", office.code)
    assert shown.code == 0 and office.code in shown.out
    viewed = [e for e in log_after(office, seq) if e.action == AuditAction.DOSSIER_VIEWED.value]
    assert [(e.subject, e.actor_name) for e in viewed] == [(office.code, "Trần Văn Đức")]


def test_help_says_how_to_sign_in_and_what_the_exit_codes_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for words in ("DESK_USER", "DESK_PASSWORD_FILE", "--as", "chmod 600", "Mã thoát", "clerk"):
        assert words in text

"""``desk setup --postgres`` and ``desk setup --join``, through the real ``desk`` command on
a PostgreSQL server.

The set-up creates roles and a database, so it needs an administrator's role:
DESK_TEST_POSTGRES_ADMIN_URL (a role with CREATEROLE and CREATEDB, not a superuser, as
.ci/postgres.sh makes it). Without the variable these tests skip locally; in CI they fail.
Each test's roles and database carry a random suffix and are dropped afterwards.
"""

from __future__ import annotations

import stat
import tomllib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ProgrammingError

from tests.e2e.identity import password_file
from tests.e2e.test_cli import desk
from tests.e2e.test_environment_cli import refused
from tests.store.conftest import postgres_admin_url

ADMIN_VARIABLE = "DESK_TEST_POSTGRES_ADMIN_URL"


def without_password(url: URL) -> str:
    return f"postgresql://{url.username}@{url.host}:{url.port or 5432}/{url.database}"


@dataclass(frozen=True)
class Server:
    """The administrator's URL (no password) and its password file, and the names this
    test sets up."""

    admin: str
    admin_password_file: Path
    database: str
    owner: str
    app: str

    def setup_args(self, *extra: str) -> tuple[str, ...]:
        return (
            "setup",
            "--postgres",
            "--pg-admin-url",
            self.admin,
            "--pg-admin-password-file",
            str(self.admin_password_file),
            "--database",
            self.database,
            "--owner-role",
            self.owner,
            "--app-role",
            self.app,
            *extra,
        )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    full = make_url(postgres_admin_url(ADMIN_VARIABLE))
    suffix = uuid.uuid4().hex[:10]
    found = Server(
        admin=without_password(full),
        admin_password_file=password_file(tmp_path / "admin", "pg-admin", full.password or ""),
        database=f"desk_setup_{suffix}",
        owner=f"desk_setup_owner_{suffix}",
        app=f"desk_setup_app_{suffix}",
    )
    try:
        yield found
    finally:
        engine = create_engine(
            full.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
        )
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{found.database}" WITH (FORCE)'))
            for role in (found.app, found.owner):
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        engine.dispose()


def _as_desk(data: Path) -> object:
    """An engine connecting as the desk in ``data`` does: desk.toml's URL, the password
    from the desk's libpq password file."""
    config = tomllib.loads((data / "desk.toml").read_text(encoding="utf-8"))
    url = make_url(config["database_url"]).set(drivername="postgresql+psycopg")
    return create_engine(url, connect_args={"passfile": str(data / "secrets" / "pgpass")})


def _dossier_count(engine: object) -> int:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        return int(connection.execute(text("SELECT count(*) FROM dossiers")).scalar_one())


def _receive_one(data: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One dossier received on the desk in ``data``, as its settings say, in this process."""
    from desk.config import load_config
    from desk.domain.calendar import OFFICE_TZ
    from desk.services import demo, intake
    from desk.services.context import DeskContext
    from tests.conftest import DEMO_NOW

    monkeypatch.setenv("DESK_DATA_DIR", str(data))
    monkeypatch.delenv("DESK_CONFIG_DIR", raising=False)
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    ctx = DeskContext.open(load_config(), create=False)
    try:
        clerk = demo.demo_clerks(ctx)[0]
        request = next(iter(demo.generate(ctx, 1, seed=7, now=DEMO_NOW))).request
        dossier = intake.receive_dossier(ctx, request, clerk, at=DEMO_NOW.astimezone(OFFICE_TZ))
        return str(dossier.code)
    finally:
        ctx.close()


def test_a_fresh_server_then_a_second_desk(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "desk1", tmp_path / "desk2"
    made = desk(*server.setup_args(), data=first, user=None)
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"Đã tạo vai trò chủ sở hữu bảng «{server.owner}»" in made.stdout
    assert f"Đã tạo vai trò của phần mềm «{server.app}»" in made.stdout
    assert f"Đã tạo cơ sở dữ liệu «{server.database}»" in made.stdout
    assert "Văn phòng chưa có thông tin cơ quan" in made.stdout

    # desk.toml names the desk's role without a password; the password is in pgpass, 0600.
    connection_file = first / "secrets" / "office-connection.toml"
    shared = tomllib.loads(connection_file.read_text(encoding="utf-8"))
    password = shared["database_password"]
    assert len(password) >= 32
    toml_text = (first / "desk.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(toml_text)
    assert make_url(settings["database_url"]).username == server.app
    assert make_url(settings["database_url"]).password is None
    assert password not in toml_text
    passfile = first / "secrets" / "pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert stat.S_IMODE(connection_file.stat().st_mode) == 0o600
    assert f":{server.app}:{password}" in passfile.read_text(encoding="utf-8")

    # The desk works as its own role, which cannot erase the log.
    app = _as_desk(first)
    with app.connect() as connection:  # type: ignore[attr-defined]
        assert connection.execute(text("SELECT current_user")).scalar() == server.app
        with pytest.raises(ProgrammingError, match="permission denied"):
            connection.execute(text("TRUNCATE audit_log"))
    made_office = desk("demo", "--dossiers", "2", data=first, user=None)
    assert made_office.returncode == 0, made_office.stderr
    assert _dossier_count(app) == 2

    # A second run changes nothing and says so.
    before = {path: path.read_bytes() for path in (first / "desk.toml", passfile, connection_file)}
    again = desk(*server.setup_args(), data=first, user=None)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Không có gì thay đổi" in again.stdout
    assert "Đã tạo" not in again.stdout
    assert {path: path.read_bytes() for path in before} == before

    # A mistyped password changes no setting of the desk that joins.
    typo = password_file(tmp_path / "typo", "app", password[:-1])
    wrong = desk(
        "setup",
        "--join",
        settings["database_url"],
        "--app-password-file",
        str(typo),
        data=tmp_path / "desk3",
        user=None,
    )
    refused(wrong, f"«{server.app}»", "sai mật khẩu")
    assert not (tmp_path / "desk3" / "desk.toml").exists()

    # A second desk joins from the connection file and receives.
    joined = desk("setup", "--join", str(connection_file), data=second, user=None)
    assert joined.returncode == 0, joined.stdout + joined.stderr
    assert password not in (second / "desk.toml").read_text(encoding="utf-8")
    assert stat.S_IMODE((second / "secrets" / "pgpass").stat().st_mode) == 0o600
    code = _receive_one(second, monkeypatch)
    assert _dossier_count(app) == 3
    with app.connect() as connection:  # type: ignore[attr-defined]
        query = text("SELECT count(*) FROM dossiers WHERE code = :code")
        assert connection.execute(query, {"code": code}).scalar() == 1
    app.dispose()  # type: ignore[attr-defined]


def test_an_existing_desk_role_whose_password_this_desk_does_not_know(
    server: Server, tmp_path: Path
) -> None:
    assert desk(*server.setup_args(), data=tmp_path / "desk1", user=None).returncode == 0
    elsewhere = desk(*server.setup_args(), data=tmp_path / "other", user=None)
    refused(elsewhere, f"«{server.app}» đã có", "--app-password-file", "--reset-passwords")
    # Told the password, the other machine is set up too, without changing the server.
    known = tomllib.loads(
        (tmp_path / "desk1" / "secrets" / "office-connection.toml").read_text(encoding="utf-8")
    )["database_password"]
    given = password_file(tmp_path / "given", "app", known)
    told = desk(
        *server.setup_args("--app-password-file", str(given)), data=tmp_path / "other", user=None
    )
    assert told.returncode == 0, told.stdout + told.stderr
    assert "Đã tạo" not in told.stdout and "Đã đặt mật khẩu mới" not in told.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--postgres",), ["--pg-admin-url"]),
        (
            ("--postgres", "--pg-admin-url", "postgresql://postgres:bi-mat@localhost/postgres"),
            ["Đừng ghi mật khẩu", "ps"],
        ),
        (
            (
                "--postgres",
                "--pg-admin-url",
                "postgresql://x@localhost/postgres",
                "--app-role",
                "Quầy-1",
            ),
            ["«Quầy-1» không dùng được"],
        ),
        (
            (
                "--postgres",
                "--pg-admin-url",
                "postgresql://x@localhost/postgres",
                "--owner-role",
                "desk_app",
            ),
            ["phải khác nhau"],
        ),
        (
            ("--postgres", "--pg-admin-url", "mysql://x@localhost/db"),
            ["không phải địa chỉ PostgreSQL"],
        ),
        (
            (
                "--postgres",
                "--pg-admin-url",
                "postgresql://x@localhost/postgres",
                "--desk-host",
                "192.168.1.10:5432",
            ),
            ["không hợp lệ"],
        ),
        (
            (
                "--postgres",
                "--pg-admin-url",
                "postgresql://x@localhost/postgres",
                "--agency-id",
                "000.00.01.H26",
            ),
            ["thiết lập cơ quan bằng một lệnh desk setup riêng"],
        ),
        (("--join", "postgresql://desk_app:bi-mat@localhost/desk"), ["Đừng ghi mật khẩu"]),
        (("--join", "khong-co-tep.toml"), ["Không đọc được tệp kết nối"]),
        ((), ["thiếu tham số bắt buộc: --agency-id"]),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], words: list[str]
) -> None:
    data = tmp_path / "data"
    refused(desk("setup", *args, data=data, user=None), *words)
    assert not (data / "desk.toml").exists()


def test_an_unreachable_server_is_the_environment_fault(tmp_path: Path) -> None:
    url = "postgresql://postgres@127.0.0.1:1/postgres"
    data = tmp_path / "data"
    result = desk("setup", "--postgres", "--pg-admin-url", url, data=data, user=None)
    refused(result, "Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:1")
    assert not (data / "desk.toml").exists()


def test_a_wrong_administrator_password(tmp_path: Path) -> None:
    url = make_url(postgres_admin_url())
    wrong = password_file(tmp_path / "pw", "admin", "sai-mat-khau")
    data = tmp_path / "data"
    result = desk(
        "setup",
        "--postgres",
        "--pg-admin-url",
        without_password(url),
        "--pg-admin-password-file",
        str(wrong),
        data=data,
        user=None,
    )
    refused(result, f"từ chối vai trò quản trị «{url.username}»", "sai mật khẩu")
    assert not (data / "desk.toml").exists()


def test_new_passwords_and_the_owner_url(server: Server, tmp_path: Path) -> None:
    data = tmp_path / "desk1"
    assert desk(*server.setup_args(), data=data, user=None).returncode == 0
    connection_file = data / "secrets" / "office-connection.toml"
    before = tomllib.loads(connection_file.read_text(encoding="utf-8"))["database_password"]
    reset = desk(*server.setup_args("--reset-passwords", "--save-owner-url"), data=data, user=None)
    assert reset.returncode == 0, reset.stdout + reset.stderr
    assert f"Đã đặt mật khẩu mới cho vai trò «{server.app}»" in reset.stdout
    assert f"Đã đặt mật khẩu mới cho vai trò «{server.owner}»" in reset.stdout
    after = tomllib.loads(connection_file.read_text(encoding="utf-8"))["database_password"]
    assert after != before
    settings = tomllib.loads((data / "desk.toml").read_text(encoding="utf-8"))
    owner_url = make_url(settings["database_owner_url"])
    assert owner_url.username == server.owner and owner_url.password is None
    # This desk connects with the new password (the command checks it), and the owner's
    # password is in its pgpass: the owner's URL works with no password in it.
    owner = create_engine(
        owner_url.set(drivername="postgresql+psycopg"),
        connect_args={"passfile": str(data / "secrets" / "pgpass")},
    )
    with owner.connect() as connection:
        assert connection.execute(text("SELECT current_user")).scalar() == server.owner
    owner.dispose()

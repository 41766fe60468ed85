"""Setting up an office's PostgreSQL server, and joining a desk to it (``desk setup
--postgres`` and ``desk setup --join``).

The server gets two roles, the tables' owner and the desk's own role (see
docs/postgresql.md), a database owned by the owner that only they may connect to, the
schema migrated as the owner and the desk's role granted what it needs. This desk's
desk.toml then names the database as the desk's role, without its password (the password
goes to the libpq password file, ``desk.database_password``), and a connection file is
written for the office's other desks: ``desk setup --join FILE`` there does the same.

Each step reads first whether it is needed: a second run changes nothing and says so.
"""

from __future__ import annotations

import re
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

import tomli_w

from desk.atomic import write_atomically
from desk.config import DeskConfig, load_config, save_config
from desk.database_password import (
    remember_database_password,
    remembered_database_password,
    split_database_password,
)
from desk.errors import DeskError, EnvironmentFault, InvalidInput, WrongPassword

if TYPE_CHECKING:
    from desk.store.office_server import AdminRights, ServerAdmin

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
PASSWORD_MIN_LENGTH = 12
PASSWORD_CHARACTERS = re.compile(r"[!-~]+")  # printable ASCII, no space
CONNECTION_FILE_NAME = "office-connection.toml"
DEFAULT_PORT = 5432


def new_password() -> str:
    """A random password of 32 letters, digits, '-' and '_' (192 bits)."""
    return secrets.token_urlsafe(24)


def check_name(name: str, what: str) -> str:
    if not ROLE_NAME.fullmatch(name):
        raise InvalidInput(
            f"Tên {what} «{name}» không dùng được: chỉ chữ thường không dấu (a–z), số và "
            "dấu gạch dưới, bắt đầu bằng chữ hoặc gạch dưới, tối đa 63 ký tự.",
            code="server.name",
        )
    return name


def check_new_password(password: str, role: str) -> str:
    """A password given for a role this command creates or resets."""
    if len(password) < PASSWORD_MIN_LENGTH or not PASSWORD_CHARACTERS.fullmatch(password):
        raise InvalidInput(
            f"Mật khẩu cho vai trò «{role}» phải dài ít nhất {PASSWORD_MIN_LENGTH} ký tự, chỉ "
            "gồm chữ không dấu, số và ký hiệu (không dấu cách). Bỏ trống để phần mềm tạo "
            "một mật khẩu ngẫu nhiên.",
            code="server.password",
        )
    return password


def check_host(host: str) -> str:
    if not host or any(c in host for c in " /@?#") or host.count(":") == 1:
        raise InvalidInput(
            f"Địa chỉ máy chủ «{host}» không hợp lệ: ghi tên máy hoặc địa chỉ IP mà các "
            "quầy dùng để tới máy chủ, ví dụ 192.168.1.10 hoặc db.xa.local (không kèm cổng).",
            code="server.host",
        )
    return host


def postgresql_url(role: str, host: str, port: int, database: str) -> str:
    """The URL of ``database`` as ``role``, without a password."""
    where = f"[{host}]" if ":" in host else host
    return f"postgresql://{role}@{where}:{port}/{database}"


@dataclass(frozen=True, slots=True)
class ServerRequest:
    """What ``desk setup --postgres`` was asked for."""

    admin_url: str
    admin_password: str | None = None
    database: str = "desk"
    owner_role: str = "desk_owner"
    app_role: str = "desk_app"
    owner_password: str | None = None
    app_password: str | None = None
    desk_host: str | None = None  # the server's address as the desks reach it
    reset_passwords: bool = False
    save_owner_url: bool = False


@dataclass
class SetupReport:
    """What was done (or found already done), one Vietnamese line each."""

    lines: list[str] = field(default_factory=list)
    changed: bool = False
    app_url: str = ""
    app_password: str = ""

    def did(self, line: str) -> None:
        self.lines.append(line)
        self.changed = True

    def found(self, line: str) -> None:
        self.lines.append(line)


def check_request(request: ServerRequest) -> tuple[str, int]:
    """(host, port) the desks reach the server at, after checking the request."""
    check_name(request.database, "cơ sở dữ liệu")
    check_name(request.owner_role, "vai trò chủ sở hữu")
    check_name(request.app_role, "vai trò của phần mềm")
    if request.owner_role == request.app_role:
        raise InvalidInput(
            "Vai trò chủ sở hữu bảng và vai trò của phần mềm phải khác nhau: vai trò của phần "
            "mềm không được xóa hay sửa nhật ký.",
            code="server.name",
        )
    for role, password in (
        (request.owner_role, request.owner_password),
        (request.app_role, request.app_password),
    ):
        if password is not None and request.reset_passwords:
            check_new_password(password, role)
    parts = urlsplit(request.admin_url)
    if parts.scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise InvalidInput(
            f"«{request.admin_url}» không phải địa chỉ PostgreSQL (ví dụ "
            "postgresql://postgres@localhost/postgres).",
            code="server.admin_url",
        )
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise InvalidInput(
            f"Cổng trong «{request.admin_url}» không hợp lệ.", code="server.admin_url"
        ) from None
    host = request.desk_host or parts.hostname or "localhost"
    return check_host(host), port


def set_up_server(request: ServerRequest, config: DeskConfig) -> SetupReport:
    """Create (or find) the roles and the database, migrate as the owner, and point this
    desk at the database as the desk's role (``check_desk_connects`` then says whether it
    connects); raises DeskError on bad input or a server that refuses."""
    from desk.store.migrate import SCHEMA_HEAD
    from desk.store.office_server import ServerAdmin, migrate_as_owner, schema_state

    host, port = check_request(request)
    app_url = postgresql_url(request.app_role, host, port, request.database)
    owner_url = postgresql_url(request.owner_role, host, port, request.database)
    report = SetupReport(app_url=app_url)
    admin = ServerAdmin(request.admin_url, password=request.admin_password)
    try:
        rights = admin.rights()
        passfile = config.database_passfile
        owner_password = _role(
            admin, rights, request, report, owner=True, url=owner_url, passfile=passfile
        )
        app_password = _role(
            admin, rights, request, report, owner=False, url=app_url, passfile=passfile
        )
        _database(admin, rights, request, report)
        office_db = admin.owner_database(request.database, request.owner_role)
        try:
            revision, ready = schema_state(office_db, request.app_role)
            if not ready:
                migrate_as_owner(office_db, request.app_role)
                report.did(_schema_change(revision))
            else:
                report.found(
                    f"Bảng đã ở phiên bản mới nhất ({SCHEMA_HEAD}), quyền của phần mềm đã đủ."
                )
        finally:
            office_db.dispose()
    finally:
        admin.close()
    assert app_password is not None  # _role refuses an app role whose password is unknown
    report.app_password = app_password
    _point_desk(config, report, app_url, app_password)
    if (
        owner_password is not None
        and remembered_database_password(config.database_passfile, owner_url) != owner_password
    ):
        remember_database_password(config.database_passfile, owner_url, owner_password)
        report.did(f"Đã lưu mật khẩu của {request.owner_role} vào {config.database_passfile}.")
    if request.save_owner_url and config.database_owner_url != owner_url:
        config.database_owner_url = owner_url
        path = save_config(config)
        report.did(f"{path}: database_owner_url = {owner_url} (không có mật khẩu).")
    return report


def _schema_change(revision: str | None) -> str:
    from desk.store.migrate import SCHEMA_HEAD

    if revision is None:
        return f"Đã tạo bảng (phiên bản {SCHEMA_HEAD}) và cấp quyền cho vai trò của phần mềm."
    if revision != SCHEMA_HEAD:
        return (
            f"Đã nâng cấp cơ sở dữ liệu từ phiên bản {revision} lên {SCHEMA_HEAD} (bằng vai "
            "trò chủ sở hữu) và cấp quyền cho vai trò của phần mềm."
        )
    return "Đã cấp lại quyền còn thiếu cho vai trò của phần mềm."


def admin_signs_in(admin_url: str, password: str | None) -> None:
    """Connect once as the administrator: WrongPassword (or another environment fault)
    when the server refuses."""
    from desk.store.office_server import ServerAdmin

    admin = ServerAdmin(admin_url, password=password)
    try:
        admin.rights()
    except WrongPassword as refused:
        role = urlsplit(admin_url).username or "(tài khoản máy này)"
        raise WrongPassword(
            f"Máy chủ PostgreSQL từ chối vai trò quản trị «{role}»: sai mật khẩu hoặc không có "
            "vai trò đó. Mật khẩu "
            "của vai trò quản trị: --pg-admin-password-file TỆP, PGPASSWORD, ~/.pgpass, hoặc "
            "nhập trên màn hình; khi chạy bằng tài khoản postgres của máy chủ (xác thực "
            "peer) dùng --pg-admin-url postgresql:///postgres.",
            code=refused.code,
        ) from refused
    finally:
        admin.close()


def _role(
    admin: ServerAdmin,
    rights: AdminRights,
    request: ServerRequest,
    report: SetupReport,
    *,
    owner: bool,
    url: str,
    passfile: Path,
) -> str | None:
    """Create the role (or find it); its password, or None when an existing owner's
    password is not known here (in this desk's ``passfile``, for ``url``)."""
    role = request.owner_role if owner else request.app_role
    given = request.owner_password if owner else request.app_password
    what = "chủ sở hữu bảng" if owner else "của phần mềm"
    if not admin.role_exists(role):
        if not (rights.superuser or rights.create_role):
            raise DeskError(
                f"Vai trò «{rights.name}» không được tạo vai trò (cần siêu người dùng, hoặc "
                "CREATEROLE và CREATEDB): dùng --pg-admin-url của vai trò postgres.",
                code="server.admin_rights",
            )
        password = check_new_password(given, role) if given is not None else new_password()
        admin.create_role(role, password)
        report.did(f"Đã tạo vai trò {what} «{role}».")
        return password
    if not owner and admin.role_is_privileged(role):
        raise DeskError(
            f"Vai trò «{role}» đã có trên máy chủ và có quyền quá rộng (siêu người dùng, hoặc "
            "được tạo vai trò hay cơ sở dữ liệu): phần mềm không chạy bằng vai trò như vậy. "
            "Chọn tên khác bằng --app-role.",
            code="server.app_role",
        )
    if request.reset_passwords:
        password = check_new_password(given, role) if given is not None else new_password()
        admin.set_password(role, password)
        report.did(f"Đã đặt mật khẩu mới cho vai trò «{role}».")
        return password
    report.found(f"Vai trò {what} «{role}» đã có.")
    if given is not None:
        return given
    known = remembered_database_password(passfile, url)
    if known is None and not owner:
        raise InvalidInput(
            f"Vai trò «{role}» đã có trên máy chủ nhưng máy này không biết mật khẩu của nó: "
            "đưa mật khẩu bằng --app-password-file TỆP, hoặc thêm --reset-passwords để đặt "
            "mật khẩu mới (khi đó các quầy đã nối phải chạy lại desk setup --join).",
            code="server.app_password",
        )
    return known


def _database(
    admin: ServerAdmin, rights: AdminRights, request: ServerRequest, report: SetupReport
) -> None:
    name, owner, app = request.database, request.owner_role, request.app_role
    current = admin.database_owner(name)
    if current is None:
        if not (rights.superuser or rights.create_database):
            raise DeskError(
                f"Vai trò «{rights.name}» không được tạo cơ sở dữ liệu (cần CREATEDB).",
                code="server.admin_rights",
            )
        admin.create_database(name, owner)
        report.did(f"Đã tạo cơ sở dữ liệu «{name}» (chủ sở hữu {owner}, UTF-8).")
    elif current != owner:
        raise DeskError(
            f"Máy chủ đã có cơ sở dữ liệu «{name}» của vai trò «{current}», không phải của "
            f"«{owner}»: chọn tên khác bằng --database, hoặc --owner-role {current}.",
            code="server.database_owner",
        )
    else:
        report.found(f"Cơ sở dữ liệu «{name}» đã có.")
    # PUBLIC's right first: while every role may connect, the desk's role seems to.
    if admin.public_may_connect(name):
        admin.revoke_public_connect(name)
        report.did(f"Chỉ {owner} và {app} được kết nối tới «{name}».")
    if not admin.may_connect(app, name):
        admin.grant_connect(app, name)
        report.did(f"Đã cho vai trò «{app}» kết nối tới «{name}».")


def _point_desk(config: DeskConfig, report: SetupReport, url: str, password: str) -> None:
    """This desk's desk.toml names ``url`` (no password); the password goes to the libpq
    password file."""
    if config.database_url != url:
        config.database_url = url
        path = save_config(config)
        report.did(f"{path}: database_url = {url} (không có mật khẩu).")
    else:
        report.found(f"desk.toml đã trỏ tới {url}.")
    passfile = config.database_passfile
    if remembered_database_password(passfile, url) != password:
        remember_database_password(passfile, url, password)
        report.did(f"Đã lưu mật khẩu của phần mềm vào {passfile} (chỉ tài khoản máy này đọc).")


def check_desk_connects(report: SetupReport, config: DeskConfig | None = None) -> bool:
    """Open the office as this desk now would (after ``set_up_server`` or
    ``join_office``), or as ``config`` says: its role connects, and the schema is the
    desk's; whether the office still waits for its first set-up. A server that refuses
    says what to check."""
    from desk.services.context import DeskContext
    from desk.services.setup import needs_first_setup

    try:
        ctx = DeskContext.open(config or load_config(), create=False)
        try:
            return needs_first_setup(ctx)
        finally:
            ctx.close()
    except EnvironmentFault as fault:
        raise type(fault)(
            f"Quầy này chưa kết nối được tới {report.app_url}: {fault.message} Xem "
            "docs/office-server.md, mục «When a desk cannot connect» (listen_addresses, "
            "pg_hba.conf, tường lửa).",
            code=fault.code,
        ) from fault


# --- the connection file, and joining a desk ----------------------------------------------

CONNECTION_FILE_HEADER = """\
# Kết nối tới cơ sở dữ liệu của văn phòng (Commune Desk). Tệp này chứa mật khẩu của phần
# mềm: chép sang từng quầy (USB), chạy «desk setup --join TỆP» trên quầy đó, rồi xóa tệp.
"""


def write_connection_file(path: Path, url: str, password: str) -> bool:
    """Write the file another desk joins with (0600); False when it already says that."""
    if path.exists() and read_connection_file(path) == (url, password):
        return False
    body = tomli_w.dumps({"database_url": url, "database_password": password})
    write_atomically(path, (CONNECTION_FILE_HEADER + body).encode("utf-8"), private=True)
    return True


def read_connection_file(path: Path) -> tuple[str, str]:
    """(URL without password, password) of a connection file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(
            f"Không đọc được tệp kết nối {path}: {exc}.", code="server.connection_file"
        ) from None
    url, password = raw.get("database_url"), raw.get("database_password")
    if not isinstance(url, str) or not isinstance(password, str) or not password:
        raise InvalidInput(
            f"Tệp kết nối {path} thiếu database_url hoặc database_password: dùng tệp do "
            "«desk setup --postgres» tạo ra.",
            code="server.connection_file",
        )
    return split_database_password(url)[0], password


def join_office(config: DeskConfig, url: str, password: str) -> SetupReport:
    """Point this desk at the office database ``url`` (its password kept in the libpq
    password file), once it connects with them; ``check_desk_connects`` then says whether
    it connects as the saved settings say."""
    bare, in_url = split_database_password(url)
    scheme = urlsplit(bare).scheme.split("+")[0]
    if scheme not in ("postgresql", "postgres") or not urlsplit(bare).username:
        raise InvalidInput(
            f"«{bare}» không phải địa chỉ PostgreSQL có tên vai trò (ví dụ "
            "postgresql://desk_app@192.168.1.10:5432/desk).",
            code="server.join_url",
        )
    report = SetupReport(app_url=bare, app_password=in_url or password)
    # Tried first with the password as given: a mistyped one changes no setting.
    parts = urlsplit(bare)
    user, _, where = parts.netloc.rpartition("@")
    secret = quote(report.app_password, safe="")
    trial = urlunsplit(parts._replace(netloc=f"{user}:{secret}@{where}"))
    check_desk_connects(report, DeskConfig(data_dir=config.data_dir, database_url=trial))
    _point_desk(config, report, bare, report.app_password)
    return report

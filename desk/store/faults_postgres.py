"""What a PostgreSQL connection error means for the clerk: libpq's English text (or the
server's SQLSTATE, read in ``faults.fault_for``) mapped to the desk's own environment
faults, each with a Vietnamese message naming the server, the role or the database."""

from __future__ import annotations

import getpass
import os

from desk.errors import CannotConnect, EnvironmentFault, UnknownDatabase, WrongPassword

# libpq's words, by fault (the server's own messages are English unless its lc_messages
# says otherwise; an unrecognised one still says "cannot connect", with the details).
_PG_PASSWORD = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "role ",  # 'role "x" does not exist'
)
_PG_CONNECT = (
    "connection refused",
    "could not translate host name",
    "name or service not known",
    "temporary failure in name resolution",
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "could not connect",
    "connection failed",
    "server closed the connection",
    "is the server running",
    "no pg_hba.conf entry",
    "connection timed out",
)


def _server(host: str | None, port: int | None) -> str:
    return f"{host or 'localhost'}:{port or 5432}"


def connection_fault(
    text: str, *, host: str | None, port: int | None, user: str | None, database: str | None
) -> EnvironmentFault:
    """The fault a PostgreSQL connection error's text (libpq's, English) names."""
    lowered = text.lower()
    server = _server(host, port)
    # Without a user in the URL libpq signs in as PGUSER or the OS account.
    user = user or os.environ.get("PGUSER") or getpass.getuser()
    if "does not exist" in lowered and "database" in lowered:
        return UnknownDatabase(
            f"Máy chủ PostgreSQL {server} không có cơ sở dữ liệu «{database}». Kiểm tra tên "
            "trong database_url; nếu đây là văn phòng mới, nhờ người quản trị máy chủ tạo cơ "
            "sở dữ liệu đó rồi chạy desk setup."
        )
    if any(words in lowered for words in _PG_PASSWORD) and "pg_hba" not in lowered:
        return WrongPassword(
            f"Máy chủ PostgreSQL {server} từ chối đăng nhập của vai trò «{user}»: sai mật khẩu "
            "hoặc không có vai trò đó. Kiểm tra tên và mật khẩu (tệp mật khẩu của phần mềm "
            "trong thư mục dữ liệu, secrets/) hoặc hỏi người quản trị máy chủ."
        )
    if "permission denied for database" in lowered or "connect privilege" in lowered:
        # The server answered and refused this role: desk setup --postgres lets only the
        # desk's role connect (REVOKE CONNECT … FROM PUBLIC).
        return CannotConnect(
            f"Vai trò «{user}» không được phép kết nối cơ sở dữ liệu «{database}» trên máy chủ "
            f"PostgreSQL {server}. Dùng vai trò của phần mềm (desk setup --join với tệp kết "
            "nối của văn phòng) hoặc nhờ người quản trị máy chủ cấp quyền kết nối."
        )
    if "pg_hba" in lowered:
        return CannotConnect(
            f"Máy chủ PostgreSQL {server} không cho máy này kết nối (pg_hba.conf). Nhờ người "
            "quản trị máy chủ cho phép máy này."
        )
    if any(words in lowered for words in _PG_CONNECT):
        return CannotConnect(
            f"Không kết nối được máy chủ cơ sở dữ liệu {server}: máy chủ không trả lời, từ "
            "chối kết nối hoặc không tìm thấy. Kiểm tra máy chủ PostgreSQL đã bật, dây mạng, "
            "và địa chỉ trong database_url."
        )
    detail = " ".join(text.split())[:300]
    return CannotConnect(
        f"Không kết nối được máy chủ cơ sở dữ liệu {server} (chi tiết: {detail}). Kiểm tra "
        "máy chủ PostgreSQL và địa chỉ trong database_url."
    )

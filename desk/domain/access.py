"""Who may do what at the desk: each role's permissions, declared once.

The services ask ``require(user, Permission.…)`` before they read personal data or change
anything, so the window, the command line and any later front get the same answer.
"""

from __future__ import annotations

from enum import Enum

from desk.domain.office import Role, User
from desk.errors import DeskError


class Permission(Enum):
    """One thing a member of staff may be allowed to do; the value is what the user reads
    after "không được phép …"."""

    RECEIVE = "tiếp nhận hồ sơ"
    ADVANCE = "chuyển trạng thái hồ sơ"
    PRINT = "in phiếu, sổ và văn bản"
    HAND_BACK = "trả kết quả"
    SEARCH = "tra cứu hồ sơ"
    SHOW = "xem hồ sơ"
    SYNC = "đồng bộ với hệ thống của tỉnh"
    EXPORT = "xuất dữ liệu hồ sơ"
    CALENDAR = "điều chỉnh lịch làm việc"
    ATTENTION = "xử lý các mục cần xem xét của đồng bộ"
    REPORTS = "xem số liệu và báo cáo"
    BACKUP = "sao lưu dữ liệu"
    AUDIT = "kiểm tra nhật ký"
    ACCOUNTS = "quản lý tài khoản"
    OFFICE = "thiết lập thông tin cơ quan"
    CATALOGUE = "sửa danh mục thủ tục"
    RESTORE = "khôi phục dữ liệu từ bản sao lưu"


_CLERK = frozenset(
    {
        Permission.RECEIVE,
        Permission.ADVANCE,
        Permission.PRINT,
        Permission.HAND_BACK,
        Permission.SEARCH,
        Permission.SHOW,
    }
)
_SUPERVISOR = _CLERK | {
    Permission.SYNC,
    Permission.EXPORT,
    Permission.CALENDAR,
    Permission.ATTENTION,
    Permission.REPORTS,
    Permission.BACKUP,
    Permission.AUDIT,
}
# An admin does all a supervisor does too: a small commune may have one person for both.
_ADMIN = _SUPERVISOR | {
    Permission.ACCOUNTS,
    Permission.OFFICE,
    Permission.CATALOGUE,
    Permission.RESTORE,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: _CLERK,
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.ADMIN: frozenset(_ADMIN),
}


class NotSignedIn(DeskError):
    """No account is acting: the work needs one."""

    code = "access.sign_in"


class NotAllowed(DeskError):
    """The acting account's role does not allow the work."""

    code = "access.denied"


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def least_role(permission: Permission) -> Role:
    """The lowest role allowed ``permission`` (what a refusal tells the user to ask for)."""
    return next(role for role in Role if allows(role, permission))


def require(user: User | None, permission: Permission) -> User:
    """The user, when signed in, active and allowed ``permission``; else the refusal."""
    if user is None:
        raise NotSignedIn(
            f"Việc này ({permission.value}) cần đăng nhập bằng tài khoản của văn phòng."
        )
    if not user.active:
        raise NotAllowed(f"Tài khoản «{user.username}» đã bị khóa.")
    if not allows(user.role, permission):
        raise NotAllowed(
            f"Tài khoản «{user.username}» ({user.role.label}) không được phép "
            f"{permission.value}; việc này cần tài khoản {least_role(permission).label}."
        )
    return user

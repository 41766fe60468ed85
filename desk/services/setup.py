"""Setting up an office: identity, catalogue, the first admin; later changes by an admin.

Each of them is logged in its own transaction: the office's identity (with the agency id
before and after), the catalogue's procedures added, withdrawn or changed, the accounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk.domain.access import NotAllowed, Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.catalogue_file import load_catalogue_file
from desk.domain.office import Office, Role, User
from desk.domain.text import clean
from desk.errors import DeskError
from desk.resources import CATALOGUE_FILE
from desk.services import auth, backup
from desk.services.catalogue import record_catalogue
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import counts as store_counts
from desk.store import office as store_office
from desk.store.backup_crypto import NewKey


@dataclass(frozen=True, slots=True)
class NewAccount:
    """An account created with the office (checked, its password already hashed)."""

    username: str
    full_name: str
    role: Role
    password_hash: str
    title: str = ""

    @classmethod
    def checked(
        cls, username: str, full_name: str, role: Role, password: str, title: str = ""
    ) -> NewAccount:
        return cls(
            auth.check_username(username),
            auth.check_full_name(full_name),
            role,
            auth.hash_password(password),
            clean(title),
        )

    def add(
        self,
        session: store_office.Transaction,
        *,
        now: datetime,
        actor: User | None,
        actor_name: str = "",
    ) -> User:
        """Write this account, logged in the name of ``actor`` or ``actor_name``."""
        return auth.add_account(
            session,
            username=self.username,
            full_name=self.full_name,
            role=self.role,
            password_hash=self.password_hash,
            title=self.title,
            now=now,
            actor=actor,
            actor_name=actor_name,
        )


def office_detail(office: Office) -> dict[str, Any]:
    """The office's identity as its log entry keeps it."""
    return dict(store_office.office_values(office))


def _office_entry(
    session: store_office.Transaction,
    office: Office,
    previous: Office | None,
    *,
    now: datetime,
    actor: User | None,
    actor_name: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    store_audit.append(
        session,
        [
            store_audit.entry(
                AuditAction.OFFICE_SET_UP,
                "office",
                at=now,
                actor=actor,
                actor_name=actor_name,
                detail={
                    "office": office_detail(office),
                    "agency_id": [previous.agency_id if previous else None, office.agency_id],
                    **(detail or {}),
                },
            )
        ],
    )


def create_office(
    ctx: DeskContext,
    office: Office,
    accounts: Sequence[NewAccount],
    *,
    is_demo: bool,
    actor_name: str = "",
    backup_key: NewKey | None = None,
) -> list[User] | None:
    """Write a new office, the shipped catalogue and its accounts in one transaction; None
    when the database already has an office (nothing is written then). Logged in the name
    of ``actor_name`` or, without one, of the first account (the office's first admin).
    ``backup_key`` (``backup.new_backup_key``, sealed with the admin's passphrase before
    the transaction: Argon2 is slow) is stored with the office, so it is backed up from the
    first day."""
    now = now_in_office()
    catalogue = load_catalogue_file(CATALOGUE_FILE)
    with ctx.db.write() as session:
        store_office.lock_office_setup(session)
        previous = store_office.load_office(session)
        if previous is not None and (is_demo or store_office.list_users(session)):
            return None
        # An office without a single account (a first set-up an older desk was killed
        # in) is completed by the next first set-up, or no one could ever sign in to it.
        created: list[User] = []
        for account in accounts:
            # The first admin of a new office creates the others; the demo makes them all.
            first = created[0] if created and not actor_name else None
            created.append(account.add(session, now=now, actor=first, actor_name=actor_name))
        actor = None if actor_name else created[0]
        store_office.save_office(session, office, now, is_demo=is_demo)
        _office_entry(
            session,
            office,
            previous,
            now=now,
            actor=actor,
            actor_name=actor_name,
            detail={"is_demo": is_demo},
        )
        if previous is None or not store_office.load_catalogue(session).procedures:
            record_catalogue(session, catalogue, now, actor=actor, actor_name=actor_name)
        if backup_key is not None:
            backup.store_new_key(session, backup_key, now=now, actor=actor, actor_name=actor_name)
    ctx.forget_cached()
    return created


def needs_first_setup(ctx: DeskContext) -> bool:
    """Whether the database waits for its first set-up: no office, or an office without a
    single account (left by an interrupted set-up of an older desk)."""
    with ctx.db.read() as session:
        if store_office.load_office(session) is None:
            return True
        return not store_office.list_users(session)


def first_setup(
    ctx: DeskContext,
    office: Office,
    *,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
    backup_passphrase: str | None = None,
) -> User:
    """Set up a new office on an empty database: its identity, the shipped catalogue and
    its first admin, who the context then acts for. Needs no account; refused once the
    database has an office (its admin changes it then)."""
    admin = NewAccount.checked(admin_username, admin_full_name, Role.ADMIN, admin_password)
    key = backup.new_backup_key(backup_passphrase) if backup_passphrase is not None else None
    created = create_office(ctx, office, [admin], is_demo=False, backup_key=key)
    if created is None:
        raise NotAllowed(
            "Văn phòng đã được thiết lập. Muốn sửa thông tin cơ quan, hãy dùng tài khoản "
            "quản trị của văn phòng."
        )
    ctx.act_as(created[0])
    return created[0]


def save_office(ctx: DeskContext, office: Office, *, confirm_agency_change: bool = False) -> None:
    """Change the office's identity (admin). A new agency id while dossiers exist needs
    ``confirm_agency_change``: their codes carry the old one, and the province refuses
    codes of another agency."""
    admin = ctx.require(Permission.OFFICE)
    now = now_in_office()
    with ctx.db.write() as session:
        previous = store_office.load_office(session)
        changes_agency = previous is not None and previous.agency_id != office.agency_id
        detail: dict[str, Any] = {}
        if changes_agency and previous is not None:
            count = store_counts.count_dossiers(session)
            if count and not confirm_agency_change:
                raise DeskError(
                    f"Đổi mã định danh cơ quan từ {previous.agency_id} sang {office.agency_id} "
                    f"khi văn phòng đã có {count} hồ sơ. {count} hồ sơ đó giữ nguyên mã cũ "
                    f"(mang mã {previous.agency_id}) — trên giấy tiếp nhận đã in, trang tra "
                    "cứu và sổ theo dõi; chỉ hồ sơ tiếp nhận sau khi đổi mới mang mã "
                    f"{office.agency_id}, đánh số lại từ đầu trong ngày. Từ khi đổi, phần mềm "
                    f"gửi hồ sơ lên tỉnh dưới đơn vị {office.agency_id}, nên hệ thống của tỉnh "
                    "có thể từ chối các hồ sơ mang mã cũ còn chờ gửi hoặc cập nhật. Chỉ đổi khi "
                    "chắc chắn mã cũ sai, và xác nhận việc đổi mã.",
                    code="office.agency_change",
                )
            if count:
                detail = {"confirmed_with_dossiers": count}
        store_office.save_office(session, office, now)
        _office_entry(session, office, previous, now=now, actor=admin, detail=detail)
    ctx.forget_cached()

"""The demo office: realistic dossiers for training, screenshots and benchmarks.

``data`` holds what it is made of, ``generator`` describes each dossier (who, what, when,
and the statuses it went through), ``forms`` fills each procedure's form and makes the
request as the intake window does (its mapping, after its checks), and two writers record
them: the real services for
small runs, and for large runs the bulk path (``bulk``), which writes the same rows
through worker processes in one transaction (COPY on PostgreSQL).
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from desk.domain.calendar import from_office_time, now_in_office, to_office_time
from desk.domain.catalogue_file import load_catalogue_file
from desk.domain.codes import DossierCode
from desk.domain.office import Role, User
from desk.domain.status import Status
from desk.errors import DeskError
from desk.resources import CATALOGUE_FILE
from desk.services import attachments, auth, backup, dossiers, handover, intake, setup
from desk.services.catalogue import record_catalogue
from desk.services.context import DeskContext
from desk.services.demo.bulk import BulkDossierWriter, default_workers
from desk.services.demo.data import (
    DEMO_BACKUP_PASSPHRASE,
    DEMO_OFFICE,
    DEMO_SCAN,
    DEMO_SCAN_NAME,
    DEMO_SCAN_SHA256,
    DEMO_USERS,
)
from desk.services.demo.figures import demo_handover
from desk.services.demo.generator import MIN_DEMO_DAYS, DemoDossier, DemoGenerator
from desk.store import backup as store_backup
from desk.store import dossiers as store_dossiers
from desk.store import office as store_office
from desk.store.backup_crypto import NewKey

__all__ = [
    "BULK_THRESHOLD",
    "DEMO_BACKUP_PASSPHRASE",
    "DEMO_OFFICE",
    "DEMO_USERS",
    "MIN_DEMO_DAYS",
    "DemoDossier",
    "DemoGenerator",
    "add_demo_dossiers",
    "check_demo_office",
    "complete_demo_office",
    "demo_account",
    "demo_clerks",
    "demo_generator",
    "ensure_demo_office",
    "generate",
    "write_through_services",
]

BULK_THRESHOLD = 2000  # from this size, on either engine, the bulk path writes the dossiers
# The bulk path runs the intake window's checks on one demo request in this many (see
# FormFiller): the services' path checks them all, and a test proves both write the same rows.
BULK_CHECK_EVERY = 50


def ensure_demo_office(ctx: DeskContext) -> list[tuple[str, str, str]]:
    """Create the demo office on first use (no account needed: the log names "desk demo"),
    or complete a demo office an older desk left half made. Returns (username, password,
    role) of the accounts made now, to print; nothing when the office was whole."""
    if ctx.has_office:
        return complete_demo_office(ctx)
    accounts = [
        setup.NewAccount.checked(username, full_name, role, password, title)
        for username, full_name, role, title, password in DEMO_USERS
    ]
    created = setup.create_office(
        ctx,
        DEMO_OFFICE,
        accounts,
        is_demo=True,
        actor_name=auth.DEMO_ACTOR,
        backup_key=demo_backup_key(),
    )
    if created is None:  # another desk made the office meanwhile
        return []
    return [(username, password, role.label) for username, _, role, _, password in DEMO_USERS]


def complete_demo_office(ctx: DeskContext) -> list[tuple[str, str, str]]:
    """A demo office without some of its accounts, its catalogue or its backup key gets
    them, in one logged transaction. Older desks wrote the office, the catalogue and each account in
    transactions of their own, so a desk killed during its first start could leave an
    office with no accounts, on which every later ``desk demo`` failed; such an office
    holds nothing anyone made by hand. A real office is left alone. Returns the accounts
    made, as ``ensure_demo_office``."""
    with ctx.db.read() as session:
        if not store_office.office_is_demo(session):
            return []
        present = {user.username for user in store_office.list_users(session)}
        has_catalogue = bool(store_office.load_catalogue(session, include_inactive=True).procedures)
        has_key = store_backup.current_key(session) is not None
    missing = [row for row in DEMO_USERS if row[0] not in present]
    if not missing and has_catalogue and has_key:
        return []
    # Hashing is slow (memory-hard): done before the write lock is taken.
    key = None if has_key else demo_backup_key()
    accounts = [
        setup.NewAccount.checked(username, full_name, role, password, title)
        for username, full_name, role, title, password in missing
    ]
    made = []
    now = now_in_office()
    with ctx.db.write() as session:
        store_office.lock_office_setup(session)
        # Another desk may have completed it meanwhile: look again under the lock.
        present = {user.username for user in store_office.list_users(session)}
        for account, row in zip(accounts, missing, strict=True):
            if account.username in present:
                continue
            account.add(session, now=now, actor=None, actor_name=auth.DEMO_ACTOR)
            made.append((row[0], row[4], row[2].label))
        if not store_office.load_catalogue(session, include_inactive=True).procedures:
            catalogue = load_catalogue_file(CATALOGUE_FILE)
            record_catalogue(session, catalogue, now, actor=None, actor_name=auth.DEMO_ACTOR)
        if key is not None and store_backup.current_key(session) is None:
            backup.store_new_key(session, key, now=now, actor=None, actor_name=auth.DEMO_ACTOR)
    ctx.forget_cached()
    return made


@functools.cache
def demo_backup_key() -> NewKey:
    """The demo offices' backup key, sealed with ``DEMO_BACKUP_PASSPHRASE`` once per
    process: the passphrase is public, and Argon2's cost (about 0.3 s) is paid once, not
    by every demo office a test makes."""
    return backup.new_backup_key(DEMO_BACKUP_PASSPHRASE)


def check_demo_office(ctx: DeskContext) -> None:
    """Made-up dossiers go only into an office ``desk demo`` made: never among real ones."""
    with ctx.db.read() as session:
        is_demo = store_office.office_is_demo(session)
    if not is_demo:
        raise DeskError(
            "Văn phòng này không phải văn phòng mẫu do «desk demo» tạo: không thêm hồ sơ mẫu "
            "vào dữ liệu thật. Dùng một thư mục dữ liệu khác cho văn phòng mẫu.",
            code="demo.real_office",
        )


def demo_clerks(ctx: DeskContext) -> list[User]:
    with ctx.db.read() as session:
        users = store_office.list_users(session)
    clerks = [u for u in users if u.role is Role.CLERK]
    if not users:
        # ensure_demo_office completes a demo office; this is one it could not complete.
        raise DeskError(
            "Văn phòng mẫu chưa có tài khoản nào để ghi hồ sơ mẫu. Chạy «desk demo» không "
            "kèm --dossiers để tạo lại các tài khoản mẫu, hoặc dùng một thư mục dữ liệu mới.",
            code="demo.no_accounts",
        )
    return clerks or users


def demo_account(ctx: DeskContext, username: str) -> User:
    """One of the demo office's accounts (``DEMO_USERS``), by user name."""
    with ctx.db.read() as session:
        users = store_office.list_users(session)
    return next(u for u in users if u.username == username)


def demo_generator(
    ctx: DeskContext,
    count: int,
    *,
    seed: int,
    now: datetime | None = None,
    check_every: int = 1,
    scans: bool = False,
) -> DemoGenerator:
    now = from_office_time(to_office_time(now or now_in_office()))
    procedures = {p.code: p for p in ctx.catalogue()}
    after = {}
    if ctx.has_office:
        with ctx.db.read() as session:  # a second run: a day goes on after its last dossier
            after = store_dossiers.latest_received_by_day(session, ctx.office.agency_id)
    return DemoGenerator(
        ctx.calendar,
        procedures,
        count=count,
        seed=seed,
        now=now,
        check_every=check_every,
        after=after,
        scans=scans,
    )


def generate(
    ctx: DeskContext, count: int, *, seed: int, now: datetime | None = None, scans: bool = False
) -> Iterator[DemoDossier]:
    """The demo's dossiers, not written. With ``scans`` their papers and results may point
    at the demo scan, so it is stored first (a caller may receive them)."""
    if scans:
        store_demo_scan(ctx, demo_clerks(ctx)[0])
    generator = demo_generator(ctx, count, seed=seed, now=now, scans=scans)
    for chunk in generator.chunks:
        yield from generator.dossiers(chunk)


def add_demo_dossiers(
    ctx: DeskContext,
    count: int,
    *,
    seed: int = 1,
    now: datetime | None = None,
    bulk: bool | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    scans: bool = False,
) -> int:
    """Add ``count`` dossiers; returns how many were written. ``workers``: processes that
    prepare the bulk path's rows (default: by machine and size; 0 = none). Refused
    ("demo.real_office") on an office not made by ``desk demo``; the demo's clerks act."""
    check_demo_office(ctx)
    clerks = demo_clerks(ctx)
    if scans:  # stored once, before the bulk path (which does not call ``generate``)
        store_demo_scan(ctx, clerks[0])
    use_bulk = bulk if bulk is not None else count > BULK_THRESHOLD
    if use_bulk:
        generator = demo_generator(
            ctx, count, seed=seed, now=now, check_every=BULK_CHECK_EVERY, scans=scans
        )
        if workers is None:
            workers = default_workers(count)
        return BulkDossierWriter(ctx, clerks).write(generator, workers=workers, progress=progress)
    written = 0
    for demo in generate(ctx, count, seed=seed, now=now, scans=scans):
        write_through_services(ctx, demo, clerks)
        written += 1
        if progress and written % 500 == 0:
            progress(written)
    return written


def write_through_services(ctx: DeskContext, demo: DemoDossier, clerks: list[User]) -> DossierCode:
    clerk = clerks[demo.clerk_index % len(clerks)]
    dossier = intake.receive_dossier(
        ctx, demo.request, clerk, at=demo.received_at, refusal_reason=demo.refusal_reason
    )
    for index, (status, at, note) in enumerate(demo.steps):
        if status is Status.RETURNED:
            handover.hand_back(ctx, str(dossier.code), demo_handover(demo), clerk, at=at)
            continue
        fault_reason = demo.fault_reasons.get(index, "")
        dossiers.change_status(
            ctx, str(dossier.code), status, clerk, note=note, at=at, fault_reason=fault_reason
        )
    return dossier.code


def store_demo_scan(ctx: DeskContext, clerk: User) -> None:
    """The demo's one scan, stored by a demo clerk as any scan is (its papers and results
    point at it)."""
    acting = ctx.user
    ctx.act_as(clerk)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / DEMO_SCAN_NAME
            path.write_bytes(DEMO_SCAN)
            stored = attachments.store_attachment(ctx, path)
    finally:
        ctx.act_as(acting)
    assert stored.sha256 == DEMO_SCAN_SHA256

"""Desks starting at once on a new PostgreSQL database agree on one migration and one
office: the migration and the office's creation each wait on an advisory lock, so the
others find them done (before the office's lock, the losers of the race stopped with
«Tên đăng nhập canbo1 đã có»)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text

from desk.store import migrate
from desk.store.db import Database
from desk.store.migrate import SCHEMA_HEAD
from tests.store.conftest import postgres_roles, postgres_url  # noqa: F401  (fixtures)
from tests.store.test_first_start import (
    ADMIN_PASSWORD,
    AT_ONCE,
    DEMO_USERNAMES,
    DESKS_AT_ONCE,
    FIRST_OPEN,
    GATE,
    SETUP_ARGS,
    _at_once,
)

# A desk's start and nothing more: open the office's database (migrating it, granting the
# desk's role), then close it.
OPEN = "from desk.services.context import DeskContext\n" + GATE + "DeskContext.open().close()\n"


def _assert_one_office(owner_url: str) -> None:
    engine = create_engine(owner_url)
    try:
        with engine.connect() as connection:

            def one(query: str) -> object:
                return connection.execute(text(query)).scalar_one()

            assert one("SELECT version_num FROM alembic_version") == SCHEMA_HEAD
            assert one("SELECT count(*) FROM office") == 1
            users = connection.execute(text("SELECT username FROM users ORDER BY 1")).scalars()
            assert list(users) == DEMO_USERNAMES
            assert one("SELECT count(*) FROM procedures") == 8
            log = {
                str(action): int(count)
                for action, count in connection.execute(
                    text("SELECT action, count(*) FROM audit_log GROUP BY action")
                )
            }
            assert log["office.set_up"] == 1 and log["catalogue.imported"] == 1
            assert log["account.created"] == len(DEMO_USERNAMES)
    finally:
        engine.dispose()


def test_desks_running_the_demo_at_once_on_a_new_database_agree_on_one_office(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    results = _at_once(tmp_path, AT_ONCE, ("demo", "--db", postgres_url), DESKS_AT_ONCE)
    for returncode, _out, err in results:
        assert returncode == 0, err
    assert sum("quantri / quantri-demo" in out for _, out, _ in results) == 1
    _assert_one_office(postgres_url)


def test_desks_opening_at_once_with_their_own_role_agree_on_one_migration_and_office(
    tmp_path: Path,
    postgres_roles: tuple[str, str],  # noqa: F811
) -> None:
    """As an office runs PostgreSQL: the owner migrates (and grants the desk's role what
    it needs), the desk's role makes the office."""
    owner_url, app_url = postgres_roles
    results = _at_once(
        tmp_path,
        FIRST_OPEN,
        (),
        DESKS_AT_ONCE,
        DESK_DATABASE_URL=app_url,
        DESK_DATABASE_OWNER_URL=owner_url,
    )
    for returncode, _out, err in results:
        assert returncode == 0, err
    outcomes = Counter(out.strip() for _, out, _ in results)
    assert outcomes["created"] == 1, outcomes
    _assert_one_office(owner_url)


def test_desks_granting_their_role_at_once_all_start(
    tmp_path: Path,
    postgres_roles: tuple[str, str],  # noqa: F811
) -> None:
    """A schema at its head whose desk role lacks its grants (migrated by the owner
    alone, as a one-role office moving to two roles): every desk starting at once gives
    them, one after another (at the same time, PostgreSQL refused all but one with «tuple
    concurrently updated», a crash)."""
    owner_url, app_url = postgres_roles
    owner = Database(owner_url)
    try:
        migrate.upgrade(owner)
    finally:
        owner.dispose()
    results = _at_once(
        tmp_path,
        OPEN,
        (),
        2 * DESKS_AT_ONCE,
        DESK_DATABASE_URL=app_url,
        DESK_DATABASE_OWNER_URL=owner_url,
    )
    for returncode, _out, err in results:
        assert returncode == 0, err
    # The desk's role has what it needs: it makes the office.
    made = _at_once(
        tmp_path / "later",
        FIRST_OPEN,
        (),
        1,
        DESK_DATABASE_URL=app_url,
        DESK_DATABASE_OWNER_URL=owner_url,
    )
    assert made[0][0] == 0 and made[0][1].strip() == "created", made
    _assert_one_office(owner_url)


def test_set_ups_at_once_on_a_new_database_make_one_office_and_the_others_say_so(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    password = tmp_path / "admin-password"
    password.write_text(f"{ADMIN_PASSWORD}\n", encoding="utf-8")
    password.chmod(0o600)
    argv = (*SETUP_ARGS, "--admin-password-file", str(password), "--db", postgres_url)
    results = _at_once(tmp_path, AT_ONCE, argv, DESKS_AT_ONCE)
    assert Counter(code for code, _, _ in results) == {0: 1, 2: DESKS_AT_ONCE - 1}, results
    for returncode, _out, err in results:
        assert returncode == 0 or "đã được thiết lập" in err, err

"""A safe first start: a desk killed while it makes its office leaves nothing or a whole
office, an office an older desk left half made is completed, and desks starting at once
on a new SQLite file agree on one office.

The kills are aimed by watching the database from outside, as another desk would see it
(no hook in the desk): the file appearing, the migration holding the write lock, the
schema at its head without an office, the office's own transaction holding the lock (and
a few moments into it), the office committed, and a few fractions of a full run.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.domain.calendar import now_in_office
from desk.domain.catalogue_file import load_catalogue_file
from desk.errors import DeskError
from desk.resources import CATALOGUE_FILE
from desk.services import demo
from desk.services.catalogue import record_catalogue
from desk.services.context import DeskContext
from desk.store import office as store_office
from desk.store.migrate import SCHEMA_HEAD

ROOT = Path(__file__).resolve().parents[2]
DEMO_USERNAMES = sorted(row[0] for row in demo.DEMO_USERS)
ADMIN, ADMIN_PASSWORD = "chutich", "chu-tich-2026"
SETUP_ARGS = (
    "setup",
    "--agency-id",
    "000.12.34.H25",
    "--agency-name",
    "UBND XÃ TAM SƠN",
    "--commune",
    "Xã Tam Sơn",
    "--province",
    "Tỉnh Phú Thọ",
    "--place-name",
    "Tam Sơn",
    "--admin",
    ADMIN,
    "--admin-name",
    "Hà Văn Sơn",
)
# Runs the desk's command line once every desk of a test has loaded its code, so that
# their first starts meet at the database instead of being spread by import times.
GATE = (
    "import os, sys, time, pathlib\n"
    "gate = pathlib.Path(sys.argv[1])\n"
    "(gate / f'ready-{os.getpid()}').touch()\n"
    "while not (gate / 'go').exists():\n"
    "    time.sleep(0.001)\n"
)
AT_ONCE = "import sys\nfrom desk.cli import main\n" + GATE + "sys.exit(main(sys.argv[2:]))\n"
# The window's first run (desk.app.open_office, without its window): open the data
# folder's database, creating it, and make the demo office with its dossiers when there is
# none.
WINDOW_FIRST_RUN = (
    "from desk.app import open_office\n"
    "from desk.config import load_config\n"
    + GATE
    + "open_office(load_config(), first_run_allowed=True).close()\n"
)
# The first open of a desk (DeskContext.open creating what is missing), then the demo
# office made unless there is one: prints whether this desk made it.
FIRST_OPEN = (
    "from desk.services import demo\n"
    "from desk.services.context import DeskContext\n"
    + GATE
    + "ctx = DeskContext.open(create=True)\n"
    "if not ctx.has_office:\n"
    "    print('created' if demo.ensure_demo_office(ctx) else 'met')\n"
    "ctx.close()\n"
)


# Two commands of the desk one after the other in one interpreter (each as ``desk …``
# would run it), which spares the kill tests a second start of Python for each check.
THEN = (
    "import sys\n"
    "from desk.cli import main\n"
    "at = sys.argv.index('--then')\n"
    "first = main(sys.argv[1:at])\n"
    "print(f'=== {first}', flush=True)\n"
    "print('===', file=sys.stderr, flush=True)\n"
    "sys.exit(main(sys.argv[at + 1:]))\n"
)


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _desk_then(
    data: Path, first: Sequence[str], second: Sequence[str], **extra: str
) -> tuple[Ran, Ran]:
    """``desk FIRST``, then ``desk SECOND``, on ``data``."""
    done = subprocess.run(
        [sys.executable, "-c", THEN, *first, "--then", *second],
        cwd=ROOT,
        env=_env(data, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    out_first, _, out_second = done.stdout.partition("=== ")
    code, _, out_second = out_second.partition("\n")
    err_first, _, err_second = done.stderr.partition("===\n")
    return Ran(int(code), out_first, err_first), Ran(done.returncode, out_second, err_second)


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DESK_DATABASE_URL", "DESK_USER", "DESK_PASSWORD_FILE")
    }
    return {**env, "DESK_DATA_DIR": str(data), "PYTHONPATH": str(ROOT), **extra}


def _start(data: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=_env(data, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _desk(data: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk", *args],
        cwd=ROOT,
        env=_env(data, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- what another desk sees in the file ------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """The database as a reader sees it: the committed state, nothing in flight."""

    exists: bool
    revision: str | None = None
    rows: dict[str, int] = field(default_factory=dict)  # table → rows, alembic's aside
    users: tuple[str, ...] = ()
    log: tuple[tuple[str, int], ...] = ()  # (action, entries), sorted
    locked: bool = False  # some desk holds the write lock (a write transaction is open)

    @property
    def has_schema(self) -> bool:
        return bool(self.rows) or self.revision is not None

    @property
    def offices(self) -> int:
        return self.rows.get("office", 0)

    @property
    def empty(self) -> bool:
        """Nothing of an office: no file, no tables, or the whole schema with only the
        rows its migrations write."""
        if not self.has_schema:
            return True
        return self.revision == SCHEMA_HEAD and self.rows == _migrated_rows()


@functools.cache
def _migrated_rows() -> dict[str, int]:
    """The rows of a database the desk has just migrated (the migrations' own rows)."""
    with tempfile.TemporaryDirectory() as folder:
        DeskContext.open(DeskConfig(data_dir=Path(folder)), create=True).close()
        return _look(Path(folder) / "office.sqlite").rows


def _look(path: Path, *, probe_lock: bool = False) -> Seen:
    if not path.exists():
        return Seen(exists=False)
    # mode=rw: never create the file the desk is about to create.
    connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=0)
    connection.isolation_level = None
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows = {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in tables
            if name != "alembic_version"
        }
        revision = None
        if "alembic_version" in tables:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
        users: tuple[str, ...] = ()
        log: tuple[tuple[str, int], ...] = ()
        if "users" in tables:
            users = tuple(sorted(u for (u,) in connection.execute("SELECT username FROM users")))
        if "audit_log" in tables:
            log = tuple(
                connection.execute(
                    "SELECT action, count(*) FROM audit_log GROUP BY action ORDER BY action"
                ).fetchall()
            )
        locked = False
        if probe_lock:
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("ROLLBACK")
            except sqlite3.OperationalError as error:
                locked = "locked" in str(error) or "busy" in str(error)
        return Seen(True, revision, rows, users, log, locked)
    except sqlite3.OperationalError as error:
        # The desk making its tables at this instant can hold the schema for a moment.
        if "locked" in str(error) or "busy" in str(error):
            return Seen(True, locked=True)
        raise
    finally:
        connection.close()


def _dossiers(path: Path) -> int:
    """The committed dossiers, looked at again while the file is a moment locked: a look
    never waits (timeout 0), and a reader can be told "locked" while the writer holds the
    file for a moment (seen once in a full run at load ~7: a KeyError on the empty rows)."""
    deadline = time.monotonic() + 30
    while True:
        seen = _look(path)
        if not seen.locked:
            return seen.rows["dossiers"]
        assert time.monotonic() < deadline, "the office stayed locked"
        time.sleep(0.01)


# --- kills -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """When to kill: once ``until`` holds for what the database shows, ``after`` seconds
    later (``probe``: whether to test the write lock, which a probe briefly takes)."""

    name: str
    until: Callable[[Seen], bool]
    after: float = 0.0
    probe: bool = False


def _migrating(seen: Seen) -> bool:
    return seen.exists and seen.locked and seen.revision is None


def _migrated(seen: Seen) -> bool:
    return seen.revision == SCHEMA_HEAD and seen.offices == 0


def _creating(seen: Seen) -> bool:
    return _migrated(seen) and seen.locked


def _moments(
    full_run: float, *, into_office: Sequence[float], of_run: Sequence[float]
) -> list[Moment]:
    return [
        Moment("at launch", lambda seen: True),
        Moment("the file appears", lambda seen: seen.exists),
        Moment("the migration holds the lock", _migrating, probe=True),
        Moment("the schema at head, no office yet", _migrated),
        *(
            Moment(f"{after * 1000:.0f} ms into the office's transaction", _creating, after, True)
            for after in into_office
        ),
        Moment("the office committed", lambda seen: seen.offices > 0),
        *(
            Moment(f"{fraction:.0%} of a full run", lambda seen: True, fraction * full_run)
            for fraction in of_run
        ),
    ]


@dataclass
class Kill:
    moment: str
    alive: bool  # the desk was still running when killed
    seen: Seen


def _kill_at(data: Path, command: Sequence[str], moment: Moment) -> Kill:
    database = data / "office.sqlite"
    process = _start(data, "-m", "desk", *command)
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and not moment.until(_look(database, probe_lock=moment.probe)):
            assert time.monotonic() < deadline, f"{moment.name}: never seen"
            time.sleep(0.002)  # leaves the cores to the desks watched
        if moment.after:
            time.sleep(moment.after)  # the moment's own offset, not a wait for a result
        alive = process.poll() is None
    finally:
        process.kill()
        process.communicate()
    return Kill(moment.name, alive, _look(database))


def _whole_office(data: Path, command: Sequence[str]) -> tuple[Seen, float]:
    """What a first start left alone makes, and how long it took."""
    started = time.monotonic()
    whole = _desk(data, *command)
    full_run = time.monotonic() - started
    assert whole.returncode == 0, whole.stderr
    return _look(data / "office.sqlite"), full_run


def _run_kills(
    tmp_path: Path,
    command: Sequence[str],
    moments: Sequence[Moment],
    check: Callable[[Path, Kill], None],
) -> list[Kill]:
    """Kill ``command`` at every moment, each on a fresh data folder, two at a time; then
    ``check`` what the folder holds and what the next desk does with it."""

    def one(index: int, moment: Moment) -> Kill:
        # A kill aimed inside the office's transaction can land after its commit on a busy
        # machine (in CI all four once did): aimed again, up to three times. Every attempt
        # is checked.
        for attempt in range(3):
            data = tmp_path / f"kill-{index}-{attempt}"
            kill = _kill_at(data, command, moment)
            check(data, kill)
            if moment.until is not _creating or not kill.seen.offices:
                break
        return kill

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(one, range(len(moments)), moments))


def _assert_nothing_or_whole(kill: Kill, whole: Seen) -> None:
    seen = kill.seen
    assert seen.empty or (
        seen.revision == whole.revision
        and seen.rows == whole.rows
        and seen.users == whole.users
        and seen.log == whole.log
    ), f"killed when {kill.moment}: {seen}"


def _assert_kills_spread(kills: list[Kill]) -> None:
    """The moments did fall inside the first start, and both outcomes occurred."""
    assert sum(kill.alive for kill in kills) >= len(kills) - 2, kills
    assert any(kill.alive and kill.seen.empty and kill.seen.has_schema for kill in kills)
    assert any(kill.seen.offices for kill in kills)
    # Killed while the office's transaction held the lock: nothing of the office remains.
    # (A kill aimed there can land after the commit when the machine is busy: one of them
    # must have landed inside.)
    assert any(
        kill.alive and kill.seen.empty and kill.seen.has_schema
        for kill in kills
        if "into the office's transaction" in kill.moment
    ), kills


def test_a_demo_killed_during_its_first_start_leaves_nothing_or_a_whole_office(
    tmp_path: Path,
) -> None:
    whole, full_run = _whole_office(tmp_path / "reference", ("demo",))
    assert whole.users == tuple(DEMO_USERNAMES)

    def check(data: Path, kill: Kill) -> None:
        _assert_nothing_or_whole(kill, whole)
        # The next desk makes (or finds) the office, and then takes dossiers.
        again, more = _desk_then(data, ("demo",), ("demo", "--dossiers", "5"))
        assert again.returncode == 0, again.stderr
        assert ("quantri / quantri-demo" in again.stdout) == (not kill.seen.offices)
        assert more.returncode == 0, more.stderr
        assert "Đã thêm 5 hồ sơ mẫu" in more.stdout
        after = _look(data / "office.sqlite")
        assert after.users == tuple(DEMO_USERNAMES) and after.rows["dossiers"] == 5

    moments = _moments(full_run, into_office=(0, 0.01, 0.03, 0.08), of_run=(0.3, 0.5, 0.75, 0.95))
    assert len(moments) >= 12
    kills = _run_kills(tmp_path / "runs", ("demo",), moments, check)
    _assert_kills_spread(kills)


def test_a_setup_killed_during_the_first_start_leaves_nothing_or_a_whole_office(
    tmp_path: Path,
) -> None:
    password = tmp_path / "admin-password"
    password.write_text(f"{ADMIN_PASSWORD}\n", encoding="utf-8")
    password.chmod(0o600)
    command = (*SETUP_ARGS, "--admin-password-file", str(password))
    whole, full_run = _whole_office(tmp_path / "reference", command)
    assert whole.users == (ADMIN,)

    def check(data: Path, kill: Kill) -> None:
        _assert_nothing_or_whole(kill, whole)
        # The set-up again, then the office's admin signs in.
        again, listing = _desk_then(
            data, command, ("user", "list"), DESK_USER=ADMIN, DESK_PASSWORD_FILE=str(password)
        )
        if kill.seen.offices:
            assert again.returncode == 2 and "đã được thiết lập" in again.stderr
        else:
            assert again.returncode == 0, again.stderr
        assert listing.returncode == 0 and ADMIN in listing.stdout, listing.stderr

    moments = _moments(full_run, into_office=(0, 0.002, 0.005, 0.02), of_run=(0.6, 0.9))
    kills = _run_kills(tmp_path / "runs", command, moments, check)
    _assert_kills_spread(kills)


# --- an office an older desk left half made --------------------------------------------


def _office_without_accounts(data: Path, *, catalogue: bool) -> None:
    """What an older desk left when killed after the office's row (and maybe the
    catalogue) and before the accounts: each was its own transaction then."""
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        now = now_in_office()
        with ctx.db.write() as session:
            store_office.save_office(session, demo.DEMO_OFFICE, now, is_demo=True)
            if catalogue:
                shipped = load_catalogue_file(CATALOGUE_FILE)
                record_catalogue(session, shipped, now, actor=None, actor_name="desk demo")
    finally:
        ctx.close()


@pytest.mark.parametrize("catalogue", [True, False], ids=["with-catalogue", "office-only"])
def test_a_demo_office_left_without_accounts_is_completed(tmp_path: Path, catalogue: bool) -> None:
    data = tmp_path / "data"
    _office_without_accounts(data, catalogue=catalogue)
    # Once, every desk demo here failed with ZeroDivisionError.
    more = _desk(data, "demo", "--dossiers", "5")
    assert more.returncode == 0, more.stderr
    assert "quantri / quantri-demo" in more.stdout and "Đã thêm 5 hồ sơ mẫu" in more.stdout
    assert "Đã hoàn tất văn phòng mẫu" in more.stdout
    seen = _look(data / "office.sqlite")
    assert seen.users == tuple(DEMO_USERNAMES) and seen.rows["dossiers"] == 5
    assert seen.rows["procedures"] == 8
    log = dict(seen.log)
    assert log["account.created"] == len(DEMO_USERNAMES) and log["catalogue.imported"] == 1
    # and the demo's backup key, as a demo office made today has it.
    assert seen.rows["backup_keys"] == 1 and log["backup.key_set"] == 1
    # Whole now: the next run makes nothing more.
    again = _desk(data, "demo")
    assert again.returncode == 0 and "quantri-demo" not in again.stdout
    assert _look(data / "office.sqlite").users == tuple(DEMO_USERNAMES)


def test_a_real_office_without_accounts_is_not_made_a_demo(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        with ctx.db.write() as session:
            real = dataclasses.replace(demo.DEMO_OFFICE, agency_id="000.12.34.H25")
            store_office.save_office(session, real, now_in_office(), is_demo=False)
    finally:
        ctx.close()
    result = _desk(data, "demo", "--dossiers", "5")
    assert result.returncode == 2 and "không phải văn phòng mẫu" in result.stderr
    assert "ZeroDivisionError" not in result.stderr
    assert _look(data / "office.sqlite").users == ()


def test_a_real_office_without_accounts_is_completed_by_its_first_set_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        with ctx.db.write() as session:
            left = dataclasses.replace(demo.DEMO_OFFICE, agency_id="000.12.34.H25")
            store_office.save_office(session, left, now_in_office(), is_demo=False)
    finally:
        ctx.close()
    password = tmp_path / "admin-password"
    password.write_text(f"{ADMIN_PASSWORD}\n", encoding="utf-8")
    password.chmod(0o600)
    # Once «đã được thiết lập»: no admin existed to sign in, and no set-up would make one.
    setup, listing = _desk_then(
        data,
        (*SETUP_ARGS, "--admin-password-file", str(password)),
        ("user", "list"),
        DESK_USER=ADMIN,
        DESK_PASSWORD_FILE=str(password),
    )
    assert setup.returncode == 0, setup.stderr
    assert listing.returncode == 0 and ADMIN in listing.stdout, listing.stderr
    seen = _look(data / "office.sqlite")
    assert seen.offices == 1 and seen.users == (ADMIN,) and seen.rows["procedures"] == 8


# --- desks starting at once ------------------------------------------------------------


def _at_once(
    tmp_path: Path, script: str, argv: Sequence[str], count: int, **extra: str
) -> list[tuple[int, str, str]]:
    """``count`` desks run ``script`` at the same instant (once all have loaded)."""
    gate = tmp_path / "gate"
    gate.mkdir(parents=True)
    processes = [
        _start(tmp_path / f"desk-{i}", "-c", script, str(gate), *argv, **extra)
        for i in range(count)
    ]
    deadline = time.monotonic() + 60
    while len(list(gate.glob("ready-*"))) < count:
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        assert time.monotonic() < deadline, "the desks never got ready"
        time.sleep(0.01)
    (gate / "go").touch()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=180)
        results.append((process.returncode, out, err))
    return results


DESKS_AT_ONCE = 4
WINDOW_DEMO_DOSSIERS = 300  # what the window's first run adds to the demo office it makes


def _assert_one_office(database: Path) -> None:
    seen = _look(database)
    assert seen.revision == SCHEMA_HEAD and seen.offices == 1
    assert seen.users == tuple(DEMO_USERNAMES)
    assert seen.rows["procedures"] == 8
    log = dict(seen.log)
    assert log["office.set_up"] == 1 and log["catalogue.imported"] == 1
    assert log["account.created"] == len(DEMO_USERNAMES)


def test_desks_running_the_demo_at_once_on_a_new_file_agree_on_one_office(
    tmp_path: Path,
) -> None:
    database = tmp_path / "shared" / "office.sqlite"
    results = _at_once(tmp_path, AT_ONCE, ("demo", "--db", str(database)), DESKS_AT_ONCE)
    for returncode, _out, err in results:
        assert returncode == 0, err
        assert "bận" not in err and "locked" not in err
    assert sum("quantri / quantri-demo" in out for _, out, _ in results) == 1
    _assert_one_office(database)


def test_windows_opening_at_once_on_a_new_data_folder_agree_on_one_office(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    results = _at_once(tmp_path, WINDOW_FIRST_RUN, (), DESKS_AT_ONCE, DESK_DATA_DIR=str(shared))
    for returncode, _out, err in results:
        assert returncode == 0, err
    _assert_one_office(shared / "office.sqlite")
    # The demo's dossiers come with the office, once: not once for every window.
    assert _look(shared / "office.sqlite").rows["dossiers"] == WINDOW_DEMO_DOSSIERS


def test_desks_opening_at_once_on_a_new_data_folder_agree_on_one_office(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    results = _at_once(tmp_path, FIRST_OPEN, (), DESKS_AT_ONCE, DESK_DATA_DIR=str(shared))
    for returncode, _out, err in results:
        assert returncode == 0, err
    outcomes = Counter(out.strip() for _, out, _ in results)
    assert outcomes["created"] == 1, outcomes
    _assert_one_office(shared / "office.sqlite")


def test_set_ups_at_once_on_a_new_file_make_one_office_and_the_others_say_so(
    tmp_path: Path,
) -> None:
    database = tmp_path / "shared" / "office.sqlite"
    password = tmp_path / "admin-password"
    password.write_text(f"{ADMIN_PASSWORD}\n", encoding="utf-8")
    password.chmod(0o600)
    argv = (*SETUP_ARGS, "--admin-password-file", str(password), "--db", str(database))
    results = _at_once(tmp_path, AT_ONCE, argv, DESKS_AT_ONCE)
    outcomes = Counter(returncode for returncode, _, _ in results)
    assert outcomes == {0: 1, 2: DESKS_AT_ONCE - 1}, results
    for returncode, _out, err in results:
        assert returncode == 0 or "đã được thiết lập" in err, err
    seen = _look(database)
    assert seen.offices == 1 and seen.users == (ADMIN,)
    assert dict(seen.log)["office.set_up"] == 1


def test_demo_dossiers_without_any_account_are_refused_plainly(tmp_path: Path) -> None:
    """The writers never divide by the number of clerks: with none, a message says what
    to run (ensure_demo_office makes them; this is the path that skips it)."""
    data = tmp_path / "data"
    _office_without_accounts(data, catalogue=True)
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        for bulk in (False, True):
            with pytest.raises(DeskError) as refused:
                demo.add_demo_dossiers(ctx, 5, bulk=bulk, workers=0)
            assert refused.value.code == "demo.no_accounts"
            assert "desk demo" in refused.value.message
    finally:
        ctx.close()


@pytest.mark.parametrize("leftover", ["empty-file", "schema-without-office"])
def test_what_a_killed_first_start_leaves_sends_other_commands_to_setup(
    tmp_path: Path, leftover: str
) -> None:
    """The other commands on what a kill left before the office: the same plain message
    as on no database at all (run desk setup or desk demo), exit 2, not a crash."""
    data = tmp_path / "data"
    if leftover == "empty-file":
        data.mkdir()
        (data / "office.sqlite").touch()
    else:
        DeskContext.open(DeskConfig(data_dir=data), create=True).close()
    password = tmp_path / "password"
    password.write_text("quantri-demo\n", encoding="utf-8")
    password.chmod(0o600)
    listing = _desk(data, "user", "list", DESK_USER="quantri", DESK_PASSWORD_FILE=str(password))
    assert listing.returncode == 2
    assert "desk setup" in listing.stderr and "desk demo" in listing.stderr


def test_a_demo_killed_while_adding_dossiers_leaves_whole_dossiers(tmp_path: Path) -> None:
    """Each demo dossier is written in one transaction: a kill among them leaves the ones
    before it whole (``desk check`` passes), and the next run adds more."""
    data = tmp_path / "data"
    made = _desk(data, "demo")
    assert made.returncode == 0, made.stderr
    database = data / "office.sqlite"
    # Well below the bulk path's threshold (one transaction a dossier), and enough that a
    # busy machine's slow look still comes before the run ends.
    count = demo.BULK_THRESHOLD * 3 // 4
    process = _start(data, "-m", "desk", "demo", "--dossiers", str(count))
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and _dossiers(database) < 10:
            assert time.monotonic() < deadline, "no dossier written"
            time.sleep(0.01)
        assert process.poll() is None, "the run ended before the kill"
    finally:
        process.kill()
        process.communicate()
    written = _dossiers(database)
    assert 10 <= written < count
    password = tmp_path / "password"
    password.write_text("quantri-demo\n", encoding="utf-8")
    password.chmod(0o600)
    more, check = _desk_then(
        data,
        ("demo", "--dossiers", "5"),
        ("check",),
        DESK_USER="quantri",
        DESK_PASSWORD_FILE=str(password),
    )
    assert more.returncode == 0 and "Đã thêm 5 hồ sơ mẫu" in more.stdout, more.stderr
    assert check.returncode == 0, check.stdout + check.stderr
    assert _dossiers(database) == written + 5

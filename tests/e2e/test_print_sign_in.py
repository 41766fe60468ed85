"""`desk print` signs in while it loads: argon2 checks the password file's password in a
thread while SQLAlchemy loads, and the sign-in decides as before (the same refusals, the
same exit codes, no check while a name must wait). The sign-in, the dossier's reads and
the print's log entry run on Core connections: a slip is printed without the ORM."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.domain.audit import AuditAction
from desk.errors import DeskError
from desk.services import auth
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import office as store_office
from tests.e2e.identity import run_as
from tests.e2e.offices import demo_office_with_a_dossier

ROOT = Path(__file__).resolve().parents[2]

# desk.cli.main in a process whose argon2 says, on standard error, each check it makes:
# on which thread, and whether SQLAlchemy's ORM was loaded by then.
WATCHED = """
import json, sys, threading
import argon2
checked = argon2.PasswordHasher.verify
def verify(self, stored_hash, password):
    seen = {"thread": threading.current_thread().name, "orm": "sqlalchemy.orm" in sys.modules}
    print("ARGON2 " + json.dumps(seen), file=sys.stderr, flush=True)
    return checked(self, stored_hash, password)
argon2.PasswordHasher.verify = verify
from desk.cli import main
code = main(sys.argv[1:])
loaded = {"orm": "sqlalchemy.orm" in sys.modules, "models": "desk.store.models" in sys.modules}
print("LOADED " + json.dumps(loaded), file=sys.stderr, flush=True)
sys.exit(code)
"""


@pytest.fixture
def office() -> tuple[Path, str]:
    """A demo office in the test's data folder, and the code of a dossier received there."""
    data = Path(os.environ["DESK_DATA_DIR"])
    return data, demo_office_with_a_dossier(data)


def print_slip(
    data: Path, code: str, out: Path, password: str | None = None
) -> tuple[int, str, list[dict[str, object]]]:
    """``desk print slip`` as canbo1: exit code, standard error, argon2's checks."""
    returncode, errors, checks, _loaded = print_watched(data, code, out, password)
    return returncode, errors, checks


def print_watched(
    data: Path, code: str, out: Path, password: str | None = None
) -> tuple[int, str, list[dict[str, object]], dict[str, bool]]:
    """``print_slip``'s answers, and whether the ORM and the models were loaded at its end."""
    result = run_as(
        ["-c", WATCHED, "print", "slip", code, "--out", str(out)], data, "canbo1", password
    )
    lines = result.stderr.splitlines()
    checks = [
        json.loads(line.removeprefix("ARGON2 ")) for line in lines if line.startswith("ARGON2 ")
    ]
    loaded = [
        json.loads(line.removeprefix("LOADED ")) for line in lines if line.startswith("LOADED ")
    ]
    errors = "\n".join(line for line in lines if not line.startswith(("ARGON2 ", "LOADED ")))
    return result.returncode, errors, checks, loaded[0] if loaded else {}


def test_the_password_is_checked_while_the_office_loads(
    office: tuple[Path, str], tmp_path: Path
) -> None:
    data, code = office
    out = tmp_path / "slip.pdf"
    returncode, errors, checks = print_slip(data, code, out)
    assert returncode == 0, errors
    assert out.read_bytes().startswith(b"%PDF")
    # One check, begun before the ORM loaded, beside the main thread's imports.
    assert checks == [{"thread": "desk-password-check", "orm": False}]


def test_a_wrong_password_is_refused_as_before(office: tuple[Path, str], tmp_path: Path) -> None:
    data, code = office
    out = tmp_path / "slip.pdf"
    returncode, errors, checks = print_slip(data, code, out, password="not-the-password")
    assert returncode == 2
    assert errors == "Lỗi: Sai tên đăng nhập hoặc mật khẩu."
    assert not out.exists()
    assert len(checks) == 1


def test_a_name_that_must_wait_is_not_checked(office: tuple[Path, str], tmp_path: Path) -> None:
    data, code = office
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    for _ in range(auth.FREE_FAILURES + 1):  # the fifth failure in a row sets a wait
        with pytest.raises(DeskError):
            auth.authenticate(ctx, "canbo1", "not-the-password")
    ctx.close()
    out = tmp_path / "slip.pdf"
    returncode, errors, checks = print_slip(data, code, out)  # the right password
    assert returncode == 2
    assert errors.startswith("Lỗi: Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ")
    assert checks == []  # the password is not even checked meanwhile
    assert not out.exists()


def test_a_slip_is_printed_and_logged_without_the_orm(
    office: tuple[Path, str], tmp_path: Path
) -> None:
    data, code = office
    out = tmp_path / "slip.pdf"
    returncode, errors, _checks, loaded = print_watched(data, code, out)
    assert returncode == 0, errors
    assert out.read_bytes().startswith(b"%PDF")
    assert loaded == {"orm": False, "models": False}
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        with ctx.db.read() as session:
            entries = store_audit.recent_entries(session, code, limit=1)
            canbo1 = store_office.get_user(session, "canbo1")
    finally:
        ctx.close()
    assert canbo1 is not None
    [printed] = entries  # the print's own entry, as the ORM's session wrote it before
    assert (printed.action, printed.actor_user_id) == (AuditAction.DOSSIER_PRINTED.value, canbo1.id)
    assert printed.detail == {"form": "slip", "code": code, "copies": 1}

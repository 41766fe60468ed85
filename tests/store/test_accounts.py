"""Staff accounts in the store, on SQLite and PostgreSQL: a taken user name is the store's
own error (a DeskError), never the database driver's."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.domain.office import Role
from desk.errors import AlreadyExists, InvalidInput
from desk.services import auth
from tests.store.conftest import open_office


def test_a_taken_user_name_is_refused_in_vietnamese(any_db_url: str, tmp_path: Path) -> None:
    ctx = open_office(any_db_url, tmp_path / "office")
    try:
        auth.create_user(ctx.db, "canbo9", "Vũ Thị Hà", Role.CLERK, "mat-khau-9")
        with pytest.raises(AlreadyExists, match="«canbo9» đã có") as refused:
            auth.create_user(ctx.db, "CanBo9", "Vũ Văn Hà", Role.CLERK, "mat-khau-9")
        assert isinstance(refused.value, InvalidInput)  # the CLI's "Lỗi: …", exit code 2
        assert refused.value.code == "user.exists"
        # The refused transaction was rolled back; the office goes on.
        assert auth.authenticate(ctx.db, "canbo9", "mat-khau-9").full_name == "Vũ Thị Hà"
    finally:
        ctx.close()

"""A command's own loading done while the account's password is checked
(``open_office(meanwhile=…)``, what ``desk print`` uses): done by the time the command
acts, and never a reason for the sign-in to go otherwise than it would without it."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

import pytest

from desk.commands.base import open_office
from desk.errors import DeskError
from desk.services.context import DeskContext
from tests.e2e.identity import sign_in_as


@pytest.fixture
def office(ctx: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> argparse.Namespace:
    """The arguments of a command run on the demo office of ``ctx``."""
    monkeypatch.setenv("DESK_DATA_DIR", str(ctx.config.data_dir))
    ctx.close()
    return argparse.Namespace()


def test_the_work_runs_on_another_thread_and_is_done_once_signed_in(
    office: argparse.Namespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in_as(monkeypatch, tmp_path / "accounts", "canbo1")
    ran_on: list[int] = []
    with open_office(office, meanwhile=lambda: ran_on.append(threading.get_ident())) as ctx:
        assert ctx.user is not None and ctx.user.username == "canbo1"
        assert len(ran_on) == 1
        assert ran_on[0] != threading.get_ident()


def test_work_that_fails_leaves_the_sign_in_as_it_is(
    office: argparse.Namespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in_as(monkeypatch, tmp_path / "accounts", "canbo1")

    def fails() -> None:
        raise ImportError("no such module")

    with open_office(office, meanwhile=fails) as ctx:
        assert ctx.user is not None and ctx.user.username == "canbo1"


def test_a_wrong_password_is_refused_as_before_and_the_work_is_not_left_running(
    office: argparse.Namespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in_as(monkeypatch, tmp_path / "accounts", "canbo1", "not-the-password")
    finished: list[bool] = []
    with (
        pytest.raises(DeskError) as refused,
        open_office(office, meanwhile=lambda: finished.append(True)),
    ):
        pytest.fail("signed in with a wrong password")
    assert refused.value.code == "auth.failed"
    assert finished == [True]

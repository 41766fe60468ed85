"""A short command loads without the cyclic garbage collector and gives it back as it was
(``desk.commands.base.collector_paused_while_loading``): a test process runs many
commands, and the window's process must keep collecting."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desk.commands.base import collector_paused_while_loading


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_off_while_loading_then_on_with_what_was_loaded_frozen_until_the_end() -> None:
    gc.enable()
    with collector_paused_while_loading() as loaded:
        assert not gc.isenabled()
        loaded()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_on_again_when_the_command_fails_before_it_has_loaded() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused_while_loading():
        raise RuntimeError("sign-in refused")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collector_paused_while_loading() as loaded:
        loaded()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_export_runs_collecting_only_what_it_makes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # ``desk export`` makes rows and items by the hundred thousand: the collector is on
    # for them, and what was loaded before is frozen out of its walks.
    from desk.commands import export as export_command
    from desk.services import export

    seen: list[tuple[bool, int]] = []

    @contextmanager
    def office(args: argparse.Namespace) -> Iterator[object]:
        assert not gc.isenabled()  # opened and signed in with the collector off
        yield object()

    def export_jsonl(ctx: object, out: Path, *, since: object = None) -> int:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return 0

    monkeypatch.setattr(export_command, "open_office", office)
    monkeypatch.setattr(export, "export_jsonl", export_jsonl)
    gc.enable()
    args = argparse.Namespace(out=str(tmp_path / "handover.jsonl"), since=None)
    assert export_command.cmd_export(args) == 0
    [(enabled, frozen)] = seen
    assert enabled and frozen > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0

"""A short command loads without the cyclic garbage collector and gives it back as it was
(``desk.commands.base.collector_paused_while_loading``): a test process runs many
commands, and the window's process must keep collecting."""

from __future__ import annotations

import gc
from collections.abc import Iterator

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

"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.services import demo
from desk.services.context import DeskContext

# A fixed "now" for generated data: Friday 20/11/2026, late afternoon.
DEMO_NOW = datetime(2026, 11, 20, 16, 0, tzinfo=OFFICE_TZ)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def _collected_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test with Qt runs under the desk's own collector policy: every collection on the
    GUI thread (``desk.ui.collector``), and what the test left collected there when it
    ends. A cycle holding a Qt wrapper freed on a pool thread crashes the process, the
    later test's as well as the desk."""
    uses_qt = {"qtbot", "qapp"} & set(request.fixturenames)
    if not uses_qt or request.node.get_closest_marker("own_collector"):
        yield
        return
    from desk.ui.collector import GuiThreadCollector

    request.getfixturevalue("qapp")
    collector = GuiThreadCollector()
    yield
    gc.collect()  # after qtbot closed the test's widgets (set up later, torn down first)
    collector.give_back()


@pytest.fixture(scope="session")
def _demo_office_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office made once per test process: the migrations and the accounts'
    argon2 hashes cost a second or more, paid by hundreds of tests otherwise."""
    folder = tmp_path_factory.mktemp("demo-office") / "office"
    context = DeskContext.open(DeskConfig(data_dir=folder))
    demo.ensure_demo_office(context)
    context.close()  # the WAL folded in: the folder is one whole office
    return folder


@pytest.fixture
def ctx(tmp_path: Path, _demo_office_folder: Path):
    """A fresh demo office (identity, catalogue, users) on its own SQLite file (a copy of
    the process's demo office), acting for its admin (who may do everything); a test of a
    refusal acts for another account."""
    shutil.copytree(_demo_office_folder, tmp_path / "office")
    context = DeskContext.open(DeskConfig(data_dir=tmp_path / "office"))
    context.act_as(demo.demo_account(context, "quantri"))
    yield context
    context.close()


@pytest.fixture
def clerk(ctx):
    return demo.demo_clerks(ctx)[0]


@pytest.fixture
def ready(ctx, clerk) -> str:
    """A birth registration of the demo whose result is ready to hand back."""
    from desk.domain.status import Status
    from desk.services import dossiers, intake

    for generated in demo.generate(ctx, 20, seed=11):
        if generated.request.procedure_code == "1.001193":
            code = str(intake.receive_dossier(ctx, generated.request, clerk).code)
            dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
            dossiers.change_status(ctx, code, Status.RESULT_READY, clerk)
            return code
    raise AssertionError("no birth registration in the demo sample")

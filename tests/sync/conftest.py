"""The province simulator in a subprocess, and helpers to compare it with the desk."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from desk.services import demo
from desk.services.context import DeskContext
from desk.store import counts as store_counts
from desk.store import dossiers as store_dossiers
from desk.sync.connection import ConnectionSettings, RetryPolicy
from desk.sync.items import dossier_item
from desk.sync.secrets import Secret
from desk.sync.simulator import item_hash
from tests.store.conftest import any_db_url, postgres_url  # noqa: F401  (shared fixtures)

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "motcua", "motcua-demo"
# Retries that keep their shape (exponential, jitter, bounded) but take milliseconds.
FAST = RetryPolicy(
    attempts=6, base_delay_s=0.01, max_delay_s=0.05, max_retry_after_s=0.5, budget_s=10
)


@dataclass
class Sim:
    """A running ``desk province-sim`` process and its admin endpoints."""

    process: subprocess.Popen[str]
    url: str
    data: Path

    def admin(self, method: str, path: str, payload: Any = None) -> dict[str, Any]:
        response = requests.request(method, self.url + path, json=payload, timeout=10)
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    def faults(self, **changes: Any) -> dict[str, Any]:
        faults: dict[str, Any] = self.admin("POST", "/_admin/faults", changes)["faults"]
        return faults

    def add_changes(self, *changes: dict[str, Any]) -> None:
        self.admin("POST", "/_admin/changes", {"changes": list(changes)})

    def put_dossiers(self, *items: dict[str, Any]) -> None:
        self.admin("POST", "/_admin/dossiers", {"data": list(items)})

    def latest(self) -> dict[str, dict[str, Any]]:
        dossiers: dict[str, dict[str, Any]] = self.admin("GET", "/_admin/dossiers")["dossiers"]
        return dossiers

    def log(self) -> list[tuple[str, int, str]]:
        return [(str(c), int(r), str(h)) for c, r, h in self.admin("GET", "/_admin/log")["log"]]

    def stats(self) -> dict[str, int]:
        stats: dict[str, int] = self.admin("GET", "/_admin/stats")["stats"]
        return stats

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_sim(data: Path, *args: str) -> Sim:
    process = subprocess.Popen(
        [sys.executable, "-m", "desk", "province-sim", "--port", "0", "--data", str(data), *args],
        cwd=ROOT,
        env={**os.environ},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"(https?://127\.0\.0\.1:\d+)", line)
    if match is None:
        process.kill()
        process.wait()
        raise AssertionError(f"the simulator did not start: {line!r}")
    return Sim(process, match.group(1), data)


@pytest.fixture
def sim_factory(tmp_path: Path) -> Iterator[Callable[..., Sim]]:
    started: list[Sim] = []

    def make(*args: str, name: str = "province") -> Sim:
        sim = start_sim(tmp_path / name, *args)
        started.append(sim)
        return sim

    yield make
    for sim in started:
        sim.stop()


@pytest.fixture
def sim(sim_factory: Callable[..., Sim]) -> Sim:
    return sim_factory()


def settings_for(ctx: DeskContext, sim: Sim, **changes: Any) -> ConnectionSettings:
    values: dict[str, Any] = {
        "base_url": sim.url,
        "agency_id": ctx.office.agency_id,
        "username": USER,
        "password": Secret(PASSWORD),
        "connect_timeout_s": 2.0,
        "read_timeout_s": 2.0,
    }
    values.update(changes)
    return ConnectionSettings(**values)


def add_dossiers(ctx: DeskContext, count: int, *, seed: int = 3) -> None:
    demo.add_demo_dossiers(ctx, count, seed=seed, bulk=False)


def desk_state(ctx: DeskContext) -> dict[str, tuple[int, str]]:
    """{code: (revision, hash of the item the province should hold)}."""
    with ctx.db.read() as session:
        return {
            str(d.code): (d.revision, item_hash(dossier_item(d)))
            for d in store_dossiers.iter_dossiers(session)
        }


def outbox_size(ctx: DeskContext) -> int:
    with ctx.db.read() as session:
        return store_counts.count_outbox(session)


def assert_province_holds_the_desk(ctx: DeskContext, sim: Sim) -> None:
    """The guarantees, checked on the province's own store: the latest revision of every
    dossier with identical content, each revision stored once, never lower after higher."""
    state = desk_state(ctx)
    latest = sim.latest()
    assert {code: (v["PhienBan"], v["hash"]) for code, v in latest.items()} == state
    log = sim.log()
    pairs = [(code, revision) for code, revision, _ in log]
    assert len(pairs) == len(set(pairs)), "a revision was stored twice"
    highest: dict[str, int] = {}
    for code, revision, _ in log:
        assert revision > highest.get(code, 0), f"{code}: {revision} after {highest[code]}"
        highest[code] = revision


def receive_open(ctx: DeskContext, count: int, *, seed: int = 11) -> list[str]:
    """Dossiers received now (status 2): open, so they can still change."""
    from desk.domain.calendar import now_in_office
    from desk.services import intake

    clerk = demo.demo_clerks(ctx)[0]
    return [
        str(intake.receive_dossier(ctx, d.request, clerk, at=now_in_office()).code)
        for d in demo.generate(ctx, count, seed=seed)
    ]

"""The demo shows a few dossiers flagged with the office's fault (DOMAIN §2): asked for
papers a second time, with the reason the path limits ask for, on both demo paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.domain.figures import Period
from desk.domain.path_limits import FaultKind
from desk.services import demo
from desk.services.context import DeskContext
from desk.services.demo.data import SECOND_SUPPLEMENT_FAULT
from desk.services.figures import period_figures
from desk.store import dossiers as store_dossiers
from tests.conftest import DEMO_NOW


@pytest.mark.parametrize(("bulk", "count"), [(True, 600), (False, 120)])
def test_the_demo_flags_a_few_second_supplement_requests(
    tmp_path: Path, bulk: bool, count: int
) -> None:
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path))
    try:
        demo.ensure_demo_office(ctx)
        ctx.act_as(demo.demo_account(ctx, "quantri"))
        planned = [d for d in demo.generate(ctx, count, seed=7, now=DEMO_NOW) if d.fault_reasons]
        assert planned, "the sample must hold a flagged dossier"
        demo.add_demo_dossiers(ctx, count, seed=7, now=DEMO_NOW, bulk=bulk)
        with ctx.db.read() as session:
            flagged = [d for d in store_dossiers.iter_dossiers(session) if d.office_faults()]
        assert len(flagged) == len(planned)
        for dossier in flagged:
            (fault,) = dossier.office_faults()
            assert fault.kind is FaultKind.EXTRA_SUPPLEMENT_REQUEST
            assert fault.reason == SECOND_SUPPLEMENT_FAULT
        first = min(d.received_at for d in flagged).date()
        figures = period_figures(ctx, Period(first, DEMO_NOW.date()), now=DEMO_NOW)
        assert figures.faults[FaultKind.EXTRA_SUPPLEMENT_REQUEST] == len(flagged)
    finally:
        ctx.close()

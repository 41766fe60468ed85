"""The demo's dossiers follow the due-time rule the desk records: a same-day dossier that
waited for papers is due at closing time (never 09:06 or 15:52), and what it records is
what it is judged by."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from sqlalchemy import text

from desk.config import DeskConfig
from desk.domain.calendar import to_office_time
from desk.domain.dossier import DueChangeKind
from desk.services import demo, dossiers
from desk.services.context import DeskContext
from tests.conftest import DEMO_NOW


def test_paused_same_day_demo_dossiers_are_due_at_closing_time(tmp_path: Path) -> None:
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "office"))
    try:
        demo.ensure_demo_office(ctx)
        ctx.act_as(demo.demo_account(ctx, "quantri"))
        demo.add_demo_dossiers(ctx, 3000, seed=1, now=DEMO_NOW, bulk=True, workers=0)
        same_day = {p.code for p in ctx.catalogue() if p.processing.same_day_only}
        with ctx.db.read() as session:
            codes = session.scalars(
                text(
                    "SELECT DISTINCT d.code FROM dossiers d JOIN status_events e"
                    " ON e.dossier_id = d.id WHERE e.from_status = 5 ORDER BY d.code"
                )
            ).all()
        checked = 0
        for code in codes:
            dossier = dossiers.get_dossier(ctx, code)
            history = dossier.due_history()
            assert history[0].kind is DueChangeKind.INTAKE, code
            assert [c for c in history if c.kind.is_legal][-1].due_at == dossier.due_at, code
            if dossier.procedure_code in same_day and not dossier.needs_checks:
                assert to_office_time(dossier.due_at).time() == time(17, 0), code
                assert history[-1].kind is DueChangeKind.SAME_DAY, code
                checked += 1
        assert checked >= 5, "the demo has same-day dossiers that waited for papers"
    finally:
        ctx.close()

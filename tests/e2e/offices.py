"""Offices the command-line tests work on."""

from __future__ import annotations

from pathlib import Path

from desk.config import DeskConfig
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.services import demo, intake
from desk.services.context import DeskContext


def demo_office_with_a_dossier(data: Path) -> str:
    """A demo office in ``data`` (made if absent); the code of a dossier received there."""
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        demo.ensure_demo_office(ctx)
        request = IntakeRequest(
            "1.004873",
            Person("Nguyễn Thị Hồng Nhung", id_number="025190123456", address="Thôn Nam"),
            documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
        )
        return str(intake.receive_dossier(ctx, request, demo.demo_clerks(ctx)[0]).code)
    finally:
        ctx.close()

"""Handing a result back (the rules and the record are in ``desk.domain.handover``) and
the line of the tracking book the collector signs. Both the record and the events are
written in the transaction that marks the dossier returned. The result's scan, when the
clerk attaches one, is stored first (as intake stores document scans: checked, kept once by
content) and the record names it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from desk.domain import handover as handback_rules
from desk.domain.access import Permission, require
from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.codes import typed_code
from desk.domain.dossier import Actor, Dossier
from desk.domain.handover import (
    FORM_DATA_KEY,
    Handover,
    Satisfaction,
    check_handover,
    clerk_name_of,
    collected_by,
    result_scan_of,
    satisfaction_of,
)
from desk.domain.office import User
from desk.services.attachments import store_attachment
from desk.services.context import DeskContext
from desk.services.dossiers import get_dossier, log_print
from desk.services.print_forms import print_entry
from desk.store import dossiers as store_dossiers

__all__ = [
    "FORM_DATA_KEY",
    "Handover",
    "Satisfaction",
    "check_handover",
    "clerk_name_of",
    "collected_by",
    "hand_back",
    "render_handover_line",
    "result_scan_of",
    "satisfaction_of",
]


def hand_back(
    ctx: DeskContext,
    code: str,
    handover: Handover,
    clerk: User,
    *,
    same_day: bool = False,
    at: datetime | None = None,
    result_scan: Path | None = None,
) -> Dossier:
    """Mark the dossier returned with who collected it and the rating, in one transaction
    (``same_day``: the "5 tại chỗ" path, see ``desk.domain.handover.hand_back``).
    ``result_scan``: the scan of the result (PDF, JPEG, PNG), stored before the transaction
    with the checks of any scan (``store_attachment``: a bad file is refused, nothing is
    marked returned); the record keeps its SHA-256."""
    require(clerk, Permission.HAND_BACK)
    handover = check_handover(handover)
    if result_scan is not None:
        stored = store_attachment(ctx, Path(result_scan), now=at)
        handover = replace(handover, result_sha256=stored.sha256)
    at = at or now_in_office()
    with ctx.db.write() as session:
        dossier = store_dossiers.lock_dossier(session, typed_code(code))
        events = handback_rules.hand_back(
            dossier, ctx.calendar, handover, at=at, clerk=Actor.staff(clerk), same_day=same_day
        )
        store_dossiers.save_change(session, dossier, events, at)
    return dossier


def render_handover_line(ctx: DeskContext, code: str) -> bytes:
    """The dossier's line of the tracking book (form 07), for the collector to sign; its
    note column says who collected the result."""
    from desk.printing import render_book  # reportlab: loaded when first printing

    user = ctx.require(Permission.PRINT)
    dossier = get_dossier(ctx, code)
    who = collected_by(dossier)
    shown = replace(dossier, note="; ".join(p for p in (who, dossier.note) if p))
    day = to_office_time(dossier.received_at).date()
    pdf = render_book(
        ctx.office,
        [shown],
        day,
        template_set=ctx.config.template_set,
        prepared_by=clerk_name_of(dossier),
    )
    log_print(ctx, print_entry(user, "book_line", str(dossier.code)))
    return pdf

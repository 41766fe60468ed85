"""The columns a dossier's row keeps for the supervisor's figures (schema 0009), written
again from what the dossiers hold: the upgrade that added them fills them so. Every
change writes them anyway (``desk.store.rows.dossier_state_row``)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import BigInteger, Boolean, Connection, String, bindparam, select, update
from sqlalchemy.orm import Session

from desk.domain.figures import figure_facts
from desk.store.dossiers import load_dossiers
from desk.store.tables import DOSSIERS

BATCH = 500  # dossiers loaded per round of queries (SQLite's bound parameters)
_TABLE = DOSSIERS
_WRITE_FACTS = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"))
    .values(
        timeliness=bindparam("timeliness", type_=String),
        office_fault=bindparam("office_fault", type_=Boolean),
        satisfaction=bindparam("satisfaction", type_=String),
        documents_scanned=bindparam("documents_scanned", type_=Boolean),
        result_scanned=bindparam("result_scanned", type_=Boolean),
        fees_cash=bindparam("fees_cash", type_=BigInteger),
        fees_transfer=bindparam("fees_transfer", type_=BigInteger),
    )
)


def refresh_figure_columns(connection: Connection, dossier_ids: Iterable[int] | None = None) -> int:
    """Write the figures' columns of these dossiers (all when None) from what they hold:
    the schema upgrade that added the columns fills them so. Returns how many were
    written."""
    session = Session(bind=connection)
    if dossier_ids is None:
        ids = list(session.scalars(select(_TABLE.c.id).order_by(_TABLE.c.id)))
    else:
        ids = list(dossier_ids)
    written = 0
    for first in range(0, len(ids), BATCH):
        rows = []
        for dossier in load_dossiers(session, ids[first : first + BATCH]):
            facts = figure_facts(dossier)
            rows.append(
                {
                    "row_id": dossier.id,
                    "timeliness": facts.timeliness,
                    "office_fault": facts.office_fault,
                    "satisfaction": facts.satisfaction,
                    "documents_scanned": facts.documents_scanned,
                    "result_scanned": facts.result_scanned,
                    "fees_cash": facts.fees_cash,
                    "fees_transfer": facts.fees_transfer,
                }
            )
        if rows:
            connection.execute(_WRITE_FACTS, rows)
            written += len(rows)
    return written

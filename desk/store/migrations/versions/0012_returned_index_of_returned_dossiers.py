"""A receive writes two index pages fewer (issue 16): the returned time's indexes hold
only the dossiers returned.

* ``ix_dossiers_returned_at`` (returned_at) is dropped: it is the first column of
  ``ix_dossiers_figures_returned``, which serves every query it served (the day's
  returned count and the period's figures: a range of returned times, never an order).
* ``ix_dossiers_figures_returned`` is made again for ``returned_at IS NOT NULL`` only:
  every query of it asks for a range of returned times, which no dossier still open is
  in. A dossier received is not returned, so neither index is written by a receive; on
  SQLite each was a page of the commit, the second one at a page of its own among the
  open dossiers (a receive's WAL pages, median: 46 → 44.5 on the 1,000,000-dossier
  bench office; ~0.1 ms of the desk's time a receive).

Both engines; the index is built again once (a few seconds on a million dossiers).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_FIGURES = "ix_dossiers_figures_returned"
# As schema 0009 made it (tables.FIGURE_GROUPS after the three).
_COLUMNS = [
    "returned_at",
    "satisfaction",
    "result_scanned",
    "field_code",
    "procedure_code",
    "clerk_id",
]
_RETURNED = "returned_at IS NOT NULL"


def upgrade() -> None:
    op.drop_index("ix_dossiers_returned_at", table_name="dossiers")
    op.drop_index(_FIGURES, table_name="dossiers")
    op.create_index(
        _FIGURES,
        "dossiers",
        _COLUMNS,
        sqlite_where=sa.text(_RETURNED),
        postgresql_where=sa.text(_RETURNED),
    )


def downgrade() -> None:
    op.drop_index(_FIGURES, table_name="dossiers")
    op.create_index(_FIGURES, "dossiers", _COLUMNS)
    op.create_index("ix_dossiers_returned_at", "dossiers", ["returned_at"])

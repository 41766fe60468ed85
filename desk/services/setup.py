"""Setting up an office: identity, catalogue, users."""

from __future__ import annotations

from pathlib import Path

from desk.domain.calendar import now_in_office
from desk.domain.catalogue import Catalogue, dump_catalogue, load_catalogue_file
from desk.domain.office import Office
from desk.resources import CATALOGUE_FILE
from desk.services.context import DeskContext
from desk.store import office as store_office


def save_office(ctx: DeskContext, office: Office) -> None:
    with ctx.db.write() as session:
        store_office.save_office(session, office, now_in_office())
    ctx.forget_cached()


def import_catalogue(ctx: DeskContext, catalogue: Catalogue | None = None) -> int:
    """Load (or replace) the procedure catalogue; the shipped seed catalogue by default."""
    catalogue = catalogue or load_catalogue_file(CATALOGUE_FILE)
    with ctx.db.write() as session:
        store_office.replace_catalogue(session, catalogue, now_in_office())
    ctx.forget_cached()
    return len(catalogue)


def full_catalogue(ctx: DeskContext) -> Catalogue:
    """Every procedure, withdrawn ones too (``ctx.catalogue()`` has only those offered)."""
    with ctx.db.read() as session:
        return store_office.load_catalogue(session, include_inactive=True)


def export_catalogue(ctx: DeskContext, out: Path) -> int:
    """Write the whole catalogue as the JSON that ``import_catalogue`` reads back."""
    catalogue = full_catalogue(ctx)
    Path(out).write_text(dump_catalogue(catalogue), encoding="utf-8")
    return len(catalogue)

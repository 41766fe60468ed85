"""The office's tables as SQLAlchemy Core sees them, for the statements that name columns
(``table.c.code``): a declarative model's ``__table__`` is typed as any ``FromClause``,
so the cast is made here once rather than in every module that reads."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from desk.store.models import (
    AuditEntryRow,
    DossierDocumentRow,
    DossierFeeRow,
    DossierPartyRow,
    DossierRow,
    KnownPersonRow,
    PersonRow,
    StatusEventRow,
    UserRow,
)

DOCUMENTS = cast(Table, DossierDocumentRow.__table__)
DOSSIERS = cast(Table, DossierRow.__table__)
EVENTS = cast(Table, StatusEventRow.__table__)
FEES = cast(Table, DossierFeeRow.__table__)
KNOWN_PEOPLE = cast(Table, KnownPersonRow.__table__)
LOG = cast(Table, AuditEntryRow.__table__)
PARTIES = cast(Table, DossierPartyRow.__table__)
PEOPLE = cast(Table, PersonRow.__table__)
USERS = cast(Table, UserRow.__table__)

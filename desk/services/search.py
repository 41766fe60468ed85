"""Finding dossiers: by code or ID number (exact), by name or phone (folded prefix)."""

from __future__ import annotations

import re

from desk.domain import limits
from desk.domain.access import Permission
from desk.domain.codes import DossierCode
from desk.domain.dossier import DossierSummary
from desk.domain.text import fold
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.store import search as store_search

PAGE_SIZE = 50
MIN_NAME_CHARS = 2


def search(
    ctx: DeskContext, query: str, *, limit: int = PAGE_SIZE, before_id: int | None = None
) -> list[DossierSummary]:
    """One page of matches, newest first; pass the last id seen as ``before_id`` for more.

    What is typed decides the search: a dossier code finds that dossier, 12 digits an ID
    number, other digits a phone prefix, anything else words of the applicant's name
    (diacritics ignored, đ = d, each word a prefix).
    """
    ctx.require(Permission.SEARCH)
    text = limits.SEARCH_TEXT.check(query)
    limit = limits.LIST_LIMIT.check(limit)
    with ctx.db.read() as session:
        if not text:
            return store_search.latest(session, limit=limit, before_id=before_id)
        if "-" in text and "." in text:
            try:
                code = DossierCode.parse(text)
            except InvalidInput:
                pass
            else:
                return [] if before_id else store_search.find_by_code(session, str(code))
        compact = text.replace(" ", "").replace(".", "")
        if re.fullmatch(r"[0-9]{12}", compact):
            return store_search.find_by_id_number(
                session, compact, limit=limit, before_id=before_id
            )
        if re.fullmatch(r"\+?[0-9]+", compact):
            return store_search.search_text(
                session, [compact.lstrip("+")], limit=limit, before_id=before_id
            )
        if len(fold(text).replace(" ", "")) < MIN_NAME_CHARS:
            raise InvalidInput(
                f"Nhập ít nhất {MIN_NAME_CHARS} chữ cái của tên để tìm.", code="search.too_short"
            )
        return store_search.search_text(session, text.split(), limit=limit, before_id=before_id)

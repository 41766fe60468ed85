"""Finding dossiers: by code or ID number (exact), by name or phone (folded prefix)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from desk.domain import limits
from desk.domain.access import Permission
from desk.domain.calendar import from_office_time
from desk.domain.codes import DossierCode
from desk.domain.dossier import DossierSummary
from desk.domain.text import fold
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.store import search as store_search
from desk.store import search_index as store_search_index

PAGE_SIZE = 50
MIN_NAME_CHARS = 2
TOO_SHORT = f"Nhập ít nhất {MIN_NAME_CHARS} chữ cái của tên để tìm."
# A query for ``Database.read_one``: given the store's session, the dossiers found.
_Lookup = Callable[[Any], list[DossierSummary]]
# The date and sequence part of a code, as read off a slip: "261130-0011", "H56-261130-11".
_DAY_SEQUENCE = re.compile(r"(?:[0-9A-Z.]*-)?([0-9]{6})-([0-9]{1,4})")


def _day_sequence(text: str) -> tuple[date, int] | None:
    match = _DAY_SEQUENCE.fullmatch(text.replace(" ", "").upper())
    if not match:
        return None
    raw_day, sequence = match[1], int(match[2])
    try:
        day = date(2000 + int(raw_day[:2]), int(raw_day[2:4]), int(raw_day[4:]))
    except ValueError:
        return None
    return (day, sequence) if sequence else None


def search(
    ctx: DeskContext, query: str, *, limit: int = PAGE_SIZE, before_id: int | None = None
) -> list[DossierSummary]:
    """One page of matches, newest received first; pass the last id seen as ``before_id``
    for more.

    What is typed decides the search: a dossier code (or its "261130-0011" part) finds that
    dossier, 12 digits an ID number, other digits a phone prefix, anything else words of a
    name — the applicant's or another person's on the dossier, such as the child's
    (diacritics ignored, đ = d, each word a prefix). A blank query is refused, as a
    one-letter one is: it would find everything.
    """
    ctx.require(Permission.SEARCH)
    text = limits.SEARCH_TEXT.check(query)
    limit = limits.LIST_LIMIT.check(limit)
    if not text:
        raise InvalidInput(
            f"Chưa nhập nội dung tìm. {TOO_SHORT}", code="search.blank", field="search"
        )
    exact = _exact_lookup(text, limit, before_id)
    if exact is not None:
        # One statement: one round trip to an office server (the scan-a-slip path).
        return ctx.db.read_one(exact)
    compact = text.replace(" ", "").replace(".", "")
    with ctx.db.read() as session:
        if re.fullmatch(r"\+?[0-9]+", compact):
            return store_search.search_text(
                session, [compact.lstrip("+")], limit=limit, before_id=before_id
            )
        if len(fold(text).replace(" ", "")) < MIN_NAME_CHARS:
            raise InvalidInput(TOO_SHORT, code="search.too_short", field="search")
        return store_search.search_text(
            session, text.split(), limit=limit, before_id=before_id, parties=True
        )


def merge_search_index(ctx: DeskContext) -> bool:
    """One bounded step of the search indexes' merging, which receives leave to the
    desk's pauses (``desk.store.search_index``); whether there may be more to do. Not a
    clerk's action: no permission asked, nothing a search finds changes."""
    return store_search_index.merge_step(ctx.db)


def _exact_lookup(text: str, limit: int, before_id: int | None) -> _Lookup | None:
    """The one-statement query for a code, a code's day and sequence, or an ID number;
    None when ``text`` is none of these (a name or a phone)."""
    if "-" in text and "." in text:
        try:
            code = DossierCode.parse(text)
        except InvalidInput:
            pass
        else:
            return _nothing if before_id else lambda s: store_search.find_by_code(s, str(code))
    day_sequence = _day_sequence(text)
    if day_sequence is not None:
        if before_id:
            return _nothing
        day, sequence = day_sequence
        start = from_office_time(datetime.combine(day, datetime.min.time()))
        return lambda s: store_search.find_by_day_sequence(
            s, day, sequence, start - timedelta(days=1), start + timedelta(days=2)
        )
    compact = text.replace(" ", "").replace(".", "")
    if re.fullmatch(r"[0-9]{12}", compact):
        return lambda s: store_search.find_by_id_number(
            s, compact, limit=limit, before_id=before_id
        )
    return None


def _nothing(_session: Any) -> list[DossierSummary]:
    return []

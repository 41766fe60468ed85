"""Letters of the commune People's Committee about a dossier: the apology with a new due
time (form 04) and the stop-processing notice (form 05).

They are the Committee's letters, not the desk's (Decree 30/2020/NĐ-CP on the format of
administrative documents): the header names the Committee in full, each letter has a
number drawn per year and kind when it is first issued, and the head signs for it. This
module holds the rules; the store keeps the issued letters, printing lays them out.

When a print is a reprint: a letter answers one event of the dossier's history — the
apology the reschedule event it announces, the notice the move to "stopped". Printing the
form again for the same event reprints the letter already issued (same number, same date,
same text); a new reschedule event calls for a new letter with a new number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desk.domain.dossier import Dossier, DueChangeKind, is_reschedule_event
from desk.domain.status import Status, StatusEvent
from desk.domain.text import clean
from desk.errors import InvalidInput

APOLOGY = "apology"  # form 04, the `desk print` name
STOP = "stop"  # form 05
LETTER_KINDS = (APOLOGY, STOP)

COMMITTEE = "ỦY BAN NHÂN DÂN"
# The words that open a commune-level unit's name (2025: xã, phường, đặc khu; a thị trấn
# still appears on older data).
_UNIT_WORDS = ("thị trấn", "đặc khu", "phường", "xã")
_COMMITTEE_PREFIXES = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")


def _unit_name(text: str) -> str:
    """``text`` if it opens with a unit word ("Xã Yên Lạc"), else ""."""
    text = clean(text)
    folded = text.casefold()
    for word in _UNIT_WORDS:
        if folded.startswith(word + " ") and len(text) > len(word) + 1:
            return text
    return ""


def commune_unit(commune: str, agency_name: str = "") -> str:
    """The commune as written after "Ủy ban nhân dân": "Xã Yên Lạc", "Phường Ba Đình".

    From the office's commune field; when it lacks the unit word ("Yên Lạc"), from the
    agency's name ("UBND XÃ YÊN LẠC"). Never guessed: xã or phường changes the letter."""
    found = _unit_name(commune)
    if not found:
        agency = clean(agency_name)
        for prefix in _COMMITTEE_PREFIXES:
            if agency.casefold().startswith(prefix + " "):
                found = _unit_name(agency[len(prefix) :])
                break
    if not found:
        raise InvalidInput(
            f"Không rõ «{clean(commune)}» là xã hay phường: ghi tên đơn vị kèm chữ «Xã …» "
            "hoặc «Phường …» trong thông tin cơ quan để in văn bản của Ủy ban nhân dân.",
            code="office.commune",
            field="commune",
        )
    return found


def committee_header(commune: str, agency_name: str = "") -> tuple[str, str]:
    """The two lines at the top left of a Committee letter: ("ỦY BAN NHÂN DÂN", "XÃ YÊN LẠC")."""
    return COMMITTEE, commune_unit(commune, agency_name).upper()


def committee_name(commune: str, agency_name: str = "") -> str:
    """The Committee named in a sentence: "Ủy ban nhân dân xã Yên Lạc"."""
    unit = commune_unit(commune, agency_name)
    return f"Ủy ban nhân dân {unit[:1].lower()}{unit[1:]}"


# --- who signs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signer:
    """How the head signs for the Committee (Decree 30/2020, Appendix I: TM., KT.)."""

    key: str  # "tm" or "kt", as configured and as the CLI takes it
    over: tuple[str, ...]  # the lines above the title
    title: str
    label: str  # for the print dialog


SIGNERS: Mapping[str, Signer] = {
    "tm": Signer("tm", ("TM. ỦY BAN NHÂN DÂN",), "CHỦ TỊCH", "Chủ tịch ký (TM. Ủy ban nhân dân)"),
    "kt": Signer("kt", ("KT. CHỦ TỊCH",), "PHÓ CHỦ TỊCH", "Phó Chủ tịch ký thay (KT. Chủ tịch)"),
}
DEFAULT_SIGNER = "tm"


def signer_for(key: str) -> Signer:
    try:
        return SIGNERS[clean(key).casefold()]
    except KeyError:
        raise InvalidInput(
            f"Cách ký «{key}» không có: dùng «tm» (Chủ tịch ký, TM. Ủy ban nhân dân) hoặc «kt» "
            "(Phó Chủ tịch ký thay, KT. Chủ tịch).",
            code="letter.signer",
            field="signer",
        ) from None


# --- the event a letter answers ----------------------------------------------------------


def answered_event(dossier: Dossier, kind: str) -> StatusEvent | None:
    """The event a letter of ``kind`` for the dossier answers now: the latest new due
    time (apology), the move to "stopped" (stop notice); None when there is none."""
    for event in reversed(dossier.events):
        if kind == APOLOGY and is_reschedule_event(event):
            return event
        if kind == STOP and event.to_status is Status.STOPPED:
            return event
    return None


def promised_due_times(dossier: Dossier) -> list[datetime]:
    """Every due time the citizen was given, oldest first: the legal one (the verdict's),
    then each new date of an apology (``Dossier.due_history``; a late or second one
    included), the current one last. Duplicates of the one before are left out."""
    history = dossier.due_history()
    times = [dossier.due_at]
    times += [change.due_at for change in history if change.kind is DueChangeKind.RESCHEDULED]
    if dossier.rescheduled_due_at is not None and times[-1] != dossier.rescheduled_due_at:
        # A supplement pause after the last new due time moved it on.
        if len(times) > 1:
            times[-1] = dossier.rescheduled_due_at
        else:
            times.append(dossier.rescheduled_due_at)
    kept: list[datetime] = []
    for moment in times:
        if not kept or kept[-1] != moment:
            kept.append(moment)
    return kept


# --- issued letters ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter as issued: its number in its kind and year, who issued it and when, and in
    ``detail`` what it said (so a reprint says the same)."""

    dossier_id: int
    kind: str
    year: int
    number: int
    issued_at: datetime
    issued_by_name: str
    issued_by_user_id: int | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def event_revision(self) -> int | None:
        value = self.detail.get("event_revision")
        return int(value) if value is not None else None


def issued_for(letters: Sequence[Letter], kind: str, event: StatusEvent) -> Letter | None:
    """The letter of ``kind`` already issued for ``event``, if any (then it is a reprint)."""
    for letter in letters:
        if letter.kind == kind and letter.event_revision == event.revision:
            return letter
    return None


def counter_kind(kind: str) -> str:
    """The per-year counter a kind of letter draws its numbers from."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"not a letter kind: {kind!r}")
    return f"letter.{kind}"

"""The period's figures counted in SQL (``desk.domain.figures`` says how a dossier counts).

Every count is a GROUP BY over the dossiers' rows and the columns the store keeps for the
figures (``timeliness``, ``office_fault``, ``satisfaction``, ``documents_scanned``,
``result_scanned``: ``desk.domain.figures.figure_facts``, written on every change). What
needs a dossier's history is judged by the domain on the few rows that need it: the
dossiers that waited for supplement papers and were still running when the period ended,
and the steps of a path (supplement requests, new due times, office faults), found through
the partial index ``ix_status_events_path``.

One query per kind of count; the same statements on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    Text,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from desk.domain.dossier import Channel, Timeliness
from desk.domain.figures import (
    FigureLine,
    Grouping,
    PathStep,
    Period,
    PeriodFigures,
    RunningState,
    path_step,
    running_state,
    total_of,
)
from desk.domain.handover import Satisfaction
from desk.domain.path_limits import FaultKind, office_faults_in
from desk.domain.status import Status, StatusEvent
from desk.domain.text import fold
from desk.store.dossiers import load_dossiers
from desk.store.models import (
    PATH_EVENTS,
    DossierRow,
    ProcedureRow,
    StatusEventRow,
    UserRow,
)

D = DossierRow
E = StatusEventRow
BATCH = 500  # dossiers loaded per round of queries (SQLite's bound parameters)
_SUPPLEMENT = int(Status.SUPPLEMENT_REQUESTED)
_REFUSED = int(Status.REFUSED)
_WITHDRAWN = int(Status.WITHDRAWN)
_STOPPED = int(Status.STOPPED)
_FAULT_STEPS = {
    FaultKind.EXTRA_SUPPLEMENT_REQUEST: PathStep.SUPPLEMENT_REQUEST,
    FaultKind.EXTRA_NEW_DUE_TIME: PathStep.NEW_DUE_TIME,
    FaultKind.LATE_NEW_DUE_TIME: PathStep.NEW_DUE_TIME,
}

Counts = dict[str, Counter[str]]  # group key → count name → value


@dataclass(frozen=True, slots=True)
class Bounds:
    """[start, end): the part of the period counted."""

    start: datetime
    end: datetime


def _group(grouping: Grouping) -> Any:
    """The group's key column. Labels are looked up once at the end (``_labels``), so the
    counts read only the figures' covering indexes, not the rows."""
    # Keys as expressions, not bare columns: grouped by a bare procedure_code, SQLite
    # walks that column's own index in order and reads every row of the office.
    if grouping is Grouping.FIELD:
        return func.coalesce(D.field_code, "")
    if grouping is Grouping.PROCEDURE:
        return func.coalesce(D.procedure_code, "")
    if grouping is Grouping.CLERK:
        return func.coalesce(cast(D.clerk_id, String), "")
    return literal("")


def _labels(session: Session, grouping: Grouping, keys: Iterable[str]) -> dict[str, str]:
    """The groups' names: a field's and a procedure's from the catalogue, a clerk's from
    the accounts; a key the catalogue no longer has, from one of its dossiers."""
    wanted = sorted(set(keys) - {""})
    if grouping is Grouping.OFFICE or not wanted:
        return {}
    if grouping is Grouping.CLERK:
        ids = [int(key) for key in wanted if key.isdigit()]
        found = session.execute(select(UserRow.id, UserRow.full_name).where(UserRow.id.in_(ids)))
        return {str(row_id): name for row_id, name in found}
    code, name, kept = (
        (ProcedureRow.field_code, ProcedureRow.field_name, D.field_name)
        if grouping is Grouping.FIELD
        else (ProcedureRow.code, ProcedureRow.name, D.procedure_name)
    )
    labels = {
        key: label
        for key, label in session.execute(
            select(code, func.max(name)).where(code.in_(wanted)).group_by(code)
        )
    }
    column = D.field_code if grouping is Grouping.FIELD else D.procedure_code
    for key in set(wanted) - set(labels):
        labels[key] = session.scalar(select(kept).where(column == key).limit(1)) or key
    return labels


def _between(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _open_at(session: Session, moment: datetime) -> ColumnElement[bool]:
    """Received before ``moment``, not refused, and neither finished nor stopped by then.
    Walked from the ``finished_at`` index: on SQLite the received time's index is kept
    out of it (the unary plus), or a year's office would be read to find a month's."""
    received: Any = D.received_at
    if session.get_bind().dialect.name == "sqlite":
        received = literal_column(f"+{D.__table__.name}.received_at")
    return and_(
        received < moment,
        D.status != _REFUSED,
        or_(D.finished_at.is_(None), D.finished_at >= moment),
    )


def _add(counts: Counts, key: Any, **values: int) -> None:
    counts[str(key or "")].update({name: int(value or 0) for name, value in values.items()})


def _number_of(condition: ColumnElement[bool]) -> Any:
    """How many rows meet ``condition``: one pass, where a GROUP BY on the condition's
    columns would sort a year of rows."""
    return func.sum(case((condition, 1), else_=0))


def _sums(session: Session, stmt: Any, names: Sequence[str], counts: Counts) -> None:
    for k, *values in session.execute(stmt):
        _add(counts, k, **dict(zip(names, values, strict=True)))


def _received(session: Session, period: Bounds, grouping: Grouping, counts: Counts) -> None:
    key = _group(grouping)
    kept = D.status != _REFUSED
    columns = {
        "refused": D.status == _REFUSED,
        "received_in_person": and_(kept, D.channel == int(Channel.IN_PERSON)),
        "received_online": and_(kept, D.channel == int(Channel.ONLINE)),
        "received_by_post": and_(kept, D.channel == int(Channel.POST)),
        "documents_scanned": and_(kept, D.documents_scanned.is_(True)),
        "paid": and_(kept, D.fees_cash + D.fees_transfer > 0),
        "paid_by_transfer": and_(kept, D.fees_transfer > 0),
    }
    # Fees of the dossiers received (a refused one pays none).
    fees = {
        "fees_cash": func.sum(case((kept, D.fees_cash), else_=0)),
        "fees_transfer": func.sum(case((kept, D.fees_transfer), else_=0)),
    }
    stmt = (
        select(key, *(_number_of(condition) for condition in columns.values()), *fees.values())
        .where(_between(D.received_at, period.start, period.end))
        .group_by(key)
    )
    _sums(session, stmt, [*columns, *fees], counts)


def _carried_over(session: Session, period: Bounds, grouping: Grouping, counts: Counts) -> None:
    key = _group(grouping)
    stmt = select(key, func.count()).where(_open_at(session, period.start)).group_by(key)
    for k, number in session.execute(stmt):
        _add(counts, k, carried_over=number)


def _finished(session: Session, period: Bounds, grouping: Grouping, counts: Counts) -> None:
    """By the verdict kept on the row (``figure_facts``): only finished dossiers have one."""
    key = _group(grouping)
    judged = D.timeliness.is_not(None)
    columns = {
        "stopped": D.status == _STOPPED,
        **{verdict.value: D.timeliness == verdict.value for verdict in Timeliness},
        "on_time_with_fault": and_(
            judged, D.timeliness != Timeliness.LATE.value, D.office_fault.is_(True)
        ),
        "withdrawn": and_(judged, D.status == _WITHDRAWN),
    }
    stmt = (
        select(key, *(_number_of(condition) for condition in columns.values()))
        .where(_between(D.finished_at, period.start, period.end), D.status != _REFUSED)
        .group_by(key)
    )
    _sums(session, stmt, list(columns), counts)


def _returned(session: Session, period: Bounds, grouping: Grouping, counts: Counts) -> None:
    key = _group(grouping)
    columns = {
        "returned": D.returned_at.is_not(None),
        "results_scanned": D.result_scanned.is_(True),
        **{f"rated_{s.name.lower()}": D.satisfaction == s.value for s in Satisfaction},
    }
    stmt = (
        select(key, *(_number_of(condition) for condition in columns.values()))
        .where(_between(D.returned_at, period.start, period.end))
        .group_by(key)
    )
    _sums(session, stmt, list(columns), counts)


def _running(session: Session, as_of: datetime, grouping: Grouping, counts: Counts) -> None:
    """Running at ``as_of``. A dossier that never waited for papers before then still has
    the due time set at intake, so it is judged on its row; the others by their history."""
    key = _group(grouping)
    paused = exists().where(E.dossier_id == D.id, E.to_status == _SUPPLEMENT, E.at < as_of)
    # ``desk.domain.figures.running_state`` on a history with no pause: overdue once past
    # the due time set at intake.
    late = case((D.due_at < as_of, True), else_=False)
    stmt = (
        select(key, late, func.count()).where(_open_at(session, as_of), ~paused).group_by(key, late)
    )
    for k, overdue, number in session.execute(stmt):
        state = RunningState.OVERDUE if overdue else RunningState.WITHIN_TIME
        _add(counts, k, **_running_counts(state, number))
    groups = {
        row_id: k
        for row_id, k in session.execute(select(D.id, key).where(_open_at(session, as_of), paused))
    }
    ids = sorted(groups)
    for first in range(0, len(ids), BATCH):
        for dossier in load_dossiers(session, ids[first : first + BATCH]):
            then = running_state(dossier, as_of)
            if then is not None:
                _add(counts, groups[dossier.id], **_running_counts(then, 1))


def _running_counts(state: RunningState, number: int) -> dict[str, int]:
    if state is RunningState.OVERDUE:
        return {"running_overdue": number}
    values = {"running_within_time": number}
    if state is RunningState.AWAITING_PAPERS:
        values["awaiting_papers"] = number
    return values


def _path_steps(
    session: Session, period: Bounds, grouping: Grouping, counts: Counts
) -> Counter[FaultKind]:
    """Supplement requests and new due times recorded in the period, and their faults.
    Steps alike (same group, statuses, note and detail) are judged once, with their
    number: a year of a large office has tens of thousands of them."""
    key = _group(grouping)
    detail = cast(E.detail, Text)  # JSON has no equality on PostgreSQL: grouped as text
    alike = (key, E.from_status, E.to_status, E.note, detail)
    stmt = (
        select(*alike, func.count())
        .select_from(E)
        .join(D, D.id == E.dossier_id)
        # The partial index's own condition, in brackets: it is an OR among the ANDs.
        .where(_between(E.at, period.start, period.end), text(f"({PATH_EVENTS})"))
        .group_by(*alike)
    )
    faults: Counter[FaultKind] = Counter()
    names = {
        PathStep.SUPPLEMENT_REQUEST: "supplement_requests",
        PathStep.NEW_DUE_TIME: "new_due_times",
    }
    for k, from_status, to_status, note, raw, number in session.execute(stmt):
        event = StatusEvent(
            at=period.start,  # when within the period does not change how it counts
            from_status=None if from_status is None else Status(from_status),
            to_status=Status(to_status),
            actor_name="",
            note=note,
            detail=json.loads(raw) if raw else {},
        )
        step = path_step(event)
        if step is None:
            continue
        values = {names[step]: number}
        kinds = [fault.kind for fault in office_faults_in([event])]
        faults.update({kind: number for kind in kinds})
        if any(_FAULT_STEPS[kind] is step for kind in kinds):
            values[f"{names[step]}_at_fault"] = number
        _add(counts, k, **values)
    return faults


def _line(key: str, label: str, values: Counter[str]) -> FigureLine:
    counts: dict[str, Any] = dict(values)
    return FigureLine(key=key, label=label, **counts)


def _lines(counts: Counts, labels: dict[str, str]) -> list[FigureLine]:
    lines = [_line(key, labels.get(key, ""), values) for key, values in counts.items()]
    # In Vietnamese alphabetical order (by the folded label: «Cấp» before «Chứng thực»).
    return sorted(lines, key=lambda line: (fold(line.label), line.label, line.key))


def period_figures(
    session: Session, period: Period, grouping: Grouping, as_of: datetime
) -> PeriodFigures:
    counts: Counts = defaultdict(Counter)
    # What happens after ``as_of`` (a month not over) is not counted yet.
    so_far = Bounds(period.start, min(as_of, period.end))
    for count in (_received, _carried_over, _finished, _returned):
        count(session, so_far, grouping, counts)
    _running(session, as_of, grouping, counts)
    faults = _path_steps(session, so_far, grouping, counts)
    lines = _lines(counts, _labels(session, grouping, counts))
    office = total_of(lines, label=Grouping.OFFICE.label)
    return PeriodFigures(
        period=period,
        as_of=as_of,
        grouping=grouping,
        office=office,
        lines=(office,) if grouping is Grouping.OFFICE else tuple(lines),
        faults={kind: faults[kind] for kind in FaultKind},
    )


def monthly_lines(
    session: Session, months: Sequence[Period], now: datetime
) -> list[tuple[Period, FigureLine]]:
    """What the supervisor's trend draws, month by month: the finished dossiers by verdict
    (the on-time rate) and the ratings given at hand-back. A month walks its own stretch
    of the covering indexes, so twelve cost twelve months, not twelve years."""
    lines = []
    for month in months:
        counts: Counts = defaultdict(Counter)
        so_far = Bounds(month.start, min(now, month.end))
        _finished(session, so_far, Grouping.OFFICE, counts)
        _returned(session, so_far, Grouping.OFFICE, counts)
        lines.append((month, _line("", month.label, counts[""])))
    return lines

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

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    String,
    Table,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from desk.domain.fees import PaymentMethod
from desk.domain.figures import (
    FigureLine,
    Grouping,
    PathStep,
    Period,
    PeriodFigures,
    RunningState,
    figure_facts,
    path_step,
    running_state,
    total_of,
)
from desk.domain.handover import Satisfaction
from desk.domain.path_limits import FaultKind, office_faults_in
from desk.domain.status import Status
from desk.domain.text import fold
from desk.store.dossiers import load_dossiers
from desk.store.models import (
    PATH_EVENTS,
    DossierFeeRow,
    DossierRow,
    StatusEventRow,
)
from desk.store.rows import event_from_row

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


def _group(grouping: Grouping) -> tuple[Any, Any]:
    """The group's key and label columns."""
    if grouping is Grouping.FIELD:
        return D.field_code, D.field_name
    if grouping is Grouping.PROCEDURE:
        return D.procedure_code, D.procedure_name
    if grouping is Grouping.CLERK:
        return func.coalesce(cast(D.clerk_id, String), ""), D.clerk_name
    return literal(""), literal("")


def _between(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _open_at(session: Session, moment: datetime) -> ColumnElement[bool]:
    """Received before ``moment``, not refused, and neither finished nor stopped by then.
    Walked from the ``finished_at`` index: on SQLite the received time's index is kept
    out of it (the unary plus), or a year's office would be read to find a month's."""
    received: Any = D.received_at
    if session.get_bind().dialect.name == "sqlite":
        received = literal_column(f"+{D.__tablename__}.received_at")
    return and_(
        received < moment,
        D.status != _REFUSED,
        or_(D.finished_at.is_(None), D.finished_at >= moment),
    )


def _add(counts: Counts, labels: dict[str, str], key: Any, label: Any, **values: int) -> None:
    key = str(key or "")
    labels.setdefault(key, str(label or ""))
    counts[key].update({name: int(value or 0) for name, value in values.items()})


def _received(
    session: Session, period: Bounds, grouping: Grouping, counts: Counts, labels: dict[str, str]
) -> None:
    key, label = _group(grouping)
    kept = D.status != _REFUSED

    def of(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    stmt = (
        select(
            key,
            func.max(label),
            of(D.status == _REFUSED),
            of(and_(kept, D.channel == 1)),
            of(and_(kept, D.channel == 2)),
            of(and_(kept, D.channel == 3)),
            of(and_(kept, D.documents_scanned.is_(True))),
        )
        .where(_between(D.received_at, period.start, period.end))
        .group_by(key)
    )
    for k, name, refused, in_person, online, post, scanned in session.execute(stmt):
        _add(
            counts,
            labels,
            k,
            name,
            refused=refused,
            received_in_person=in_person,
            received_online=online,
            received_by_post=post,
            documents_scanned=scanned,
        )


def _fees(
    session: Session, period: Bounds, grouping: Grouping, counts: Counts, labels: dict[str, str]
) -> None:
    """Fees of the dossiers received in the period, by how they were paid (a dossier's
    lines are paid one way: the clerk chooses it once at intake)."""
    key, label = _group(grouping)
    F = DossierFeeRow
    stmt = (
        select(
            key, func.max(label), F.method, func.sum(F.amount), func.count(F.dossier_id.distinct())
        )
        .select_from(D)
        .join(F, F.dossier_id == D.id)
        .where(
            _between(D.received_at, period.start, period.end), D.status != _REFUSED, F.amount > 0
        )
        .group_by(key, F.method)
    )
    for k, name, method, amount, dossiers in session.execute(stmt):
        transfer = PaymentMethod.of(method or "") is PaymentMethod.TRANSFER
        values = {"fees_transfer" if transfer else "fees_cash": amount, "paid": dossiers}
        if transfer:
            values["paid_by_transfer"] = dossiers
        _add(counts, labels, k, name, **values)


def _carried_over(
    session: Session, period: Bounds, grouping: Grouping, counts: Counts, labels: dict[str, str]
) -> None:
    key, label = _group(grouping)
    stmt = (
        select(key, func.max(label), func.count())
        .where(_open_at(session, period.start))
        .group_by(key)
    )
    for k, name, number in session.execute(stmt):
        _add(counts, labels, k, name, carried_over=number)


def _finished(
    session: Session, period: Bounds, grouping: Grouping, counts: Counts, labels: dict[str, str]
) -> None:
    key, label = _group(grouping)
    stmt = (
        select(key, func.max(label), D.status, D.timeliness, D.office_fault, func.count())
        .where(_between(D.finished_at, period.start, period.end), D.status != _REFUSED)
        .group_by(key, D.status, D.timeliness, D.office_fault)
    )
    for k, name, status, verdict, fault, number in session.execute(stmt):
        if status == _STOPPED:
            _add(counts, labels, k, name, stopped=number)
        elif verdict is not None:
            values = {str(verdict): number}
            if fault and verdict != "late":
                values["on_time_with_fault"] = number
            if status == _WITHDRAWN:
                values["withdrawn"] = number
            _add(counts, labels, k, name, **values)


def _returned(
    session: Session, period: Bounds, grouping: Grouping, counts: Counts, labels: dict[str, str]
) -> None:
    key, label = _group(grouping)
    stmt = (
        select(key, func.max(label), D.satisfaction, D.result_scanned, func.count())
        .where(_between(D.returned_at, period.start, period.end))
        .group_by(key, D.satisfaction, D.result_scanned)
    )
    rated = {s.value: f"rated_{s.name.lower()}" for s in Satisfaction}
    for k, name, satisfaction, scanned, number in session.execute(stmt):
        values = {"returned": number}
        if scanned:
            values["results_scanned"] = number
        if satisfaction in rated:
            values[rated[satisfaction]] = number
        _add(counts, labels, k, name, **values)


def _running(
    session: Session, as_of: datetime, grouping: Grouping, counts: Counts, labels: dict[str, str]
) -> None:
    """Running at ``as_of``. A dossier that never waited for papers before then still has
    the due time set at intake, so it is judged on its row; the others by their history."""
    key, label = _group(grouping)
    paused = exists().where(E.dossier_id == D.id, E.to_status == _SUPPLEMENT, E.at < as_of)
    # ``desk.domain.figures.running_state`` on a history with no pause: overdue once past
    # the due time set at intake.
    late = case((D.due_at < as_of, True), else_=False)
    stmt = (
        select(key, func.max(label), late, func.count())
        .where(_open_at(session, as_of), ~paused)
        .group_by(key, late)
    )
    for k, name, overdue, number in session.execute(stmt):
        state = RunningState.OVERDUE if overdue else RunningState.WITHIN_TIME
        _add(counts, labels, k, name, **_running_counts(state, number))
    groups = {
        row_id: (k, name)
        for row_id, k, name in session.execute(
            select(D.id, key, label).where(_open_at(session, as_of), paused)
        )
    }
    ids = sorted(groups)
    for first in range(0, len(ids), BATCH):
        for dossier in load_dossiers(session, ids[first : first + BATCH]):
            then = running_state(dossier, as_of)
            if then is not None:
                _add(counts, labels, *groups[dossier.id], **_running_counts(then, 1))


def _running_counts(state: RunningState, number: int) -> dict[str, int]:
    if state is RunningState.OVERDUE:
        return {"running_overdue": number}
    values = {"running_within_time": number}
    if state is RunningState.AWAITING_PAPERS:
        values["awaiting_papers"] = number
    return values


def _path_steps(
    session: Session, period: Bounds, grouping: Grouping, counts: Counts, labels: dict[str, str]
) -> Counter[FaultKind]:
    """Supplement requests and new due times recorded in the period, and their faults."""
    key, label = _group(grouping)
    stmt = (
        select(key, label, E)
        .join(D, D.id == E.dossier_id)
        # The partial index's own condition, in brackets: it is an OR among the ANDs.
        .where(_between(E.at, period.start, period.end), text(f"({PATH_EVENTS})"))
    )
    faults: Counter[FaultKind] = Counter()
    names = {
        PathStep.SUPPLEMENT_REQUEST: "supplement_requests",
        PathStep.NEW_DUE_TIME: "new_due_times",
    }
    for k, name, row in session.execute(stmt):
        event = event_from_row(row)
        step = path_step(event)
        if step is None:
            continue
        values = {names[step]: 1}
        kinds = [fault.kind for fault in office_faults_in([event])]
        faults.update(kinds)
        if any(_FAULT_STEPS[kind] is step for kind in kinds):
            values[f"{names[step]}_at_fault"] = 1
        _add(counts, labels, k, name, **values)
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
    labels: dict[str, str] = {}
    # What happens after ``as_of`` (a month not over) is not counted yet.
    so_far = Bounds(period.start, min(as_of, period.end))
    for count in (_received, _fees, _carried_over, _finished, _returned):
        count(session, so_far, grouping, counts, labels)
    _running(session, as_of, grouping, counts, labels)
    faults = _path_steps(session, so_far, grouping, counts, labels)
    lines = _lines(counts, labels)
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
    """What the supervisor's trend draws, month by month, in two queries: the finished
    dossiers by verdict (the on-time rate) and the ratings given at hand-back."""
    bounds = [month.start for month in months] + [months[-1].end]

    def month_of(column: Any) -> Any:
        return case(*((column < bound, index) for index, bound in enumerate(bounds[1:])), else_=-1)

    finished_month = month_of(D.finished_at)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    stmt = (
        select(finished_month, D.timeliness, D.office_fault, func.count())
        .where(_between(D.finished_at, bounds[0], bounds[-1]), D.timeliness.is_not(None))
        .group_by(finished_month, D.timeliness, D.office_fault)
    )
    for index, verdict, fault, number in session.execute(stmt):
        counts[index][str(verdict)] += number
        if fault and verdict != "late":
            counts[index]["on_time_with_fault"] += number
    returned_month = month_of(D.returned_at)
    rated = {s.value: f"rated_{s.name.lower()}" for s in Satisfaction}
    stmt = (
        select(returned_month, D.satisfaction, func.count())
        .where(_between(D.returned_at, bounds[0], bounds[-1]))
        .group_by(returned_month, D.satisfaction)
    )
    for index, satisfaction, number in session.execute(stmt):
        counts[index]["returned"] += number
        if satisfaction in rated:
            counts[index][rated[satisfaction]] += number
    return [(month, _line("", month.label, counts[i])) for i, month in enumerate(months)]


# --- the columns kept for the figures ---------------------------------------------------------


_TABLE: Table = D.__table__  # type: ignore[assignment]
_WRITE_FACTS = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"))
    .values(
        timeliness=bindparam("timeliness", type_=String),
        office_fault=bindparam("office_fault", type_=Boolean),
        satisfaction=bindparam("satisfaction", type_=String),
        documents_scanned=bindparam("documents_scanned", type_=Boolean),
        result_scanned=bindparam("result_scanned", type_=Boolean),
    )
)


def refresh_figure_columns(connection: Connection, dossier_ids: Iterable[int] | None = None) -> int:
    """Write the figures' columns of these dossiers (all when None) from what they hold:
    the schema upgrade that added the columns fills them so. Returns how many were
    written."""
    session = Session(bind=connection)
    if dossier_ids is None:
        ids = list(session.scalars(select(D.id).order_by(D.id)))
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
                }
            )
        if rows:
            connection.execute(_WRITE_FACTS, rows)
            written += len(rows)
    return written

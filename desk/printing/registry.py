"""The printable forms by their `desk print` names, and which dossiers each applies to.

The CLI and the GUI use this to offer only the forms that make sense for a dossier and to
explain, in Vietnamese, why a form cannot be printed for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desk.domain.calendar import WorkingCalendar, now_in_office
from desk.domain.catalogue import Procedure
from desk.domain.dossier import Dossier, Timeliness
from desk.domain.office import Office
from desk.domain.status import Status, allowed_next
from desk.errors import InvalidInput
from desk.printing.control import render_control
from desk.printing.declaration import TITLE as DECLARATION_TITLE
from desk.printing.declaration import render_declaration
from desk.printing.notices import (
    Apology,
    Refusal,
    StopNotice,
    SupplementRequest,
    render_apology,
    render_refusal,
    render_stop,
    render_supplement,
)
from desk.printing.paper import A4, A5, ROLL80
from desk.printing.slip import render_slip
from desk.printing.templates import DEFAULT_TEMPLATE_SET

BIRTH_REGISTRATION = "1.001193"


def _reachable_from(start: Status) -> frozenset[Status]:
    """``start`` and every status the domain's transitions lead to from it."""
    found = {start}
    todo = [start]
    while todo:
        for following in allowed_next(todo.pop()):
            if following not in found:
                found.add(following)
                todo.append(following)
    return frozenset(found)


# Every status a dossier can be in once a desk received it (the forms of an accepted
# dossier: slip, control sheet, apology).
_ACCEPTED = _reachable_from(Status.RECEIVED)
# The apology letter is not for a dossier that ended without a result.
_APOLOGY_STATUSES = _ACCEPTED - {Status.WITHDRAWN, Status.STOPPED}


def _needs_apology(dossier: Dossier, now: datetime) -> bool:
    """Printing's rule, from the domain's facts: the citizen was given a new due time, or
    the dossier is overdue now, or its result came late."""
    return (
        dossier.rescheduled_due_at is not None
        or dossier.is_overdue(now)
        or dossier.timeliness() is Timeliness.LATE
    )


@dataclass(frozen=True, slots=True)
class FormSpec:
    name: str  # the CLI name
    description: str  # Vietnamese, for menus and error messages
    render: Callable[..., bytes]
    statuses: frozenset[Status]  # statuses the dossier may be in
    parameters: type | None = None  # the object the renderer takes after the dossier
    needs_procedure: bool = False  # the renderer takes the Procedure after the dossier
    needs_calendar: bool = False  # the renderer counts working time (``calendar=``)
    papers: tuple[str, ...] = (A5, A4)
    default_paper: str = A5
    condition: Callable[[Dossier, datetime], bool] | None = None  # beyond the status
    condition_text: str = ""  # what the condition means, for the error message

    def render_for(
        self,
        office: Office,
        dossier: Dossier,
        *,
        procedure: Procedure | None = None,
        parameters: object | None = None,
        paper: str | None = None,
        template_set: str = DEFAULT_TEMPLATE_SET,
        now: datetime | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> bytes:
        """Check that the form applies, then render it with what it needs (the procedure
        for the slip and the control slip, the office's calendar for the control slip, the
        parameter object for forms 02–05)."""
        self.check(dossier, now)
        args: list[object] = [office, dossier]
        if self.needs_procedure:
            if procedure is None:
                raise InvalidInput(
                    f"Cần thủ tục {dossier.procedure_code} để in {self.description}.",
                    code="print.missing",
                )
            args.append(procedure)
        if self.parameters is not None:
            if not isinstance(parameters, self.parameters):
                raise InvalidInput(
                    f"Chưa nhập đủ nội dung để in {self.description}.", code="print.missing"
                )
            args.append(parameters)
        options: dict[str, object] = {}
        if self.needs_calendar:
            options["calendar"] = calendar
        return self.render(
            *args, paper=paper or self.default_paper, template_set=template_set, **options
        )

    def applies_to(self, dossier: Dossier, now: datetime | None = None) -> bool:
        if dossier.status not in self.statuses:
            return False
        return self.condition is None or self.condition(dossier, now or now_in_office())

    def check(self, dossier: Dossier, now: datetime | None = None) -> None:
        """Raise ``InvalidInput`` (Vietnamese message) unless the form applies."""
        if dossier.status not in self.statuses:
            allowed = ", ".join(f"«{s.label}»" for s in sorted(self.statuses))
            raise InvalidInput(
                f"Không in được {self.description} cho hồ sơ {dossier.code}: hồ sơ đang ở "
                f"trạng thái «{dossier.status.label}»; mẫu này chỉ dùng cho hồ sơ {allowed}.",
                code="print.not_applicable",
            )
        if not self.applies_to(dossier, now):
            raise InvalidInput(
                f"Không in được {self.description} cho hồ sơ {dossier.code}: "
                f"{self.condition_text}.",
                code="print.not_applicable",
            )


FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        FormSpec(
            "slip",
            "giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            render_slip,
            _ACCEPTED,
            needs_procedure=True,
            papers=(A5, A4, ROLL80),
        ),
        FormSpec(
            "supplement",
            "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            render_supplement,
            frozenset({Status.SUPPLEMENT_REQUESTED}),
            parameters=SupplementRequest,
        ),
        FormSpec(
            "refusal",
            "phiếu từ chối tiếp nhận giải quyết hồ sơ",
            render_refusal,
            frozenset({Status.REFUSED}),
            parameters=Refusal,
        ),
        FormSpec(
            "apology",
            "văn bản xin lỗi và hẹn lại ngày trả kết quả",
            render_apology,
            _APOLOGY_STATUSES,
            parameters=Apology,
            condition=_needs_apology,
            condition_text="hồ sơ chưa quá hạn và chưa được hẹn lại ngày trả kết quả",
        ),
        FormSpec(
            "stop",
            "thông báo dừng giải quyết hồ sơ",
            render_stop,
            frozenset({Status.STOPPED}),
            parameters=StopNotice,
        ),
        FormSpec(
            "control",
            "phiếu kiểm soát quá trình giải quyết hồ sơ",
            render_control,
            _ACCEPTED,
            needs_procedure=True,  # the coordinating bodies and step allowances are its data
            needs_calendar=True,
        ),
        FormSpec(
            "declaration",
            DECLARATION_TITLE.lower(),
            render_declaration,
            frozenset(Status) - {Status.REFUSED},
            default_paper=A4,
            condition=lambda dossier, _now: dossier.procedure_code == BIRTH_REGISTRATION,
            condition_text="tờ khai này chỉ dùng cho thủ tục đăng ký khai sinh",
        ),
    )
}

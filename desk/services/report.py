"""The periodic report (form 06a, ``desk report``): the period's figures
(``desk.services.figures``) laid out by the office's report layout, written as an XLSX
workbook or a PDF, and logged (who drew up which report into which file)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from desk.atomic import check_output_path, write_atomically, write_failure
from desk.domain.access import Permission
from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.figures import Grouping, Period, PeriodFigures
from desk.domain.report_layout import ReportLayout, office_report_layout
from desk.domain.text import terminal_safe
from desk.errors import InvalidInput
from desk.services.audit import record_report_written
from desk.services.context import DeskContext
from desk.services.figures import period_figures, service_index

REPORT_FORM = "report-06a"  # the form named in the log
FORMATS = {".xlsx": "xlsx", ".pdf": "pdf"}


def report_format(out: Path) -> str:
    """«xlsx» or «pdf», from the file's name; anything else is refused."""
    found = FORMATS.get(Path(out).suffix.lower())
    if found is None:
        raise InvalidInput(
            f"Tệp báo cáo {terminal_safe(str(out))} phải có đuôi .xlsx (bảng tính) hoặc .pdf "
            "(bản in).",
            code="report.format",
        )
    return found


def report_layout(ctx: DeskContext) -> ReportLayout:
    """The report's columns this office uses (its own file, or the shipped one)."""
    return office_report_layout(ctx.config.data_dir)


def report_bytes(
    ctx: DeskContext,
    figures: PeriodFigures,
    kind: str,
    *,
    issued_on: date,
    prepared_by: str = "",
) -> bytes:
    """The report of ``figures`` as ``kind`` («xlsx», «pdf»)."""
    layout = report_layout(ctx)
    index = service_index(ctx)
    if kind == "xlsx":
        from desk.printing.report_xlsx import render_report_xlsx

        return render_report_xlsx(
            ctx.office, figures, layout, index, issued_on=issued_on, prepared_by=prepared_by
        )
    from desk.printing.period_report import render_period_report

    return render_period_report(
        ctx.office, figures, layout, index, issued_on=issued_on, prepared_by=prepared_by
    )


def write_report(
    ctx: DeskContext,
    period: Period,
    grouping: Grouping,
    out: Path,
    *,
    now: datetime | None = None,
) -> Path:
    """Write the report to ``out`` (XLSX or PDF by its suffix): atomically, readable by
    this OS user only, only to a new or regular file (``check_output_path``); then log it.
    """
    user = ctx.require(Permission.REPORTS)
    out = Path(out)
    kind = report_format(out)
    check_output_path(out, out.suffix)
    now = now or now_in_office()
    figures = period_figures(ctx, period, grouping, now=now)
    data = report_bytes(
        ctx, figures, kind, issued_on=to_office_time(now).date(), prepared_by=user.full_name
    )
    try:
        write_atomically(out, data, private=True)
    except OSError as exc:
        raise write_failure(exc, out, code="report.write") from None
    record_report_written(
        ctx,
        user,
        f"report:{period.first_day.isoformat()}..{period.last_day.isoformat()}",
        {
            "form": REPORT_FORM,
            "first_day": period.first_day.isoformat(),
            "last_day": period.last_day.isoformat(),
            "grouping": grouping.value,
            "format": kind,
            "file": out.name,
        },
    )
    return out

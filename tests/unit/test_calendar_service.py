"""The calendar as the command line asks for it: a year's days, due times, corrections."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ, DayKind
from desk.errors import DeskError, InvalidInput, NotFound
from desk.services import calendar
from desk.services.context import DeskContext

MONDAY_28_12_9 = datetime(2026, 12, 28, 9, 0, tzinfo=OFFICE_TZ)


def test_a_year_lists_its_named_days_off_and_its_swapped_saturdays(ctx: DeskContext) -> None:
    year = calendar.year_calendar(ctx, 2026)
    names = {day.day: day.name for day in year.days_off}
    assert names[date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert names[date(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"
    assert all(day.day.year == 2026 for day in year.days_off)
    assert [(o.day, o.name) for o in year.extra_working_days] == [
        (date(2026, 8, 22), "Làm việc bù")
    ]


@pytest.mark.parametrize("year", [1899, 2200])
def test_a_year_outside_the_calendar_is_refused(ctx: DeskContext, year: int) -> None:
    with pytest.raises(InvalidInput, match="1900–2199"):
        calendar.year_calendar(ctx, year)


def test_an_office_not_set_up_says_so_before_anything_else(tmp_path: Path) -> None:
    empty = DeskContext.open(DeskConfig(data_dir=tmp_path / "empty"))
    try:
        with pytest.raises(DeskError, match="desk setup"):
            calendar.year_calendar(empty, 1800)
        with pytest.raises(DeskError, match="desk setup"):
            calendar.due_terms(empty, "9.999999", MONDAY_28_12_9)
    finally:
        empty.close()


def test_due_terms_take_the_longer_time_only_where_the_procedure_has_one(
    ctx: DeskContext,
) -> None:
    # Đăng ký khai tử: same day normally, 3 working days when checks are needed.
    normal = calendar.due_terms(ctx, "1.000656", MONDAY_28_12_9)
    checked = calendar.due_terms(ctx, "1.000656", MONDAY_28_12_9, needs_checks=True)
    assert normal.due_at == datetime(2026, 12, 28, 17, 0, tzinfo=OFFICE_TZ)
    assert checked.due_at == datetime(2026, 12, 31, 9, 0, tzinfo=OFFICE_TZ)
    assert (normal.needs_checks, checked.needs_checks) == (False, True)
    assert checked.processing_label == "3 ngày làm việc"
    # Cấp Giấy xác nhận tình trạng hôn nhân has no longer time: checks change nothing.
    plain = calendar.due_terms(ctx, "1.004873", MONDAY_28_12_9)
    asked = calendar.due_terms(ctx, "1.004873", MONDAY_28_12_9, needs_checks=True)
    assert plain == asked
    assert asked.due_at == datetime(2026, 12, 31, 9, 0, tzinfo=OFFICE_TZ)


def test_an_unknown_procedure_is_not_found(ctx: DeskContext) -> None:
    with pytest.raises(NotFound, match="Không có thủ tục"):
        calendar.due_terms(ctx, "9.999999", MONDAY_28_12_9)


def test_a_correction_moves_due_times_at_once_and_can_be_taken_back(ctx: DeskContext) -> None:
    def due() -> datetime:
        return calendar.due_terms(ctx, "1.004873", MONDAY_28_12_9).due_at

    assert due() == datetime(2026, 12, 31, 9, 0, tzinfo=OFFICE_TZ)
    override = calendar.put_override(ctx, date(2026, 12, 29), DayKind.OFF)
    assert override.name == "Nghỉ theo thông báo"
    assert due() == datetime(2027, 1, 4, 9, 0, tzinfo=OFFICE_TZ)  # 1/1 is a holiday too
    calendar.remove_override(ctx, date(2026, 12, 29))
    assert due() == datetime(2026, 12, 31, 9, 0, tzinfo=OFFICE_TZ)


def test_a_swapped_saturday_is_listed_with_its_notice(ctx: DeskContext) -> None:
    calendar.put_override(ctx, date(2026, 12, 26), DayKind.WORK, "Thông báo 12/TB")
    calendar.put_override(ctx, date(2026, 12, 19), DayKind.WORK, " ")
    extra = calendar.year_calendar(ctx, 2026).extra_working_days
    assert (date(2026, 12, 26), "Thông báo 12/TB") in [(o.day, o.name) for o in extra]
    assert (date(2026, 12, 19), "Làm việc bù") in [(o.day, o.name) for o in extra]


def test_a_second_correction_of_a_day_replaces_the_first(ctx: DeskContext) -> None:
    calendar.put_override(ctx, date(2026, 12, 26), DayKind.WORK)
    calendar.put_override(ctx, date(2026, 12, 26), DayKind.OFF, "Đổi lại")
    year = calendar.year_calendar(ctx, 2026)
    assert date(2026, 12, 26) not in [o.day for o in year.extra_working_days]
    calendar.remove_override(ctx, date(2026, 12, 26))
    with pytest.raises(InvalidInput, match="không có điều chỉnh"):
        calendar.remove_override(ctx, date(2026, 12, 26))

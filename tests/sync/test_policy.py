"""The sync result policy (desk/domain/outbox.py) and the reading of a province change:
plain values, no simulator, no database."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desk.domain.calendar import OFFICE_TZ
from desk.domain.outbox import (
    AttentionItem,
    AttentionKind,
    RunOutcome,
    SyncResult,
)
from desk.domain.status import Status
from desk.sync.items import ProvinceChange, parse_province_time, province_time
from desk.sync.report import OUTCOME_EXIT, SyncReport


def test_the_enums_keep_the_strings_of_the_wire_and_the_database() -> None:
    assert [str(r) for r in SyncResult] == [
        "accepted",
        "duplicate",
        "stale",
        "conflict",
        "rejected",
    ]
    assert {str(k) for k in AttentionKind} == {
        "rejected",
        "conflict",
        "feed_unknown",
        "feed_illegal",
        "feed_invalid",
        "file_missing",
        "file_refused",
        "province_changed",
        "set_aside",
        "feed_cleaned",
    }
    assert {str(o) for o in RunOutcome} == {
        "running",
        "ok",
        "attention",
        "offline",
        "config",
        "failed",
        "cancelled",
    }
    # A member is its string: as a key, in JSON, in a format.
    counts: dict[str, int] = {SyncResult.ACCEPTED: 1}
    assert counts["accepted"] == 1
    assert json.dumps({SyncResult.STALE: RunOutcome.OK}) == '{"stale": "ok"}'
    assert f"{AttentionKind.FEED_ILLEGAL}" == "feed_illegal"


def test_every_answer_is_final_and_only_conflicts_and_rejections_need_a_person() -> None:
    assert all(result.is_final for result in SyncResult)
    needing = {r for r in SyncResult if r.needs_attention}
    assert needing == {SyncResult.CONFLICT, SyncResult.REJECTED}
    for result in needing:
        assert AttentionKind.for_result(result) == result
        assert result.default_reason
    with pytest.raises(ValueError):
        AttentionKind.for_result(SyncResult.ACCEPTED)


def test_labels_are_vietnamese_and_only_province_refusals_can_be_resent() -> None:
    assert SyncResult.ACCEPTED.label == "Tỉnh đã nhận"
    assert AttentionKind.REJECTED.label == "Tỉnh từ chối"
    assert all(kind.label for kind in AttentionKind)
    assert all(outcome.label for outcome in RunOutcome)
    assert {k for k in AttentionKind if k.resendable} == {
        AttentionKind.REJECTED,
        AttentionKind.CONFLICT,
        AttentionKind.SET_ASIDE,  # a stuck batch a supervisor set aside (issue 12)
    }
    now = datetime(2026, 11, 22, 9, 0, tzinfo=OFFICE_TZ)
    item = AttentionItem(1, AttentionKind.CONFLICT, "X-1", 3, "khác", now, dossier_id=7)
    assert item.can_resend
    assert not AttentionItem(2, AttentionKind.CONFLICT, "X-1", 3, "khác", now).can_resend
    assert not AttentionItem(3, AttentionKind.FEED_UNKNOWN, "X-2", None, "?", now).can_resend


def test_outcomes_give_the_exit_codes_of_desk_sync() -> None:
    assert OUTCOME_EXIT == {
        RunOutcome.OK: 0,
        RunOutcome.ATTENTION: 3,
        RunOutcome.OFFLINE: 4,
        RunOutcome.CONFIG: 2,
        RunOutcome.FAILED: 1,
        RunOutcome.CANCELLED: 130,
    }
    report = SyncReport(started_at=datetime(2026, 11, 22, 9, 0, tzinfo=OFFICE_TZ))
    report.outcome = RunOutcome.ATTENTION
    stored = report.to_dict()
    assert stored["outcome"] == "attention" and type(stored["outcome"]) is str
    assert set(stored["counts"]) == {str(r) for r in SyncResult}
    assert report.exit_code == 3
    assert report.lines()[0] == RunOutcome.ATTENTION.label


def test_a_province_change_is_read_leniently() -> None:
    change = ProvinceChange.read(
        {
            "MaHoSo": " 000.17.22.h56-261122-0007 ",
            "TrangThaiHoSo": "9",
            "ThoiDiem": "20261122101500",
            "NgayHenTra": "2026112",  # not a timestamp
            "GhiChu": "  Xong  ",
            "NguoiXuLy": None,
            "extra": [1, 2],
        }
    )
    assert change.code == "000.17.22.H56-261122-0007"
    assert change.status is Status.RESULT_READY
    assert change.at == datetime(2026, 11, 22, 10, 15, tzinfo=OFFICE_TZ)
    assert change.due is None and change.finished is None
    assert change.note == "Xong" and change.by == ""
    assert "extra" not in change.detail and change.detail["TrangThaiHoSo"] == "9"
    unreadable = ProvinceChange.read({"MaHoSo": "A", "TrangThaiHoSo": "mười"})
    assert unreadable.status is None and unreadable.status_text == "mười"
    assert ProvinceChange.read({"TrangThaiHoSo": "99"}).status is None


def test_province_times_go_there_and_back() -> None:
    moment = datetime(2026, 11, 22, 8, 30, 5, tzinfo=OFFICE_TZ)
    assert parse_province_time(province_time(moment)) == moment
    for bad in ("", "20261322083000", "2026112208300x", None, 20261122083000):
        assert parse_province_time(bad) is None

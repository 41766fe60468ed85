"""The province's items written by orjson (issue 16): a sync body has the very bytes the
json module wrote, an export line parses to the very item (its keys in the same order),
the province simulator's content hash is the same whichever encoder wrote it, and the
province's time of an instant is the same on the fast path as through the zone's rules;
the simulator's replies are canonical bytes too."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.calendar import OFFICE_TZ
from desk.store.models import instant_from_db, instant_to_db
from desk.sync.items import item_json, province_time
from desk.sync.simulator.store import SimulatorStore, canonical, decode_body

# Vietnamese letters and marks, controls, quotes, backslashes, line and paragraph
# separators, astral characters: all of Unicode but lone surrogates (no UTF-8 for them).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12) | st.sampled_from(
    ["Nguyễn Thị Ánh Tuyết", "Giấy chứng nhận quyền sử dụng đất", "\x00\x1f\x7f\b\f\r\n\t"]
)
INTEGER = st.integers(min_value=-(2**63), max_value=2**63 - 1)
SCALAR = st.none() | st.booleans() | INTEGER | TEXT
JSON = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=30,
)


def _old_line(item: Any) -> str:
    """How the export wrote a line before (the json module, its default separators)."""
    return json.dumps(item, ensure_ascii=False)


def _pairs(text: str | bytes) -> Any:
    """The line as the json module reads it, every object as its pairs in order."""
    return json.loads(text, object_pairs_hook=list)


def sample_item() -> dict[str, Any]:
    return {
        "MaHoSo": "000.17.22.H56-261122-0007",
        "PhienBan": 3,
        "ChuHoSo": "Trần Văn Đức",
        "TrichYeuHoSo": 'Đăng ký khai sinh cho con "bé Na"\nghi chú\\',
        "GhiChu": None,
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": 50_000, "HinhThucThu": ""}],
        "TienDo": [[["lồng", ["nhau"]], []], {"z": 1, "a": [None, True, False]}],
        "Email": "",
    }


@settings(max_examples=150, deadline=None)
@given(JSON)
def test_an_item_has_the_json_modules_compact_bytes(value: Any) -> None:
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    assert item_json(value) == compact


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(TEXT, JSON, max_size=6))
def test_an_export_line_parses_to_the_same_item_in_the_same_key_order(item: Any) -> None:
    line = item_json(item)
    assert b"\n" not in line  # one item, one line
    assert _pairs(line) == _pairs(_old_line(item))
    assert json.loads(line) == item


def test_a_dossier_like_item_reads_back_the_same_from_its_line() -> None:
    item = sample_item()
    line = item_json(item).decode("utf-8")
    assert _pairs(line) == _pairs(_old_line(item))
    assert list(json.loads(line)) == list(item)  # the fields in the province's order
    assert "Trần Văn Đức" in line  # written as themselves, not as \\u escapes


@settings(max_examples=150, deadline=None)
@given(JSON)
def test_the_simulators_canonical_bytes_are_the_same_with_either_encoder(value: Any) -> None:
    assert canonical(value, plain=True) == canonical(value, plain=False)


def test_what_orjson_refuses_is_written_by_the_json_module() -> None:
    values: list[Any] = [{"Gia": 2**70}, {"n": -(2**64)}, {"a": [[[[[[]]]]]] * 2}]
    for value in values:
        assert canonical(value, plain=True) == canonical(value, plain=False)
    deep: Any = []
    for _ in range(300):  # past orjson's depth
        deep = [deep]
    assert canonical(deep, plain=True) == canonical(deep, plain=False)
    # A lone surrogate (the json module reads "\ud800") has no UTF-8: refused as before.
    data, plain = decode_body(b'{"GhiChu":"\\ud800"}')
    assert plain
    with pytest.raises(UnicodeEncodeError):
        canonical(data, plain=True)


def test_a_body_with_a_float_or_a_constant_is_not_plain_and_keeps_the_json_modules_form() -> None:
    assert decode_body(b'{"data":[{"PhienBan":1,"GhiChu":"1.5"}]}') == (
        {"data": [{"PhienBan": 1, "GhiChu": "1.5"}]},
        True,
    )
    for body in (b'{"a":1.5}', b'{"a":1e16}', b'{"a":-0.0}', b'{"a":NaN}', b"[Infinity]"):
        data, plain = decode_body(body)
        assert not plain
        assert (
            canonical(data)
            == json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
        )
    data, _ = decode_body(b'{"a":1e16}')
    assert canonical(data) == b'{"a":1e+16}'  # the json module's form, as before


def test_the_province_time_is_the_zones_for_every_instant_read_back() -> None:
    start = datetime(1940, 1, 1, tzinfo=UTC)
    step = timedelta(hours=97, minutes=13, seconds=7)
    for n in range(0, 11_000, 3):
        moment = start + step * n
        expected = moment.astimezone(OFFICE_TZ).strftime("%Y%m%d%H%M%S")
        assert province_time(instant_from_db(instant_to_db(moment, "sqlite"))) == expected
        assert province_time(moment) == expected
        assert province_time(moment.astimezone(OFFICE_TZ)) == expected


def test_the_simulator_answers_in_canonical_bytes_and_skips_fsync(tmp_path: Path) -> None:
    store = SimulatorStore(tmp_path)
    try:
        # A test double: no fsync (0 = OFF), so that it weighs less in the sync bench.
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 0
        items: list[dict[str, Any]] = [{"MaHoSo": "X-1", "PhienBan": 1, "GhiChu": "Ghi chú"}]
        items.append({"MaHoSo": "X-2"})
        encoded = [canonical(item, plain=True) for item in items]
        reply = store.store_batch("b1", "h", "X", items, ["", "Thiếu"], encoded, plain=True)
        assert reply.encode() == canonical(json.loads(reply))  # keys sorted, as orjson wrote
        assert json.loads(reply)["results"][1]["message"] == "Thiếu"
        assert store.known_batch("b1") == ("h", reply)  # a replay sends the same bytes
    finally:
        store.close()

"""The log's canonical bytes (``desk.domain.audit.canonical``) are written by orjson where
it writes what ``json`` writes, by ``json`` elsewhere: the bytes, and so every digest and
every hash of the chain, are those ``json`` always made, and its errors are the same."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain import audit
from desk.domain.audit import AuditAction, canonical
from desk.domain.status import Status


def _json_bytes(value: Any) -> bytes:
    """What ``canonical`` wrote before orjson: the reference."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=audit._plain
    ).encode("utf-8")


class _Kind(Enum):
    PLAIN = 1.5  # an enum of floats: orjson would write its value its own way


class _Text(str):
    pass


_INSTANTS = st.datetimes(
    min_value=datetime(1900, 1, 1), timezones=st.sampled_from([UTC, timezone(timedelta(hours=7))])
)
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    _INSTANTS,
    st.dates(),
    st.sampled_from([*Status, *AuditAction, _Kind.PLAIN]),
)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=8), inner, max_size=5),
    ),
    max_leaves=30,
)


@settings(max_examples=400)
@given(_VALUES)
def test_the_bytes_are_json_s_for_any_value(value: Any) -> None:
    assert canonical(value) == _json_bytes(value)


def test_a_receive_s_values_are_written_by_orjson_with_json_s_bytes() -> None:
    """What a dossier's entry hashes: rows of texts, numbers and None, instants, statuses."""
    at = datetime(2026, 12, 3, 4, 5, 6, 789, tzinfo=UTC)
    state = {
        "code": "000.17.22.H56-261203-0001",
        "applicant_name": 'Nguyễn Thị Hương «\u2028» "q" \\ \x00\x1f\x7f 😀',
        "sequence": 1,
        "rescheduled_due_at": None,
        "needs_checks": False,
        "form_data": '{"a": "B\\u1ea3n"}',
    }
    content = {
        "seq": 10,
        "at": at,
        "actor_user_id": None,
        "detail": {"statuses": [[None, Status.RECEIVED]], "events": 1, "é": 1, "Z": 2, "z": 3},
        "days": (date(2026, 1, 2),),
    }
    for value in (state, content, [state, state], {"rows": [state], "empty": {}}):
        assert audit._orjson_writes_it(value)
        assert canonical(value) == _json_bytes(value)


@pytest.mark.parametrize(
    "value",
    [
        1e-05,
        [float("nan")],
        {"x": {"y": [float("inf")]}},
        {"kind": _Kind.PLAIN},
        {"raw": b"\x01\xff"},
    ],
)
def test_what_orjson_would_write_otherwise_goes_to_json(value: Any) -> None:
    assert not audit._orjson_writes_it(value)
    assert canonical(value) == _json_bytes(value)


@pytest.mark.parametrize(
    "value",
    [
        {1: "a", 2: "b"},  # keys json turns into texts
        {_Text("b"): 1, "a": 2},  # a key that is a subclass of str (SQLAlchemy's names)
        {"n": 2**64},  # past orjson's integers
    ],
)
def test_what_orjson_refuses_is_written_by_json(value: Any) -> None:
    assert audit._orjson_writes_it(value)
    assert canonical(value) == _json_bytes(value)


def test_the_errors_are_json_s() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        canonical({"at": datetime(2026, 1, 1)})
    with pytest.raises(UnicodeEncodeError):
        canonical({"name": "\ud800"})
    with pytest.raises(TypeError, match="not canonical JSON"):
        canonical({"x": object()})
    with pytest.raises(TypeError):
        canonical({1: "a", "b": 2})  # keys json cannot sort


def test_chained_entries_hash_json_s_bytes_of_their_numbered_content() -> None:
    """``chained`` hashes each entry's content with its number before copying it once:
    the hashes are those of the numbered entry's content in ``json``'s bytes."""
    at = datetime(2026, 12, 3, 11, 0, tzinfo=timezone(timedelta(hours=7)))
    entries = [
        audit.AuditEntry(
            seq=0,
            at=at + timedelta(seconds=n),
            actor_user_id=n or None,
            actor_name="Nguyễn Thị Hương",
            action=AuditAction.DOSSIER_RECEIVED.value,
            subject=f"000.17.22.H56-261203-{n:04d}",
            detail={"revision": 1, "statuses": [[None, Status.RECEIVED]], "events": 1},
        )
        for n in range(3)
    ]
    prev = "ab" * 32
    for offset, entry in enumerate(audit.chained(entries, prev, 41)):
        numbered = {**entries[offset].content(), "seq": 41 + offset}
        expected = hashlib.sha256(prev.encode("ascii") + _json_bytes(numbered)).hexdigest()
        assert (entry.seq, entry.prev_hash, entry.hash) == (41 + offset, prev, expected)
        assert entry.detail == entries[offset].detail and entry.at == entries[offset].at
        prev = entry.hash

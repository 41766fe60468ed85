"""Dossier statuses and their transitions (DOMAIN §2)."""

from __future__ import annotations

import itertools

import pytest

from desk.domain.status import Status, allowed_next, check_transition
from desk.errors import IllegalTransition

S = Status

# The paths DOMAIN §2 names, written out from the table and the "usual paths" paragraph.
# Open states are those a dossier can still be withdrawn or stopped from: submitted
# online, received, processing, awaiting supplement, awaiting payment.
OPEN = (S.SUBMITTED_ONLINE, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED)
LEGAL = {
    (S.SUBMITTED_ONLINE, S.RECEIVED),  # an online submission is received at the desk
    (S.SUBMITTED_ONLINE, S.REFUSED),  # … or refused at intake
    (S.RECEIVED, S.PROCESSING),  # 2 → 4
    (S.PROCESSING, S.RESULT_READY),  # 4 → 9
    (S.RESULT_READY, S.RETURNED),  # 9 → 10
    (S.PROCESSING, S.SUPPLEMENT_REQUESTED),  # 4 → 5
    (S.SUPPLEMENT_REQUESTED, S.PROCESSING),  # 5 → 4
    (S.PROCESSING, S.PAYMENT_REQUESTED),  # 4 → 6
    (S.PAYMENT_REQUESTED, S.PROCESSING),  # 6 → 4
    (S.RECEIVED, S.RESULT_READY),  # same-day "5 tại chỗ": 2 → 9 → 10
} | {(state, exit_) for state in OPEN for exit_ in (S.WITHDRAWN, S.STOPPED)}

FINAL = (S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RETURNED)

ILLEGAL = sorted(set(itertools.product(Status, Status)) - LEGAL)

VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ")


def looks_vietnamese(text: str) -> bool:
    return any(ch in VIETNAMESE_LETTERS for ch in text.lower())


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_every_legal_transition_is_accepted(current: Status, target: Status) -> None:
    check_transition(current, target)  # does not raise
    assert target in allowed_next(current)


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_other_transition_is_refused(current: Status, target: Status) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(current, target)
    assert target not in allowed_next(current)
    error = caught.value
    assert error.code == "dossier.illegal_transition"
    assert looks_vietnamese(error.message)
    # The clerk sees the state the dossier is in, by its Vietnamese name.
    assert current.label in error.message


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.RECEIVED, S.RETURNED),  # cannot hand back a result that is not ready
        (S.PROCESSING, S.RETURNED),
        (S.SUPPLEMENT_REQUESTED, S.RESULT_READY),  # papers must arrive first
        (S.RESULT_READY, S.PROCESSING),  # no going back once done
        (S.RECEIVED, S.REFUSED),  # refusal happens at intake, not after receipt
        (S.RESULT_READY, S.WITHDRAWN),
        (S.PROCESSING, S.RECEIVED),
    ],
)
def test_illegal_transition_names_both_states(current: Status, target: Status) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(current, target)
    message = str(caught.value)
    assert message.startswith("Không thực hiện được")
    assert current.label in message
    assert target.label in message


@pytest.mark.parametrize("final", FINAL)
def test_final_statuses_have_no_exits(final: Status) -> None:
    assert final.is_final
    assert allowed_next(final) == frozenset()
    for target in Status:
        with pytest.raises(IllegalTransition, match="trạng thái cuối"):
            check_transition(final, target)


def test_only_the_final_statuses_are_final() -> None:
    assert {s for s in Status if s.is_final} == set(FINAL)
    for status in Status:
        if not status.is_final:
            assert allowed_next(status), f"{status!r} is not final but has no way out"


def test_finished_statuses_for_the_on_time_rate() -> None:
    # DOMAIN §9: finished dossiers are codes 7, 9 and 10.
    assert {int(s) for s in Status if s.is_finished} == {7, 9, 10}


def test_national_codes() -> None:
    assert [int(s) for s in Status] == list(range(1, 11))
    assert S.RECEIVED == 2
    assert S.SUPPLEMENT_REQUESTED == 5
    assert S.RETURNED == 10


@pytest.mark.parametrize(
    ("code", "label"),
    [
        (1, "Mới đăng ký"),
        (2, "Được tiếp nhận"),
        (3, "Không được tiếp nhận"),
        (4, "Đang xử lý"),
        (5, "Yêu cầu bổ sung giấy tờ"),
        (6, "Yêu cầu thực hiện nghĩa vụ tài chính"),
        (7, "Công dân yêu cầu rút hồ sơ"),
        (8, "Dừng xử lý"),
        (9, "Đã xử lý xong"),
        (10, "Đã trả kết quả"),
    ],
)
def test_labels_are_the_national_vietnamese_ones(code: int, label: str) -> None:
    assert Status(code).label == label


def test_the_usual_paths_can_be_walked() -> None:
    paths = [
        [S.RECEIVED, S.PROCESSING, S.RESULT_READY, S.RETURNED],
        [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PROCESSING, S.RESULT_READY],
        [S.RECEIVED, S.PROCESSING, S.PAYMENT_REQUESTED, S.PROCESSING, S.STOPPED],
        [S.RECEIVED, S.RESULT_READY, S.RETURNED],
        [S.SUBMITTED_ONLINE, S.RECEIVED, S.WITHDRAWN],
    ]
    for path in paths:
        for current, target in itertools.pairwise(path):
            check_transition(current, target)
